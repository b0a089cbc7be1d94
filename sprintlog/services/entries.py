"""The daily log: entries, each a day, a text, optional minutes and goal links."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from sprintlog.errors import NotFound, UsageError
from sprintlog.models import Entry, EntryGoal, EntryTag, Sprint
from sprintlog.services import carry, log_checks, tagging
from sprintlog.services import goals as goal_service
from sprintlog.services import sprints as sprint_service
from sprintlog.services.goals import Target
from sprintlog.setting_specs import Settings
from sprintlog.text import checked_text


@dataclass(frozen=True)
class Filters:
    sprint: Sprint | None = None
    since: date | None = None
    until: date | None = None
    target: Target | None = None
    grep: str | None = None
    chain: bool = False  # the target's earlier sprints too, along what it was carried from
    tags: tuple[str, ...] = ()  # entries with every one of these tags (lower-cased)


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


def filters_for(
    session: Session,
    *,
    settings: Settings,
    today: date,
    sprint_number: int | None = None,
    goal_ref: str | None = None,
) -> Filters:
    """Filters for a sprint and a goal; the goal is one of that sprint, else the current one."""
    sprint = sprint_service.get(session, number=sprint_number) if sprint_number else None
    if goal_ref is None:
        return Filters(sprint=sprint)
    scope = sprint or sprint_service.resolve(session, number=None, today=today)
    target = goal_service.resolve(session, sprint=scope, ref=goal_ref, settings=settings)
    return Filters(sprint=sprint, target=target)


def query(session: Session, *, filters: Filters) -> list[Entry]:
    statement = select(Entry).options(*_link_loading())
    if filters.sprint is not None:
        statement = statement.where(
            Entry.day >= filters.sprint.start_day, Entry.day <= filters.sprint.end_day
        )
    if filters.since is not None:
        statement = statement.where(Entry.day >= filters.since)
    if filters.until is not None:
        statement = statement.where(Entry.day <= filters.until)
    if filters.target is not None:
        linked = _linked_to(filters.target, chain=filters.chain)
        statement = statement.where(col(Entry.id).in_(linked))
    for tag in filters.tags:
        tagged = select(EntryTag.entry_id).where(EntryTag.tag == tag)
        statement = statement.where(col(Entry.id).in_(tagged))
    if filters.grep and filters.grep.isascii():
        # autoescape: a user's % and _ are literal characters, not wildcards.
        statement = statement.where(col(Entry.text).icontains(filters.grep, autoescape=True))
    statement = statement.order_by(col(Entry.day), col(Entry.id))
    found = list(session.exec(statement))
    if filters.grep and not filters.grep.isascii():
        # The database's lower() folds ASCII only under the C locale (SQLite's always);
        # Python folds every letter, whatever the server's locale.
        wanted = filters.grep.casefold()
        found = [entry for entry in found if wanted in entry.text.casefold()]
    return found


def tags_of(session: Session, found: list[Entry]) -> dict[int, list[str]]:
    """Entry id -> its tags, for entries just listed (one query over their days)."""
    if not found:
        return {}
    days = [entry.day for entry in found]
    return tagging.of_entries(session.connection(), since=min(days), until=max(days))


def _linked_to(target: Target, *, chain: bool):
    column = EntryGoal.task_id if target.task else EntryGoal.goal_id
    item = target.task or target.goal
    # With chain: the work it continues too, found as status finds a task's whole chain.
    wanted = select(carry.chain(type(item), [item.id]).c.member) if chain else [item.id]
    return select(EntryGoal.entry_id).where(col(column).in_(wanted))


def _link_loading() -> list:
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


def check_refs(session: Session, *, day: date, refs: list[str], settings: Settings) -> None:
    """Raise what ``add`` would raise for ``refs`` on ``day`` (the timer checks at start)."""
    _resolve_targets(session, day=day, refs=refs, settings=settings)
