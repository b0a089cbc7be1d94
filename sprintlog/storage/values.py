"""Days and times to and from the database: the one converter every path uses.

SQLite stores a day as ISO text and a time as the text SQLAlchemy writes (UTC, without
its offset); sqlite3 gives that text back as it is, while psycopg gives and takes date
and datetime objects. ``from_db`` reads either into what the models hold (a date; a
time aware, in UTC, as SQLModel's UTCDateTime reads it) and ``to_sqlite`` writes the
text SQLite stores. The Reader (reader.py) runs every typed query through them; the
document of an export (exchange.py), a merge and the ORM's aggregates call them too.
"""

from datetime import UTC, date, datetime
from typing import Any


def utcnow() -> datetime:
    """The moment a row is stamped with (``updated_at``, ``created_at``): aware, in UTC."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A row's identity across journals (revision 0004): what exports and merges go by."""
    import uuid  # (its import costs TAB completion, which reads through this module)

    return uuid.uuid4().hex


# How SQLAlchemy stores a DateTime on SQLite; the ORM must read our rows back unchanged.
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


def from_db(kind: type, value: Any) -> Any:
    """A value as the query declares it, whichever driver read it."""
    if value is None:
        return None
    if kind is date:
        return day_from_db(value)
    if kind is datetime:
        return moment_from_db(value)
    if kind is int:
        return int(value)  # PostgreSQL's SUM and COUNT give big integers or Decimals
    if kind is str and not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def day_from_db(value: object) -> date:
    """A day as psycopg gives it (a date) or SQLite stores it (ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def moment_from_db(value: object) -> datetime:
    """A time as SQLModel's UTCDateTime reads it: aware, in UTC (naive text means UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def to_sqlite(value: Any) -> Any:
    """A value as sqlite3 is given it: dates and times as the text SQLAlchemy stores."""
    if isinstance(value, datetime):  # UTC without its offset, as SQLAlchemy stores it
        moment = value.astimezone(UTC) if value.utcoffset() is not None else value
        return moment.strftime(SQLITE_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    return value
