"""Goals and their lettered tasks, within one sprint: added, changed, marked, noted.

Each edit is a typed statement of storage/sql/goals.py run by the command's Reader (no
ORM on an SQLite journal); what it reads is the records sprint_reads.py gives. Only
removing a goal with its tasks (``remove``) is the ORM's unit of work. A statement runs
only when a value changes, so that ``updated_at`` moves as the ORM would move it.
"""

import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sprintlog.errors import Conflict, UsageError
from sprintlog.records import Goal, Sprint, Target, Task
from sprintlog.records import derived_status as derived_status
from sprintlog.rules.refs import label
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.statuses import Status
from sprintlog.rules.text import checked_text, one_line
from sprintlog.services import sprint_reads
from sprintlog.storage.reader import Reader, of_session
from sprintlog.storage.sql import goals as sql
from sprintlog.storage.sql import removals
from sprintlog.storage.values import new_uuid, utcnow

if TYPE_CHECKING:
    from sqlmodel import Session

TASK_LETTERS = string.ascii_lowercase


def add(
    reader: Reader,
    *,
    sprint: Sprint,
    number: int,
    title: str,
    settings: Settings,
    description: str | None = None,
    tasks: list[str] | None = None,
) -> Goal:
    if not 1 <= number <= settings.max_goals:
        raise UsageError(f"goal numbers run from 1 to {settings.max_goals}")
    if not (title.strip() or tasks or (description and description.strip())):
        raise UsageError("give the goal a title, a task (--task) or a description")
    goals = sprint_reads.goals_of(reader, sprint_id=sprint.id)
    existing = next((goal for goal in goals if goal.number == number), None)
    if existing is not None:
        raise Conflict(
            f"sprint {sprint.number} has a goal {label(settings.prefix, number)} already "
            f"({existing.title or 'untitled'}); edit it with `sprintlog goal edit`"
        )
    goal = Goal(
        id=0,
        sprint_id=sprint.id,
        number=number,
        title=_title(title),
        description=_description(description),
        status=Status.OPEN.value,
        outcome=None,
        carried_from_id=None,
    )
    goal.id = reader.insert(
        sql.ADD_GOAL,
        sprint_id=sprint.id,
        number=number,
        title=goal.title,
        description=goal.description,
        status=goal.status,
        uuid=new_uuid(),
        updated_at=utcnow(),
    )
    for text in tasks or []:
        add_task(reader, goal=goal, text=text)
    return goal


def _title(text: str) -> str:
    # A goal may be just its tasks: no title is stored as "" and shown as the reference.
    return checked_text(text, what="goal title").strip() if text.strip() else ""


def add_task(reader: Reader, *, goal: Goal, text: str, description: str | None = None) -> Task:
    # The letter after the highest in use: a gap left by a removed task stays a gap, so
    # the letters a published post used keep meaning the same tasks.
    highest = max((TASK_LETTERS.index(task.letter) for task in goal.tasks), default=-1)
    if highest + 1 >= len(TASK_LETTERS):
        raise Conflict(f"goal {goal.number} has used every task letter up to z")
    letter = TASK_LETTERS[highest + 1]
    task = Task(
        id=0,
        goal_id=goal.id,
        letter=letter,
        text=checked_text(text, what="task text"),
        description=_description(description),
        status=Status.OPEN.value,
        outcome=None,
        carried_from_id=None,
    )
    task.id = reader.insert(
        sql.ADD_TASK,
        goal_id=goal.id,
        letter=letter,
        text=task.text,
        description=task.description,
        status=task.status,
        uuid=new_uuid(),
        updated_at=utcnow(),
    )
    goal.tasks.append(task)
    return task


def _description(text: str | None) -> str | None:
    """A description as given (Markdown, several lines allowed); empty clears it."""
    if text is None or not text.strip():
        return None
    return checked_text(text, what="description").strip("\n")


def edit(
    reader: Reader, *, target: Target, text: str | None, description: str | None = None
) -> Target:
    task, goal = target.task, target.goal
    if task is not None:
        wording = checked_text(text, what="task text") if text is not None else task.text
    else:
        wording = _title(text) if text is not None else goal.title
    item = task if task is not None else goal
    about = _description(description) if description is not None else item.description
    if text is None and description is None:
        raise UsageError("nothing to change: give the new text (or --description)")
    if task is not None and (wording, about) != (task.text, task.description):
        reader.change(
            sql.SET_TASK_WORDING, id=task.id, text=wording, description=about, updated_at=utcnow()
        )
        task.text, task.description = wording, about
    elif task is None and (wording, about) != (goal.title, goal.description):
        reader.change(
            sql.SET_GOAL_WORDING, id=goal.id, title=wording, description=about, updated_at=utcnow()
        )
        goal.title, goal.description = wording, about
    return target


def renumber(reader: Reader, *, target: Target, to: str, settings: Settings) -> str:
    """Give a goal another number in its sprint (``to``: 1 to max_goals), or a task another
    letter in its goal; returns the new reference. The row keeps its uuid, so a merge
    moves it on the other side instead of adding it again; entries keep their links.
    A number or letter in use is refused: renumber that one first.
    """
    task, goal = target.task, target.goal
    wanted = to.strip().lower()
    if task is not None:
        if len(wanted) != 1 or wanted not in TASK_LETTERS:
            raise UsageError(f"{to!r} is not a task letter: give one from a to z")
        taken = next((t for t in goal.tasks if t.letter == wanted and t.id != task.id), None)
        if taken is not None:
            where = label(settings.prefix, goal.number, wanted)
            raise Conflict(f"{where} is taken ({one_line(taken.text, 50)}); renumber it first")
        if wanted != task.letter:
            reader.change(sql.SET_TASK_LETTER, id=task.id, letter=wanted, updated_at=utcnow())
            task.letter = wanted
        return label(settings.prefix, goal.number, task.letter)
    number = int(wanted) if wanted.isascii() and wanted.isdigit() else 0
    if not 1 <= number <= settings.max_goals:
        raise UsageError(f"{to!r} is not a goal number: they run from 1 to {settings.max_goals}")
    goals = sprint_reads.goals_of(reader, sprint_id=goal.sprint_id)
    taken_goal = next((g for g in goals if g.number == number and g.id != goal.id), None)
    if taken_goal is not None:
        raise Conflict(
            f"{label(settings.prefix, number)} is taken ({taken_goal.title or 'untitled'}); "
            "renumber or remove it first"
        )
    if number != goal.number:
        reader.change(sql.SET_GOAL_NUMBER, id=goal.id, number=number, updated_at=utcnow())
        goal.number = number
    return label(settings.prefix, goal.number)


def remove(session: "Session", *, target: Target) -> int:
    """Remove a goal (with its tasks) or a task; returns how many entry links it had.

    The entries themselves are kept; they only lose the link. The ORM's unit of work
    removes the goal's tasks with it; ``target`` was found by sprint_reads, as always.
    """
    from sqlalchemy import func
    from sqlmodel import select

    from sprintlog.models import EntryGoal
    from sprintlog.models import Goal as GoalRow
    from sprintlog.models import Task as TaskRow

    linked = (
        EntryGoal.task_id == target.task.id if target.task else EntryGoal.goal_id == target.goal.id
    )
    count = session.exec(select(func.count()).select_from(EntryGoal).where(linked)).one()
    row = (
        session.get(TaskRow, target.task.id)
        if target.task is not None
        else session.get(GoalRow, target.goal.id)
    )
    if target.task is not None:
        removals.record(of_session(session), "task", id=target.task.id)
    else:
        removals.record(of_session(session), "goal", id=target.goal.id)
    session.delete(row)
    session.flush()
    return count


# The changes `goal reopen` undoes: each remembers the status it replaced.
_REMEMBERED = {Status.DONE, Status.DROPPED, Status.DEFERRED}


def set_status(reader: Reader, *, target: Target, status: Status) -> list[str]:
    """Set the status of a task or task-less goal; for a goal with tasks, of its tasks.

    ``done``, ``drop`` and ``defer`` of a goal remember the statuses they replaced;
    ``reopen`` (Status.OPEN) restores them, so a mistaken ``goal drop 2`` is undone by
    ``goal reopen 2`` with its partial and deferred tasks as they were. A change of one
    task is its own undo (it forgets what a goal's change remembered of it). Returns the
    letters of the tasks that changed (empty for a single goal or task).
    """
    if target.task is not None:
        _set_task_status(reader, target.task, status, remember=False)
        return []
    goal = target.goal
    if not goal.tasks:
        wanted, previous = _next_status(goal.status, goal.previous_status, status)
        if goal.status != wanted:
            reader.change(
                sql.SET_GOAL_STATUS,
                id=goal.id,
                status=wanted,
                previous_status=previous,
                updated_at=utcnow(),
            )
            goal.status, goal.previous_status = wanted, previous
        return []
    return _set_task_statuses(reader, goal=goal, status=status)


def _next_status(current: str, previous: str | None, status: Status) -> tuple[str, str | None]:
    """(the new status, the one to remember) for a change to ``status``."""
    if status is Status.OPEN:
        return previous or Status.OPEN.value, None
    return status.value, current if status in _REMEMBERED else None


def _set_task_status(reader: Reader, task: Task, status: Status, *, remember: bool = True) -> bool:
    """Change one task; ``remember`` the status replaced (for done, drop and defer)."""
    wanted, previous = _next_status(task.status, task.previous_status, status)
    if not remember:
        previous = None
    if task.status == wanted:
        return False
    reader.change(
        sql.SET_TASK_STATUS,
        id=task.id,
        status=wanted,
        previous_status=previous,
        updated_at=utcnow(),
    )
    task.status, task.previous_status = wanted, previous
    return True


def _forget(reader: Reader, task: Task) -> None:
    """A task a goal-wide change left as it was: reopening the goal leaves it so too."""
    if task.previous_status is not None:
        reader.change(
            sql.SET_TASK_STATUS,
            id=task.id,
            status=task.status,
            previous_status=None,
            updated_at=utcnow(),
        )
        task.previous_status = None


def _set_task_statuses(reader: Reader, *, goal: Goal, status: Status) -> list[str]:
    # A goal with tasks has no status of its own; "done" marks its unfinished tasks done,
    # "drop" and "defer" those not done; "reopen" restores what the last of those changed
    # (or, when nothing is remembered, reopens them all); "partial" has no meaning.
    if status is Status.PARTIAL:
        raise UsageError(
            f"goal {goal.number} has tasks; mark one of them partial (like {goal.number}a)"
        )
    if status is Status.OPEN:
        remembered = [task for task in goal.tasks if task.previous_status is not None]
        return [
            task.letter
            for task in remembered or goal.tasks
            if _set_task_status(reader, task, status)
        ]
    keep = {
        Status.DONE: _REMEMBERED - {Status.DONE},
        Status.DROPPED: {Status.DONE},
        Status.DEFERRED: _REMEMBERED - {Status.DEFERRED},
    }[status]
    changed = []
    for task in goal.tasks:
        if Status(task.status) not in keep and _set_task_status(reader, task, status):
            changed.append(task.letter)
        else:
            _forget(reader, task)
    return changed


def set_outcome(reader: Reader, *, target: Target, text: str) -> Target:
    """The "so how did it go?" note of a goal or task (empty text clears it)."""
    note = (text.strip() and checked_text(text, what="note")) or None
    if note == outcome(target):
        return target
    if target.task is not None:
        reader.change(sql.SET_TASK_OUTCOME, id=target.task.id, outcome=note, updated_at=utcnow())
        target.task.outcome = note
    else:
        reader.change(sql.SET_GOAL_OUTCOME, id=target.goal.id, outcome=note, updated_at=utcnow())
        target.goal.outcome = note
    return target


def outcome(target: Target) -> str | None:
    return target.task.outcome if target.task is not None else target.goal.outcome


@dataclass(frozen=True)
class Seen:
    """A goal or task as an editor was opened on it: which row, its wording, its note.

    The wording is kept as well as the ids because SQLite may give a removed row's id to
    the next row added: a new goal 1 in its place must not pass for the old one.
    """

    goal_id: int | None
    task_id: int | None
    wording: str
    note: str | None


def seen(target: Target) -> Seen:
    task = target.task
    wording = task.text if task is not None else target.goal.title
    return Seen(target.goal.id, task.id if task else None, wording, outcome(target))


def set_outcome_if_unchanged(
    reader: Reader, *, target: Target | None, before: Seen, text: str, shown: str
) -> Target:
    """Save the note only if ``target`` is still the row, with the note, seen ``before``.

    ``target`` is what the reference names now (None: nothing). Anything else means
    another command changed it while the user was typing: their change is not overwritten.
    """
    now = seen(target) if target is not None else None
    if (
        target is None
        or now is None
        or (now.goal_id, now.task_id, now.wording)
        != (before.goal_id, before.task_id, before.wording)
    ):
        raise Conflict(
            f"{shown} was removed or replaced while the editor was open; nothing was saved"
        )
    if now.note != before.note:
        raise Conflict(
            f"the note of {shown} was changed by another command while the editor was open; "
            "nothing was saved"
        )
    return set_outcome(reader, target=target, text=text)
