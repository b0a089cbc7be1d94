"""User text made safe for the Markdown context it lands in.

Inline text (titles, task texts) and table cells are escaped so that nothing in them can
start a heading, a quote, a table column, emphasis that runs on, or raw HTML. Prose (an
outcome note, a sprint's notes) stays Markdown the learner wrote, except what would
change the post's structure: headings, quotes, setext underlines and raw HTML.
"""

import re

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A # matters only where it could open a heading or close one (a trailing run of #s).
_HASH_AT_RISK = re.compile(r"^#|(?<=\s)#+$|^#+$")
_BLOCK_START = re.compile(r"^( {0,3})([#>])", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^( {0,3})([=-]+[ \t]*)$", re.MULTILINE)


def inline(text: str | None) -> str:
    """One line of literal text: every Markdown character escaped, newlines folded."""
    if not text:
        return ""
    one_line = " ".join(text.split())
    escaped = _ENTITY.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", one_line))
    return _HASH_AT_RISK.sub(lambda match: "\\#" * len(match.group()), escaped)


def cell(text: str | None) -> str:
    """A table cell: literal text, its line breaks kept as <br>."""
    if not text:
        return ""
    lines = [inline(line) for line in text.replace("\r\n", "\n").split("\n")]
    return "<br>".join(line for line in lines if line)


def block(text: str | None) -> str:
    """Prose in Markdown, kept from adding headings, quotes or HTML to the post."""
    if not text:
        return ""
    prose = text.replace("\r\n", "\n").strip("\n")
    prose = prose.replace("<", "&lt;")
    prose = _BLOCK_START.sub(r"\1\\\2", prose)
    return _SETEXT_UNDERLINE.sub(r"\1\\\2", prose)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def url(address: str | None) -> str:
    """A link destination: in angle brackets, so parentheses and spaces cannot end it."""
    if not address:
        return ""
    safe = address.replace("<", "%3C").replace(">", "%3E").replace("\n", "")
    return f"<{safe}>"
