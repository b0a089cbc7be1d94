"""The daily commands' SQL, each query written once for both backends.

``log``, ``status``, ``streak``, ``entries``, ``entry show`` and ``render`` read (and
``log`` writes) through these texts only: storage/reader.py runs them with sqlite3 on an
SQLite journal and through SQLAlchemy on PostgreSQL. Each query declares the columns it
answers with, ``table.column`` for a table's own and a plain name for a computed one;
tests/test_queries.py checks those against the SQLModel tables (models.py stays the one
source of the schema) and against what the database answers. The reading list, acronyms
and questions, breaks, settings, tags and the timer have theirs in storage/sql/, one
module per feature, declared and checked the same way.

To add a query or statement: write it in the module of storage/sql/ for its feature
(sprints, goals, entries…; tests/test_queries.py finds it there) in SQL that both SQLite
and PostgreSQL accept (``:name`` parameters, no ``::`` casts), declare its columns and
call ``reader.rows(X, name=...)`` (``reader.change``, ``reader.insert``) from a service.
"""

from datetime import date, datetime

from sprintlog.storage.reader import Change, Insert, Query, columns

# --- sprints, goals, tasks -----------------------------------------------------------

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


def _chain(table: str, seed: str) -> str:
    """A recursive CTE ``chain(start, member, origin)``: every goal or task the rows of
    ``seed`` continue, themselves included, back along ``carried_from_id``. UNION, not
    UNION ALL: a chain that somehow came back on itself ends instead of running forever."""
    return (
        f"WITH RECURSIVE chain(start, member, origin) AS ("
        f"SELECT id, id, carried_from_id FROM {table} WHERE {seed} "
        f"UNION SELECT chain.start, parent.id, parent.carried_from_id "
        f"FROM chain JOIN {table} parent ON parent.id = chain.origin) "
    )


_CARRIED_GOALS = "sprint_id = :sprint AND carried_from_id IS NOT NULL"
_CARRIED_TASKS = (
    "carried_from_id IS NOT NULL AND goal_id IN (SELECT id FROM goal WHERE sprint_id = :sprint)"
)
_TIMES = "SELECT start, COUNT(*) AS times FROM chain WHERE origin IS NOT NULL GROUP BY start"
# How many sprints each carried goal (task) of a sprint has been carried through.
GOAL_TIMES_CARRIED = Query(
    _chain("goal", _CARRIED_GOALS) + _TIMES, columns(("start", int), ("times", int))
)
TASK_TIMES_CARRIED = Query(
    _chain("task", _CARRIED_TASKS) + _TIMES, columns(("start", int), ("times", int))
)

# --- activity (status) ---------------------------------------------------------------

_ACTIVITY = "COUNT(DISTINCT e.day) AS days, SUM(e.minutes) AS minutes, MAX(e.day) AS last"
_ACTIVITY_COLUMNS = (("days", int), ("minutes", int), ("last", date))
_GOALS_OF = "(SELECT id FROM goal WHERE sprint_id = :sprint)"

# An entry linked to two tasks of one goal counts once for the goal.
GOAL_ACTIVITY = Query(
    f"SELECT l.goal_id, {_ACTIVITY} FROM (SELECT DISTINCT goal_id, entry_id FROM entrygoal "
    f"WHERE goal_id IN {_GOALS_OF}) l JOIN entry e ON e.id = l.entry_id GROUP BY l.goal_id",
    columns(("entrygoal.goal_id", int), *_ACTIVITY_COLUMNS),
)
TASK_ACTIVITY = Query(
    f"SELECT l.task_id, {_ACTIVITY} FROM entrygoal l JOIN entry e ON e.id = l.entry_id "
    f"WHERE l.task_id IS NOT NULL AND l.goal_id IN {_GOALS_OF} GROUP BY l.task_id",
    columns(("entrygoal.task_id", int), *_ACTIVITY_COLUMNS),
)
# For each carried task of a sprint: what was logged against it and all it continues.
CHAIN_ACTIVITY = Query(
    _chain("task", _CARRIED_TASKS) + f"SELECT l.start, {_ACTIVITY} FROM "
    "(SELECT DISTINCT chain.start, link.entry_id FROM chain "
    "JOIN entrygoal link ON link.task_id = chain.member) l "
    "JOIN entry e ON e.id = l.entry_id GROUP BY l.start",
    columns(("start", int), *_ACTIVITY_COLUMNS),
)

# --- the weekly target (streak) ------------------------------------------------------

FIRST_ENTRY_DAY = Query("SELECT MIN(day) AS first FROM entry", columns(("first", date)))
FIRST_SPRINT_DAY = Query("SELECT MIN(start_day) AS first FROM sprint", columns(("first", date)))

# Weeks are numbered from :anchor (weeks.py); {week} is the one dialect fragment.
WEEKS = Query(
    "SELECT week, COUNT(DISTINCT day) AS days, COUNT(*) AS entries, SUM(minutes) AS minutes "
    "FROM (SELECT {week} AS week, day, minutes FROM entry "
    "WHERE day >= :first AND day <= :last) w GROUP BY week",
    columns(("week", int), ("days", int), ("entries", int), ("minutes", int)),
)
# The days with entries from :first to :last, found by stepping through the index on
# entry.day (a loose index scan: each step one seek to the next day), so that figures over
# the whole history cost a step per study day, not a row per entry.
_STUDIED = (
    "WITH RECURSIVE studied(day) AS ("
    "SELECT MIN(day) FROM entry WHERE day >= :first AND day <= :last "
    "UNION ALL SELECT (SELECT MIN(later.day) FROM entry later "
    "WHERE later.day > studied.day AND later.day <= :last) "
    "FROM studied WHERE studied.day IS NOT NULL) "
)
# Study days per week (weeks with none are left out), from the index.
STUDY_WEEKS = Query(
    f"{_STUDIED}SELECT week, COUNT(*) AS days FROM ("
    "SELECT {week} AS week FROM studied WHERE day IS NOT NULL) w GROUP BY week",
    columns(("week", int), ("days", int)),
)
# Runs of consecutive weeks that met the target (gaps and islands); the journal's first
# week (:first_week) has its own, prorated target.
STREAKS = Query(
    f"{_STUDIED}SELECT MIN(week) AS first, MAX(week) AS last, COUNT(*) AS weeks FROM ("
    "SELECT week, week - ROW_NUMBER() OVER (ORDER BY week) AS island FROM ("
    "SELECT week FROM (SELECT {week} AS week FROM studied WHERE day IS NOT NULL) w "
    "GROUP BY week HAVING COUNT(*) >= CASE WHEN week = :first_week THEN :first_target "
    "ELSE :target END) met) numbered GROUP BY island",
    columns(("first", int), ("last", int), ("weeks", int)),
)
STUDY_DAYS = Query(
    "SELECT DISTINCT day FROM entry WHERE day >= :first AND day <= :last ORDER BY day",
    columns(("entry.day", date)),
)
CALENDAR = Query(
    "SELECT day, COUNT(*) AS entries, COALESCE(SUM(minutes), 0) AS minutes FROM entry "
    "WHERE day >= :first AND day <= :last GROUP BY day",
    columns(("entry.day", date), ("entries", int), ("minutes", int)),
)
ENTRIES_ON = Query(
    "SELECT COUNT(*) AS entries FROM entry WHERE day = :day", columns(("entries", int))
)

# --- entries (entries, entry show, render) -------------------------------------------

_ENTRY_COLUMNS = columns(
    ("entry.id", int),
    ("entry.day", date),
    ("entry.text", str),
    ("entry.minutes", int),
    ("entry.created_at", datetime),
    ("entrygoal.goal_id", int),
    ("entrygoal.task_id", int),
    ("goal.number", int),
    ("task.letter", str),
)
# An entry and its goal links: one row per link (one for an entry with none), in order.
_ENTRIES = (
    "SELECT e.id, e.day, e.text, e.minutes, e.created_at, l.goal_id, l.task_id, g.number, "
    "t.letter FROM entry e "
    "LEFT JOIN entrygoal l ON l.entry_id = e.id LEFT JOIN goal g ON g.id = l.goal_id "
    "LEFT JOIN task t ON t.id = l.task_id"
)
_ORDER = " ORDER BY e.day, e.id, l.id"
ENTRY = Query(f"{_ENTRIES} WHERE e.id = :id{_ORDER}", _ENTRY_COLUMNS)

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
    "goal_chain": _chain("goal", "id = :start"),
    "task_chain": _chain("task", "id = :start"),
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


# --- report days (report) ------------------------------------------------------------

# One row per study day of [since, until]: entries and minutes (the report sums these).
REPORT_DAYS = Query(
    "SELECT day, COUNT(*) AS entries, SUM(minutes) AS minutes FROM entry"
    " WHERE day >= :since AND day <= :until GROUP BY day ORDER BY day",
    columns(("entry.day", date), ("entries", int), ("minutes", int)),
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
    ),
)
ADD_LINK = Insert(
    "entrygoal",
    columns(("entrygoal.entry_id", int), ("entrygoal.goal_id", int), ("entrygoal.task_id", int)),
)

# Every query and insert above, for the tests; entries() with every condition stands for
# its combinations (each condition is also run alone there).
ALL: dict[str, Query | Insert | Change] = {
    name: value for name, value in globals().items() if isinstance(value, Query | Insert | Change)
}
