"""The goals of a sprint and their lettered tasks, as the commands read them.

Each query runs on either backend through a Reader (storage/reader.py) and declares its
columns; tests/test_queries.py checks them against the SQLModel tables.
"""

from sprintlog.storage.reader import Query, columns

GOALS_OF_SPRINT = Query(
    "SELECT id, sprint_id, number, title, description, status, outcome, carried_from_id "
    "FROM goal WHERE sprint_id = :sprint ORDER BY number",
    columns(
        ("goal.id", int),
        ("goal.sprint_id", int),
        ("goal.number", int),
        ("goal.title", str),
        ("goal.description", str),
        ("goal.status", str),
        ("goal.outcome", str),
        ("goal.carried_from_id", int),
    ),
)
TASKS_OF_SPRINT = Query(
    "SELECT t.id, t.goal_id, t.letter, t.text, t.description, t.status, t.outcome, "
    "t.carried_from_id FROM task t JOIN goal g ON g.id = t.goal_id "
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
    ),
)
