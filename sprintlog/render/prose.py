"""A learner's notes kept as their own Markdown, fitted under a heading of the post.

Headings in a note move below the section the note sits in (its top level becomes one
deeper than the section's heading), so that no note can add a section to the post's
outline. What could swallow the rest of the post is made inert: HTML that could run or
load something or is never closed (html.py), and a fenced code block that is never
closed. This is a line scanner, not a Markdown parser
(importing markdown-it-py costs about 0.1 s, as long as the rest of a render); where it
cannot tell, it errs towards escaping. Its patterns read each line in one pass, whatever
the line holds (tests/test_linear_time.py).
"""

import re

from sprintlog.render import html

MAX_LEVEL = 6
# Containers a heading may sit in: block quotes, list items, indentation. Every
# quantifier here is possessive, and no two can take the same characters, so a line that
# is no heading fails in one pass (a lazy, nested form took time exponential in its
# leading spaces or ">"s). A "#" cannot be part of the lead, so the lead is the same.
_ATX = re.compile(
    r"^(?P<lead>(?:[ \t]*+(?:>[ \t]?+|(?:[-+*]|\d{1,9}[.)])[ \t]++))*+[ \t]*+)"
    r"(?P<hashes>#{1,6})(?=[ \t]|$)"
)
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_UNDERLINE = re.compile(r"^(?P<lead>(?:[ \t]*+>)*+[ \t]*+)(?P<line>=++|-++)[ \t]*+$")


def fitted(text: str, level: int) -> str:
    """``text`` (a note) with its headings below ``level`` and nothing that escapes it."""
    lines = text.replace("\r\n", "\n").strip("\n").split("\n")
    lines = _neutralise(lines)
    top = _top_level(lines)
    return html.kept("\n".join(_shift(line, level + 1 - top) for line in lines))


def _is_closer(line: str, fence: str) -> bool:
    match = _FENCE.match(line)
    return bool(
        match
        and match["fence"][0] == fence[0]
        and len(match["fence"]) >= len(fence)
        and not match["info"].strip()
    )


def _opener(line: str) -> str | None:
    match = _FENCE.match(line)
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    return match["fence"]


def _neutralise(lines: list[str]) -> list[str]:
    """Close what could run on: unclosed fences escaped, HTML and setext lines tamed.

    A fence indented by up to three spaces is moved to the margin, where it is surely at
    the top level, so that its closing line is the first one CommonMark would take.
    Lines inside a fence are kept exactly (``# `` there is code, not a heading).
    """
    out: list[str] = []
    fence: str | None = None
    longest_closer_after = _longest_closers_after(lines)
    for index, line in enumerate(lines):
        if fence is not None:
            closes = _is_closer(line, fence)
            out.append(line.lstrip(" ") if closes else _FENCED + line)
            fence = None if closes else fence
            continue
        opener = _opener(line)
        if opener is not None:
            if longest_closer_after[index].get(opener[0], 0) >= len(opener):
                fence = opener
                out.append(line.lstrip(" "))
            else:
                out.append("\\" + _tamed(line.lstrip(" "), ""))
            continue
        if _setext(line, out):
            continue
        out.append(_tamed(line, out[-1] if out else ""))
    return out


def _longest_closers_after(lines: list[str]) -> list[dict[str, int]]:
    """For each line, the longest closing fence of each kind (` or ~) on the lines after it.

    Read from the end once, so that a note of many unclosed fences takes linear time.
    """
    after: list[dict[str, int]] = [{}] * len(lines)
    longest: dict[str, int] = {}
    for index in range(len(lines) - 1, -1, -1):
        after[index] = longest
        match = _FENCE.match(lines[index])
        if match and not match["info"].strip():
            kind, length = match["fence"][0], len(match["fence"])
            if length > longest.get(kind, 0):
                longest = {**longest, kind: length}
    return after


_PLAIN_LINE = re.compile(r"[^\s>#\-+*=`~0-9|\\]")


def _setext(line: str, out: list[str]) -> bool:
    """Turn a one-line setext heading at the margin into an ATX one (so it can be shifted).

    Only the plain case: a line of text after a blank line, underlined. Anything more
    involved keeps its underline escaped by _tamed.
    """
    underline = _UNDERLINE.match(line)
    if underline is None or underline["lead"] or not out:
        return False
    previous, before = out[-1], out[-2] if len(out) > 1 else ""
    if before.strip() or not _PLAIN_LINE.match(previous):
        return False
    out[-1] = ("# " if underline["line"][0] == "=" else "## ") + previous.strip()
    return True


# Marks lines inside a fence for _shift to leave alone; removed there.
_FENCED = "\x00"


def _tamed(line: str, previous: str) -> str:
    underline = _UNDERLINE.match(line)
    if underline and previous.strip() and not previous.startswith(_FENCED):
        # A setext heading's underline (or a rule right under text): shown literally.
        return f"{underline['lead']}\\{underline['line']}"
    return line


def _top_level(lines: list[str]) -> int:
    levels = [
        len(match["hashes"])
        for line in lines
        if not line.startswith(_FENCED) and (match := _ATX.match(line))
    ]
    return min(levels, default=1)


def _shift(line: str, by: int) -> str:
    if line.startswith(_FENCED):
        return line[len(_FENCED) :]
    match = _ATX.match(line)
    if match is None or by <= 0:
        return line
    level = min(MAX_LEVEL, len(match["hashes"]) + by)
    return f"{match['lead']}{'#' * level}{line[match.end() :]}"
