"""Sprints: numbered, non-overlapping date ranges, in date order.

Starting one is the ORM's unit of work (with its carry-over, many rows); closing one and
its notes are typed statements (storage/sql/sprints.py) run by the command's Reader.
Finding a sprint ("the current one", one by number) is sprint_reads.py's, for both.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sprintlog.errors import Conflict, UsageError
from sprintlog.records import Sprint
from sprintlog.rules import stored
from sprintlog.rules.setting_specs import MAX_SPRINT_DAYS
from sprintlog.rules.text import checked_text
from sprintlog.services import sprint_reads
from sprintlog.storage.reader import Reader, of_session
from sprintlog.storage.sql import sprints as sql
from sprintlog.storage.values import utcnow

if TYPE_CHECKING:
    from sqlmodel import Session

    from sprintlog.models import Sprint as SprintRow


@dataclass(frozen=True)
class Planned:
    """The sprint ``sprint start`` would make, before it is made."""

    number: int
    start_day: date
    end_day: date
    previous: Sprint | None
    # The previous sprint is still running (or yet to begin): starting means planning
    # after it, which is asked first, and its unfinished work cannot be carried yet.
    after_running: bool

    @property
    def length_days(self) -> int:
        return (self.end_day - self.start_day).days + 1


def still_running(sprint: Sprint, *, today: date) -> bool:
    """Neither closed nor past its last day."""
    return sprint.closed_at is None and sprint.end_day >= today


def plan_next(
    reader: Reader,
    *,
    today: date,
    default_length: int,
    start_day: date | None = None,
    end_day: date | None = None,
    length: int | None = None,
) -> Planned:
    """The next sprint: by default today, or the day after the latest one ends."""
    previous = sprint_reads.latest(reader)
    given = start_day is not None
    if start_day is None:
        start_day = today if previous is None else max(today, previous.end_day + timedelta(days=1))
    if previous is not None and start_day <= previous.end_day:
        after = (previous.end_day + timedelta(days=1)).isoformat()
        how = f"give --start {after} or later" if given else f"start it with --start {after}"
        raise Conflict(
            f"sprint {previous.number} runs until {previous.end_day.isoformat()}; a new sprint "
            f"must start after it ({how}, or end sprint {previous.number} early with "
            f"`sprintlog sprint close {previous.number}`)"
        )
    end_day = _end_day(start_day, end_day=end_day, length=length, default_length=default_length)
    return Planned(
        number=1 if previous is None else previous.number + 1,
        start_day=start_day,
        end_day=end_day,
        previous=previous,
        after_running=previous is not None and still_running(previous, today=today),
    )


def start(
    session: "Session",
    *,
    planned: Planned,
    prefix: str,
    title: str | None = None,
    carry: bool = True,
) -> "tuple[SprintRow, list[str]]":
    """Make the ``planned`` sprint (planned in this transaction, by plan_next).

    With ``carry``, the previous sprint's unfinished goals and tasks come along, unless it
    is still running: then they come when it is closed, or with ``sprint carry``. Returns
    the new sprint and how the carried work is named in it (carry.carry_over).
    """
    from sprintlog.models import Sprint as SprintRow
    from sprintlog.services.carry import carry_over

    sprint = SprintRow(
        number=planned.number,
        title=title,
        start_day=planned.start_day,
        end_day=planned.end_day,
    )
    session.add(sprint)
    session.flush()
    previous = planned.previous
    if not carry or previous is None or planned.after_running:
        return sprint, []
    assert sprint.id is not None  # (the flush gave it one)
    return sprint, carry_over(session, previous=previous, new_id=sprint.id, prefix=prefix)


def carry_into(session: "Session", *, number: int, prefix: str) -> list[str]:
    """``sprint carry N``: what sprint N-1 left unfinished, into sprint N (not twice)."""
    from sprintlog.services.carry import carry_over

    reader = of_session(session)
    target = sprint_reads.get(reader, number=number)
    if number == 1:
        raise UsageError(
            "sprint 1 is the first: there is no sprint before it to carry from "
            "(carry into a later one: `sprintlog sprint carry N`)"
        )
    previous = sprint_reads.get(reader, number=number - 1)
    return carry_over(session, previous=previous, new_id=target.id, prefix=prefix)


def remove(session: "Session", *, sprint: Sprint) -> int:
    """Remove the latest sprint, with its goals and tasks; returns how many goals it had.

    Only a sprint with nothing logged in its days and no notes: what was written is
    never removed with it. Only the latest, so that sprint numbers stay without a gap.
    """
    from sprintlog.models import Sprint as SprintRow
    from sprintlog.storage.sql import entries as entry_sql

    reader = of_session(session)
    latest = sprint_reads.require_latest(reader)
    if latest.number != sprint.number:
        raise Conflict(
            f"only the latest sprint can be removed (sprint {latest.number} comes after "
            f"sprint {sprint.number}); remove sprint {latest.number} first"
        )
    logged = reader.value(entry_sql.COUNT_BETWEEN, first=sprint.start_day, last=sprint.end_day)
    if logged:
        raise Conflict(
            f"sprint {sprint.number} has {logged} entries in its days; nothing was removed "
            f"(move them with `sprintlog entry edit ID --date WHEN` or remove them with "
            f"`sprintlog entry rm ID`, or keep the sprint and change it with "
            f"`sprintlog sprint edit {sprint.number}`)"
        )
    if sprint.notes:
        raise Conflict(
            f"sprint {sprint.number} has notes; nothing was removed (clear them first with "
            f'`sprintlog sprint note {sprint.number} ""`)'
        )
    goals = len(sprint_reads.goals_of(reader, sprint_id=sprint.id))
    row = session.get(SprintRow, sprint.id)
    session.delete(row)
    session.flush()
    return goals


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
    """A sprint's days in order, at most MAX_SPRINT_DAYS of them, and days a journal may
    store (the gate, rules/stored.py: a sprint ending after 2200 could not be imported
    back from its export), for start and edit alike."""
    stored.checked("sprint", "start_day", start_day, what="sprint's first day")
    stored.checked("sprint", "end_day", end_day, what="sprint's last day")
    if end_day < start_day:
        raise UsageError(f"the sprint would end ({end_day}) before it starts ({start_day})")
    days = (end_day - start_day).days + 1
    if days > MAX_SPRINT_DAYS:
        raise UsageError(
            f"a sprint is at most {MAX_SPRINT_DAYS} days; {start_day} to {end_day} is {days:,}"
        )


def close(reader: Reader, *, sprint: Sprint, today: date) -> bool:
    """Close the sprint; one still running ends today. Returns True if it ended early."""
    if sprint.closed_at is not None:
        raise Conflict(
            f"sprint {sprint.number} was closed already (the next one starts with "
            "`sprintlog sprint start`)"
        )
    if sprint.start_day > today:
        raise Conflict(
            f"sprint {sprint.number} has not started yet (it starts {sprint.start_day}); remove "
            f"it with `sprintlog sprint rm {sprint.number}`, or change its dates with "
            f"`sprintlog sprint edit {sprint.number} --start WHEN`"
        )
    ended_early = sprint.end_day > today
    now = utcnow()
    sprint.end_day = min(sprint.end_day, today)
    sprint.closed_at = now
    reader.change(
        sql.CLOSE_SPRINT, id=sprint.id, end_day=sprint.end_day, closed_at=now, updated_at=now
    )
    return ended_early


def set_notes(reader: Reader, *, sprint: Sprint, text: str) -> Sprint:
    """The sprint's own notes (intro, conclusion); empty text clears them."""
    notes = (text.strip() and checked_text(text, what="notes")) or None
    if notes != sprint.notes:  # as the ORM: no change, no statement (updated_at stays)
        reader.change(sql.SET_SPRINT_NOTES, id=sprint.id, notes=notes, updated_at=utcnow())
        sprint.notes = notes
    return sprint


def set_notes_if_unchanged(
    reader: Reader, *, number: int, before: tuple[int | None, str | None], text: str
) -> Sprint:
    """Save the notes only if sprint ``number`` is the row, with the notes, seen ``before``.

    ``before`` is (the sprint's id, its notes) when the editor opened; anything else means
    another command changed them while the user was typing, and that change is kept.
    """
    sprint = sprint_reads.find(reader, number=number)
    if sprint is None or sprint.id != before[0]:
        raise Conflict(
            f"sprint {number} was removed or replaced while the editor was open; nothing was saved"
        )
    if sprint.notes != before[1]:
        raise Conflict(
            f"the notes of sprint {number} were changed by another command while the editor "
            "was open; nothing was saved"
        )
    return set_notes(reader, sprint=sprint, text=text)
