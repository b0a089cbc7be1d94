"""The walk through a review post's lines, section by section (see post.py for what is read).

``Walk`` keeps the state of the section it is in (the goals, "So how did it go?", the
daily log, the reading list, the open questions, the next sprint's plan) and hands each
line to postlines.py or postlog.py to learn what it is; what it finds goes into a
``Post``, which post.py turns into records.
"""

import re
from dataclasses import dataclass, field

from sprintlog.services.exchange.formats import postlines as lines_
from sprintlog.services.exchange.formats import postlog
from sprintlog.services.exchange.formats.parsed import ImportedReading

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NEXT_SPRINT = re.compile(r"goals for (?:the )?(?:next|\d+\w*) sprint|next sprint", re.I)
SO_HOW = re.compile(r"^[#\s*_]*so how did it go\??[\s*_]*$", re.I)
SECOND_PLACE = "\x00"  # between the parts of a note read in two places (no text holds NUL)
_MY_GOALS = re.compile(r"^[\s*_]*my goals\b", re.I)
_CARRIED = re.compile(r"\*?\(carried from ([A-Za-z]{1,20}--\d{1,6}[A-Za-z]?)\)\*?$")
# Sections that hold no goals and no notes: (words the heading holds, the walk's mode).
_SECTIONS = (("daily log", "log"), ("open questions", "questions"), ("reading list", "reading"))


@dataclass
class Task:
    letter: str
    text: str = ""
    status: str | None = None
    note: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


@dataclass
class Goal:
    number: int
    title: str = ""
    description: str | None = None
    status: str | None = None
    note: list[str] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)
    description_lines: list[str] = field(default_factory=list)


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
    engine: str = "none"  # the engine whose escapes the notes hold (postescapes.py)
    reading_goal: int | None = None
    log: list[postlog.Row] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    epistemic_status: str | None = None
    # The next sprint's tasks carried from this one's: (goal, text, (number, letter)).
    carried: list[tuple[int, str, tuple[int, str]]] = field(default_factory=list)


class Walk:
    """One pass over the post's lines, in the state of the section it is in."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.mode = "body"  # body, so-how, log, reading, questions, after
        self.section_level = 0
        self.category: str | None = None
        self.target: list[str] | None = None  # the note being read
        self.target_level = 7  # the level of the reference heading that opened it
        self.fence: str | None = None
        self.acronyms_next = False
        self.columns: dict[str, int] | None = None  # the daily log table's
        self.description: list[str] | None = None  # a description being read, and
        self.indent = 0  # how far its lines are indented
        self.next_goal = 0  # the goal of the next sprint's plan being read

    def run(self, lines: list[tuple[int, str]]) -> None:
        for number, line in lines:
            if self._described(line):
                continue
            if self._fenced(line):
                continue
            if self._acronyms(line) or self._section(line):
                continue
            if self.mode in ("body", "so-how") and self._reference(line):
                continue
            self._other(number, line)

    def _described(self, line: str) -> bool:
        """The lines of a goal's or task's description, indented under it in the goals list."""
        if self.description is None:
            return False
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and (indent < self.indent or lines_.reference(line, self.post.prefix)):
            self.description = None
            return False
        self.description.append(line[self.indent :])
        return True

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
        if self.mode == "after":
            return False
        lowered = text.lower()
        for words, mode in _SECTIONS:
            if words in lowered:
                self._enter(mode, level)
                if mode == "reading":
                    self._reading_goal(text)
                return True
        return False

    def _reading_goal(self, heading: str) -> None:
        """The goal of "Updated reading list (SSJ--2)"."""
        inside = heading[heading.rfind("(") + 1 :].rstrip(") \t") if "(" in heading else ""
        found = postlog.references(inside, self.post.prefix)
        if len(found) == 1 and not found[0][1]:
            self.post.reading_goal = found[0][0]

    def _enter(self, mode: str, level: int) -> None:
        self.mode, self.section_level, self.target, self.category = mode, level, None, None
        self.columns = None

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
        if self.mode == "body" and self.post.has_so_how and heading is None:
            lines = item.description if isinstance(item, Task) else item.description_lines
            lines.clear()
            self.description, self.indent = lines, _content_column(line)
        reads_notes = self.mode == "so-how" or not self.post.has_so_how
        self.target = item.note if reads_notes else None
        if self.target:  # a second place for the same note: keep them apart
            self.target.append(SECOND_PLACE)
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
        elif self.mode == "log":
            self._log(number, line)
        elif self.mode == "questions":
            found = postlog.question(line)
            if found is not None:
                self.post.questions.append(found)
        elif self.mode == "after":
            self._carried(line)
        elif (
            not self._sprint_line(number, line, heading)
            and not self._status_line(line)
            and self.target is not None
        ):
            self.target.append(line)

    def _status_line(self, line: str) -> bool:
        """ "Partial: SSJ--4a." (items without a note) and the epistemic status."""
        if self.post.epistemic_status is None and self.post.number is None:
            self.post.epistemic_status = postlog.epistemic_status(line)
            if self.post.epistemic_status is not None:
                return True
        if self.mode != "so-how" or self.target is not None:
            return False
        found = postlog.statuses(line, self.post.prefix)
        for number, letter, status in found or ():
            goal = self.post.goals.get(number)
            item = goal.tasks.get(letter) if goal and letter else goal
            if item is not None:
                item.status = status
        return found is not None

    def _log(self, number: int, line: str) -> None:
        """A row of the daily log's table (its header says where each column is)."""
        found = postlog.cells(line)
        if found is None or postlog.is_delimiter(found):
            return
        if self.columns is None:
            self.columns = postlog.columns(found)
            return
        row = postlog.row(
            found, self.columns, prefix=self.post.prefix, engine=self.post.engine, line=number
        )
        if isinstance(row, str):  # Hugo's next line of the entry above
            if self.post.log and row:
                self.post.log[-1].text += "\n" + row
        elif row is not None:
            self.post.log.append(row)

    def _carried(self, line: str) -> None:
        """The next sprint's goals and their "(carried from SSJ--3b)" marks."""
        ref = lines_.reference(line, self.post.prefix)
        if ref is not None:
            self.next_goal = ref.number if not ref.letter else self.next_goal
            return
        text = lines_.dashes(line.strip())
        mark = _CARRIED.search(text)
        item = lines_.reading_item(text[: mark.start()] if mark else "")
        if mark is None or item is None or not self.next_goal:
            return
        source = postlog.references(mark[1], self.post.prefix)
        if source:
            self.post.carried.append((self.next_goal, item[0], source[0]))

    def _closes(self, level: int, text: str) -> bool:
        """A heading that ends the note or section being read (True: nothing else to do)."""
        if self.mode == "reading" and level > self.section_level:
            self.category = lines_.unescape(text) or None
            return True
        if self.mode in ("reading", "so-how", "log", "questions") and level <= self.section_level:
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


def _content_column(line: str) -> int:
    """Where the text of a list item starts (``  - **SSJ--3a:**``: 4)."""
    stripped = line.lstrip(" ")
    marker = stripped[:1]
    if marker in ("-", "*", "+") and stripped[1:2] in (" ", "\t"):
        return len(line) - len(stripped) + 2
    return len(line) - len(stripped) + 1


def _said(ref: lines_.Ref, title: str) -> str:
    """What a reference line says beyond the title the goal or task already has."""
    if ref.title == title:
        return ref.description or ""
    return f"{ref.title}: {ref.description}" if ref.description else ref.title
