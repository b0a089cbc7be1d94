"""Values in an SQLite journal that sprintlog cannot read, named by table and row.

SQLite stores whatever a row is given: a journal written by another tool may hold
``entry.day = 'garbage'``. Read through the ORM such a value is a traceback, and in a
report's date ranges it silently drops out. This finds such rows so the error names them.
"""

import sqlite3
from typing import TYPE_CHECKING

from sprintlog.errors import JournalError

if TYPE_CHECKING:
    from sqlalchemy import Column, Table

_DIGITS_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_MAX_NAMED = 3
# Tables that grow with the years: checked in full only when reading failed.
_GROWING = ("entry", "entrygoal")


def refuse_bad_values(connection: sqlite3.Connection, shown: str, *, everything: bool) -> None:
    """Raise a JournalError naming the rows whose values sprintlog cannot read, if any.

    Without ``everything`` it costs a fixed few milliseconds: the small tables in full,
    and entries' days through their index (a day outside 0001 to 9999 sorts outside it).
    """
    found = _bad_rows(connection, everything=everything)
    if found:
        more = f" (and {len(found) - _MAX_NAMED} more)" if len(found) > _MAX_NAMED else ""
        raise JournalError(
            f"the journal {shown} holds values sprintlog cannot read: "
            f"{'; '.join(found[:_MAX_NAMED])}{more}. Correct or delete these rows with an "
            "SQLite tool, or restore a backup (sprintlog db restore)"
        )


def _bad_rows(connection: sqlite3.Connection, *, everything: bool) -> list[str]:
    from sprintlog.models import SQLModel

    found: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if everything or table.name not in _GROWING:
            found += _bad_in_table(connection, table)
    if not everything:
        found += _days_out_of_range(connection)
    return found


def _bad_in_table(connection: sqlite3.Connection, table: "Table") -> list[str]:
    found = []
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    for column in table.columns:
        valid, kind = _valid(column)
        rows = connection.execute(
            f'SELECT {keys}, "{column.name}" FROM "{table.name}" '
            f'WHERE "{column.name}" IS NOT NULL AND NOT ({valid}) LIMIT {_MAX_NAMED + 1}'
        ).fetchall()
        found += [_describe(table.name, row[:-1], column.name, row[-1], kind) for row in rows]
    return found


def _valid(column: "Column") -> tuple[str, str]:
    """An SQL condition true for a value the ORM reads as the column's type, and that type."""
    from sqlalchemy import Boolean, Date, DateTime, Integer

    name = f'"{column.name}"'
    if isinstance(column.type, DateTime):
        head = f"substr({name}, 1, 19)"
        return (
            f"typeof({name}) = 'text' AND {name} GLOB '{_DIGITS_DATE} [0-9][0-9]:[0-9][0-9]:*' "
            f"AND datetime({head}, '+0 days') = {head}",
            "a date and time",
        )
    if isinstance(column.type, Date):
        return (
            # '+0 days' makes SQLite carry 2025-02-30 over to March, so it differs.
            f"typeof({name}) = 'text' AND {name} GLOB '{_DIGITS_DATE}' "
            f"AND date({name}, '+0 days') = {name}",
            "a date",
        )
    if isinstance(column.type, Boolean):
        return f"typeof({name}) = 'integer' AND {name} IN (0, 1)", "true or false"
    if isinstance(column.type, Integer):
        return f"typeof({name}) = 'integer'", "a whole number"
    return f"typeof({name}) = 'text'", "text"


def _days_out_of_range(connection: sqlite3.Connection) -> list[str]:
    # Numbers sort before text and blobs after it, so these two index ranges hold every
    # day that is not text of the form 0001-01-01 … 9999-12-31.
    rows = connection.execute(
        "SELECT id, day FROM entry WHERE day < '0001-01-01' OR day > '9999-12-31' "
        f"LIMIT {_MAX_NAMED + 1}"
    ).fetchall()
    return [_describe("entry", (row[0],), "day", row[1], "a date") for row in rows]


def _describe(table: str, key: tuple, column: str, value: object, kind: str) -> str:
    row = ", ".join(str(part) for part in key)
    if kind == "text" or not isinstance(value, str):
        shown = f"a value of type {type(value).__name__}"
    else:
        shown = repr(value[:40] + ("…" if len(value) > 40 else ""))
    return f"{table} {row}: {column} holds {shown}, not {kind}"
