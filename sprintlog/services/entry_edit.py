"""Changing the log with the ORM: adding (on a server), editing and removing entries.

The commands that only read entries use entries.py (plain SQL); ``log`` on SQLite
writes with daylog.py, the same row as ``add`` here (tests/test_daylog.py).
"""

from datetime import date

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from sprintlog.errors import NotFound, UsageError
from sprintlog.models import Entry, EntryGoal
from sprintlog.services import goals as goal_service
from sprintlog.services import log_checks, tagging
from sprintlog.services import sprints as sprint_service
from sprintlog.services.goals import Target
from sprintlog.setting_specs import Settings
from sprintlog.text import checked_text


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
    """Log an entry; goal references resolve in the sprint that contains ``day``.

    Its tags are the ``#words`` of its text and ``tags`` (given with ``--tag``, checked).
    """
    entry = Entry(
        day=day,
        text=checked_text(text, what="entry text"),
        minutes=log_checks.checked_minutes(minutes),
    )
    targets = _resolve_targets(session, day=day, refs=refs or [], settings=settings)
    session.add(entry)
    session.flush()
    _link(session, entry=entry, targets=targets)
    tagging.write(session.connection(), entry_id=entry.id or 0, text=entry.text, given=tags)
    return entry


def get(session: Session, *, entry_id: int) -> Entry:
    statement = select(Entry).where(Entry.id == entry_id).options(*_link_loading())
    entry = session.exec(statement).first()
    if entry is None:
        raise NotFound(f"there is no entry #{entry_id}")
    return entry


def edit(
    session: Session,
    *,
    entry: Entry,
    settings: Settings,
    text: str | None = None,
    day: date | None = None,
    minutes: int | None = None,
    refs: list[str] | None = None,
) -> Entry:
    """Change an entry. Moving it to a day in another sprint needs its goals again."""
    if text is not None:
        old_text, entry.text = entry.text, checked_text(text, what="entry text")
        tagging.rewrite(
            session.connection(), entry_id=entry.id or 0, old_text=old_text, new_text=entry.text
        )
    if minutes is not None:
        entry.minutes = log_checks.checked_minutes(minutes) if minutes else None
    if day is not None and day != entry.day:
        if refs is None and entry.links and not _same_sprint(session, entry.day, day):
            raise UsageError(
                "the new day is in another sprint; give its goals with --goal (or --goal none)"
            )
        entry.day = day
    if refs is not None:
        wanted = [] if [r.strip().lower() for r in refs] == ["none"] else refs
        targets = _resolve_targets(session, day=entry.day, refs=wanted, settings=settings)
        entry.links.clear()
        session.flush()
        _link(session, entry=entry, targets=targets)
    session.add(entry)
    session.flush()
    return get(session, entry_id=entry.id or 0)


def remove(session: Session, *, entry: Entry) -> None:
    session.delete(entry)
    session.flush()


def _link_loading() -> list:
    # SQLModel types a relationship as its value (a list, a row), not as the class
    # attribute SQLAlchemy's loaders take: a gap in its hints, hence the ignores.
    links = selectinload(Entry.links)  # type: ignore[arg-type]
    return [
        links.selectinload(EntryGoal.goal),  # type: ignore[arg-type]
        links.selectinload(EntryGoal.task),  # type: ignore[arg-type]
    ]


def _resolve_targets(
    session: Session, *, day: date, refs: list[str], settings: Settings
) -> list[Target]:
    if not refs:
        return []
    sprint = sprint_service.containing(session, day=day)
    if sprint is None:
        raise log_checks.no_sprint_for(day)
    targets: dict[tuple[int | None, int | None], Target] = {}
    for ref in refs:
        target = goal_service.resolve(session, sprint=sprint, ref=ref, settings=settings)
        targets.setdefault((target.goal.id, target.task.id if target.task else None), target)
    return list(targets.values())


def _link(session: Session, *, entry: Entry, targets: list[Target]) -> None:
    assert entry.id is not None  # flushed before it is linked
    for target in targets:
        entry.links.append(
            EntryGoal(
                entry_id=entry.id,
                goal_id=target.goal.id,
                task_id=target.task.id if target.task else None,
            )
        )
    session.flush()


def _same_sprint(session: Session, first: date, second: date) -> bool:
    sprint = sprint_service.containing(session, day=first)
    return sprint is not None and sprint.contains(second)
