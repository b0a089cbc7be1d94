"""Study breaks (table ``study_break``): those of a range of days, adding and removing one."""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, columns

_COLUMNS = columns(
    ("study_break.id", int),
    ("study_break.start_day", date),
    ("study_break.end_day", date),
    ("study_break.reason", str),
)
_BREAKS = "SELECT id, start_day, end_day, reason FROM study_break"

# Breaks that share at least one day with [since, until].
BREAKS_BETWEEN = Query(
    f"{_BREAKS} WHERE end_day >= :since AND start_day <= :until ORDER BY start_day, id",
    _COLUMNS,
)
BREAK = Query(f"{_BREAKS} WHERE id = :id", _COLUMNS)
ADD_BREAK = Insert(
    "study_break",
    columns(
        ("study_break.start_day", date),
        ("study_break.end_day", date),
        ("study_break.reason", str),
        ("study_break.uuid", str),
        ("study_break.updated_at", datetime),
    ),
)
REMOVE_BREAK = Change("DELETE FROM study_break WHERE id = :id", "study_break")
