"""Study breaks: those of a range of days (what the daily commands read), adding one,
removing one. Through the command's Reader (storage/sql/breaks.py): no ORM."""

from datetime import date

from sprintlog.errors import NotFound
from sprintlog.rules.break_days import Breaks, Span, checked_new
from sprintlog.rules.text import checked_text
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import breaks as sql
from sprintlog.storage.sql import removals
from sprintlog.storage.values import new_uuid, utcnow

EARLIEST = date(1, 1, 1)


def load(reader: Reader, *, since: date = EARLIEST, until: date = date.max) -> Breaks:
    """The breaks that share a day with [since, until] (every one, by default)."""
    found = reader.rows(sql.BREAKS_BETWEEN, since=since, until=until)
    return Breaks(tuple(Span(*row) for row in found))


def add(reader: Reader, *, start: date, end: date, reason: str | None = None) -> Span:
    """A break from ``start`` to ``end`` (both included); planned ones in the future too."""
    checked_new(start, end, load(reader, since=start, until=end).spans)
    text = checked_text(reason, what="break reason").strip() if reason else None
    now = utcnow()
    added = reader.insert(
        sql.ADD_BREAK,
        start_day=start,
        end_day=end,
        reason=text or None,
        uuid=new_uuid(),
        updated_at=now,
    )
    return Span(added, start, end, text or None)


def get(reader: Reader, *, break_id: int) -> Span:
    found = reader.first(sql.BREAK, id=break_id)
    if found is None:
        raise _missing(break_id)
    return Span(*found)


def remove(reader: Reader, *, break_id: int) -> None:
    removals.record(reader, "study_break", id=break_id)
    if not reader.change(sql.REMOVE_BREAK, id=break_id):
        raise _missing(break_id)


def _missing(break_id: int) -> NotFound:
    return NotFound(f"there is no break #{break_id} (see: sprintlog break list)")
