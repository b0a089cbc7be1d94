"""The daily log read back: entries (with their goal links) by day, goal or text.

Plain SQL through a Reader (storage/entry_sql.py); editing entries is entry_edit.py's.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sprintlog.errors import NotFound
from sprintlog.records import Entry, Link, LinkedGoal, LinkedTask, Target
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import sprint_reads, tagging
from sprintlog.storage.reader import Reader, Row
from sprintlog.storage.sql import entries as entry_sql

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sprintlog.records import Sprint


@dataclass(frozen=True)
class Filters:
    sprint: "Sprint | None" = None
    since: date | None = None
    until: date | None = None
    target: Target | None = None
    grep: str | None = None
    chain: bool = False  # the target's earlier sprints too, along what it was carried from
    tags: tuple[str, ...] = ()  # entries with every one of these tags (lower-cased)


def _entries(rows: "Iterable[Row]") -> list[Entry]:
    return list(_grouped(rows))


def _grouped(rows: "Iterable[Row]") -> "Iterator[Entry]":
    """Entries from rows of (entry..., link...): a row per link (or one without), in order,
    the rows of one entry next to each other (the queries order by entry)."""
    entry: Entry | None = None
    for entry_id, day, text, minutes, created_at, started, goal_id, task_id, number, letter in rows:
        if entry is None or entry.id != entry_id:
            if entry is not None:
                yield entry
            entry = Entry(entry_id, day, text, minutes, created_at, started)
        if goal_id is not None:
            task = LinkedTask(letter) if task_id is not None else None
            entry.links.append(Link(goal_id, task_id, LinkedGoal(number), task))
    if entry is not None:
        yield entry


def get(reader: Reader, *, entry_id: int) -> Entry:
    found = _entries(reader.rows(entry_sql.ENTRY, id=entry_id))
    if not found:
        raise NotFound(f"there is no entry #{entry_id} (see `sprintlog entries`)")
    return found[0]


def filters_for(
    reader: Reader,
    *,
    settings: Settings,
    today: date,
    sprint_number: int | None = None,
    goal_ref: str | None = None,
) -> Filters:
    """Filters for a sprint and a goal; the goal is one of that sprint, else the current one."""
    sprint = sprint_reads.get(reader, number=sprint_number) if sprint_number else None
    if goal_ref is None:
        return Filters(sprint=sprint)
    scope = sprint or sprint_reads.resolve(reader, number=None, today=today)
    sprint_reads.with_goals(reader, sprint=scope)
    target = sprint_reads.resolve_target(scope, ref=goal_ref, settings=settings)
    return Filters(sprint=sprint, target=target)


def query(reader: Reader, *, filters: Filters) -> list[Entry]:
    """The entries ``filters`` allow, oldest first."""
    return list(stream(reader, filters=filters))


def stream(reader: Reader, *, filters: Filters) -> "Iterator[Entry]":
    """The entries ``filters`` allow, oldest first, one at a time as the database gives
    them (a listing of 100,000 holds a batch of them, not all)."""
    conditions, params = _conditions(filters)
    found = _grouped(reader.stream(entry_sql.entries(*conditions), **params))
    if filters.grep and not filters.grep.isascii():
        # The database's lower() folds ASCII only under the C locale (SQLite's always);
        # Python folds every letter, whatever the server's locale.
        wanted = filters.grep.casefold()
        return (entry for entry in found if wanted in entry.text.casefold())
    return found


def last_id(reader: Reader) -> int:
    """The largest id an entry has (0 with none)."""
    return int(reader.value(entry_sql.LAST_ID) or 0)


def tags_of(reader: Reader, found: list[Entry]) -> dict[int, list[str]]:
    """Entry id -> its tags, for entries just listed (one query over their days)."""
    if not found:
        return {}
    days = [entry.day for entry in found]
    return tagging.of_entries(reader, since=min(days), until=max(days))


def _conditions(filters: Filters) -> tuple[list[str], dict[str, object]]:
    """The names of entry_sql.ENTRY_FILTERS that apply, and their parameters."""
    bounds = {"since": filters.since, "until": filters.until}
    if filters.sprint is not None:  # the later start and the earlier end of the two
        first, last = filters.sprint.start_day, filters.sprint.end_day
        bounds["since"] = max(first, filters.since) if filters.since else first
        bounds["until"] = min(last, filters.until) if filters.until else last
    conditions = [name for name, day in bounds.items() if day is not None]
    params: dict[str, object] = {name: bounds[name] for name in conditions}
    if filters.target is not None:
        task = filters.target.task
        kind, item = ("task", task) if task is not None else ("goal", filters.target.goal)
        if filters.chain:
            conditions.append(f"{kind}_chain")
            params["start"] = item.id
        else:
            conditions.append(kind)
            params[kind] = item.id
    for number, tag in enumerate(filters.tags, start=1):
        conditions.append(f"tag{number}")
        params[f"tag{number}"] = tag
    if filters.grep and filters.grep.isascii():
        conditions.append("grep")
        params["pattern"] = f"%{_escaped(filters.grep.lower())}%"
    return conditions, params


def _escaped(text: str) -> str:
    """A user's % and _ are literal characters, not wildcards (ESCAPE '/')."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")
