"""Logging an entry with the ORM: what tests/test_daylog.py compares daylog.py against.

Only the tests log this way (``log`` writes with daylog.py's typed insert); kept here as
an independent second way to the same rows, so that a column the ORM would fill and the
insert forgets shows as a difference. The goal rule itself (sprint_reads.target_in) is
the one every command uses.
"""

from datetime import date

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from sprintlog.errors import NotFound
from sprintlog.models import Entry, EntryGoal, Goal, Sprint
from sprintlog.records import Target
from sprintlog.rules.refs import parse_ref
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.text import checked_text
from sprintlog.services import log_checks, sprint_reads, tagging
from sprintlog.storage.reader import of_session


def add(
    session: Session,
    *,
    text: str,
    day: date,
    settings: Settings,
    refs: list[str] | None = None,
    minutes: int | None = None,
    tags: list[str] | None = None,
) -> Entry:
    """Log an entry; goal references resolve in the sprint that contains ``day``."""
    entry = Entry(
        day=day,
        text=checked_text(text, what="entry text"),
        minutes=log_checks.checked_minutes(minutes),
    )
    targets = _resolve_targets(session, day=day, refs=refs or [], settings=settings)
    session.add(entry)
    session.flush()
    for target in targets:
        entry.links.append(
            EntryGoal(
                entry_id=entry.id,
                goal_id=target.goal.id,
                task_id=target.task.id if target.task else None,
            )
        )
    session.flush()
    tagging.write(of_session(session), entry_id=entry.id or 0, text=entry.text, given=tags)
    return entry


def get(session: Session, *, entry_id: int) -> Entry:
    links = selectinload(Entry.links)  # type: ignore[arg-type]
    statement = (
        select(Entry)
        .where(Entry.id == entry_id)
        .options(
            links.selectinload(EntryGoal.goal),  # type: ignore[arg-type]
            links.selectinload(EntryGoal.task),  # type: ignore[arg-type]
        )
    )
    entry = session.exec(statement).first()
    if entry is None:
        raise NotFound(f"there is no entry #{entry_id} (see `sprintlog entries`)")
    return entry


def _resolve_targets(
    session: Session, *, day: date, refs: list[str], settings: Settings
) -> list[Target]:
    if not refs:
        return []
    sprint = session.exec(
        select(Sprint).where(Sprint.start_day <= day, Sprint.end_day >= day)
    ).first()
    if sprint is None:
        raise log_checks.no_sprint_for(day)
    targets: dict[tuple[int | None, int | None], Target] = {}
    for ref in refs:
        parsed = parse_ref(ref, prefix=settings.prefix, max_goals=settings.max_goals)
        goal = session.exec(
            select(Goal).where(Goal.sprint_id == sprint.id, Goal.number == parsed.goal)
        ).first()
        target = sprint_reads.target_in(
            goal,  # type: ignore[arg-type]  # the ORM's goal: the same attributes
            ref=parsed,
            sprint_number=sprint.number,
            settings=settings,
        )
        targets.setdefault((target.goal.id, target.task.id if target.task else None), target)
    return list(targets.values())
