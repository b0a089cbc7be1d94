"""Study breaks: adding, listing and removing them, and reading those of a range."""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from sprintlog.break_days import Breaks, Span, checked_new
from sprintlog.errors import NotFound
from sprintlog.models import StudyBreak
from sprintlog.storage import learner_queries as q
from sprintlog.text import checked_text

EARLIEST = date(1, 1, 1)


def add(session: Session, *, start: date, end: date, reason: str | None = None) -> StudyBreak:
    """A break from ``start`` to ``end`` (both included); planned ones in the future too."""
    checked_new(start, end, load(session, since=start, until=end).spans)
    text = checked_text(reason, what="break reason").strip() if reason else None
    added = StudyBreak(start_day=start, end_day=end, reason=text or None)
    session.add(added)
    session.flush()
    return added


def get(session: Session, *, break_id: int) -> StudyBreak:
    found = session.get(StudyBreak, break_id)
    if found is None:
        raise NotFound(f"there is no break #{break_id} (see: sprintlog break list)")
    return found


def remove(session: Session, *, break_id: int) -> StudyBreak:
    found = get(session, break_id=break_id)
    session.delete(found)
    session.flush()
    return found


def listed(session: Session) -> list[StudyBreak]:
    statement = select(StudyBreak).order_by(StudyBreak.start_day, StudyBreak.id)  # type: ignore[arg-type]
    return list(session.exec(statement))


def load(session: Any, *, since: date = EARLIEST, until: date) -> Breaks:
    """The breaks that share a day with [since, until] (a session or a bare connection)."""
    connection = session.connection() if isinstance(session, Session) else session
    found = q.rows(connection, q.BREAKS_BETWEEN, {"since": since, "until": until})
    return Breaks(
        tuple(Span(int(row[0]), q.as_day(row[1]), q.as_day(row[2]), row[3]) for row in found)
    )
