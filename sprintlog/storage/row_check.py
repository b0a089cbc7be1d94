"""Values in an SQLite journal that sprintlog cannot read, named by table and row.

SQLite stores whatever a row is given: a journal written by another tool may hold
``entry.day = 'garbage'``. Read through the ORM such a value is a traceback, and in a
report's date ranges it silently drops out. This finds such rows so the error names them.

What a command checks before it reads costs the same however many entries the journal
holds:

- every table through its indexes. In an index a value of the wrong kind sorts apart
  from the good ones (numbers before text, blobs after it; a day outside 0001 to 9999
  outside the days), so one range probe per indexed column finds it, however many rows
  there are. Those are the columns that queries range over, join on and look a row up
  by: where a bad value would drop out of an answer unnoticed instead of failing;
- the settings and the timer, which do not grow, in full;
- for a command that reads through the ORM, also the tables a person fills by hand
  (sprints, goals, tasks, the reading list, breaks, questions, acronyms) in full: the
  ORM hands a text or whole-number column's value over unchecked, so a bad one would be
  shown or copied rather than refused. Those tables grow with the sprints, not with the
  entries or what is imported (entries, their goals and tags, import records).

A command that reads through the typed queries (storage/reader.py) converts every value
it reads by its declared type, inside its transaction: a bad value there fails, and so
does one the ORM reads as a date or a time. The journal is then checked in full
(``everything``), so that the error names the row rather than showing a traceback.
(Remembering a clean check instead is not possible cheaply: ``PRAGMA data_version``
counts changes within one connection only, and a write in WAL mode need not bump the
file's change counter, so another program's change to an old row would go unseen.)
"""

import sqlite3
from dataclasses import dataclass

from sprintlog.errors import JournalError

_DIGITS_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_MAX_NAMED = 3
# Tables that do not grow with the journal (a row per setting, one timer): checked in full.
_FIXED = ("setting", "timer")
# Tables that grow with the entries and imports: only probed, unless checking everything.
_WITH_ENTRIES = ("entry", "entrygoal", "entry_tag", "import_source")


def refuse_bad_values(
    connection: sqlite3.Connection, shown: str, *, everything: bool, typed_reads: bool = False
) -> None:
    """Raise a JournalError naming the rows whose values sprintlog cannot read, if any.

    Without ``everything`` its cost does not grow with the entries; with ``typed_reads``
    (a command reading through storage/reader.py) not with the sprints either.
    """
    found = _bad_rows(connection, everything=everything, typed_reads=typed_reads)
    if found:
        more = f" (and {len(found) - _MAX_NAMED} more)" if len(found) > _MAX_NAMED else ""
        raise JournalError(
            f"the journal {shown} holds values sprintlog cannot read: "
            f"{'; '.join(found[:_MAX_NAMED])}{more}. Correct or delete these rows with an "
            "SQLite tool, or restore a backup (sprintlog db restore)"
        )


def _bad_rows(connection: sqlite3.Connection, *, everything: bool, typed_reads: bool) -> list[str]:
    found: list[str] = []
    for table in _tables(connection):
        probed = table.name in _WITH_ENTRIES or typed_reads
        if everything or table.name in _FIXED or not probed:
            found += _bad_in_table(connection, table)
        else:
            found += _bad_in_indexes(connection, table)
    return found


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[tuple[str, str, int]]  # (name, declared type, place in the primary key)
    indexed: set[str]  # the columns that lead an index

    @property
    def key(self) -> str:
        """The primary key's columns, in key order, as a select list."""
        ordered = sorted((place, name) for name, _, place in self.columns if place)
        return ", ".join(f'"{name}"' for _, name in ordered)


def _tables(connection: sqlite3.Connection) -> list[_Table]:
    """The journal's tables. Its schema was checked to be sprintlog's own (schema_check.py),
    so the types it declares are the models' (read here without importing them)."""
    rows = connection.execute(
        "SELECT m.name, c.name, c.type, c.pk FROM sqlite_master AS m "
        "JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table' "
        "AND m.name NOT LIKE 'sqlite%' AND m.name != 'alembic_version' ORDER BY m.name, c.cid"
    ).fetchall()
    leading = connection.execute(
        "SELECT m.tbl_name, i.name FROM sqlite_master AS m JOIN pragma_index_info(m.name) AS i "
        "WHERE m.type = 'index' AND i.seqno = 0"
    ).fetchall()
    tables: dict[str, _Table] = {}
    for table, column, declared, key in rows:
        found = tables.setdefault(table, _Table(table, [], set()))
        found.columns.append((column, declared, key))
    for table, column in leading:
        if table in tables:
            tables[table].indexed.add(column)
    return list(tables.values())


def _bad_in_table(connection: sqlite3.Connection, table: _Table) -> list[str]:
    found = []
    for column, declared, _ in table.columns:
        valid, kind = _valid(column, declared)
        found += _found(
            connection, table, column, f'"{column}" IS NOT NULL AND NOT ({valid})', kind
        )
    return found


def _bad_in_indexes(connection: sqlite3.Connection, table: _Table) -> list[str]:
    """The bad values of the indexed columns, found by a range probe of each index."""
    found = []
    for column, declared, _ in table.columns:
        if column in table.indexed:
            outside = _outside(column, declared)
            found += _found(connection, table, column, outside, _valid(column, declared)[1])
    return found


def _found(
    connection: sqlite3.Connection, table: _Table, column: str, where: str, kind: str
) -> list[str]:
    rows = connection.execute(
        f'SELECT {table.key}, "{column}" FROM "{table.name}" WHERE {where} LIMIT {_MAX_NAMED + 1}'
    ).fetchall()
    return [_describe(table.name, row[:-1], column, row[-1], kind) for row in rows]


def _valid(column: str, declared: str) -> tuple[str, str]:
    """An SQL condition true for a value the ORM reads as the column's type, and that type."""
    name = f'"{column}"'
    declared = declared.upper()
    if declared == "DATETIME":
        head = f"substr({name}, 1, 19)"
        return (
            f"typeof({name}) = 'text' AND {name} GLOB '{_DIGITS_DATE} [0-9][0-9]:[0-9][0-9]:*' "
            f"AND datetime({head}, '+0 days') = {head}",
            "a date and time",
        )
    if declared == "DATE":
        return (
            # '+0 days' makes SQLite carry 2025-02-30 over to March, so it differs.
            f"typeof({name}) = 'text' AND {name} GLOB '{_DIGITS_DATE}' "
            f"AND date({name}, '+0 days') = {name}",
            "a date",
        )
    if declared == "BOOLEAN":
        return f"typeof({name}) = 'integer' AND {name} IN (0, 1)", "true or false"
    if declared == "INTEGER":
        return f"typeof({name}) = 'integer'", "a whole number"
    return f"typeof({name}) = 'text'", "text"


def _outside(column: str, declared: str) -> str:
    """An SQL condition on the column's index range where no good value sorts.

    SQLite orders numbers before text and text before blobs; a column declared as text
    turns numbers into text when they are stored, so only a blob can be wrong there.
    Good days and times sort between 0001-01-01 and 9999-12-31 (a malformed one between
    them fails when read). A whole-number column may also hold a fraction, which sorts
    among the whole numbers: reading it as a number gives its whole part.
    """
    name = f'"{column}"'
    declared = declared.upper()
    if declared in ("DATE", "DATETIME"):
        last = "9999-12-31" if declared == "DATE" else "9999-12-31 99"
        return f"({name} < '0001-01-01' OR {name} > '{last}')"
    if declared == "BOOLEAN":
        return f"({name} < 0 OR {name} > 1)"
    if declared == "INTEGER":
        return f"{name} >= ''"
    return f"{name} >= x''"


def _describe(table: str, key: tuple, column: str, value: object, kind: str) -> str:
    row = ", ".join(str(part) for part in key)
    if kind == "text" or not isinstance(value, str):
        shown = f"a value of type {type(value).__name__}"
    else:
        shown = repr(value[:40] + ("…" if len(value) > 40 else ""))
    return f"{table} {row}: {column} holds {shown}, not {kind}"
