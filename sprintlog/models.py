"""The schema: SQLModel tables, the one source that Alembic's migrations follow.

Only Alembic creates or changes tables (see migrations/); a test checks the two agree.
Timestamps are UTC (timezone-aware); days (``Entry.day``, sprint dates) are local calendar days.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

# At home in statuses.py (the daily commands import no SQLModel); named here as ever.
from sprintlog.rules.statuses import STATUS_VALUES as STATUS_VALUES
from sprintlog.rules.statuses import ReadingStatus as ReadingStatus
from sprintlog.rules.statuses import Status as Status
from sprintlog.storage import values

# Stable constraint names, so that later migrations (batch mode on SQLite) can name them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# One rule for a row's identity and stamps, shared with the typed statements.
utcnow = values.utcnow
new_uuid = values.new_uuid


# These two return a Field, typed Any as Field is: the column's type is the annotation's.
def _identity() -> Any:
    """The stable identity a row keeps across exports, imports and merges (issue 16)."""
    return Field(default_factory=new_uuid, max_length=32, unique=True)


def _updated_at() -> Any:
    # onupdate: an ORM flush that changes the row moves it; a merge compares it.
    return Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})


def _status_check() -> CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in STATUS_VALUES)
    return CheckConstraint(f"status IN ({allowed})", name="status_known")


def _long_text(nullable: bool = True) -> Column:
    return Column(Text, nullable=nullable)


class Sprint(SQLModel, table=True):
    __table_args__ = (CheckConstraint("end_day >= start_day", name="dates_in_order"),)

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    title: str | None = Field(default=None, sa_column=_long_text())
    start_day: date
    end_day: date = Field(index=True)
    closed_at: datetime | None = None
    notes: str | None = Field(default=None, sa_column=_long_text())
    uuid: str = _identity()
    updated_at: datetime = _updated_at()

    goals: list["Goal"] = Relationship(
        back_populates="sprint",
        sa_relationship_kwargs={"order_by": "Goal.number", "cascade": "all, delete-orphan"},
    )

    def contains(self, day: date) -> bool:
        return self.start_day <= day <= self.end_day

    @property
    def length_days(self) -> int:
        return (self.end_day - self.start_day).days + 1


class Goal(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("sprint_id", "number", name="uq_goal_sprint_number"),
        _status_check(),
    )

    id: int | None = Field(default=None, primary_key=True)
    sprint_id: int = Field(foreign_key="sprint.id", ondelete="CASCADE", index=True)
    number: int
    title: str = Field(sa_column=_long_text(nullable=False))
    description: str | None = Field(default=None, sa_column=_long_text())
    status: str = Field(default=Status.OPEN.value, max_length=16)
    outcome: str | None = Field(default=None, sa_column=_long_text())
    # The status the last status change replaced: what `goal reopen` restores.
    previous_status: str | None = Field(default=None, max_length=16)
    carried_from_id: int | None = Field(default=None, foreign_key="goal.id", ondelete="SET NULL")
    uuid: str = _identity()
    updated_at: datetime = _updated_at()

    sprint: Sprint = Relationship(back_populates="goals")
    tasks: list["Task"] = Relationship(
        back_populates="goal",
        sa_relationship_kwargs={"order_by": "Task.letter", "cascade": "all, delete-orphan"},
    )


class Task(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("goal_id", "letter", name="uq_task_goal_letter"),
        _status_check(),
    )

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", index=True)
    letter: str = Field(max_length=1)
    text: str = Field(sa_column=_long_text(nullable=False))
    description: str | None = Field(default=None, sa_column=_long_text())
    status: str = Field(default=Status.OPEN.value, max_length=16)
    outcome: str | None = Field(default=None, sa_column=_long_text())
    previous_status: str | None = Field(default=None, max_length=16)
    carried_from_id: int | None = Field(default=None, foreign_key="task.id", ondelete="SET NULL")
    uuid: str = _identity()
    updated_at: datetime = _updated_at()

    goal: Goal = Relationship(back_populates="tasks")


class Entry(SQLModel, table=True):
    # AUTOINCREMENT on SQLite: a removed entry's id is never given again (PostgreSQL's
    # sequence never goes back either), so "#6" keeps naming the same entry.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    text: str = Field(sa_column=_long_text(nullable=False))
    minutes: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    uuid: str = _identity()
    updated_at: datetime = _updated_at()
    # When the work began (UTC), where it is known: the timer, Watson, Timewarrior, jrnl.
    started_at: datetime | None = None

    links: list["EntryGoal"] = Relationship(
        back_populates="entry",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "EntryGoal.id"},
    )


class EntryGoal(SQLModel, table=True):
    """An entry's link to a goal, or to one of the goal's tasks."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", index=True)
    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", index=True)
    task_id: int | None = Field(default=None, foreign_key="task.id", ondelete="SET NULL")

    entry: Entry = Relationship(back_populates="links")
    goal: Goal = Relationship()
    task: Task | None = Relationship()


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=_long_text(nullable=False))


class ReadingItem(SQLModel, table=True):
    """A book, paper or page on the reading list; ``goal_number`` is a goal track (SSJ--2)."""

    __tablename__ = "reading_item"
    __table_args__ = (
        CheckConstraint("status IN ('to read', 'reading', 'read')", name="status_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=_long_text(nullable=False))
    url: str | None = Field(default=None, sa_column=_long_text())
    category: str | None = Field(default=None, max_length=200)
    goal_number: int | None = None
    status: str = Field(default=ReadingStatus.TO_READ.value, max_length=16)
    note: str | None = Field(default=None, sa_column=_long_text())
    added_on: date
    started_on: date | None = None
    finished_on: date | None = Field(default=None, index=True)
    uuid: str = _identity()
    updated_at: datetime = _updated_at()


class Acronym(SQLModel, table=True):
    term: str = Field(primary_key=True, max_length=64)
    expansion: str = Field(sa_column=_long_text(nullable=False))


class Question(SQLModel, table=True):
    """An open question of the learner's; open from ``asked_on`` until ``resolved_on``."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=_long_text(nullable=False))
    asked_on: date
    resolved_on: date | None = None
    uuid: str = _identity()
    updated_at: datetime = _updated_at()


class EntryTag(SQLModel, table=True):
    """A ``#topic`` of an entry, lower-cased: written in its text or given with ``--tag``."""

    __tablename__ = "entry_tag"

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", primary_key=True)
    tag: str = Field(max_length=100, primary_key=True, index=True)  # what is matched
    # As it was written (``Kapitel``), what is shown; None when that is ``tag`` itself.
    written: str | None = Field(default=None, max_length=100)


class StudyBreak(SQLModel, table=True):
    """Days off by plan (exams, holidays): neither required nor missed by the streak."""

    __tablename__ = "study_break"
    __table_args__ = (CheckConstraint("end_day >= start_day", name="dates_in_order"),)

    id: int | None = Field(default=None, primary_key=True)
    start_day: date = Field(index=True)
    end_day: date
    reason: str | None = Field(default=None, sa_column=_long_text())
    uuid: str = _identity()
    updated_at: datetime = _updated_at()


class Timer(SQLModel, table=True):
    """The running timer, if any: at most one row, so two terminals cannot both start one."""

    __table_args__ = (CheckConstraint("id = 1", name="only_one"),)

    id: int = Field(default=1, primary_key=True)
    started_at: datetime
    day: date  # the local day it started: ``stop`` logs the entry there
    text: str | None = Field(default=None, sa_column=_long_text())
    goal_refs: str | None = Field(default=None, sa_column=_long_text())  # as typed, space-separated


class ImportSource(SQLModel, table=True):
    """What an import brought in, so that importing the same file again adds nothing."""

    __tablename__ = "import_source"

    source: str = Field(primary_key=True, max_length=16)  # jrnl, watson, harsh, timew, post…
    source_id: str = Field(primary_key=True, max_length=200)
    row_table: str = Field(max_length=32)
    row_uuid: str = Field(max_length=32)
    imported_at: datetime = Field(default_factory=utcnow)
    # A digest of the record as the file had it when last imported: a later import tells
    # a change made in the other program from one made here (issue 25).
    imported_state: str | None = Field(default=None, max_length=64)


class Removal(SQLModel, table=True):
    """A row with a uuid that was removed: merging passes the removal on (issue 25).

    ``row_updated_at`` is the removed row's own ``updated_at``: a journal whose copy of the
    row still has it had not changed the row, so the removal applies there too.
    """

    uuid: str = Field(primary_key=True, max_length=32)
    row_table: str = Field(max_length=32)
    removed_at: datetime = Field(default_factory=utcnow)
    row_updated_at: datetime


class ExchangeBase(SQLModel, table=True):
    """What this journal and another (its ``journal_id``) last agreed on, row by row.

    The state of the last exchange, by uuid and ``updated_at`` (not a copy of the data):
    a row whose stamp moved since on one side only was changed on that side only.
    """

    __tablename__ = "exchange_base"

    peer: str = Field(primary_key=True, max_length=32)
    row_uuid: str = Field(primary_key=True, max_length=32)
    updated_at: datetime
