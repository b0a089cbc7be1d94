"""Plain-SQL queries of tags and reports: one text per query.

Each text runs unchanged on SQLite (through the standard library's sqlite3, or through
SQLAlchemy's connection) and on PostgreSQL (through SQLAlchemy's connection), so both
backends test the same SQL: named ``:parameters``, no SQLite-only functions. Days are
bound as ISO text on SQLite (how the column stores them) and as dates on PostgreSQL; rows
come back as the driver gives them. Those read back as dates are typed by a Reader
instead: the report's days in storage/queries.py, breaks and the tag summary in
storage/sql/.

Aggregates only: every query returns a row per tag, goal, task or sprint, never
one per entry of the whole history.
"""

import sqlite3
from collections.abc import Mapping
from typing import Any

from sprintlog.storage.values import to_sqlite

# --- tags ----------------------------------------------------------------------------

INSERT_TAG = "INSERT INTO entry_tag (entry_id, tag) VALUES (:entry_id, :tag)"
DELETE_TAGS = "DELETE FROM entry_tag WHERE entry_id = :entry_id"
TAGS_OF_ENTRY = "SELECT tag FROM entry_tag WHERE entry_id = :entry_id ORDER BY tag"

# The tags of the entries of a range of days (those of a listing: filtered in Python).
TAGS_BETWEEN = (
    "SELECT entry_tag.entry_id, entry_tag.tag FROM entry_tag"
    " JOIN entry ON entry.id = entry_tag.entry_id"
    " WHERE entry.day >= :since AND entry.day <= :until"
    " ORDER BY entry_tag.entry_id, entry_tag.tag"
)

# --- reports (all over [since, until]) -------------------------------------------------

# Per goal track (the goal's number, whatever its sprint), and per sprint of it: an entry
# linked to two tasks of one goal counts once for the goal. Every report query starts from
# the range's entries (entry.day is indexed), never from a whole link table.
REPORT_GOALS = (
    "SELECT goal.number, sprint.number, goal.title, COUNT(DISTINCT link.day),"
    " COUNT(*), SUM(link.minutes)"
    " FROM (SELECT DISTINCT entrygoal.entry_id, entrygoal.goal_id, entry.day, entry.minutes"
    " FROM entry JOIN entrygoal ON entrygoal.entry_id = entry.id"
    " WHERE entry.day >= :since AND entry.day <= :until) AS link"
    " JOIN goal ON goal.id = link.goal_id"
    " JOIN sprint ON sprint.id = goal.sprint_id"
    " GROUP BY goal.number, sprint.number, goal.title"
    " ORDER BY goal.number, sprint.number"
)

REPORT_TASKS = (
    "SELECT goal.number, task.letter, sprint.number, task.text, COUNT(DISTINCT entry.day),"
    " COUNT(*), SUM(entry.minutes)"
    " FROM entry"
    " JOIN entrygoal ON entrygoal.entry_id = entry.id"
    " JOIN task ON task.id = entrygoal.task_id"
    " JOIN goal ON goal.id = task.goal_id"
    " JOIN sprint ON sprint.id = goal.sprint_id"
    " WHERE entry.day >= :since AND entry.day <= :until"
    " GROUP BY goal.number, task.letter, sprint.number, task.text"
    " ORDER BY goal.number, task.letter, sprint.number"
)

REPORT_TAGS = (
    "SELECT entry_tag.tag, COUNT(DISTINCT entry.day), COUNT(*), SUM(entry.minutes)"
    " FROM entry JOIN entry_tag ON entry_tag.entry_id = entry.id"
    " WHERE entry.day >= :since AND entry.day <= :until"
    " GROUP BY entry_tag.tag ORDER BY entry_tag.tag"
)

# The planned items of the sprints from the range's first on (work is carried into later
# sprints, so these hold every item that carries one of the range's on): their tasks, and
# their goals that have no task.
_ITEMS = (
    "item(sprint_id, kind, id, status, carried_from_id) AS ("
    " SELECT goal.sprint_id, 't', task.id, task.status, task.carried_from_id"
    # CROSS JOIN: an inner join that SQLite also takes in this order (from the range's
    # sprints, by the end_day index), never from the whole task table.
    " FROM sprint CROSS JOIN goal CROSS JOIN task"
    " WHERE goal.sprint_id = sprint.id AND task.goal_id = goal.id AND sprint.end_day >= :since"
    " UNION ALL"
    " SELECT goal.sprint_id, 'g', goal.id, goal.status, goal.carried_from_id"
    " FROM sprint JOIN goal ON goal.sprint_id = sprint.id"
    " WHERE sprint.end_day >= :since"
    " AND NOT EXISTS (SELECT 1 FROM task WHERE task.goal_id = goal.id))"
)
# Carried: continued by an item of a later sprint (carry.py's carried_from link).
_CARRIED = (
    "EXISTS (SELECT 1 FROM item AS later"
    " WHERE later.kind = item.kind AND later.carried_from_id = item.id)"
)

# Sprints that share a day with the range: items planned, done, dropped, deferred,
# carried into a later sprint, and left open (unfinished, not carried). The counts are
# made per sprint from the items, then joined to the range's sprints: no GROUP BY over
# the sprint table, which would make SQLite walk all of it in number order.
REPORT_SPRINTS = (
    f"WITH {_ITEMS}"
    " SELECT sprint.number, sprint.title, sprint.start_day, sprint.end_day,"
    " COALESCE(counted.items, 0), counted.done, counted.dropped, counted.deferred,"
    " counted.carried, counted.left_open"
    " FROM sprint LEFT JOIN ("
    " SELECT item.sprint_id AS sprint_id, COUNT(*) AS items,"
    " SUM(CASE WHEN item.status = 'done' THEN 1 ELSE 0 END) AS done,"
    " SUM(CASE WHEN item.status = 'dropped' THEN 1 ELSE 0 END) AS dropped,"
    " SUM(CASE WHEN item.status = 'deferred' THEN 1 ELSE 0 END) AS deferred,"
    " SUM(CASE WHEN later.source IS NOT NULL THEN 1 ELSE 0 END) AS carried,"
    " SUM(CASE WHEN item.status IN ('open', 'partial') AND later.source IS NULL"
    " THEN 1 ELSE 0 END) AS left_open"
    " FROM item LEFT JOIN (SELECT DISTINCT kind, carried_from_id AS source FROM item"
    " WHERE carried_from_id IS NOT NULL) AS later"
    " ON later.kind = item.kind AND later.source = item.id"
    " GROUP BY item.sprint_id) AS counted ON counted.sprint_id = sprint.id"
    " WHERE sprint.end_day >= :since AND sprint.start_day <= :until"
    " ORDER BY sprint.end_day"
)

# Study days, entries and minutes of each sprint within the range.
_SPRINT_ENTRIES = (
    " FROM entry WHERE entry.day >= sprint.start_day AND entry.day <= sprint.end_day"
    " AND entry.day >= :since AND entry.day <= :until)"
)
REPORT_SPRINT_DAYS = (
    "SELECT sprint.number,"
    f" (SELECT COUNT(DISTINCT entry.day){_SPRINT_ENTRIES},"
    f" (SELECT COUNT(*){_SPRINT_ENTRIES},"
    f" (SELECT SUM(entry.minutes){_SPRINT_ENTRIES}"
    " FROM sprint WHERE sprint.end_day >= :since AND sprint.start_day <= :until"
    " ORDER BY sprint.end_day"
)

# How many times the items each sprint carried on had been carried before it: for each
# carried item, the length of its carried_from chain, walked back one primary-key lookup
# at a time (so it costs the chain's length, not the history's), summed per sprint.
REPORT_CARRIED_BEFORE = (
    f"WITH RECURSIVE {_ITEMS},"
    " back(start_id, sprint_id, kind, member_id, depth) AS ("
    " SELECT item.id, item.sprint_id, item.kind, item.carried_from_id, 1"
    " FROM item JOIN sprint ON sprint.id = item.sprint_id"
    " WHERE sprint.start_day <= :until"
    f" AND item.carried_from_id IS NOT NULL AND {_CARRIED}"
    " UNION ALL"
    " SELECT back.start_id, back.sprint_id, back.kind,"
    " COALESCE(task.carried_from_id, goal.carried_from_id), back.depth + 1"
    " FROM back"
    " LEFT JOIN task ON back.kind = 't' AND task.id = back.member_id"
    " LEFT JOIN goal ON back.kind = 'g' AND goal.id = back.member_id"
    " WHERE COALESCE(task.carried_from_id, goal.carried_from_id) IS NOT NULL"
    " AND back.depth < 1000)"
    " SELECT sprint.number, SUM(chains.depth) FROM"
    " (SELECT sprint_id, start_id, kind, MAX(depth) AS depth FROM back"
    " GROUP BY sprint_id, start_id, kind) AS chains"
    " JOIN sprint ON sprint.id = chains.sprint_id"
    " GROUP BY sprint.number ORDER BY sprint.number"
)


def rows(connection: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
    """Run one of the texts above on a sqlite3 connection or an SQLAlchemy one."""
    params = dict(params or {})
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(sql, _as_stored(params)).fetchall()
    from sqlalchemy import text

    if connection.dialect.name == "sqlite":
        params = _as_stored(params)
    return [tuple(row) for row in connection.execute(text(sql), params)]


def run(connection: Any, sql: str, params: list[Mapping[str, Any]]) -> None:
    """Run a writing text once per parameter set (an INSERT of several rows)."""
    if not params:
        return
    if isinstance(connection, sqlite3.Connection):
        connection.executemany(sql, [_as_stored(dict(p)) for p in params])
        return
    from sqlalchemy import text

    stored = (
        [_as_stored(dict(p)) for p in params] if connection.dialect.name == "sqlite" else params
    )
    connection.execute(text(sql), stored)


def _as_stored(params: dict[str, Any]) -> dict[str, Any]:
    """Days as SQLite stores them (ISO text); sqlite3's own date adapter is deprecated."""
    return {key: to_sqlite(value) for key, value in params.items()}
