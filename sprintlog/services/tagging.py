"""Tags of entries: writing them with an entry, and reading them back (plain SQL).

The queries are the texts of storage/learner_queries.py, run on whichever connection the
caller has: a bare sqlite3 one (``log``'s fast path) or a session's; the summary, which
reads days back, is storage/sql/tags.py's, run by the caller's Reader.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sprintlog import tags
from sprintlog.storage import learner_queries as q
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import tags as tag_queries


@dataclass(frozen=True)
class TagStat:
    tag: str
    entries: int
    days: int  # distinct study days
    minutes: int | None  # None when none of its entries has minutes
    first: date
    last: date


def write(
    connection: Any, *, entry_id: int, text: str, given: list[str] | None = None
) -> list[str]:
    """Store an entry's tags (those of its text and the ``--tag`` ones): replaces any."""
    found = tags.of_entry(text, given or [])
    q.run(connection, q.DELETE_TAGS, [{"entry_id": entry_id}])
    q.run(connection, q.INSERT_TAG, [{"entry_id": entry_id, "tag": tag} for tag in found])
    return found


def rewrite(connection: Any, *, entry_id: int, old_text: str, new_text: str) -> list[str]:
    """After an edit of the text: its tags again, keeping those given with ``--tag`` then."""
    stored = [row[0] for row in q.rows(connection, q.TAGS_OF_ENTRY, {"entry_id": entry_id})]
    in_old_text = set(tags.found_in(old_text))
    return write(
        connection,
        entry_id=entry_id,
        text=new_text,
        given=[tag for tag in stored if tag not in in_old_text],
    )


def of_entries(connection: Any, *, since: date, until: date) -> dict[int, list[str]]:
    """Entry id -> its tags (sorted), for the entries of a range of days."""
    found: dict[int, list[str]] = {}
    for entry_id, tag in q.rows(connection, q.TAGS_BETWEEN, {"since": since, "until": until}):
        found.setdefault(int(entry_id), []).append(tag)
    return found


def summary(reader: Reader) -> list[TagStat]:
    """Every tag with its entries, study days, minutes, first and last day."""
    return [TagStat(*row) for row in reader.rows(tag_queries.SUMMARY)]
