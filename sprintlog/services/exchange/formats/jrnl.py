"""jrnl's JSON export (``jrnl --format json``): one entry per jrnl entry.

jrnl (4.x, ``plugins/json_exporter.py``) writes ``{"tags": {...}, "entries": [...]}``;
each entry has ``title``, ``body``, ``date`` (``%Y-%m-%d``), ``time`` (``%H:%M``),
``tags`` (with their sigil, lower-cased) and ``starred``, plus ``uuid`` for entries that
came from Day One. jrnl splits an entry's text into title and body with ``split_title``
(at the first line break, else after the first sentence) and strips both; its own
journal file joins them again as ``title`` + newline + ``body``. We rebuild the text the
same way, so an imported entry reads exactly as it does in the jrnl file.

The tags are those sprintlog's own rule finds in the text (rules/tags.py, with ``@word``
as well as ``#word``), not jrnl's list: ``#v1.2`` is ``v1.2``, as ``log`` would make it.
An entry is found again on a later import by its Day One ``uuid``, else by its day and
time (``2025-03-03 14:30``; a second entry in the same minute is ``… 14:30#2``): its
text may have been corrected in jrnl since.
"""

import re
from dataclasses import replace
from datetime import date, tzinfo
from typing import Any

from sprintlog.errors import BadImport
from sprintlog.rules import tags as tag_rule
from sprintlog.services.exchange.formats.common import (
    NotStreamed,
    digest,
    json_member_items,
    kind,
    load_json,
    start_of,
    unique_ids,
)
from sprintlog.services.exchange.formats.parsed import ImportedEntry, Parsed

STARRED_TAG = "starred"  # what jrnl's star becomes: a tag, so it can be searched
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# jrnl's export_journal writes {"tags": {...}, "entries": [...]} in that order.
_LOOKS = re.compile(r'\s*\{\s*"tags"\s*:\s*\{')
# jrnl's own journal file (and sprintlog's `export --format jrnl`): "[2025-03-04 09:00 AM] …"
_PLAIN_TEXT = re.compile(r"\s*\[\d{4}-\d{2}-\d{2}[ \]]")
PLAIN_TEXT_ADVICE = (
    "this is jrnl's plain-text journal, which sprintlog does not read; import jrnl's JSON "
    "export instead (`jrnl --format json > FILE.json`)"
)


def is_plain_text(text: str) -> bool:
    """Whether ``text`` starts as jrnl's plain-text journal does."""
    return _PLAIN_TEXT.match(text[:200]) is not None


def looks_like(text: str) -> bool:
    """jrnl's export starts with its "tags" object."""
    return _LOOKS.match(text[:200]) is not None


def read(text: str, file: str, *, tz: tzinfo | None = None, **options: Any) -> Parsed:
    """The entries, decoded one at a time (a 200 MB export is never a whole JSON tree)."""
    if is_plain_text(text):
        raise BadImport(file, None, PLAIN_TEXT_ADVICE)
    try:
        items = json_member_items(text, file, "entries")
        entries = [_entry(item, file, f"$.entries[{i}]", tz) for i, item in enumerate(items)]
    except NotStreamed:
        document = load_json(text, file)
        if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
            raise BadImport(
                file,
                "$",
                f'expected jrnl\'s export, an object with a list of "entries" '
                f"(jrnl --format json), found {_shape(document)}",
            ) from None
        entries = [
            _entry(item, file, f"$.entries[{i}]", tz) for i, item in enumerate(document["entries"])
        ]
    # The ids older sprintlogs gave (a hash of day, time and text), made unique as they were.
    former = unique_ids([replace(entry, source_id=entry.former_id or "") for entry in entries])
    entries = [
        replace(entry, former_id=old.source_id if entry.former_id else None)
        for entry, old in zip(entries, former, strict=True)
    ]
    return Parsed(source="jrnl", entries=unique_ids(entries))


def _shape(document: Any) -> str:
    if isinstance(document, dict):
        return "an object without it"
    return kind(document)


def rebuilt_text(title: str, body: str) -> str:
    """The entry's text as jrnl writes it to its journal file (Entry.__str__)."""
    title, body = title.rstrip("\n "), body.rstrip("\n ")
    return f"{title}\n{body}" if body else title


def _entry(item: Any, file: str, place: str, tz: tzinfo | None) -> ImportedEntry:
    if not isinstance(item, dict):
        raise BadImport(file, place, f"expected a jrnl entry (an object), found {kind(item)}")
    title = _string(item, "title", file, place, required=True)
    body = _string(item, "body", file, place)
    day = _day(item.get("date"), file, f"{place}.date")
    time = _string(item, "time", file, place)
    text = rebuilt_text(title, body)
    if not text.strip():
        raise BadImport(file, place, "the entry has no text")
    _check_tags(item, file, place)
    tags = list(tag_rule.spelled_in(text, at_too=True).values())
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise BadImport(file, f"{place}.starred", f"expected true or false, found {kind(starred)}")
    if starred and STARRED_TAG not in map(tag_rule.key, tags):
        tags.append(STARRED_TAG)
    uuid = item.get("uuid")
    former = None
    if isinstance(uuid, str) and uuid.strip():
        source_id = uuid.strip()
    else:
        source_id = f"{day.isoformat()} {time}".strip()
        former = digest(day.isoformat(), time, text)
    return ImportedEntry(
        source_id=source_id,
        day=day,
        text=text,
        place=place,
        tags=tuple(tags),
        started_at=start_of(day, time, tz) if time else None,
        former_id=former,
    )


def _string(item: dict, key: str, file: str, place: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        found = "nothing" if value is None else kind(value)
        raise BadImport(file, f"{place}.{key}", f"expected a string, found {found}")
    return value


def _day(value: Any, file: str, place: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        shown = repr(value) if isinstance(value, str) else kind(value)
        raise BadImport(file, place, f"expected a date like 2025-03-04, found {shown}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadImport(file, place, f"{value} is not a date") from None


def _check_tags(item: dict, file: str, place: str) -> None:
    """jrnl's own list of the entry's tags, when there, must be a list of strings; the
    tags themselves are found in the text by sprintlog's rule."""
    raw = item.get("tags")
    if raw is None:
        return
    if not isinstance(raw, list):
        raise BadImport(file, f"{place}.tags", f"expected a list of tags, found {kind(raw)}")
    for index, tag in enumerate(raw):
        if not isinstance(tag, str):
            raise BadImport(file, f"{place}.tags[{index}]", f"expected a tag, found {kind(tag)}")
