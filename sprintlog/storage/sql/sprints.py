"""Sprints as the commands read them: the current one, one by its number, the latest.

Each query runs on either backend through a Reader (storage/reader.py) and declares its
columns; tests/test_queries.py checks them against the SQLModel tables.
"""

from datetime import date, datetime

from sprintlog.storage.reader import Query, columns

_SPRINT_COLUMNS = columns(
    ("sprint.id", int),
    ("sprint.number", int),
    ("sprint.title", str),
    ("sprint.start_day", date),
    ("sprint.end_day", date),
    ("sprint.closed_at", datetime),
    ("sprint.notes", str),
)
_SPRINTS = "SELECT id, number, title, start_day, end_day, closed_at, notes FROM sprint"

SPRINT_CONTAINING = Query(
    f"{_SPRINTS} WHERE start_day <= :day AND end_day >= :day ORDER BY number LIMIT 1",
    _SPRINT_COLUMNS,
)
SPRINT_NUMBERED = Query(f"{_SPRINTS} WHERE number = :number", _SPRINT_COLUMNS)
SPRINT_LATEST = Query(f"{_SPRINTS} ORDER BY number DESC LIMIT 1", _SPRINT_COLUMNS)
# Over: closed, or past its last day.
SPRINT_LATEST_ENDED = Query(
    f"{_SPRINTS} WHERE end_day < :today OR closed_at IS NOT NULL ORDER BY number DESC LIMIT 1",
    _SPRINT_COLUMNS,
)
