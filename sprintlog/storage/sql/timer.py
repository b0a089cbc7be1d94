"""The running timer's row (table ``timer``: at most one row, id = 1), in plain SQL.

Each statement is written once and runs unchanged through the Reader it is given
(storage/reader.py): on a bare sqlite3 connection (an SQLite journal: no SQLAlchemy on
the way, as for ``log``), through SQLAlchemy's connection on a server; the Reader makes
the values alike (SQLite keeps times and days as the text SQLAlchemy writes, so the ORM
reads this row back).

``started_at`` is stored in UTC, so that the minutes of a timer running across a change
of daylight saving time are the real time elapsed; ``day`` is the local day it started.
"""

import sqlite3
import sys
from dataclasses import dataclass
from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, Reader, columns

READ = Query(
    "SELECT started_at, day, text, goal_refs FROM timer WHERE id = 1",
    columns(
        ("timer.started_at", datetime),
        ("timer.day", date),
        ("timer.text", str),
        ("timer.goal_refs", str),
    ),
)
# id = 1 always (the table's CHECK): of two terminals inserting, the primary key lets one.
INSERT = Insert(
    "timer",
    columns(
        ("timer.id", int),
        ("timer.started_at", datetime),
        ("timer.day", date),
        ("timer.text", str),
        ("timer.goal_refs", str),
    ),
)
DELETE = Change("DELETE FROM timer WHERE id = 1", "timer")


@dataclass(frozen=True)
class Running:
    """A running timer: when it started (aware, UTC), its local day, its text and goals."""

    started_at: datetime
    day: date
    text: str | None = None
    refs: tuple[str, ...] = ()


class Taken(Exception):
    """Another timer's row was written first (two terminals starting at once)."""


def read(reader: Reader) -> Running | None:
    """The running timer, or None."""
    row = reader.first(READ)
    if row is None:
        return None
    started_at, day, text, refs = row
    return Running(started_at=started_at, day=day, text=text, refs=tuple((refs or "").split()))


def insert(reader: Reader, running: Running) -> None:
    """Write the timer's row; raise Taken when there is one already (the primary key)."""
    try:
        reader.insert(
            INSERT,
            id=1,
            started_at=running.started_at,
            day=running.day,
            text=running.text,
            goal_refs=" ".join(running.refs) or None,
        )
    except Exception as error:
        if _is_integrity_error(error):
            raise Taken from error
        raise


def delete(reader: Reader) -> bool:
    """Remove the timer's row; False when there was none."""
    return reader.change(DELETE) > 0


def _is_integrity_error(error: Exception) -> bool:
    if isinstance(error, sqlite3.IntegrityError):
        return True
    if "psycopg" in sys.modules and isinstance(error, sys.modules["psycopg"].IntegrityError):
        return True
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy import exc

    return isinstance(error, exc.IntegrityError)
