"""A post's text as it reads on the page (copied from a browser, or ``pandoc -t plain``),
turned into the Markdown shape the walk reads; and a passage pasted twice, kept once.

On the page there are no heading marks: a heading is a line standing alone. The lines
that open the post's sections are known by their words ("Review of the 2nd sprint",
"So how did it go?", "Daily log", "Updated reading list", "Open questions", "Goals for
the 3rd sprint"), and a reference standing alone that ends with a status (``SSJ--3b —
text · partial``) heads that item's note; they become Markdown headings of the levels
sprintlog writes. Other lines standing alone stay text (a heading of the learner's own
inside a note). A paragraph or list item wrapped over several lines becomes one line,
nested items keep their depth, a reading-list paragraph (``RL - [x] A - [ ] B``) becomes
its category and items, and the page's typography is undone where it is sure: ``SSJ\u20131``
(a dash the typographer made of ``--``) is ``SSJ--1`` again, curly quotes straight. The
links' addresses and the daily log's table are not in a page's text, so they are not read.
"""

import re

from sprintlog.services.exchange.formats import postlines as lines_
from sprintlog.services.exchange.formats.postwalk import SO_HOW

Lines = list[tuple[int, str]]

_MARKDOWN = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|\*\*|\]\(|^ {0,3}(?:```|~~~)|^\|", re.M)
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_REFERENCE_DASH = re.compile(r"(?<=[A-Za-z])[–—](?=\d)")
_ITEM = re.compile(r"(?:[-*+•]|\d{1,9}[.)])[ \t]+")
_NEXT = re.compile(r"(?:my )?(?:goals for (?:the )?(?:next|\d+\w*) sprint|next sprint)\b", re.I)
_SECTION = re.compile(
    r"(?:updated )?reading list\b|daily log\b|open questions\b|(?:list of )?acronyms$", re.I
)
_CHECKBOX = re.compile(r"[ \t]+[-*+•][ \t]+(?=\[[ xX]\][ \t])")
MIN_PASSAGE = 40  # characters: a shorter paragraph said twice may be meant


def is_page_text(text: str) -> bool:
    """No Markdown heading, bold, link, fence or table anywhere: text copied from a page."""
    return _MARKDOWN.search(text) is None


def as_markdown(lines: Lines, prefix: str) -> Lines:
    """The page's lines in the Markdown shape sprintlog writes (numbered as they were)."""
    out: Lines = []
    reading = False
    for group in _groups(lines):
        logical = _logical(group, prefix)
        if len(logical) == 1 and not _ITEM.match(logical[0][1].lstrip()):
            number, line = logical[0]
            level = _level(line.strip(), prefix)
            if level:
                reading = level == 3 and "reading list" in line.lower()
                out += [(number, "#" * level + " " + line.strip()), (number, "")]
                continue
            if reading and len(line) < 80 and not _CHECKBOX.search(line):
                out += [(number, f"**{line.strip()}**"), (number, "")]
                continue
        if reading:
            logical = [
                (at, _checked(piece))
                for number, line in logical
                for at, piece in _reading(number, line)
            ]
        out += [*logical, (group[-1][0], "")]
    return out


def _groups(lines: Lines) -> list[Lines]:
    groups: list[Lines] = [[]]
    for number, line in lines:
        if line.strip():
            groups[-1].append((number, _typography(line.rstrip())))
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _typography(line: str) -> str:
    return _REFERENCE_DASH.sub("--", line.translate(_TYPOGRAPHY).replace("…", "..."))


def _logical(group: Lines, prefix: str) -> Lines:
    """A group's lines with wrapped ones joined; list items as ``- text``, nested by depth
    (the page indents by four what Markdown indents by two). An indented block that is no
    list item (code, a quote) keeps its lines; a ``#`` starting a line is text."""
    joined: Lines = []
    block = group[0][1].startswith("    ") and not _ITEM.match(group[0][1].lstrip(" "))
    for number, line in group:
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) // 2
        marker = _ITEM.match(stripped)
        if stripped.startswith("#"):
            stripped = "\\" + stripped
        if marker is not None:
            mark = marker[0].rstrip(" \t").replace("•", "-")
            joined.append((number, f"{' ' * indent}{mark} {stripped[marker.end() :]}"))
        elif joined and not block and lines_.reference(stripped, prefix) is None:
            last_number, last = joined[-1]
            joined[-1] = (last_number, f"{last} {stripped}")
        else:
            joined.append((number, " " * indent + stripped))
    return joined


def _level(line: str, prefix: str) -> int:
    """The level of the heading a line standing alone is, 0 for none."""
    if len(line) > 200:
        return 0
    if lines_.sprint_number(line) is not None and line.lower().startswith("review of"):
        return 2
    if _NEXT.match(line):
        return 2
    if SO_HOW.match(line) or _SECTION.match(line):
        return 3
    ref = lines_.reference(line, prefix)
    return 4 if ref is not None and ref.status is not None else 0


def _reading(number: int, line: str) -> Lines:
    """``RL - [x] A - [ ] B`` (a list the page ran into a paragraph): a category, items."""
    pieces = _CHECKBOX.split(line)
    if len(pieces) == 1:
        return [(number, line)]
    head, items = pieces[0].strip(), pieces[1:]
    found: Lines = [(number, f"**{head}**")] if head and not _ITEM.match(head) else []
    if head and _ITEM.match(head):
        items = [head[_ITEM.match(head).end() :], *items]  # type: ignore[union-attr]
    return found + [(number, "- " + item.strip()) for item in items]


def _checked(line: str) -> str:
    """A reading item the page shows without its box: sprintlog shows a note only for what
    was read, so an item with a note (other than "reading") was read."""
    item = line.lstrip(" ")
    if not item.startswith("- ") or item[2:].startswith(("[ ]", "[x]", "[X]")):
        return line
    note = item.partition(" — ")[2].strip()
    return f"- [x] {item[2:]}" if note and note != "reading" else line


def once(lines: Lines) -> Lines:
    """``lines`` with a run of paragraphs that is repeated right after itself kept once.

    A paragraph is compared with the next one equal to it; a run is dropped when it holds
    at least MIN_PASSAGE characters. The comparisons are bounded by a budget of a few times
    the number of paragraphs, so a text made to be compared many times costs one pass.
    """
    paragraphs = _paragraphs(lines)
    keys = [" ".join(" ".join(line.split()) for _, line in part) for part in paragraphs]
    following: dict[str, int] = {}
    nearest = [0] * len(keys)
    for index in range(len(keys) - 1, -1, -1):
        nearest[index] = following.get(keys[index], -1)
        following[keys[index]] = index
    sizes = [0]  # sizes[i]: the characters of the paragraphs before paragraph i
    for key in keys:
        sizes.append(sizes[-1] + len(key) + 1)
    kept: list[bool] = [True] * len(keys)
    budget = 4 * sizes[-1] + 64  # characters compared, at most
    index = 0
    while index < len(keys):
        after = nearest[index]
        length = after - index
        size = sizes[after] - sizes[index] if after > index else 0
        if size >= MIN_PASSAGE and after + length <= len(keys) and budget >= size:
            budget -= size
            if keys[index:after] == keys[after : after + length]:
                for dropped in range(after, after + length):
                    kept[dropped] = False
                index = after + length
                continue
        index += 1
    return [line for part, keep in zip(paragraphs, kept, strict=True) if keep for line in part]


def _paragraphs(lines: Lines) -> list[Lines]:
    """Lines in runs that each end with their blank lines (so that joined they are all)."""
    parts: list[Lines] = [[]]
    for number, line in lines:
        if line.strip() and parts[-1] and not parts[-1][-1][1].strip():
            parts.append([])
        parts[-1].append((number, line))
    return [part for part in parts if part]
