"""The weekly target: study days per week, streaks of weeks that met it, the calendar.

Aggregates only, stepping through the index of entry days; ``{name}`` marks a dialect
fragment (storage/dialects.py).
"""

from datetime import date

from sprintlog.storage.reader import Query, columns

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
