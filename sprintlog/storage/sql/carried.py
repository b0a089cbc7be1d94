"""Where a sprint's carried goals and tasks came from, and how often they were carried.

Read by the plan and the review post (services/carry.py); ``sprint start`` carries.
"""

from sprintlog.storage.reader import Query, columns

# Where the carried goals and tasks of a sprint came from: (id, number[, letter], sprint).
GOAL_ORIGINS = Query(
    "SELECT g.id, src.number, s.number AS sprint FROM goal g "
    "JOIN goal src ON src.id = g.carried_from_id JOIN sprint s ON s.id = src.sprint_id "
    "WHERE g.sprint_id = :sprint",
    columns(("goal.id", int), ("goal.number", int), ("sprint", int)),
)
TASK_ORIGINS = Query(
    "SELECT t.id, sg.number, src.letter, s.number AS sprint FROM task t "
    "JOIN goal g ON g.id = t.goal_id JOIN task src ON src.id = t.carried_from_id "
    "JOIN goal sg ON sg.id = src.goal_id JOIN sprint s ON s.id = sg.sprint_id "
    "WHERE g.sprint_id = :sprint",
    columns(("task.id", int), ("goal.number", int), ("task.letter", str), ("sprint", int)),
)


def chain(table: str, seed: str) -> str:
    """A recursive CTE ``chain(start, member, origin)``: every goal or task the rows of
    ``seed`` continue, themselves included, back along ``carried_from_id``. UNION, not
    UNION ALL: a chain that somehow came back on itself ends instead of running forever."""
    return (
        f"WITH RECURSIVE chain(start, member, origin) AS ("
        f"SELECT id, id, carried_from_id FROM {table} WHERE {seed} "
        f"UNION SELECT chain.start, parent.id, parent.carried_from_id "
        f"FROM chain JOIN {table} parent ON parent.id = chain.origin) "
    )


CARRIED_GOALS = "sprint_id = :sprint AND carried_from_id IS NOT NULL"
CARRIED_TASKS = (
    "carried_from_id IS NOT NULL AND goal_id IN (SELECT id FROM goal WHERE sprint_id = :sprint)"
)
_TIMES = "SELECT start, COUNT(*) AS times FROM chain WHERE origin IS NOT NULL GROUP BY start"
# How many sprints each carried goal (task) of a sprint has been carried through.
GOAL_TIMES_CARRIED = Query(
    chain("goal", CARRIED_GOALS) + _TIMES, columns(("start", int), ("times", int))
)
TASK_TIMES_CARRIED = Query(
    chain("task", CARRIED_TASKS) + _TIMES, columns(("start", int), ("times", int))
)
