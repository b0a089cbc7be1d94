"""Tags of entries: writing them with an entry, and reading them back.

Every query is storage/sql/tags.py's, run by the caller's Reader: a bare sqlite3
connection on ``log``'s fast path, SQLAlchemy's on a server.
"""

from dataclasses import dataclass
from datetime import date

from sprintlog.rules import tags
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


def write(reader: Reader, *, entry_id: int, text: str, given: list[str] | None = None) -> list[str]:
    """Store an entry's tags (those of its text and the ``--tag`` ones): replaces any.
    The tags as written."""
    found = tags.spelled_of_entry(text, given or [])
    reader.change(tag_queries.REMOVE_ALL_OF_ENTRY, entry_id=entry_id)
    for tag, written in found.items():
        reader.insert(tag_queries.ADD, entry_id=entry_id, tag=tag, written=stored_spelling(written))
    return list(found.values())


def stored_spelling(written: str) -> str | None:
    """What ``entry_tag.written`` holds for a tag written so: None when lower-case."""
    return None if written == tags.key(written) else written


def shown(reader: Reader) -> dict[str, str]:
    """Lower-cased tag -> how it is shown, for the tags written in capitals: of several
    spellings (``Kapitel``, ``KAPITEL``), the first in code point order."""
    found: dict[str, str] = {}
    for tag, written in reader.rows(tag_queries.SPELLINGS):
        found[tag] = min(found.get(tag, written), written)
    return found


def rewrite(reader: Reader, *, entry_id: int, old_text: str, new_text: str) -> list[str]:
    """After an edit of the text: its tags again, keeping those given with ``--tag`` then."""
    stored = [row[0] for row in reader.rows(tag_queries.OF_ENTRY, entry_id=entry_id)]
    in_old_text = set(tags.found_in(old_text))
    return write(
        reader,
        entry_id=entry_id,
        text=new_text,
        given=[tag for tag in stored if tags.key(tag) not in in_old_text],
    )


def of_entries(reader: Reader, *, since: date, until: date) -> dict[int, list[str]]:
    """Entry id -> its tags (sorted), for the entries of a range of days."""
    found: dict[int, list[str]] = {}
    for entry_id, tag in reader.rows(tag_queries.BETWEEN, since=since, until=until):
        found.setdefault(entry_id, []).append(tag)
    return found


def summary(reader: Reader) -> list[TagStat]:
    """Every tag (as written) with its entries, study days, minutes, first and last day."""
    spelled = shown(reader)
    return [
        TagStat(spelled.get(tag) or tag, *rest) for tag, *rest in reader.rows(tag_queries.SUMMARY)
    ]
