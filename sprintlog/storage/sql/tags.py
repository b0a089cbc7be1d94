"""The tags of entries (table ``entry_tag``) as a whole: those in use, and their summary."""

from datetime import date

from sprintlog.storage.reader import Query, columns

# Every tag in use, the most used first: what TAB completion offers after "#" and --tag.
IN_USE = Query(
    "SELECT tag FROM entry_tag GROUP BY tag ORDER BY COUNT(*) DESC, tag",
    columns(("entry_tag.tag", str)),
)
# Every tag: entries, study days, minutes (NULL when none has minutes), first and last day.
SUMMARY = Query(
    "SELECT entry_tag.tag, COUNT(*) AS entries, COUNT(DISTINCT entry.day) AS days,"
    " SUM(entry.minutes) AS minutes, MIN(entry.day) AS first, MAX(entry.day) AS last"
    " FROM entry_tag JOIN entry ON entry.id = entry_tag.entry_id"
    " GROUP BY entry_tag.tag ORDER BY entry_tag.tag",
    columns(
        ("entry_tag.tag", str),
        ("entries", int),
        ("days", int),
        ("minutes", int),
        ("first", date),
        ("last", date),
    ),
)
