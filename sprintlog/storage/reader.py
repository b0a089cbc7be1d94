"""Running the typed queries and statements of storage/sql/ on either backend.

A ``Reader`` runs one ``Query`` (or ``Insert``) text: through the standard library's
sqlite3 on an SQLite journal and through psycopg on a PostgreSQL server, so that no
command a learner runs during a sprint imports SQLAlchemy (its import alone costs a
server command more than the command itself); inside an ORM command's session (the
structural work) the same text runs through SQLAlchemy's connection. Parameters are
written ``:name``: sqlite3 takes that style itself, ``server_text`` turns it into
psycopg's ``%(name)s`` (and doubles a literal ``%``) as ``sqlalchemy.text()`` does for
the ORM's connection, so the text stays one text. Types are made alike
here, in both directions, by the one converter (values.py): dates and times go to sqlite3 as
the text SQLAlchemy stores and come back from it as text, while psycopg gives and takes
objects; a time comes back aware, in UTC, as the ORM's (SQLModel's UTCDateTime) does.
"""

import functools
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sprintlog.storage import dialects
from sprintlog.storage.values import from_db, to_sqlite

if TYPE_CHECKING:
    from collections.abc import Callable

    import psycopg
    from sqlalchemy.engine import Connection, CursorResult
    from sqlmodel import Session

Row = tuple[Any, ...]
BATCH = 1000  # rows fetched at a time by ``Reader.stream``


@dataclass(frozen=True)
class Column:
    """A result column: ``table.column`` when it is one of a table's, else a plain name."""

    name: str
    type: type

    @property
    def table_column(self) -> tuple[str, str] | None:
        table, dot, column = self.name.partition(".")
        return (table, column) if dot else None

    @property
    def label(self) -> str:
        """The name the database gives the column (what the SQL selects it as)."""
        return self.name.rpartition(".")[2]


def columns(*specs: tuple[str, type]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in specs)


@dataclass(frozen=True)
class Query:
    """A SELECT written once; ``{name}`` marks one of the few dialect fragments (dialects.py)."""

    text: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Insert:
    """An INSERT of one row into ``table``, its text made from the columns it writes.

    ``returning``: the column the database numbers, given back (None for a table keyed
    by what is written, like ``setting`` or ``acronym``).
    """

    table: str
    columns: tuple[Column, ...]
    returning: str | None = "id"

    @property
    def text(self) -> str:
        names = ", ".join(column.label for column in self.columns)
        values = ", ".join(f":{column.label}" for column in self.columns)
        returning = f" RETURNING {self.returning}" if self.returning else ""
        return f"INSERT INTO {self.table} ({names}) VALUES ({values}){returning}"


@dataclass(frozen=True)
class Change:
    """An UPDATE or DELETE of ``table`` written once, as the edit commands run it.

    ``sets`` names the columns an UPDATE writes, so that the tests check them against the
    models (tests/test_queries.py); a DELETE sets none.
    """

    text: str
    table: str
    sets: tuple[Column, ...] = ()


def convert(query: Query, rows: list) -> list[Row]:
    made = _converters(query.columns)
    return [tuple([to(value) for to, value in zip(made, row, strict=True)]) for row in rows]


@functools.lru_cache(maxsize=256)
def _converters(kinds: tuple[Column, ...]) -> tuple["Callable[[Any], Any]", ...]:
    """from_db for each column, with the values that need nothing done passed straight
    through (a listing of 100,000 entries converts a million values)."""
    return tuple(_converter(column.type) for column in kinds)


def _converter(kind: type) -> "Callable[[Any], Any]":
    if kind is int:
        return lambda value: value if value is None or type(value) is int else from_db(int, value)
    if kind is str:
        return lambda value: value if value is None or type(value) is str else from_db(str, value)
    return functools.partial(from_db, kind)


class Reader:
    """Runs queries in the caller's transaction; ``dialect`` says which SQL fragments apply."""

    dialect: str = "sqlite"
    # what it runs on, one of the three below
    connection: "sqlite3.Connection | psycopg.Connection[Any] | Connection"

    def _run(self, text: str, params: dict[str, Any]) -> list:
        raise NotImplementedError

    def labels(self, query: Query, **params: Any) -> list[str]:
        """The names of the columns the database answers ``query`` with (for the tests)."""
        raise NotImplementedError

    def _count(self, text: str, params: dict[str, Any]) -> int:
        raise NotImplementedError

    def sql(self, query: Query | Insert | Change) -> str:
        return (
            query.text.format_map(dialects.FRAGMENTS[self.dialect])
            if isinstance(query, Query)
            else query.text
        )

    def rows(self, query: Query, **params: Any) -> list[Row]:
        return convert(query, self._run(self.sql(query), params))

    def stream(self, query: Query, **params: Any) -> Iterator[Row]:
        """The rows of ``query`` as the database gives them, a batch at a time: a long
        listing holds one batch in memory, not the whole answer."""
        for batch in self._batches(self.sql(query), params):
            yield from convert(query, batch)

    def _batches(self, text: str, params: dict[str, Any]) -> Iterator[list]:
        yield self._run(text, params)  # one batch: what a runner without a cursor gives

    def first(self, query: Query, **params: Any) -> Row | None:
        found = self.rows(query, **params)
        return found[0] if found else None

    def value(self, query: Query, **params: Any) -> Any:
        """The one value of a one-column query (None when there is no row)."""
        row = self.first(query, **params)
        return row[0] if row is not None else None

    def insert(self, insert: Insert, **values: Any) -> int:
        """Insert one row; returns its id (1, the rows written, for a table without one)."""
        missing = {column.label for column in insert.columns} ^ set(values)
        if missing:
            raise TypeError(f"insert into {insert.table}: columns {sorted(missing)} not matched")
        if insert.returning is None:
            return self._count(insert.text, values)
        return int(self._run(insert.text, values)[0][0])

    def change(self, change: Change, **params: Any) -> int:
        """Run one UPDATE or DELETE; returns how many rows it touched."""
        return self._count(change.text, params)


class SqliteReader(Reader):
    """On a bare sqlite3 connection (SQLite journals; no SQLAlchemy)."""

    dialect = "sqlite"
    connection: sqlite3.Connection

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _run(self, text: str, params: dict[str, Any]) -> list:
        return self.connection.execute(
            text, {key: to_sqlite(value) for key, value in params.items()}
        ).fetchall()

    def _count(self, text: str, params: dict[str, Any]) -> int:
        return self.connection.execute(
            text, {key: to_sqlite(value) for key, value in params.items()}
        ).rowcount

    def _batches(self, text: str, params: dict[str, Any]) -> Iterator[list]:
        cursor = self.connection.execute(
            text, {key: to_sqlite(value) for key, value in params.items()}
        )
        while batch := cursor.fetchmany(BATCH):
            yield batch

    def labels(self, query: Query, **params: Any) -> list[str]:
        params = {key: to_sqlite(value) for key, value in params.items()}
        cursor = self.connection.execute(self.sql(query), params)
        cursor.fetchall()
        return [item[0] for item in cursor.description]


# A ``:name`` parameter, as sqlalchemy.text() finds them (not ``::type``, not ``\\:``).
_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


@functools.lru_cache(maxsize=512)
def server_text(text: str) -> str:
    """``text`` in psycopg's parameter style: ``:name`` is ``%(name)s``, ``%`` is ``%%``."""
    return _PARAMETER.sub(r"%(\1)s", text.replace("%", "%%")).replace("\\:", ":")


class ServerReader(Reader):
    """On a bare psycopg connection (PostgreSQL journals; no SQLAlchemy)."""

    dialect = "postgresql"
    connection: "psycopg.Connection[Any]"

    def __init__(self, connection: "psycopg.Connection[Any]") -> None:
        self.connection = connection

    def _run(self, text: str, params: dict[str, Any]) -> list:
        return self.connection.execute(server_text(text), params).fetchall()

    def _count(self, text: str, params: dict[str, Any]) -> int:
        return self.connection.execute(server_text(text), params).rowcount

    def _batches(self, text: str, params: dict[str, Any]) -> Iterator[list]:
        # A named (server-side) cursor: the server sends the rows a batch at a time.
        with self.connection.cursor(name="sprintlog_stream") as cursor:
            cursor.execute(server_text(text), params)
            while batch := cursor.fetchmany(BATCH):
                yield batch

    def labels(self, query: Query, **params: Any) -> list[str]:
        cursor = self.connection.execute(server_text(self.sql(query)), params)
        cursor.fetchall()
        return [column.name for column in cursor.description or ()]


class ConnectionReader(Reader):
    """Through an SQLAlchemy connection: a server's, or an ORM command's on SQLite."""

    connection: "Connection"

    def __init__(self, connection: "Connection") -> None:
        self.connection = connection
        self.dialect = connection.dialect.name

    def _execute(self, text: str, params: dict[str, Any]) -> "CursorResult[Any]":
        from sqlalchemy import text as sql_text

        if self.dialect == "sqlite":  # the pysqlite driver stores dates as given: as ours
            params = {key: to_sqlite(value) for key, value in params.items()}
        return self.connection.execute(sql_text(text), params)

    def _run(self, text: str, params: dict[str, Any]) -> list:
        return [tuple(row) for row in self._execute(text, params)]

    def _count(self, text: str, params: dict[str, Any]) -> int:
        return int(self._execute(text, params).rowcount)

    def labels(self, query: Query, **params: Any) -> list[str]:
        result = self._execute(self.sql(query), params)
        names = list(result.keys())
        result.fetchall()
        return names


def of_session(session: "Session") -> Reader:
    """The reader of an ORM command's transaction (the same queries, inside it)."""
    return ConnectionReader(session.connection())
