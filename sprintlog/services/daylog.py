"""Logging a day: the command people run most, in plain SQL on either backend.

``sprintlog log`` runs several times a day, and importing SQLAlchemy alone takes longer
than jrnl takes to add an entry. So this writes the entry with storage/entry_sql.py's
insert, through a Reader: on an SQLite journal a bare sqlite3 connection with the
journal's settings and write lock (storage/sqlite.py), on a server SQLAlchemy's, one
transaction either way. It writes the same rows as the ORM would, with the same checks and
messages (services/log_checks.py): tests/test_daylog.py gives it and an ORM version kept
in the tests (tests/orm_log.py) the same inputs and compares what they stored or said,
column by column.

This is the one service that takes the journal rather than a session or a reader:
which of the two ways it opens is its own business, not the CLI's.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sprintlog.errors import Conflict
from sprintlog.records import Target
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.text import checked_text
from sprintlog.services import log_checks, settings, sprint_reads, tagging
from sprintlog.storage.journal import Journal
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import entries as entry_sql
from sprintlog.storage.values import new_uuid, utcnow


@dataclass(frozen=True)
class Logged:
    """What was logged: the entry's number, its day and the goals it is for (as labels)."""

    id: int
    day: date
    refs: list[str]
    tags: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # goals given then, removed since (timer)


def add(
    journal: Journal,
    *,
    text: str,
    day: date,
    refs: list[str] | None = None,
    minutes: int | None = None,
    tags: list[str] | None = None,
    closed: bool = False,
) -> Logged:
    """Log an entry; goal references resolve in the sprint that contains ``day``.

    A day of a closed sprint is refused unless ``closed`` (its review may be out).
    """
    with journal.reading(write=True) as reader:
        if not closed:
            refuse_closed(reader, day=day)
        return add_sql(reader, text=text, day=day, refs=refs, minutes=minutes, tags=tags)


def refuse_closed(reader: Reader, *, day: date) -> None:
    """A closed sprint is done with: a day of it is logged only when asked (--closed)."""
    sprint = sprint_reads.containing(reader, day=day)
    if sprint is not None and sprint.closed_at is not None:
        raise Conflict(
            f"{day.isoformat()} is a day of sprint {sprint.number}, which is closed; nothing "
            "was logged (pass --closed to log it there anyway)"
        )


def add_sql(
    reader: Reader,
    *,
    text: str,
    day: date,
    refs: list[str] | None = None,
    minutes: int | None = None,
    tags: list[str] | None = None,
    started_at: datetime | None = None,
) -> Logged:
    """Log an entry inside the caller's write transaction (``started_at``: the timer's)."""
    config = settings.read(reader)
    body = checked_text(text, what="entry text")
    minutes = log_checks.checked_minutes(minutes)
    targets = resolve_targets(reader, day=day, refs=refs or [], config=config)
    now = utcnow()
    entry_id = reader.insert(
        entry_sql.ADD_ENTRY,
        day=day,
        text=body,
        minutes=minutes,
        created_at=now,
        uuid=new_uuid(),
        updated_at=now,
        started_at=started_at,
    )
    link(reader, entry_id=entry_id, targets=targets)
    found = tagging.write(reader, entry_id=entry_id, text=body, given=tags)
    labels = [target.label(config.prefix) for target in targets]
    return Logged(id=entry_id, day=day, refs=labels, tags=found)


def link(reader: Reader, *, entry_id: int, targets: list[Target]) -> None:
    """Link the entry to each of ``targets`` (``log``, and ``entry edit --goal``)."""
    for target in targets:
        reader.insert(
            entry_sql.ADD_LINK,
            entry_id=entry_id,
            goal_id=target.goal.id,
            task_id=target.task.id if target.task else None,
        )


def resolve_targets(
    reader: Reader, *, day: date, refs: list[str], config: Settings
) -> list[Target]:
    """Each distinct goal or task named, in the order given, in the sprint of ``day``."""
    if not refs:
        return []
    sprint = sprint_reads.containing(reader, day=day)
    if sprint is None:
        raise log_checks.no_sprint_for(day)
    sprint_reads.with_goals(reader, sprint=sprint)
    found: dict[tuple[int, int | None], Target] = {}
    for ref in refs:
        target = sprint_reads.resolve_target(sprint, ref=ref, settings=config)
        found.setdefault((target.goal.id, target.task.id if target.task else None), target)
    return list(found.values())


def resolve_refs(reader: Reader, *, day: date, refs: list[str]) -> list[str]:
    """The labels of what ``refs`` name on ``day``, or the error ``add_sql`` would raise.

    (The timer checks its goals when it starts, so that ``stop`` does not fail late.)
    """
    config = settings.read(reader)
    return [
        target.label(config.prefix)
        for target in resolve_targets(reader, day=day, refs=refs, config=config)
    ]


def check_refs(journal: Journal, *, day: date, refs: list[str], closed: bool = False) -> None:
    """Raise what ``add`` would raise for ``day`` and ``refs``: before an editor opens."""
    with journal.reading(write=False) as reader:
        if not closed:
            refuse_closed(reader, day=day)
        if refs:
            resolve_refs(reader, day=day, refs=refs)
