"""The only place where SQL differs between SQLite and PostgreSQL.

Everything else is written with SQLAlchemy expressions, or as the plain SQL of
storage/sql/, that mean the same on both; ``FRAGMENTS`` are the few pieces of that
plain SQL that cannot.
"""

from typing import TYPE_CHECKING, Any

from sprintlog.rules import stored
from sprintlog.storage import sqlite as sqlite_db

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

WRITE_LOCK_KEY = 0x5350_524C  # "SPRL": the advisory lock that serialises writers on a server
WRITE_LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"  # held until the transaction ends


def begin(connection: Any) -> None:
    """Begin a transaction; a writing one waits for, then holds, the journal's write lock.

    One writer at a time, on every backend: commands read, check and then write (the
    next sprint number, a free goal number), which is only safe if no other command
    writes in between. Taking the lock at BEGIN, not at the first write, lets writers
    queue on the busy timeout instead of failing half-way.
    """
    write = connection.get_execution_options().get("sprintlog_write", False)
    if connection.dialect.name == "sqlite":
        sqlite_db.begin(connection.connection.driver_connection, write=write)
    elif write:
        connection.exec_driver_sql(WRITE_LOCK)


# The rules of what may be stored (rules/stored.py) that each backend enforces itself:
# PostgreSQL refuses a NUL, a text longer than its VARCHAR(n) and a whole number past
# INTEGER; SQLite keeps all three. Neither holds text that is not UTF-8. The other rules
# (days, minutes, the 4 MiB limit) are sprintlog's own: both backends store what breaks them.
_ENFORCED = {
    "sqlite": frozenset({stored.UTF8}),
    "postgresql": frozenset({stored.NUL, stored.SIZE, stored.INTEGER, stored.UTF8}),
}
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def enforced_rules(dialect: str) -> frozenset[str]:
    """The rules of rules/stored.py that a database of ``dialect`` refuses to break."""
    return _ENFORCED.get(dialect, _ENFORCED["postgresql"])


def after_rows_copied(connection: "Connection", tables: list["Table"]) -> None:
    """Make new rows number after rows that were inserted with their ids."""
    from sqlalchemy import text

    if connection.dialect.name != "postgresql":
        return  # SQLite numbers after the largest rowid by itself
    for table in tables:
        if "id" in table.primary_key.columns:
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                )
            )


# The few pieces of the plain-SQL queries (storage/sql/) that differ by backend,
# filled into a query's ``{name}`` fields by the reader (storage/reader.py).
FRAGMENTS: dict[str, dict[str, str]] = {
    "sqlite": {
        # Dates are stored as ISO text; julianday() turns them into day numbers.
        "week": "CAST(julianday(day) - julianday(:anchor) AS INTEGER) / 7",
        # Text ordered by code point, as Python orders it (SQLite's BINARY does so).
        "by_code_point": "",
    },
    "postgresql": {
        # date - date is an integer number of days.
        "week": "(day - CAST(:anchor AS DATE)) / 7",
        # UTF-8 bytes in the "C" collation: code point order, whatever the server's.
        "by_code_point": ' COLLATE "C"',
    },
}
