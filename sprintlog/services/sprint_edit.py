"""Changing a sprint that was planned wrong: its dates and its title.

A sprint's dates may move as long as the journal's rules still hold afterwards: sprints
never overlap and stay numbered in date order, a sprint is at most
``MAX_SPRINT_DAYS`` long, and every entry logged against one of its goals stays
inside it (an entry belongs to a sprint by its day, so an entry left outside would point
at a goal of a sprint it is not in).
"""

from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session, col

from sprintlog.errors import Conflict, UsageError
from sprintlog.models import Entry, EntryGoal, Goal, Sprint
from sprintlog.rules.dates import day_label
from sprintlog.rules.text import checked_text, plural
from sprintlog.services import sprint_reads
from sprintlog.services.sprints import check_span
from sprintlog.storage.reader import of_session
from sprintlog.storage.values import day_from_db

SHOWN_DAYS = 5  # days named in a refusal; more are counted


def edit(
    session: Session,
    *,
    number: int,
    start_day: date | None = None,
    end_day: date | None = None,
    title: str | None = None,
) -> Sprint:
    """Move sprint ``number``'s first or last day, or retitle it (an empty title clears it)."""
    found = sprint_reads.get(of_session(session), number=number)
    sprint = session.get_one(Sprint, found.id)
    if start_day is None and end_day is None and title is None:
        raise UsageError("nothing to change: give --start, --end or --title")
    first = start_day or sprint.start_day
    last = end_day or sprint.end_day
    if (first, last) != (sprint.start_day, sprint.end_day):
        check_span(first, last)
        _check_neighbours(session, sprint, first, last)
        _check_linked_entries(session, sprint, first, last)
        sprint.start_day, sprint.end_day = first, last
    if title is not None:
        sprint.title = checked_text(title, what="title") if title.strip() else None
    session.add(sprint)
    session.flush()
    return sprint


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()} – {last.isoformat()}"


def _check_neighbours(session: Session, sprint: Sprint, first: date, last: date) -> None:
    """No overlap with another sprint, and no passing one: sprints are numbered by date."""
    others = session.scalars(
        select(Sprint).where(col(Sprint.id) != sprint.id).order_by(col(Sprint.number))
    ).all()
    for other in others:
        if other.start_day <= last and first <= other.end_day:
            raise Conflict(
                f"sprint {sprint.number} would overlap sprint {other.number} "
                f"({_span(other.start_day, other.end_day)}); sprints never overlap"
            )
    for other in others:
        before = other.number < sprint.number
        if before != (other.end_day < first):
            where = "after" if before else "before"
            raise Conflict(
                f"sprint {sprint.number} would come {'before' if before else 'after'} sprint "
                f"{other.number} ({_span(other.start_day, other.end_day)}); sprints are "
                f"numbered in date order, so it must stay {where} it"
            )


def _check_linked_entries(session: Session, sprint: Sprint, first: date, last: date) -> None:
    """Refuse to leave entries logged against the sprint's goals outside its new dates."""
    outside = session.execute(
        select(col(Entry.day), col(Entry.id))
        .distinct()
        .join(EntryGoal, col(EntryGoal.entry_id) == Entry.id)
        .join(Goal, col(Goal.id) == EntryGoal.goal_id)
        .where(col(Goal.sprint_id) == sprint.id, or_(col(Entry.day) < first, col(Entry.day) > last))
        .order_by(col(Entry.day), col(Entry.id))
    ).all()
    if not outside:
        return
    per_day: dict[object, int] = {}
    for day, _ in outside:
        per_day[day] = per_day.get(day, 0) + 1
    count = len(outside)
    days = [_day_count(day, entries) for day, entries in per_day.items()]
    more = len(days) - SHOWN_DAYS
    shown = ", ".join(days[:SHOWN_DAYS]) + (f" and {plural(more, 'more day')}" if more > 0 else "")
    entries = f"{count} {'entry' if count == 1 else 'entries'}"
    first_id = outside[0][1]
    ids = ", ".join(f"#{entry_id}" for _, entry_id in outside[:SHOWN_DAYS])
    ids += f" and {count - SHOWN_DAYS} more" if count > SHOWN_DAYS else ""
    raise Conflict(
        f"{entries} logged against sprint {sprint.number}'s goals would fall "
        f"outside {_span(first, last)}: {ids}, on {shown}; move {'it' if count == 1 else 'them'} "
        f"first (`sprintlog entry edit {first_id} --date WHEN`) or choose dates that keep them"
    )


def _day_count(day: object, entries: int) -> str:
    label = day_label(day_from_db(day))  # SQLite gives GROUP BY day back as text
    return label if entries == 1 else f"{label} ({entries} entries)"
