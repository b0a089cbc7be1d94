"""The walk through a review post's lines, section by section (see post.py for what is read).

``Walk`` keeps the state of the section it is in (the goals, "So how did it go?", the
reading list, the next sprint's plan) and hands each line to postlines.py to learn what
it is; what it finds goes into a ``Post``, which post.py turns into records.
"""

import re
from dataclasses import dataclass, field

from sprintlog.services.exchange.formats import postlines as lines_
from sprintlog.services.exchange.formats.parsed import ImportedReading

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NEXT_SPRINT = re.compile(r"goals for (?:the )?(?:next|\d+\w*) sprint|next sprint", re.I)
SO_HOW = re.compile(r"^[#\s*_]*so how did it go\??[\s*_]*$", re.I)
_MY_GOALS = re.compile(r"^[\s*_]*my goals\b", re.I)


@dataclass
class Task:
    letter: str
    text: str = ""
    status: str | None = None
    note: list[str] = field(default_factory=list)


@dataclass
class Goal:
    number: int
    title: str = ""
    description: str | None = None
    status: str | None = None
    note: list[str] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)


@dataclass
class Post:
    """What the walk has found so far."""

    prefix: str
    has_so_how: bool
    goals: dict[int, Goal] = field(default_factory=dict)
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    reading: list[ImportedReading] = field(default_factory=list)
    dates: tuple[str, str, int] | None = None  # start, end, line number
    number: int | None = None
    title: str | None = None
    notes: list[str] = field(default_factory=list)


class Walk:
    """One pass over the post's lines, in the state of the section it is in."""

    def __init__(self, post: Post) -> None:
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
        if self.fence is None:
            if match is None:
                return False
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
        if SO_HOW.match(line):
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
        existed = ref.number in self.post.goals
        goal = self.post.goals.setdefault(ref.number, Goal(ref.number))
        item: Goal | Task = goal
        if ref.letter:
            existed = ref.letter in goal.tasks
            item = goal.tasks.setdefault(ref.letter, Task(ref.letter))
            item.text = item.text or ref.title
            title = item.text
        else:
            goal.title = goal.title or ref.title
            goal.description = goal.description or ref.description
            title = goal.title
        item.status = ref.status or item.status
        heading = lines_.heading(line)
        reads_notes = self.mode == "so-how" or not self.post.has_so_how
        self.target = item.note if reads_notes else None
        if self.target:  # a second place for the same note: keep them apart
            self.target.append("")
        if self.target is not None and existed and heading is None:
            # "SSJ--1: went well" under "So how did it go?": the line's text is the note's
            said = _said(ref, title)
            if said:
                self.target.append(said)
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


def _said(ref: lines_.Ref, title: str) -> str:
    """What a reference line says beyond the title the goal or task already has."""
    if ref.title == title:
        return ref.description or ""
    return f"{ref.title}: {ref.description}" if ref.description else ref.title
