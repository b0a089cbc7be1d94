"""The reading list (table ``reading_item``): listing it, one item, adding, changing, removing."""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, columns

# As records.py's ReadingItem holds an item, field for field.
_COLUMNS = columns(
    ("reading_item.id", int),
    ("reading_item.title", str),
    ("reading_item.url", str),
    ("reading_item.category", str),
    ("reading_item.goal_number", int),
    ("reading_item.status", str),
    ("reading_item.note", str),
    ("reading_item.added_on", date),
    ("reading_item.started_on", date),
    ("reading_item.finished_on", date),
)
_ITEMS = (
    "SELECT id, title, url, category, goal_number, status, note, added_on, started_on, "
    "finished_on FROM reading_item"
)
_ORDER = " ORDER BY category, id"

ITEMS = Query(_ITEMS + _ORDER, _COLUMNS)
ITEMS_WITH_STATUS = Query(f"{_ITEMS} WHERE status = :status{_ORDER}", _COLUMNS)
ITEM = Query(f"{_ITEMS} WHERE id = :id", _COLUMNS)
# The list as it stood at a sprint's end: added by then, not finished before it began.
READING_FOR_REVIEW = Query(
    f"{_ITEMS} WHERE added_on <= :last AND (finished_on IS NULL OR finished_on >= :first)" + _ORDER,
    _COLUMNS,
)

ADD_ITEM = Insert(
    "reading_item",
    columns(
        ("reading_item.title", str),
        ("reading_item.url", str),
        ("reading_item.category", str),
        ("reading_item.goal_number", int),
        ("reading_item.status", str),
        ("reading_item.added_on", date),
        ("reading_item.uuid", str),
        ("reading_item.updated_at", datetime),
    ),
)
# Where an item is in its reading (read start, read done): status, days and note at once.
CHANGE_ITEM = Change(
    "UPDATE reading_item SET status = :status, started_on = :started_on, "
    "finished_on = :finished_on, note = :note, updated_at = :updated_at WHERE id = :id",
    "reading_item",
    columns(
        ("reading_item.status", str),
        ("reading_item.started_on", date),
        ("reading_item.finished_on", date),
        ("reading_item.note", str),
        ("reading_item.updated_at", datetime),
    ),
)
REMOVE_ITEM = Change("DELETE FROM reading_item WHERE id = :id", "reading_item")
