"""A review post (sprintlog's own, or a learner's in the common shape) read back as a sprint.

What is recognised, line by line (postlines.py says what one line is):

- goals and tasks: a line that starts (after list or heading marks and bold) with a
  reference ``SSJ--1`` / ``SSJ--3a`` and a separator (``:``, ``—``, ``--``, ``-``); the
  prefix is the ``prefix`` option ("SSJ"), or, when no line uses it, the one prefix the
  post's references use most;
- notes: the prose after a reference until the next reference or heading, within the
  "So how did it go?" section when the post has one (elsewhere when it has none); a
  goal's own description repeated at the top of its note is left out; headings deeper
  than the reference's heading stay in the note;
- the status a "So how did it go?" heading ends with (``· partial``);
- acronyms: an ``Acronyms:`` / ``List of acronyms`` line (or the line after such a
  heading) of ``Expansion (TERM)`` items;
- the reading list: the items under a heading containing "reading list", grouped by
  ``**Category**`` lines or sub-headings;
- the sprint: its dates (the first ``2025-03-17 - 2025-03-30``, any dash or "to"),
  number ("Review of the 2nd sprint") and title ("…sprint: Title (dates)"), and the
  prose under that heading before the goals (the sprint's notes).
  The ``start``/``end`` options override the dates.

Everything after a "Goals for the next/3rd sprint" heading is the next sprint's plan and
is not read as this sprint's goals. A post with no goals is a BadImport.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sprintlog.formats import postlines as lines_
from sprintlog.formats.common import digest
from sprintlog.formats.records import (
    BadImport,
    ImportedGoal,
    ImportedReading,
    ImportedSprint,
    ImportedTask,
    Parsed,
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NEXT_SPRINT = re.compile(r"goals for (?:the )?(?:next|\d+\w*) sprint|next sprint", re.I)
_SO_HOW = re.compile(r"^[#\s*_]*so how did it go\??[\s*_]*$", re.I)
_MY_GOALS = re.compile(r"^[\s*_]*my goals\b", re.I)
_LOOKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+)?(?:\*\*)?[A-Za-z]{1,20}--\d", re.M)


def looks_like(text: str) -> bool:
    """Not JSON, not a harsh log, and some line starts with a goal reference."""
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return False
    return _LOOKS.search(text[:200_000]) is not None


@dataclass
class _Task:
    letter: str
    text: str = ""
    status: str | None = None
    note: list[str] = field(default_factory=list)


@dataclass
class _Goal:
    number: int
    title: str = ""
    description: str | None = None
    status: str | None = None
    note: list[str] = field(default_factory=list)
    tasks: dict[str, _Task] = field(default_factory=dict)


@dataclass
class _Post:
    """What the walk has found so far."""

    prefix: str
    has_so_how: bool
    goals: dict[int, _Goal] = field(default_factory=dict)
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    reading: list[ImportedReading] = field(default_factory=list)
    dates: tuple[str, str, int] | None = None  # start, end, line number
    number: int | None = None
    title: str | None = None
    notes: list[str] = field(default_factory=list)


def read(
    text: str,
    file: str,
    *,
    prefix: str = "SSJ",
    start: date | str | None = None,
    end: date | str | None = None,
    **options: Any,
) -> Parsed:
    if not text.strip():
        raise BadImport(file, None, "the file is empty")
    lines = _body(text.replace("\r\n", "\n").split("\n"))
    so_how = any(_SO_HOW.match(line) for _, line in lines)
    post = _Post(prefix=_prefix(lines, prefix), has_so_how=so_how)
    _Walk(post).run(lines)
    if not post.goals:
        shapes = f"'{post.prefix}--1: text' or '{post.prefix}--3a — text'"
        raise BadImport(file, None, f"no goals found (lines like {shapes})")
    first, last = _dates(post, file, start, end)
    parsed = Parsed(source="post")
    parsed.sprints.append(_sprint(post, first, last))
    return parsed


def _body(lines: list[str]) -> list[tuple[int, str]]:
    """The lines after any front matter (``---`` … ``---`` or ``+++`` … ``+++``), numbered."""
    numbered = list(enumerate(lines, start=1))
    if lines and lines[0].strip() in ("---", "+++"):
        for index in range(1, len(lines)):
            if lines[index].strip() == lines[0].strip():
                return numbered[index + 1 :]
    return numbered


def _prefix(lines: list[tuple[int, str]], wanted: str) -> str:
    """``wanted`` if some line uses it, else the prefix the post's references use most."""
    wanted = wanted.strip().upper() or "SSJ"
    found = Counter(p for _, line in lines if (p := lines_.prefixes(line)) is not None)
    if wanted in found or not found:
        return wanted
    return found.most_common(1)[0][0]


class _Walk:
    """One pass over the post's lines, in the state of the section it is in."""

    def __init__(self, post: _Post) -> None:
        self.post = post
        self.mode = "body"  # body, so-how, reading, after
        self.section_level = 0
        self.category: str | None = None
        self.target: list[str] | None = None  # the note being read
        self.target_level = 7  # the level of the reference heading that opened it
        self.fence: str | None = None
        self.acronyms_next = False

    def run(self, lines: list[tuple[int, str]]) -> None:
        for number, line in lines:
            if self._fenced(line):
                continue
            if self._acronyms(line) or self._section(line):
                continue
            if self.mode not in ("after", "reading") and self._reference(line):
                continue
            self._other(number, line)

    def _fenced(self, line: str) -> bool:
        """Lines of a code block belong to the note they are in, and are nothing else."""
        match = _FENCE.match(line)
        if self.fence is None and match is None:
            return False
        if self.fence is None:
            self.fence = match[1]
        elif match is not None and match[1][0] == self.fence[0] and not line.strip(" `~"):
            self.fence = None
        if self.target is not None:
            self.target.append(line)
        return True

    def _acronyms(self, line: str) -> bool:
        if self.acronyms_next and line.strip():
            self.post.acronyms += lines_.acronyms(line)
            self.acronyms_next = False
            return True
        items = lines_.acronym_items(line)
        if items is None:
            return False
        self.post.acronyms += items
        self.acronyms_next = not items
        return True

    def _section(self, line: str) -> bool:
        """Headings (and a bold "So how did it go?") that open or close a section."""
        heading = lines_.heading(line)
        if _SO_HOW.match(line):
            self._enter("so-how", heading[0] if heading else 7)
            return True
        if heading is None:
            return False
        level, text = heading
        if self.mode != "after" and _NEXT_SPRINT.search(text):
            self._enter("after", level)
            return True
        if "reading list" in text.lower() and self.mode != "after":
            self._enter("reading", level)
            return True
        return False

    def _enter(self, mode: str, level: int) -> None:
        self.mode, self.section_level, self.target, self.category = mode, level, None, None

    def _reference(self, line: str) -> bool:
        ref = lines_.reference(line, self.post.prefix)
        if ref is None:
            return False
        goal = self.post.goals.setdefault(ref.number, _Goal(ref.number))
        item: _Goal | _Task = goal
        if ref.letter:
            item = goal.tasks.setdefault(ref.letter, _Task(ref.letter))
            item.text = item.text or ref.title
        else:
            goal.title = goal.title or ref.title
            goal.description = goal.description or ref.description
        item.status = ref.status or item.status
        heading = lines_.heading(line)
        reads_notes = self.mode == "so-how" or not self.post.has_so_how
        self.target = item.note if reads_notes else None
        if self.target:  # a second place for the same note: keep them apart
            self.target.append("")
        self.target_level = heading[0] if heading else 7
        return True

    def _other(self, number: int, line: str) -> None:
        heading = lines_.heading(line)
        if heading is not None and self._closes(heading[0], heading[1]):
            return
        if self.mode == "reading":
            self._reading(line)
            return
        if self.mode != "after" and self._sprint_line(number, line, heading):
            return
        if self.target is not None:
            self.target.append(line)

    def _closes(self, level: int, text: str) -> bool:
        """A heading that ends the note or section being read (True: nothing else to do)."""
        if self.mode == "reading" and level > self.section_level:
            self.category = lines_.unescape(text) or None
            return True
        if self.mode in ("reading", "so-how") and level <= self.section_level:
            self._enter("body", 0)
        if self.target is not None and level <= self.target_level:
            self.target = None
        return False

    def _reading(self, line: str) -> None:
        category = lines_.category(line)
        if category is not None:
            self.category = category
            return
        item = lines_.reading_item(line)
        if item is not None:
            title, url, status, note = item
            if title:
                self.post.reading.append(
                    ImportedReading(title, url, self.category, status=status, note=note)
                )

    def _sprint_line(self, number: int, line: str, heading: tuple[int, str] | None) -> bool:
        """The sprint's dates, number and title, and its notes under the review heading.

        True for the review heading itself, which is no part of any note.
        """
        post = self.post
        found = lines_.dates(line)
        if found and post.dates is None:
            post.dates = (*found, number)
        if heading is None:
            if _MY_GOALS.match(line) and self.target is post.notes:
                self.target = None
                return True
            return False
        sprint = lines_.sprint_number(heading[1])
        if sprint is None or post.number is not None:
            return False
        post.number, post.title = sprint, lines_.sprint_title(heading[1])
        self.target, self.target_level = post.notes, heading[0]
        return True


def _dates(
    post: _Post, file: str, start: date | str | None, end: date | str | None
) -> tuple[date | None, date | None]:
    first = last = None
    if post.dates is not None:
        place = f"line {post.dates[2]}"
        first, last = (_date(value, file, place) for value in post.dates[:2])
    first = _date(start, file, "start") if start is not None else first
    last = _date(end, file, "end") if end is not None else last
    if first and last and last < first:
        raise BadImport(file, None, f"the sprint ends ({last}) before it starts ({first})")
    return first, last


def _date(value: date | str, file: str, place: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadImport(file, place, f"{value!r} is not a date like 2025-03-17") from None


def _sprint(post: _Post, first: date | None, last: date | None) -> ImportedSprint:
    goals = tuple(_goal(post.goals[number]) for number in sorted(post.goals))
    if post.number is not None:
        source_id = f"sprint-{post.number}"
    elif first is not None:
        source_id = f"{first}..{last}"
    else:
        source_id = digest(*(f"{goal.number}:{goal.title}" for goal in goals))
    return ImportedSprint(
        source_id=source_id,
        place="line 1",
        start=first,
        end=last,
        title=post.title,
        notes=_note(post.notes, None),
        goals=goals,
        acronyms=tuple(dict.fromkeys(post.acronyms)),
        reading=tuple(post.reading),
        number=post.number,
    )


def _goal(goal: _Goal) -> ImportedGoal:
    tasks = tuple(
        ImportedTask(task.letter, task.text, _note(task.note, None), task.status)
        for _, task in sorted(goal.tasks.items())
    )
    return ImportedGoal(
        number=goal.number,
        title=goal.title,
        note=_note(goal.note, goal.description),
        tasks=tasks,
        description=goal.description,
        status=goal.status,
    )


def _note(lines: list[str], description: str | None) -> str | None:
    """The note's text: blank lines around it dropped, a repeated description too."""
    text = "\n".join(lines).strip("\n")
    if description is not None:
        first, _, rest = text.partition("\n\n")
        if " ".join(lines_.unescape(first).split()) == " ".join(description.split()):
            text = rest.strip("\n")
    kept = text.split("\n")
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) or None
