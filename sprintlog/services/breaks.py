"""Study breaks: adding, listing and removing them, and reading those of a range."""

from datetime import date

from sqlmodel import Session, col, select

from sprintlog.break_days import checked_new
from sprintlog.errors import NotFound
from sprintlog.models import StudyBreak
from sprintlog.services import break_reads
from sprintlog.storage.reader import of_session
from sprintlog.text import checked_text


def add(session: Session, *, start: date, end: date, reason: str | None = None) -> StudyBreak:
    """A break from ``start`` to ``end`` (both included); planned ones in the future too."""
    spans = break_reads.load(of_session(session), since=start, until=end).spans
    checked_new(start, end, spans)
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
    statement = select(StudyBreak).order_by(col(StudyBreak.start_day), col(StudyBreak.id))
    return list(session.exec(statement))
