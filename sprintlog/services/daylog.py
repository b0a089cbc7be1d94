"""Logging a day: the command people run most, in plain SQL on an SQLite journal.

``sprintlog log`` runs several times a day, and importing SQLAlchemy alone takes longer
than jrnl takes to add an entry. So on SQLite this module writes the entry with the
standard library's sqlite3, on a connection with the journal's settings and write lock
(sqlite_db), in one transaction. It writes the same rows as ``entries.add``, with the
same checks and messages (services/log_checks.py); tests/test_daylog.py gives both the same
inputs and compares what they stored or said. A journal on a server goes through
``entries.add``: there the ORM's import is small beside a network round trip.

This is the one service that takes the journal rather than a session: which of the two
ways it writes is its own business, not the CLI's.
"""

import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sprintlog.refs import label, link_labels, parse_ref
from sprintlog.services import log_checks, tagging
from sprintlog.setting_specs import Settings, from_stored
from sprintlog.storage import revision
from sprintlog.storage.journal import Journal
from sprintlog.tags import of_entry
from sprintlog.text import checked_text

# How SQLAlchemy stores a DateTime on SQLite; the ORM must read our rows back unchanged.
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class Logged:
    """What was logged: the entry's number, its day and the goals it is for (as labels)."""

    id: int
    day: date
    refs: list[str]
    tags: list[str] = field(default_factory=list)


def add(
    journal: Journal,
    *,
    text: str,
    day: date,
    refs: list[str] | None = None,
    minutes: int | None = None,
    tags: list[str] | None = None,
) -> Logged:
    """Log an entry; goal references resolve in the sprint that contains ``day``."""
    if journal.location.path is None:
        return _add_with_orm(journal, text=text, day=day, refs=refs, minutes=minutes, tags=tags)
    with journal.sqlite_transaction(write=True) as connection:
        revision.still_head(connection, journal.location.shown)
        return add_sql(connection, text=text, day=day, refs=refs, minutes=minutes, tags=tags)


def add_sql(
    connection: sqlite3.Connection,
    *,
    text: str,
    day: date,
    refs: list[str] | None = None,
    minutes: int | None = None,
    tags: list[str] | None = None,
) -> Logged:
    """``entries.add`` in plain SQL, inside the caller's write transaction."""
    settings = from_stored(dict(connection.execute("SELECT key, value FROM setting").fetchall()))
    body = checked_text(text, what="entry text")
    minutes = log_checks.checked_minutes(minutes)
    targets = _targets(connection, day=day, refs=refs or [], settings=settings)
    now = datetime.now(UTC).strftime(_SQLITE_DATETIME)
    cursor = connection.execute(
        "INSERT INTO entry (day, text, minutes, created_at, uuid, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (day.isoformat(), body, minutes, now, uuid.uuid4().hex, now),
    )
    entry_id = cursor.lastrowid
    assert entry_id is not None
    connection.executemany(
        "INSERT INTO entrygoal (entry_id, goal_id, task_id) VALUES (?, ?, ?)",
        [(entry_id, goal_id, task_id) for goal_id, task_id in targets],
    )
    found = tagging.write(connection, entry_id=entry_id, text=body, given=tags)
    return Logged(id=entry_id, day=day, refs=list(targets.values()), tags=found)


def _targets(
    connection: sqlite3.Connection, *, day: date, refs: list[str], settings: Settings
) -> dict[tuple[int, int | None], str]:
    """(goal id, task id) → label for each distinct goal or task named, in the order given."""
    if not refs:
        return {}
    sprint = connection.execute(
        "SELECT id, number FROM sprint WHERE start_day <= ? AND end_day >= ?",
        (day.isoformat(), day.isoformat()),
    ).fetchone()
    if sprint is None:
        raise log_checks.no_sprint_for(day)
    sprint_id, sprint_number = sprint
    found: dict[tuple[int, int | None], str] = {}
    for ref in refs:
        parsed = parse_ref(ref, prefix=settings.prefix, max_goals=settings.max_goals)
        goal = connection.execute(
            "SELECT id FROM goal WHERE sprint_id = ? AND number = ?", (sprint_id, parsed.goal)
        ).fetchone()
        if goal is None:
            raise log_checks.no_goal(settings.prefix, sprint_number, parsed.goal)
        task_id = None
        if parsed.letter is not None:
            tasks = dict(
                connection.execute(
                    "SELECT letter, id FROM task WHERE goal_id = ? ORDER BY letter", (goal[0],)
                ).fetchall()
            )
            if parsed.letter not in tasks:
                raise log_checks.no_task(parsed.label(settings.prefix), sprint_number, list(tasks))
            task_id = tasks[parsed.letter]
        found.setdefault((goal[0], task_id), label(settings.prefix, parsed.goal, parsed.letter))
    return found


def _add_with_orm(
    journal: Journal,
    *,
    text: str,
    day: date,
    refs: list[str] | None,
    minutes: int | None,
    tags: list[str] | None,
) -> Logged:
    from sprintlog.services import entries, settings

    with journal.transaction(write=True) as session:
        config = settings.load(session)
        entry = entries.add(
            session, text=text, day=day, settings=config, refs=refs, minutes=minutes, tags=tags
        )
        labels = link_labels(entry.links, config.prefix)
    assert entry.id is not None
    return Logged(id=entry.id, day=entry.day, refs=labels, tags=of_entry(entry.text, tags or []))


def resolve_refs(connection: sqlite3.Connection, *, day: date, refs: list[str]) -> list[str]:
    """The labels of what ``refs`` name on ``day``, or the error ``add_sql`` would raise.

    (The timer checks its goals when it starts, so that ``stop`` does not fail late.)
    """
    settings = from_stored(dict(connection.execute("SELECT key, value FROM setting").fetchall()))
    return list(_targets(connection, day=day, refs=refs, settings=settings).values())


def check_refs(journal: Journal, *, day: date, refs: list[str]) -> None:
    """Raise what ``add`` would raise for ``refs`` on ``day``: before an editor opens."""
    if not refs:
        return
    if journal.location.path is None:
        from sprintlog.services import entries, settings

        with journal.transaction(write=False) as session:
            entries.check_refs(session, day=day, refs=refs, settings=settings.load(session))
        return
    with journal.sqlite_transaction(write=False) as connection:
        resolve_refs(connection, day=day, refs=refs)
