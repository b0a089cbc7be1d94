"""Values in an SQLite journal that sprintlog cannot read, named by table and row.

SQLite stores whatever a row is given: a journal written by another tool may hold
``entry.day = 'garbage'``. Read through the ORM such a value is a traceback, and in a
report's date ranges it silently drops out. This finds such rows so the error names them.
"""

import sqlite3

from sprintlog.errors import JournalError

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
    found: list[str] = []
    for table in _tables(connection):
        if everything or table not in _GROWING:
            found += _bad_in_table(connection, table)
    if not everything:
        found += _days_out_of_range(connection)
    return found


def _tables(connection: sqlite3.Connection) -> list[str]:
    """The journal's tables. Its schema was checked to be sprintlog's own (schema_check.py),
    so the types it declares are the models' (read here without importing them)."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name != 'alembic_version' ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _bad_in_table(connection: sqlite3.Connection, table: str) -> list[str]:
    found = []
    # (cid, name, declared type, notnull, default, pk): the key columns in key order.
    info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = ", ".join(f'"{row[1]}"' for row in sorted(info, key=lambda row: row[5]) if row[5])
    for _, column, declared, *_ in info:
        valid, kind = _valid(column, declared)
        rows = connection.execute(
            f'SELECT {keys}, "{column}" FROM "{table}" '
            f'WHERE "{column}" IS NOT NULL AND NOT ({valid}) LIMIT {_MAX_NAMED + 1}'
        ).fetchall()
        found += [_describe(table, row[:-1], column, row[-1], kind) for row in rows]
    return found


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
