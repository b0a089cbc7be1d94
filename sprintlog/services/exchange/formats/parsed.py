"""What a reader of another program's file hands to the import service.

Every record carries ``source_id``: the same thing imported twice has the same id, so a
second import finds the row it brought before and updates it when the record changed
(jrnl's uuid, else its day and time; Watson's frame id; Timewarrior's start; harsh's
date and habit; …). ``former_id`` is the id an older sprintlog gave the same record
(jrnl's and Timewarrior's were hashes of their content), so that rows imported then are
found too. ``place`` says where in the file it came from, for messages ("line 12",
"$[3].tags").
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ImportedEntry:
    source_id: str
    day: date
    text: str
    place: str
    minutes: int | None = None
    # As the other program has them, without '#' or '@'; the import makes each one a tag
    # by sprintlog's rule (rules/tags.from_elsewhere) and says what it had to change.
    tags: tuple[str, ...] = ()
    started_at: datetime | None = None  # aware, when the program records when it began
    former_id: str | None = None


@dataclass(frozen=True)
class ImportedBreak:
    source_id: str
    start: date
    end: date
    place: str
    reason: str | None = None


@dataclass(frozen=True)
class ImportedTask:
    letter: str
    text: str
    note: str | None = None  # "so how did it go?"
    status: str | None = None  # models.Status value, when the post shows one
    description: str | None = None  # the Markdown under the task in the goals list


@dataclass(frozen=True)
class ImportedGoal:
    number: int
    title: str
    note: str | None = None
    tasks: tuple[ImportedTask, ...] = ()
    description: str | None = None  # "SSJ--1 — Write: <description>"
    status: str | None = None  # models.Status value, when the post shows one


@dataclass(frozen=True)
class ImportedReading:
    title: str
    url: str | None = None
    category: str | None = None
    status: str = "to read"  # models.ReadingStatus values
    note: str | None = None  # "- [x] Title — <note>"


@dataclass(frozen=True)
class PostEntry:
    """A row of a post's daily log: its goals and tasks as (number, letter), "" for a goal."""

    day: date
    text: str
    place: str
    refs: tuple[tuple[int, str], ...] = ()
    minutes: int | None = None
    tags: tuple[str, ...] = ()  # the Tags column's (those the text does not say)


@dataclass(frozen=True)
class ImportedSprint:
    """A sprint read from a review post."""

    source_id: str
    place: str
    start: date | None  # None when the post has no dates: --start/--end must give them
    end: date | None
    title: str | None = None
    notes: str | None = None
    goals: tuple[ImportedGoal, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()  # (term, expansion)
    reading: tuple[ImportedReading, ...] = ()
    number: int | None = None  # the sprint's number when the post says it; else the next free
    reading_goal: int | None = None  # "Updated reading list (SSJ--2)": the items' goal track
    entries: tuple[PostEntry, ...] = ()  # the daily log
    questions: tuple[str, ...] = ()  # "Open questions"
    epistemic_status: str | None = None
    # The next sprint's tasks carried from this one's: (goal, task text, (number, letter)).
    carried: tuple[tuple[int, str, tuple[int, str]], ...] = ()


@dataclass
class Parsed:
    """Everything one file holds, in file order."""

    source: str  # "jrnl", "watson", "harsh", "timew", "post"
    entries: list[ImportedEntry] = field(default_factory=list)
    breaks: list[ImportedBreak] = field(default_factory=list)
    sprints: list[ImportedSprint] = field(default_factory=list)
    # What the file held that is not imported, in words, for the report
    # ("the running Watson frame", "12 'n' lines of harsh").
    ignored: list[str] = field(default_factory=list)
