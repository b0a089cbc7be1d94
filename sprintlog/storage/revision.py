"""A journal's schema revision: the one place that reads it (Alembic's ``alembic_version``).

Read with plain SQL, so the everyday check never imports Alembic.
"""

import sqlite3
from typing import TYPE_CHECKING

from sprintlog.errors import JournalError
from sprintlog.storage.reader import Query, Reader, columns

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.engine import Connection, Engine

# The newest revision in migrations/versions; tests/test_migrations.py keeps them equal.
HEAD = "0008"

_QUERY = "SELECT version_num FROM alembic_version"


def _single(rows: "Sequence[Sequence[str]]") -> str | None:
    """Alembic writes exactly one row; anything else is no revision we can trust."""
    return rows[0][0] if len(rows) == 1 else None


def in_sqlite_file(connection: sqlite3.Connection) -> list[str]:
    """Every revision row of an SQLite journal (one, in a sprintlog journal)."""
    return [row[0] for row in connection.execute(_QUERY).fetchall()]


def still_head(connection: sqlite3.Connection, shown: str) -> None:
    """The journal was at HEAD when opened; make sure no other sprintlog changed that since."""
    if in_sqlite_file(connection) != [HEAD]:
        raise JournalError(
            f"the journal {shown} was changed to another schema revision while opening it; "
            "try again"
        )


def in_connection(connection: "Connection") -> str | None:
    """The revision seen through an SQLAlchemy connection; None when there is none yet."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return _single(connection.execute(text(_QUERY)).all())


def on_server(engine: "Engine") -> str | None:
    """The revision of a journal on a server, through an SQLAlchemy engine (see of_server)."""
    from sprintlog.storage.reader import ConnectionReader

    with engine.connect() as connection:
        return of_server(ConnectionReader(connection))


# On a server, through a Reader (so without SQLAlchemy on the daily path): whether the
# revision table is there (to_regclass: in the schemas the search path names, as
# SQLAlchemy's has_table looks), its rows, and the tables of the current schema.
_HAS_REVISION = Query(
    "SELECT to_regclass('alembic_version') IS NOT NULL AS found", columns(("found", bool))
)
_REVISIONS = Query(_QUERY, columns(("version_num", str)))
_TABLES = Query(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
    columns(("tablename", str)),
)


def of_server(reader: Reader) -> str | None:
    """The revision of a journal on a server (Alembic, SQLAlchemy and the models unloaded).

    Raises JournalError when the database holds sprintlog's tables without a revision:
    something else made them, and upgrading would collide with them.
    """
    if reader.value(_HAS_REVISION):
        return _single(reader.rows(_REVISIONS))
    tables = {row[0] for row in reader.rows(_TABLES)}
    # Only here, for a database without a revision (new, or made by something else): the
    # models cost every command on a server that imports them (the ORM, pydantic).
    from sprintlog.models import SQLModel

    clashing = sorted(tables & set(SQLModel.metadata.tables))
    if clashing:
        raise JournalError(
            f"the database has tables named {', '.join(clashing)} but is not a sprintlog "
            "journal; use an empty database"
        )
    return None
