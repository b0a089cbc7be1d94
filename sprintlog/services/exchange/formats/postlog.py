"""The lines of a review post that are not goals or notes: the daily log's table, the
"Partial: SSJ--4a." lines of items without a note, the open questions, the epistemic
status. postwalk.py says which section a line is in; this module says what it holds.

The daily log is the table render/templates/review.md.j2 writes: ``| Day | Goals | What
I focused on |`` and, when any entry has them, ``Minutes`` and ``Tags`` columns; a cell's
lines joined by ``<br>`` (Hugo: a row of its own, with the day and goals cells empty);
``|`` written ``\\|``. A learner's own table with those first three columns reads alike.
"""

import re
from dataclasses import dataclass
from datetime import date

from sprintlog.services.exchange.formats import postescapes
from sprintlog.services.exchange.formats import postlines as lines_

_DAY = re.compile(r"(?:[A-Za-z]{2,9},?[ \t]+)?(\d{4}-\d{2}-\d{2})", re.ASCII)
_DELIMITER = re.compile(r"[ \t]*:?-+:?[ \t]*")
_PIPE = re.compile(r"(?<!\\)((?:\\\\)*+)\\\|")
_DOUBLED_END = re.compile(r"(?<!\\)((?:\\\\)*+)\\\\$")
_STATUS_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{0,20}):[ \t]+(.+)$")
_EPISTEMIC = re.compile(r"^[ \t]*[*_]{0,2}epistemic status:[ \t]*", re.I)


@dataclass
class Row:
    """One entry of the daily log, as the table gives it."""

    day: date
    text: str
    refs: tuple[tuple[int, str], ...]
    minutes: int | None
    tags: tuple[str, ...]
    line: int


def cells(line: str) -> list[str] | None:
    """The cells of a table row (``| a | b \\| c |``), None for a line that is no row."""
    row = line.strip()
    if not row.startswith("|"):
        return None
    found: list[str] = []
    start, at, escaped = 1, 1, False
    while at < len(row):
        char = row[at]
        if char == "\\":
            escaped = not escaped
        elif char == "|" and not escaped:
            found.append(row[start:at].strip())
            start = at + 1
        else:
            escaped = False
        at += 1
    if start < len(row):
        found.append(row[start:].strip())
    return found


def is_delimiter(found: list[str]) -> bool:
    return bool(found) and all(_DELIMITER.fullmatch(cell) for cell in found)


def columns(found: list[str]) -> dict[str, int] | None:
    """Where the day, goals, text, minutes and tags are, from a header row; None if not one."""
    names = [cell.strip("*_ ").lower() for cell in found]
    if len(names) < 3 or names[0] != "day" or names[1] != "goals":
        return None
    where = {"day": 0, "goals": 1, "text": 2}
    for name in ("minutes", "tags"):
        if name in names[3:]:
            where[name] = names.index(name, 3)
    return where


def cell_text(cell: str, engine: str) -> str:
    """A log cell as the entry's text: engine escapes, ``\\|`` and ``<br>`` undone."""
    lines = postescapes.prose(cell, engine).split("<br>")
    return "\n".join(_DOUBLED_END.sub(r"\1\\", _PIPE.sub(r"\1|", line)).strip() for line in lines)


def row(
    found: list[str], where: dict[str, int], *, prefix: str, engine: str, line: int
) -> Row | str | None:
    """A table row as an entry; a str for a Hugo continuation row (its text); else None."""
    if len(found) <= where["text"]:
        return None
    text = cell_text(found[where["text"]], engine)
    day_cell = found[where["day"]].strip()
    if not day_cell and not found[where["goals"]].strip():
        return text
    day = _DAY.fullmatch(day_cell)
    if day is None:
        return None
    try:
        when = date.fromisoformat(day[1])
    except ValueError:
        return None
    refs = references(postescapes.references(found[where["goals"]]), prefix)
    return Row(when, text, refs, _minutes(found, where), _tags(found, where), line)


def references(text: str, prefix: str) -> tuple[tuple[int, str], ...]:
    """``SSJ--1, SSJ--3b`` as ((1, ""), (3, "b")); what is no reference is left out."""
    found = []
    for part in lines_.dashes(text).split(","):
        ref = lines_.reference(part.strip().rstrip("."), prefix)
        if ref is not None:
            found.append((ref.number, ref.letter))
    return tuple(found)


def _minutes(found: list[str], where: dict[str, int]) -> int | None:
    at = where.get("minutes")
    value = found[at].strip() if at is not None and at < len(found) else ""
    return int(value) if value.isdigit() and len(value) < 7 else None


def _tags(found: list[str], where: dict[str, int]) -> tuple[str, ...]:
    at = where.get("tags")
    if at is None or at >= len(found):
        return ()
    words = (lines_.unescape(word) for word in found[at].split())
    return tuple(word.removeprefix("#") for word in words if word.startswith("#") and len(word) > 1)


def statuses(line: str, prefix: str) -> list[tuple[int, str, str]] | None:
    """``Partial: SSJ--4a, SSJ--1.`` as [(4, "a", "partial"), (1, "", "partial")]; None
    for a line of another kind (every part must be a reference)."""
    match = _STATUS_LINE.match(lines_.dashes(line.strip()))
    if match is None:
        return None
    status = lines_.STATUS.get(match[1].strip().lower())
    if status is None:
        return None
    parts = [part.strip() for part in match[2].rstrip(" \t.").split(",")]
    refs = [lines_.reference(part, prefix) for part in parts]
    if not refs or any(ref is None or ref.title for ref in refs):
        return None
    return [(ref.number, ref.letter, status) for ref in refs if ref is not None]


def epistemic_status(line: str) -> str | None:
    """The text of an ``*Epistemic status: …*`` line; None for other lines."""
    if "pistemic" not in line:
        return None
    match = _EPISTEMIC.match(line)
    if match is None:
        return None
    text = line[match.end() :].rstrip(" \t")
    if text.endswith("**") or text.endswith("__"):
        text = text[:-2]
    elif text[-1:] in ("*", "_") and text[-2:-1] != "\\":
        text = text[:-1]
    return lines_.unescape(text) or None


def question(line: str) -> str | None:
    """The text of an item of the "Open questions" list."""
    stripped = line.strip()
    for mark in ("- ", "* ", "+ "):
        if stripped.startswith(mark):
            return lines_.unescape(stripped[2:]) or None
    return None
