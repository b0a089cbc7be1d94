"""The lines of a review post, one at a time: references, headings, acronyms, reading items.

The post reader (post.py) walks the post; this module says what one line is. It reads
the shapes sprintlog renders (render/templates/review.md.j2) and those learners write
by hand: ``SSJ--1: text``, ``SSJ--1 -- Title``, ``**SSJ--1 — Write:** description``,
``SSJ--3a—text``, ``#### SSJ--3b — text · partial``. Text sprintlog escaped for Markdown
(and for a publishing engine: ``-\\-``, ``\\$``, ``<!---->``) is unescaped.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

# The post's status words (render/post.py STATUS_WORDS) back to models.Status values.
STATUS = {
    "not started": "open",
    "open": "open",
    "partial": "partial",
    "done": "done",
    "dropped": "dropped",
    "not this time": "deferred",
    "deferred": "deferred",
}
MAX_GOAL = 99

# Every pattern here runs on lines of a file from elsewhere: none may retry the same
# characters from many places (a line of spaces or of "(" must cost one pass), so
# trailing blanks are stripped in code rather than by a lazy group before "[ \t]*$".
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_DECORATION = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?")
_REF = re.compile(r"([A-Za-z]{1,20})--(\d{1,6})([A-Za-z]?)(?![A-Za-z0-9])")
_SEPARATOR = re.compile(r"^[ \t]*(?:—|–|--|-|:|·)[ \t]*")
_STATUS_WORDS = re.compile(r"[a-z ]+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BOLD = re.compile(r"(?<!\\)\*\*")
_DATES = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ \t]*(?:–|—|-|to|until)[ \t]*(\d{4}-\d{2}-\d{2})", re.ASCII
)
_ACRONYM_LINE = re.compile(r"^\W*+(?:list of acronyms|acronyms)\W*?(?::|$)(.*)$", re.I)
_ACRONYM_BREAK = re.compile(r"[,;()]")
_PARENTHESIS = re.compile(r"[()]")
_READING_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+(?:\[([ xX])\][ \t]+)?(.*)$")
_LINK = re.compile(r"^\[((?:\\.|[^\]\\])*)\]\((<[^>]*>|[^\s()]*)\)(.*)$")
_CATEGORY = re.compile(r"^[ \t]*\*\*(.+?)\*\*[ \t]*$")
_NUMBER = re.compile(r"review of (?:the |my )?(\d{1,6})(?:st|nd|rd|th)\b", re.I)
_TITLE = re.compile(r"\bsprint:[ \t]*+", re.I)
# Where a sprint's title ends: at blanks before "(2025-03-04" or before the line's end.
_TITLE_END = re.compile(r"(?<![ \t])[ \t]*+(?:\(\d{4}-\d{2}-\d{2}|$)")


@dataclass(frozen=True)
class Ref:
    """A goal or task line: ``SSJ--3b — text · partial``."""

    number: int
    letter: str  # "" for a goal
    title: str  # a goal's title, or a task's text
    description: str | None
    status: str | None


def unescape(text: str) -> str:
    """Inline text as the learner typed it, from its Markdown (and engine) escapes."""
    text = text.replace("<!---->", "").replace("&amp;", "&")
    return _ESCAPE.sub(r"\1", text).strip()


def dashes(line: str) -> str:
    """``SSJ-\\-1`` and ``SSJ-<!---->-1`` (an engine's escapes of ``--``) as ``SSJ--1``."""
    return line.replace("-<!---->-", "--").replace("-\\-", "--")


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading, else None."""
    match = _HEADING.match(line)
    if match is None:
        return None
    return len(match[1]), (match[2] or "").rstrip(" \t").rstrip("#").strip()


def _decoration_end(line: str) -> int:
    """Where a line's list or heading mark ends (0 without one: the pattern matches all)."""
    match = _DECORATION.match(line)
    return match.end() if match else 0


def prefixes(line: str) -> str | None:
    """The prefix of a reference that starts the line (after list or heading marks)."""
    if "-" not in line:  # most lines: no reference, and no need for the regexes
        return None
    rest = _BOLD.sub("", dashes(line)[_decoration_end(line) :])
    match = _REF.match(rest.lstrip())
    return match[1].upper() if match else None


def reference(line: str, prefix: str) -> Ref | None:
    """The goal or task a line names at its start, with its text; None for other lines."""
    if "-" not in line:
        return None
    line = dashes(line)
    rest = line[_decoration_end(line) :]
    inner, after = _bold_parts(rest)
    match = _REF.match(inner)
    if match is None or match[1].upper() != prefix or not 0 < int(match[2]) <= MAX_GOAL:
        return None
    tail = inner[match.end() :]
    separator = _SEPARATOR.match(tail)
    if separator is None and tail.strip():
        return None  # "SSJ--2 was hard" is prose that names a goal
    text = tail[separator.end() :] if separator else ""
    status = None
    if separator is not None and separator[0].strip() == "·":  # "SSJ--1 · partial"
        status, text = STATUS.get(text.strip()), ""
    else:
        text, status = _status(text)
    return replace(_ref(int(match[2]), match[3].lower(), text, after, separator), status=status)


def _status(text: str) -> tuple[str, str | None]:
    """A heading's text without the status it ends with (`` · partial``), and the status."""
    dot = text.rfind("·")  # the status is the line's last part: no "·" follows it
    before, after = text[:dot], text[dot + 1 :]
    word = after.strip(" \t")
    if (
        dot < 1
        or before[-1] not in " \t"
        or after[:1] not in (" ", "\t")
        or word not in STATUS
        or not _STATUS_WORDS.fullmatch(word)
    ):
        return text, None
    return before.rstrip(" \t"), STATUS[word]


def _bold_parts(rest: str) -> tuple[str, str | None]:
    """``**SSJ--1 — Write:** desc`` as ("SSJ--1 — Write:", "desc"); else (rest, None)."""
    if rest.startswith("**"):
        close = _BOLD.search(rest, 2)
        if close is not None:
            return rest[2 : close.start()], rest[close.end() :]
    return _BOLD.sub("", rest), None


def _ref(number: int, letter: str, text: str, after: str | None, separator: re.Match | None) -> Ref:
    text = text.strip()
    description = None
    if after is not None:  # our own shape: "**SSJ--1 — Title:** description"
        text = text.removesuffix(":").strip()
        if text:
            description = unescape(after) or None
        else:  # "**SSJ--3a:** text", "**SSJ--1**: text"
            text = _SEPARATOR.sub("", after, count=1)
    elif not letter and separator is not None and separator[0].strip() != ":":
        title, colon, rest = text.partition(": ")
        if colon and title.strip():
            text, description = title, unescape(rest) or None
    return Ref(number, letter, unescape(text), description, None)


def dates(line: str) -> tuple[str, str] | None:
    if "-" not in line:
        return None
    match = _DATES.search(line)
    return (match[1], match[2]) if match else None


def acronym_items(line: str) -> list[tuple[str, str]] | None:
    """(term, expansion) pairs of an "Acronyms:" line; [] for a bare "List of acronyms"."""
    if "cronym" not in line and "CRONYM" not in line:
        return None
    match = _ACRONYM_LINE.match(_BOLD.sub("", line))
    if match is None:
        return None
    return acronyms(match[1])


def acronyms(text: str) -> list[tuple[str, str]]:
    """``Spaced Repetition System (SRS), Category Theory (CT)`` as (term, expansion) pairs."""
    pairs = []
    for expansion, term in _acronym_parts(text):
        term, expansion = unescape(term), unescape(expansion.strip(" \t*_"))
        if term and expansion and len(term) <= 40:
            pairs.append((term, expansion))
    return pairs


def _acronym_parts(text: str) -> Iterator[tuple[str, str]]:
    """Each ``expansion (TERM)``: text up to a "(" (no "," ";" or ")" in it), then the term.

    One pass: a piece that is not followed by a term is skipped whole, not tried again
    from each of its characters.
    """
    start = 0
    while (stop := _ACRONYM_BREAK.search(text, start)) is not None:
        at = stop.start()
        if text[at] != "(" or at == start:
            start = at + 1
            continue
        close = _PARENTHESIS.search(text, at + 1)
        if close is None or text[close.start()] != ")" or close.start() == at + 1:
            start = at + 1
            continue
        expansion = text[start:at].rstrip(" \t") or text[start]
        yield expansion, text[at + 1 : close.start()]
        start = close.end()


def reading_item(line: str) -> tuple[str, str | None, str, str | None] | None:
    """(title, url, status, note) of a reading-list item, else None."""
    match = _READING_ITEM.match(line)
    if match is None or not match[2].strip():
        return None
    rest, url = match[2].strip(), None
    link = _LINK.match(rest)
    if link is not None:
        title, url, rest = link[1], link[2].strip("<>") or None, link[3]
    else:
        title, _, rest = rest.partition(" — ")
        rest = f" — {rest}" if rest else ""
    note = unescape(rest.strip().removeprefix("—")) or None
    status = "read" if match[1] in ("x", "X") else "to read"
    if note == "reading":
        status, note = ("read" if status == "read" else "reading"), None
    return unescape(title), url, status, note


def category(line: str) -> str | None:
    match = _CATEGORY.match(line)
    return unescape(match[1]) if match else None


def sprint_number(line: str) -> int | None:
    match = _NUMBER.search(line)
    return int(match[1]) if match else None


def sprint_title(line: str) -> str | None:
    match = _TITLE.search(line)
    if match is None or match.end() == len(line):
        return None
    rest = line[match.end() :]
    end = _TITLE_END.search(rest, 1)
    return unescape(rest[: end.start() if end else len(rest)]) or None
