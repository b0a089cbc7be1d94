"""The goals of a sprint and their lettered tasks, as the commands read and change them.

Each query and statement runs on either backend through a Reader (storage/reader.py)
and declares its columns; tests/test_queries.py checks them against the SQLModel tables
(an insert writes every column the ORM would fill). Removing a goal with its tasks is
the ORM's: services/goals.py ``remove``.
"""

from datetime import datetime

from sprintlog.storage.reader import Change, Insert, Query, columns

GOALS_OF_SPRINT = Query(
    "SELECT id, sprint_id, number, title, description, status, outcome, carried_from_id, "
    "previous_status FROM goal WHERE sprint_id = :sprint ORDER BY number",
    columns(
        ("goal.id", int),
        ("goal.sprint_id", int),
        ("goal.number", int),
        ("goal.title", str),
        ("goal.description", str),
        ("goal.status", str),
        ("goal.outcome", str),
        ("goal.carried_from_id", int),
        ("goal.previous_status", str),
    ),
)
TASKS_OF_SPRINT = Query(
    "SELECT t.id, t.goal_id, t.letter, t.text, t.description, t.status, t.outcome, "
    "t.carried_from_id, t.previous_status FROM task t JOIN goal g ON g.id = t.goal_id "
    "WHERE g.sprint_id = :sprint ORDER BY t.goal_id, t.letter",
    columns(
        ("task.id", int),
        ("task.goal_id", int),
        ("task.letter", str),
        ("task.text", str),
        ("task.description", str),
        ("task.status", str),
        ("task.outcome", str),
        ("task.carried_from_id", int),
        ("task.previous_status", str),
    ),
)

ADD_GOAL = Insert(
    "goal",
    columns(
        ("goal.sprint_id", int),
        ("goal.number", int),
        ("goal.title", str),
        ("goal.description", str),
        ("goal.status", str),
        ("goal.uuid", str),
        ("goal.updated_at", datetime),
    ),
)
ADD_TASK = Insert(
    "task",
    columns(
        ("task.goal_id", int),
        ("task.letter", str),
        ("task.text", str),
        ("task.description", str),
        ("task.status", str),
        ("task.uuid", str),
        ("task.updated_at", datetime),
    ),
)

# Every UPDATE moves updated_at, as the ORM's onupdate does (a merge compares it).
_STAMP = ", updated_at = :updated_at WHERE id = :id"


def _change(table: str, *names: str) -> Change:
    """``UPDATE table SET name = :name, … , updated_at = :updated_at WHERE id = :id``."""
    kinds = {"updated_at": datetime, "number": int}
    sets = ", ".join(f"{name} = :{name}" for name in names)
    return Change(
        f"UPDATE {table} SET {sets}{_STAMP}",
        table,
        columns(*((f"{table}.{name}", kinds.get(name, str)) for name in (*names, "updated_at"))),
    )


SET_GOAL_WORDING = _change("goal", "title", "description")
SET_TASK_WORDING = _change("task", "text", "description")
# With the status it replaced, or None: what `goal reopen` restores (services/goals.py).
SET_GOAL_STATUS = _change("goal", "status", "previous_status")
SET_TASK_STATUS = _change("task", "status", "previous_status")
SET_GOAL_OUTCOME = _change("goal", "outcome")
SET_GOAL_NUMBER = _change("goal", "number")
SET_TASK_LETTER = _change("task", "letter")
SET_TASK_OUTCOME = _change("task", "outcome")
