"""Sprints: numbered, non-overlapping date ranges, in date order."""

from datetime import date, timedelta

from sqlmodel import Session, col, select

from sprintlog.errors import Conflict, NotFound, UsageError
from sprintlog.models import Goal, Sprint, utcnow
from sprintlog.services.carry import carry_over
from sprintlog.setting_specs import MAX_SPRINT_DAYS
from sprintlog.text import checked_text


def latest(session: Session) -> Sprint | None:
    return session.exec(select(Sprint).order_by(col(Sprint.number).desc()).limit(1)).first()


def containing(session: Session, *, day: date) -> Sprint | None:
    statement = select(Sprint).where(Sprint.start_day <= day, Sprint.end_day >= day)
    return session.exec(statement).first()


def find(session: Session, *, number: int) -> Sprint | None:
    return session.exec(select(Sprint).where(Sprint.number == number)).first()


def get(session: Session, *, number: int) -> Sprint:
    sprint = find(session, number=number)
    if sprint is None:
        raise NotFound(f"there is no sprint {number}")
    return sprint


def resolve(session: Session, *, number: int | None, today: date) -> Sprint:
    """Sprint ``number``, or the current one: the sprint containing today, else the latest."""
    if number is not None:
        return get(session, number=number)
    return containing(session, day=today) or require_latest(session)


def require_latest(session: Session) -> Sprint:
    """The latest sprint, or a NotFound telling how to start the first one."""
    sprint = latest(session)
    if sprint is None:
        raise NotFound("there is no sprint yet; start one with `sprintlog sprint start`")
    return sprint


def list_all(session: Session) -> list[Sprint]:
    return list(session.exec(select(Sprint).order_by(col(Sprint.number))))


def start(
    session: Session,
    *,
    today: date,
    default_length: int,
    start_day: date | None = None,
    end_day: date | None = None,
    length: int | None = None,
    title: str | None = None,
    carry: bool = True,
) -> tuple[Sprint, list[Goal]]:
    """Start the next sprint; by default today, or the day after the latest one ends.

    With ``carry``, the previous sprint's unfinished goals and tasks come along; returns
    the new sprint and the goals carried into it.
    """
    previous = latest(session)
    if start_day is None:
        start_day = today if previous is None else max(today, previous.end_day + timedelta(days=1))
    if previous is not None and start_day <= previous.end_day:
        raise Conflict(
            f"sprint {previous.number} runs until {previous.end_day.isoformat()}; a new sprint "
            f"must start after it (use --start, or end it early with `sprintlog sprint close`)"
        )
    end_day = _end_day(start_day, end_day=end_day, length=length, default_length=default_length)
    sprint = Sprint(
        number=1 if previous is None else previous.number + 1,
        title=title,
        start_day=start_day,
        end_day=end_day,
    )
    session.add(sprint)
    session.flush()
    if not carry or previous is None:
        return sprint, []
    return sprint, carry_over(session, previous=previous, new=sprint)


def _end_day(
    start_day: date, *, end_day: date | None, length: int | None, default_length: int
) -> date:
    if end_day is not None and length is not None:
        raise UsageError("give either --length or --end, not both")
    if end_day is None:
        try:
            end_day = start_day + timedelta(days=(length or default_length) - 1)
        except OverflowError:  # past the year 9999
            raise UsageError(f"a sprint starting {start_day} would end after 9999") from None
    check_span(start_day, end_day)
    return end_day


def check_span(start_day: date, end_day: date) -> None:
    """A sprint's days in order and at most MAX_SPRINT_DAYS of them (start, edit)."""
    if end_day < start_day:
        raise UsageError(f"the sprint would end ({end_day}) before it starts ({start_day})")
    days = (end_day - start_day).days + 1
    if days > MAX_SPRINT_DAYS:
        raise UsageError(
            f"a sprint is at most {MAX_SPRINT_DAYS} days; {start_day} to {end_day} is {days:,}"
        )


def close(session: Session, *, sprint: Sprint, today: date) -> bool:
    """Close the sprint; one still running ends today. Returns True if it ended early."""
    if sprint.closed_at is not None:
        raise Conflict(f"sprint {sprint.number} was closed already")
    if sprint.start_day > today:
        raise Conflict(f"sprint {sprint.number} has not started yet (it starts {sprint.start_day})")
    ended_early = sprint.end_day > today
    if ended_early:
        sprint.end_day = today
    sprint.closed_at = utcnow()
    session.add(sprint)
    session.flush()
    return ended_early


def set_notes(session: Session, *, sprint: Sprint, text: str) -> Sprint:
    """The sprint's own notes (intro, conclusion); empty text clears them."""
    sprint.notes = (text.strip() and checked_text(text, what="notes")) or None
    session.add(sprint)
    session.flush()
    return sprint


def set_notes_if_unchanged(
    session: Session, *, number: int, before: tuple[int | None, str | None], text: str
) -> Sprint:
    """Save the notes only if sprint ``number`` is the row, with the notes, seen ``before``.

    ``before`` is (the sprint's id, its notes) when the editor opened; anything else means
    another command changed them while the user was typing, and that change is kept.
    """
    sprint = find(session, number=number)
    if sprint is None or sprint.id != before[0]:
        raise Conflict(
            f"sprint {number} was removed or replaced while the editor was open; nothing was saved"
        )
    if sprint.notes != before[1]:
        raise Conflict(
            f"the notes of sprint {number} were changed by another command while the editor "
            "was open; nothing was saved"
        )
    return set_notes(session, sprint=sprint, text=text)
