"""User text made safe for the Markdown context it lands in.

Inline text (titles, task texts) is escaped so that nothing in them can start a heading,
a quote, a table column, emphasis that runs on, or raw HTML. A log entry in the table is
the learner's inline Markdown, with only what would break the table neutralised. Prose (an
outcome note, a sprint's notes) stays the Markdown the learner wrote, headings and quotes
included; see prose.py for how it is kept inside its section.
"""

import re

from sprintlog.render import html
from sprintlog.render.prose import fitted

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A # matters only where it could open a heading or close one (a trailing run of #s).
_HASH_AT_RISK = re.compile(r"^#|(?<=\s)#+$|^#+$")
# Where a line starts a list item ("- x" as a task's text), it would start another list.
# "--" after a list's "- " is a rule ("- --"): a text of dashes alone is escaped too.
_LIST_MARKER = re.compile(r"^(?:[-+=](?=\s|$)|-[-\s]*$|\d{1,9}(?=[.)](?:\s|$)))")


def inline(text: str | None) -> str:
    """One line of literal text: every Markdown character escaped, newlines folded."""
    if not text:
        return ""
    one_line = " ".join(text.split())
    escaped = _ENTITY.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", one_line))
    escaped = _HASH_AT_RISK.sub(lambda match: "\\#" * len(match.group()), escaped)
    return _no_list_marker(escaped)


def _no_list_marker(text: str) -> str:
    match = _LIST_MARKER.match(text)
    if match is None:
        return text
    if text[0].isdigit():  # "1. x": escape the dot or parenthesis
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text


_PIPE = re.compile(r"(?<!\\)((?:\\\\)*+)\|")
_TRAILING_BACKSLASHES = re.compile(r"(?<!\\)(?:\\\\)*+\\$")


def cell(text: str | None) -> str:
    """A table cell: the learner's inline Markdown (links, emphasis, code) kept, its line
    breaks as <br>; only what would break the table is neutralised (``|``, even in code,
    as GFM tables read ``\\|``; a backslash ending a line), and HTML as in notes."""
    if not text:
        return ""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    lines = [_TRAILING_BACKSLASHES.sub(r"\g<0>\\", _PIPE.sub(r"\1\\|", line)) for line in lines]
    return html.kept("<br>".join(line for line in lines if line))


def block(text: str | None, level: int = 4) -> str:
    """Prose in Markdown under a heading of ``level``: its own headings are moved below it."""
    if not text:
        return ""
    return fitted(text, level)


def indented(text: str, spaces: int) -> str:
    """Markdown moved into a list item: every line but blank ones indented."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


# A line that Markdown could read as the start of a block (a list, a heading, a quote, a
# fence, HTML, indented code): in a list item it cannot follow the item's label.
_BLOCK_START = re.compile(r"^(?: {0,3}(?:[-+*>#|<\[]|\d{1,9}[.)]|```|~~~)| {4}|\t)")


def hanging(markdown: str, spaces: int) -> str:
    """A learner's Markdown as the rest of a list item that a label starts (``**SSJ--1:**``):
    its first line after the label, the rest indented under it; when the first line
    starts a block of its own, the whole text goes below the label, after a blank line."""
    if "\n" not in markdown:
        return markdown
    if _BLOCK_START.match(markdown):
        return "\n\n" + indented(markdown, spaces)
    first, rest = markdown.split("\n", 1)
    return first + "\n" + indented(rest, spaces)


def loose(markdown: str | None) -> bool:
    """Whether Markdown holds blocks separated by a blank line (a list item holding it is loose)."""
    return markdown is not None and re.search(r"\n[ \t]*\n", markdown.strip()) is not None


def closed(markdown: str) -> str:
    """Markdown with a blank line after it when it ends in an HTML block, which would
    otherwise run on into the next line of the post (a list item's next sibling)."""
    last = markdown.rstrip().rsplit("\n\n", 1)[-1]
    return markdown + "\n" if last.lstrip().startswith("<") else markdown


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_PLAIN_URL = re.compile(r"[^\s()<>\\\x00-\x1f\x7f]+")


def url(address: str | None) -> str:
    """A link destination: plain (``/ssj-2``), or in angle brackets when it needs them."""
    if not address:
        return ""
    if _PLAIN_URL.fullmatch(address):
        return address
    safe = address.replace("<", "%3C").replace(">", "%3E").replace("\n", "")
    return f"<{safe}>"
