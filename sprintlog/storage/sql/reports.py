"""The report's queries (``sprintlog report``): SQL aggregates over [since, until].

Every query returns a row per goal, task, tag or sprint, never one per entry of the whole
history, and starts from the range's entries (entry.day is indexed) or its sprints.
"""

from datetime import date

from sprintlog.storage.reader import Query, columns

# Per goal track (the goal's number, whatever its sprint), and per sprint of it: an entry
# linked to two tasks of one goal counts once for the goal. Every report query starts from
# the range's entries (entry.day is indexed), never from a whole link table.
_GOALS_TEXT = (
    "SELECT goal.number, sprint.number, goal.title, COUNT(DISTINCT link.day) AS days,"
    " COUNT(*) AS entries, SUM(link.minutes) AS minutes"
    " FROM (SELECT DISTINCT entrygoal.entry_id, entrygoal.goal_id, entry.day, entry.minutes"
    " FROM entry JOIN entrygoal ON entrygoal.entry_id = entry.id"
    " WHERE entry.day >= :since AND entry.day <= :until) AS link"
    " JOIN goal ON goal.id = link.goal_id"
    " JOIN sprint ON sprint.id = goal.sprint_id"
    " GROUP BY goal.number, sprint.number, goal.title"
    " ORDER BY goal.number, sprint.number"
)

_TASKS_TEXT = (
    "SELECT goal.number, task.letter, sprint.number, task.text,"
    " COUNT(DISTINCT entry.day) AS days, COUNT(*) AS entries, SUM(entry.minutes) AS minutes"
    " FROM entry"
    " JOIN entrygoal ON entrygoal.entry_id = entry.id"
    " JOIN task ON task.id = entrygoal.task_id"
    " JOIN goal ON goal.id = task.goal_id"
    " JOIN sprint ON sprint.id = goal.sprint_id"
    " WHERE entry.day >= :since AND entry.day <= :until"
    " GROUP BY goal.number, task.letter, sprint.number, task.text"
    " ORDER BY goal.number, task.letter, sprint.number"
)

_TAGS_TEXT = (
    "SELECT entry_tag.tag, COUNT(DISTINCT entry.day) AS days, COUNT(*) AS entries,"
    " SUM(entry.minutes) AS minutes"
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
_SPRINTS_TEXT = (
    f"WITH {_ITEMS}"
    " SELECT sprint.number, sprint.title, sprint.start_day, sprint.end_day,"
    " COALESCE(counted.items, 0) AS items, counted.done, counted.dropped, counted.deferred,"
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
_SPRINT_DAYS_TEXT = (
    "SELECT sprint.number,"
    f" (SELECT COUNT(DISTINCT entry.day){_SPRINT_ENTRIES} AS days,"
    f" (SELECT COUNT(*){_SPRINT_ENTRIES} AS entries,"
    f" (SELECT SUM(entry.minutes){_SPRINT_ENTRIES} AS minutes"
    " FROM sprint WHERE sprint.end_day >= :since AND sprint.start_day <= :until"
    " ORDER BY sprint.end_day"
)

# How many times the items each sprint carried on had been carried before it: for each
# carried item, the length of its carried_from chain, walked back one primary-key lookup
# at a time (so it costs the chain's length, not the history's), summed per sprint.
_CARRIED_BEFORE_TEXT = (
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
    " SELECT sprint.number, SUM(chains.depth) AS times FROM"
    " (SELECT sprint_id, start_id, kind, MAX(depth) AS depth FROM back"
    " GROUP BY sprint_id, start_id, kind) AS chains"
    " JOIN sprint ON sprint.id = chains.sprint_id"
    " GROUP BY sprint.number ORDER BY sprint.number"
)


GOALS = Query(
    _GOALS_TEXT,
    columns(
        ("goal.number", int),
        ("sprint.number", int),
        ("goal.title", str),
        ("days", int),
        ("entries", int),
        ("minutes", int),
    ),
)

TASKS = Query(
    _TASKS_TEXT,
    columns(
        ("goal.number", int),
        ("task.letter", str),
        ("sprint.number", int),
        ("task.text", str),
        ("days", int),
        ("entries", int),
        ("minutes", int),
    ),
)

TAGS = Query(
    _TAGS_TEXT, columns(("entry_tag.tag", str), ("days", int), ("entries", int), ("minutes", int))
)

SPRINTS = Query(
    _SPRINTS_TEXT,
    columns(
        ("sprint.number", int),
        ("sprint.title", str),
        ("sprint.start_day", date),
        ("sprint.end_day", date),
        ("items", int),
        ("done", int),
        ("dropped", int),
        ("deferred", int),
        ("carried", int),
        ("left_open", int),
    ),
)

SPRINT_DAYS = Query(
    _SPRINT_DAYS_TEXT,
    columns(("sprint.number", int), ("days", int), ("entries", int), ("minutes", int)),
)

CARRIED_BEFORE = Query(_CARRIED_BEFORE_TEXT, columns(("sprint.number", int), ("times", int)))

# Each study day of the range: entries and minutes (the week and month rows).
# One row per study day of [since, until]: entries and minutes (the report sums these).
DAYS = Query(
    "SELECT day, COUNT(*) AS entries, SUM(minutes) AS minutes FROM entry"
    " WHERE day >= :since AND day <= :until GROUP BY day ORDER BY day",
    columns(("entry.day", date), ("entries", int), ("minutes", int)),
)
