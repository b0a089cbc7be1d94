"""The log's entries: read (``entries``, ``entry show``, the post), written by ``log``,
changed and removed (``entry edit``, ``entry rm``).

Each query and statement runs on either backend through a Reader and declares its
columns; tests/test_queries.py checks them against the SQLModel tables.
"""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, columns
from sprintlog.storage.sql.carried import chain

# --- entries (entries, entry show, render) -------------------------------------------

_ENTRY_COLUMNS = columns(
    ("entry.id", int),
    ("entry.day", date),
    ("entry.text", str),
    ("entry.minutes", int),
    ("entry.created_at", datetime),
    ("entry.started_at", datetime),
    ("entrygoal.goal_id", int),
    ("entrygoal.task_id", int),
    ("goal.number", int),
    ("task.letter", str),
)
# An entry and its goal links: one row per link (one for an entry with none), in order.
_ENTRIES = (
    "SELECT e.id, e.day, e.text, e.minutes, e.created_at, e.started_at, l.goal_id, l.task_id, "
    "g.number, t.letter FROM entry e "
    "LEFT JOIN entrygoal l ON l.entry_id = e.id LEFT JOIN goal g ON g.id = l.goal_id "
    "LEFT JOIN task t ON t.id = l.task_id"
)
_ORDER = " ORDER BY e.day, e.id, l.id"
ENTRY = Query(f"{_ENTRIES} WHERE e.id = :id{_ORDER}", _ENTRY_COLUMNS)

# The largest id (how wide a listing's # column must be for any of its rows).
LAST_ID = Query("SELECT max(id) AS id FROM entry", columns(("entry.id", int)))

# The conditions ``entries`` combines (all of them ANDed): each written once.
ENTRY_FILTERS = {
    "since": "e.day >= :since",
    "until": "e.day <= :until",
    "goal": "e.id IN (SELECT entry_id FROM entrygoal WHERE goal_id = :goal)",
    "task": "e.id IN (SELECT entry_id FROM entrygoal WHERE task_id = :task)",
    "goal_chain": "e.id IN (SELECT entry_id FROM entrygoal WHERE goal_id IN "
    "(SELECT member FROM chain))",
    "task_chain": "e.id IN (SELECT entry_id FROM entrygoal WHERE task_id IN "
    "(SELECT member FROM chain))",
    # :pattern is lower-cased and escaped (see entries.py); ASCII letters fold in SQL.
    "grep": "lower(e.text) LIKE :pattern ESCAPE '/'",
}
_CHAIN_OF = {
    "goal_chain": chain("goal", "id = :start"),
    "task_chain": chain("task", "id = :start"),
}


# An entry with tag :tagN; ``tag1``, ``tag2``… as conditions, one per tag asked for.
_TAGGED = "e.id IN (SELECT entry_id FROM entry_tag WHERE tag = :{name})"


def _filter(name: str) -> str:
    if name.startswith("tag") and name[3:].isdigit():
        return _TAGGED.format(name=name)
    return ENTRY_FILTERS[name]


def entries(*conditions: str) -> Query:
    """Entries (with their links) that meet every one of ``conditions`` (ENTRY_FILTERS,
    or ``tagN``: having the tag given as parameter ``tagN``)."""
    prefix = "".join(_CHAIN_OF.get(name, "") for name in conditions)
    where = " AND ".join(_filter(name) for name in conditions)
    return Query(prefix + _ENTRIES + (f" WHERE {where}" if where else "") + _ORDER, _ENTRY_COLUMNS)


# How many entries fall in a range of days (`sprint rm` removes only a sprint without).
COUNT_BETWEEN = Query(
    "SELECT COUNT(*) AS entries FROM entry WHERE day >= :first AND day <= :last",
    columns(("entries", int)),
)

# --- log: the one write --------------------------------------------------------------

ADD_ENTRY = Insert(
    "entry",
    columns(
        ("entry.day", date),
        ("entry.text", str),
        ("entry.minutes", int),
        ("entry.created_at", datetime),
        ("entry.uuid", str),
        ("entry.updated_at", datetime),
        ("entry.started_at", datetime),
    ),
)
ADD_LINK = Insert(
    "entrygoal",
    columns(("entrygoal.entry_id", int), ("entrygoal.goal_id", int), ("entrygoal.task_id", int)),
)


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
