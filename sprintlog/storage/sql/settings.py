"""The journal's settings (table ``setting``: key -> text), read and written in plain SQL."""

from sprintlog.storage.reader import Change, Insert, Query, columns

SETTINGS = Query(
    "SELECT key, value FROM setting",
    columns(("setting.key", str), ("setting.value", str)),
)
ADD_SETTING = Insert(
    "setting", columns(("setting.key", str), ("setting.value", str)), returning=None
)
CHANGE_SETTING = Change(
    "UPDATE setting SET value = :value WHERE key = :key",
    "setting",
    columns(("setting.value", str)),
)
# max_goals may not fall below a goal number in use, in any sprint.
HIGHEST_GOAL_NUMBER = Query("SELECT MAX(number) AS highest FROM goal", columns(("highest", int)))
