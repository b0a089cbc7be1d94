"""How active each goal and task of a sprint was: study days, minutes, the last day (``status``)."""

from datetime import date

from sprintlog.storage.reader import Query, columns
from sprintlog.storage.sql.carried import CARRIED_TASKS, chain

_ACTIVITY = "COUNT(DISTINCT e.day) AS days, SUM(e.minutes) AS minutes, MAX(e.day) AS last"
_ACTIVITY_COLUMNS = (("days", int), ("minutes", int), ("last", date))
_GOALS_OF = "(SELECT id FROM goal WHERE sprint_id = :sprint)"

# An entry linked to two tasks of one goal counts once for the goal.
GOAL_ACTIVITY = Query(
    f"SELECT l.goal_id, {_ACTIVITY} FROM (SELECT DISTINCT goal_id, entry_id FROM entrygoal "
    f"WHERE goal_id IN {_GOALS_OF}) l JOIN entry e ON e.id = l.entry_id GROUP BY l.goal_id",
    columns(("entrygoal.goal_id", int), *_ACTIVITY_COLUMNS),
)
TASK_ACTIVITY = Query(
    f"SELECT l.task_id, {_ACTIVITY} FROM entrygoal l JOIN entry e ON e.id = l.entry_id "
    f"WHERE l.task_id IS NOT NULL AND l.goal_id IN {_GOALS_OF} GROUP BY l.task_id",
    columns(("entrygoal.task_id", int), *_ACTIVITY_COLUMNS),
)
# For each carried task of a sprint: what was logged against it and all it continues.
CHAIN_ACTIVITY = Query(
    chain("task", CARRIED_TASKS) + f"SELECT l.start, {_ACTIVITY} FROM "
    "(SELECT DISTINCT chain.start, link.entry_id FROM chain "
    "JOIN entrygoal link ON link.task_id = chain.member) l "
    "JOIN entry e ON e.id = l.entry_id GROUP BY l.start",
    columns(("start", int), *_ACTIVITY_COLUMNS),
)
