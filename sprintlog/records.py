"""Sprints, goals, tasks, entries and the rest as every read returns them.

The one read model: the typed queries of storage/sql/ fill these, on SQLite and on a
server, in the commands that read and in those that edit; what shows them (cli/display/,
render/) takes only these, never the ORM's objects (models.py is the schema).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sprintlog.rules.statuses import Status


@dataclass
class Task:
    id: int
    goal_id: int
    letter: str
    text: str
    description: str | None
    status: str
    outcome: str | None
    carried_from_id: int | None
    previous_status: str | None = None  # what `goal reopen` restores


@dataclass
class Goal:
    id: int
    sprint_id: int
    number: int
    title: str
    description: str | None
    status: str
    outcome: str | None
    carried_from_id: int | None
    previous_status: str | None = None  # what `goal reopen` restores
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Sprint:
    id: int
    number: int
    title: str | None
    start_day: date
    end_day: date
    closed_at: datetime | None
    notes: str | None
    goals: list[Goal] = field(default_factory=list)

    def contains(self, day: date) -> bool:
        return self.start_day <= day <= self.end_day

    @property
    def length_days(self) -> int:
        return (self.end_day - self.start_day).days + 1


@dataclass(frozen=True)
class LinkedGoal:
    number: int


@dataclass(frozen=True)
class LinkedTask:
    letter: str


@dataclass(frozen=True)
class Link:
    """An entry's link to a goal or one of its tasks (refs.link_labels reads these)."""

    goal_id: int
    task_id: int | None
    goal: LinkedGoal
    task: LinkedTask | None


@dataclass
class Entry:
    id: int
    day: date
    text: str
    minutes: int | None
    created_at: datetime
    started_at: datetime | None = None  # when the work began (the timer, an importer)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class ReadingItem:
    id: int
    title: str
    url: str | None
    category: str | None
    goal_number: int | None
    status: str
    note: str | None
    added_on: date
    started_on: date | None
    finished_on: date | None


@dataclass(frozen=True)
class Question:
    id: int
    text: str
    asked_on: date
    resolved_on: date | None


@dataclass(frozen=True)
class Acronym:
    term: str
    expansion: str


@dataclass(frozen=True)
class Target:
    """What a reference named: a goal, or one of its tasks (services/sprint_reads.py)."""

    goal: Goal
    task: Task | None = None

    def label(self, prefix: str) -> str:
        from sprintlog.rules.refs import label

        return label(prefix, self.goal.number, self.task.letter if self.task else None)


def derived_status(goal: Goal) -> Status:
    """A goal's own status, or, when it has tasks, the one its tasks add up to."""
    if not goal.tasks:
        return Status(goal.status)
    statuses = {Status(task.status) for task in goal.tasks}
    if statuses == {Status.DONE}:
        return Status.DONE  # "done" means every task done: one dropped makes it partial
    if statuses & {Status.DONE, Status.PARTIAL}:
        return Status.PARTIAL
    if statuses == {Status.DROPPED}:
        return Status.DROPPED
    if statuses <= {Status.DROPPED, Status.DEFERRED}:
        return Status.DEFERRED
    return Status.OPEN
