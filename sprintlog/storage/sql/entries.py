"""An entry of the log changed or removed (``entry edit``, ``entry rm``).

Reading entries and ``log``'s insert are storage/queries.py's (ENTRY, ADD_ENTRY,
ADD_LINK). Each statement runs on either backend through a Reader and declares the
columns it sets; tests/test_queries.py checks them against the SQLModel tables.
"""

from datetime import date, datetime

from sprintlog.storage.reader import Change, columns

# updated_at moves with every change of the row, as the ORM's onupdate moves it.
SET_ENTRY = Change(
    "UPDATE entry SET day = :day, text = :text, minutes = :minutes, updated_at = :updated_at "
    "WHERE id = :id",
    "entry",
    columns(
        ("entry.day", date),
        ("entry.text", str),
        ("entry.minutes", int),
        ("entry.updated_at", datetime),
    ),
)
# The links are replaced (deleted, then ADD_LINK again) when its goals are given anew.
UNLINK_ENTRY = Change("DELETE FROM entrygoal WHERE entry_id = :entry_id", "entrygoal")
# Its goal links and tags go with it: their foreign keys say ON DELETE CASCADE.
REMOVE_ENTRY = Change("DELETE FROM entry WHERE id = :id", "entry")
