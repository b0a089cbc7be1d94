"""Removals (table ``removal``): what ``entry rm``, ``goal rm``, ``reading rm`` and
``break rm`` leave behind, so that a merge passes a removal on (issue 25).

Each removal path calls ``record`` before its DELETE, in the same transaction: the
uuid of every row it removes (a goal's tasks with the goal), the table, the time, and
the removed row's own ``updated_at``.
"""

from datetime import datetime

from sprintlog.storage.reader import Insert, Query, Reader, columns
from sprintlog.storage.values import utcnow


def _stamps(table: str, where: str = "id = :id") -> Query:
    return Query(
        f"SELECT uuid, updated_at FROM {table} WHERE {where}",
        columns((f"{table}.uuid", str), (f"{table}.updated_at", datetime)),
    )


ENTRY_STAMP = _stamps("entry")
GOAL_STAMP = _stamps("goal")
TASK_STAMP = _stamps("task")
TASKS_OF_GOAL_STAMPS = _stamps("task", "goal_id = :goal_id")
READING_ITEM_STAMP = _stamps("reading_item")
STUDY_BREAK_STAMP = _stamps("study_break")

STAMPS = {
    "entry": ENTRY_STAMP,
    "goal": GOAL_STAMP,
    "task": TASK_STAMP,
    "reading_item": READING_ITEM_STAMP,
    "study_break": STUDY_BREAK_STAMP,
}

ADD_REMOVAL = Insert(
    "removal",
    columns(
        ("removal.uuid", str),
        ("removal.row_table", str),
        ("removal.removed_at", datetime),
        ("removal.row_updated_at", datetime),
    ),
    returning=None,
)


def record(reader: Reader, table: str, *, id: int) -> None:
    """Remember the removal of row ``id`` of ``table`` (and of a goal's tasks with it)."""
    now = utcnow()
    found = [(table, row) for row in reader.rows(STAMPS[table], id=id)]
    if table == "goal":
        found += [("task", row) for row in reader.rows(TASKS_OF_GOAL_STAMPS, goal_id=id)]
    for name, (uuid, updated_at) in found:
        reader.insert(
            ADD_REMOVAL, uuid=uuid, row_table=name, removed_at=now, row_updated_at=updated_at
        )
