"""The running timer's row (table ``timer``: at most one row, id = 1), in plain SQL.

Each query is written once, with named parameters, and runs unchanged on a bare sqlite3
connection (an SQLite journal: no SQLAlchemy on the way, as for ``log``) and through
SQLAlchemy's connection on a server. Only the values differ: SQLite keeps times and days
as text, in the format SQLAlchemy writes and reads (so the ORM reads this row back), and
a server is given Python ``datetime`` (aware, UTC: the column is ``timestamptz``) and
``date`` objects.

``started_at`` is stored in UTC, so that the minutes of a timer running across a change
of daylight saving time are the real time elapsed; ``day`` is the local day it started.
"""

import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sprintlog.storage.reader import Query, columns, convert, to_sqlite

_READ = Query(
    "SELECT started_at, day, text, goal_refs FROM timer WHERE id = 1",
    columns(
        ("timer.started_at", datetime),
        ("timer.day", date),
        ("timer.text", str),
        ("timer.goal_refs", str),
    ),
)
_INSERT = (
    "INSERT INTO timer (id, started_at, day, text, goal_refs)"
    " VALUES (1, :started_at, :day, :text, :goal_refs)"
)
_DELETE = "DELETE FROM timer WHERE id = 1"


@dataclass(frozen=True)
class Running:
    """A running timer: when it started (aware, UTC), its local day, its text and goals."""

    started_at: datetime
    day: date
    text: str | None = None
    refs: tuple[str, ...] = ()


class Taken(Exception):
    """Another timer's row was written first (two terminals starting at once)."""


def read(connection: Any) -> Running | None:
    """The running timer, or None (``connection``: sqlite3's or SQLAlchemy's)."""
    row = _execute(connection, _READ.text, {}).fetchone()
    if row is None:
        return None
    # Typed as the Reader types its rows: SQLite's text as a day and an aware UTC time,
    # a server's time (in its session's time zone) in UTC.
    started_at, day, text, refs = convert(_READ, [row])[0]
    return Running(
        started_at=started_at,
        day=day,
        text=text,
        refs=tuple((refs or "").split()),
    )


def insert(connection: Any, running: Running) -> None:
    """Write the timer's row; raise Taken when there is one already (the primary key)."""
    moment = running.started_at.astimezone(UTC)
    values = {
        "started_at": moment,
        "day": running.day,
        "text": running.text,
        "goal_refs": " ".join(running.refs) or None,
    }
    if isinstance(connection, sqlite3.Connection):
        values = {key: to_sqlite(value) for key, value in values.items()}
    try:
        _execute(connection, _INSERT, values)
    except Exception as error:
        if _is_integrity_error(error):
            raise Taken from error
        raise


def delete(connection: Any) -> bool:
    """Remove the timer's row; False when there was none."""
    return _execute(connection, _DELETE, {}).rowcount > 0


def _execute(connection: Any, sql: str, values: dict[str, Any]) -> Any:
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(sql, values)
    from sqlalchemy import text

    return connection.execute(text(sql), values)


def _is_integrity_error(error: Exception) -> bool:
    if isinstance(error, sqlite3.IntegrityError):
        return True
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy import exc

    return isinstance(error, exc.IntegrityError)
