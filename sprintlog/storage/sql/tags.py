"""The tags of entries (table ``entry_tag``): an entry's own, those in use, their summary."""

from datetime import date

from sprintlog.storage.reader import Change, Insert, Query, columns

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


# --- an entry's own tags, written with it --------------------------------------------

ADD = Insert(
    "entry_tag",
    columns(("entry_tag.entry_id", int), ("entry_tag.tag", str), ("entry_tag.written", str)),
    None,
)
REMOVE_ALL_OF_ENTRY = Change("DELETE FROM entry_tag WHERE entry_id = :entry_id", "entry_tag")
OF_ENTRY = Query(
    "SELECT COALESCE(written, tag) AS shown FROM entry_tag WHERE entry_id = :entry_id ORDER BY tag",
    columns(("shown", str)),
)
# The tags of the entries of a range of days (those of a listing: filtered in Python),
# as written.
BETWEEN = Query(
    "SELECT entry_tag.entry_id, COALESCE(entry_tag.written, entry_tag.tag) AS shown"
    " FROM entry_tag JOIN entry ON entry.id = entry_tag.entry_id"
    " WHERE entry.day >= :since AND entry.day <= :until"
    " ORDER BY entry_tag.entry_id, entry_tag.tag",
    columns(("entry_tag.entry_id", int), ("shown", str)),
)
# How the tags written in other letters than their lower-cased form were written.
SPELLINGS = Query(
    "SELECT tag, written FROM entry_tag WHERE written IS NOT NULL GROUP BY tag, written",
    columns(("entry_tag.tag", str), ("entry_tag.written", str)),
)
