"""Sprints as the commands read and change them: the current one, one by its number, all.

Each query and statement runs on either backend through a Reader (storage/reader.py)
and declares its columns; tests/test_queries.py checks them against the SQLModel
tables. Starting a sprint (with its carry-over) is the ORM's: services/sprints.py.
"""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Query, columns

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
ALL_SPRINTS = Query(f"{_SPRINTS} ORDER BY number", _SPRINT_COLUMNS)

# Every UPDATE moves updated_at, as the ORM's onupdate does (a merge compares it).
SET_SPRINT_NOTES = Change(
    "UPDATE sprint SET notes = :notes, updated_at = :updated_at WHERE id = :id",
    "sprint",
    columns(("sprint.notes", str), ("sprint.updated_at", datetime)),
)
CLOSE_SPRINT = Change(
    "UPDATE sprint SET end_day = :end_day, closed_at = :closed_at, updated_at = :updated_at "
    "WHERE id = :id",
    "sprint",
    columns(
        ("sprint.end_day", date), ("sprint.closed_at", datetime), ("sprint.updated_at", datetime)
    ),
)
