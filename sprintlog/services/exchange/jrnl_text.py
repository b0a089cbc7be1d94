"""Entries as a jrnl journal file: what ``jrnl --import FILE`` reads (jrnl 4.x).

jrnl's plain-text journal (``Journal._to_text``, ``Entry.__str__``) is one block per
entry, blocks separated by a blank line: ``[2025-03-04 09:00:00 AM] `` and the entry's
first line, then the rest of its text; a trailing ``*`` on the first line stars it. jrnl
reads the bracket with its configured ``timeformat`` (default ``%F %r``, written here)
and, failing that, with dateutil, so any jrnl configuration reads it.

What jrnl cannot hold is mapped, never dropped:

- sprintlog keeps no time of day: a day's entries are filed at 09:00, 09:01, … in
  the order they were logged, so jrnl keeps their order;
- jrnl finds tags in the text (``#word`` or ``@word`` of ``[-+*#/\\w]``, lower-cased): a
  tag the text does not show either way (one given with ``--tag`` or brought by an import, or one
  with other characters, ``#v1.2``) is added on a last line, its other characters as
  ``-``; the tag ``starred`` (what sprintlog makes of a starred jrnl entry) is the star;
- a line of the text that jrnl would take for a new entry's date (``[2025-03-04] …``)
  is written with a space in front, as jrnl itself does with its older files; jrnl
  strips the space from the line after the first, so such a line there joins the first.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

STARRED_TAG = "starred"  # formats.jrnl's name for jrnl's star
FIRST_HOUR = time(9)  # jrnl's own default_hour
LAST_MINUTE = 24 * 60 - 9 * 60 - 1  # the day's last minute, counted from 09:00
# jrnl's Entry.tag_regex with its default tagsymbols "#@".
_JRNL_TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")
_NOT_TAG_CHARS = re.compile(r"[^-+*#/\w]+")
# jrnl's Journal._parse: a line "[…] " starts an entry when what is in brackets parses
# as a date, which jrnl never tries for six characters or fewer.
_DATE_LINE = re.compile(r"\[[^\]]{7,}\] ")


def journal(entries: Iterable[dict[str, Any]]) -> Iterator[str]:
    """jrnl's journal text of ``entries`` (the export document's, in day order)."""
    day: date | None = None
    count = 0
    written = False
    for entry in entries:
        today = date.fromisoformat(entry["day"])
        count = count + 1 if today == day else 0
        day = today
        moment = datetime.combine(today, FIRST_HOUR) + timedelta(minutes=min(count, LAST_MINUTE))
        yield ("\n" if written else "") + block(moment, entry["text"], entry["tags"])
        written = True


def block(moment: datetime, text: str, tags: Iterable[str]) -> str:
    """One entry as jrnl writes it: its date line, then the rest of its text."""
    lines = text.strip("\n ").split("\n")
    while len(lines) > 1 and _DATE_LINE.match(lines[1]):
        lines[:2] = [f"{lines[0].rstrip()} {lines[1]}"]
    rest = [" " + line if _DATE_LINE.match(line) else line for line in lines[1:]]
    shown = {tag[1:].lower() for tag in _JRNL_TAG.findall(text)}  # "#word" or "@word"
    missing = [
        "#" + jrnl_tag
        for tag in tags
        if tag != STARRED_TAG and (jrnl_tag := _jrnl_tag(tag)) not in shown
    ]
    if missing:
        rest.append(" ".join(dict.fromkeys(missing)))
    clock = f"{moment:%Y-%m-%d %I:%M:%S} {'AM' if moment.hour < 12 else 'PM'}"
    star = " *" if STARRED_TAG in tags else ""
    return "\n".join([f"[{clock}] {lines[0].rstrip()}{star}", *rest]).rstrip("\n ") + "\n"


def _jrnl_tag(tag: str) -> str:
    return _NOT_TAG_CHARS.sub("-", tag.lower()).strip("-") or "-"
