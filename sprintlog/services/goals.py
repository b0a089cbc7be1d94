"""Goals and their lettered tasks, within one sprint."""

import string
from dataclasses import dataclass

from sqlmodel import Session, col, select

from sprintlog.errors import Conflict, UsageError
from sprintlog.models import EntryGoal, Goal, Sprint, Status, Task
from sprintlog.refs import label, parse_ref
from sprintlog.services import sprint_reads
from sprintlog.services.records import Target as Target
from sprintlog.services.records import derived_status as derived_status
from sprintlog.setting_specs import Settings
from sprintlog.text import checked_text

TASK_LETTERS = string.ascii_lowercase


def find_goal(session: Session, *, sprint: Sprint, number: int) -> Goal | None:
    statement = select(Goal).where(Goal.sprint_id == sprint.id, Goal.number == number)
    return session.exec(statement).first()


def resolve(session: Session, *, sprint: Sprint, ref: str, settings: Settings) -> Target:
    """The goal or task ``ref`` names in ``sprint``, or a NotFound saying what is missing."""
    parsed = parse_ref(ref, prefix=settings.prefix, max_goals=settings.max_goals)
    goal = find_goal(session, sprint=sprint, number=parsed.goal)
    return sprint_reads.target_in(goal, ref=parsed, sprint_number=sprint.number, settings=settings)


def add(
    session: Session,
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
    existing = find_goal(session, sprint=sprint, number=number)
    if existing is not None:
        raise Conflict(
            f"sprint {sprint.number} has a goal {label(settings.prefix, number)} already "
            f"({existing.title or 'untitled'}); edit it with `sprintlog goal edit`"
        )
    assert sprint.id is not None  # a sprint of the journal: saved, so it has its id
    goal = Goal(
        sprint_id=sprint.id,
        number=number,
        title=_title(title),
        description=_description(description),
    )
    session.add(goal)
    session.flush()
    for text in tasks or []:
        add_task(session, goal=goal, text=text)
    return goal


def _title(text: str) -> str:
    # A goal may be just its tasks: no title is stored as "" and shown as the reference.
    return checked_text(text, what="goal title").strip() if text.strip() else ""


def add_task(session: Session, *, goal: Goal, text: str, description: str | None = None) -> Task:
    # The letter after the highest in use: a gap left by a removed task stays a gap, so
    # the letters a published post used keep meaning the same tasks.
    highest = max((TASK_LETTERS.index(task.letter) for task in goal.tasks), default=-1)
    if highest + 1 >= len(TASK_LETTERS):
        raise Conflict(f"goal {goal.number} has used every task letter up to z")
    assert goal.id is not None  # flushed by whoever made it
    task = Task(
        goal_id=goal.id,
        letter=TASK_LETTERS[highest + 1],
        text=checked_text(text, what="task text"),
        description=_description(description),
    )
    goal.tasks.append(task)
    session.flush()
    return task


def _description(text: str | None) -> str | None:
    """A description as given (Markdown, several lines allowed); empty clears it."""
    if text is None or not text.strip():
        return None
    return checked_text(text, what="description").strip("\n")


def edit(
    session: Session, *, target: Target, text: str | None, description: str | None = None
) -> Target:
    if target.task is not None:
        if text is not None:
            target.task.text = checked_text(text, what="task text")
        if description is not None:
            target.task.description = _description(description)
    else:
        if text is not None:
            target.goal.title = _title(text)
        if description is not None:
            target.goal.description = _description(description)
    if text is None and description is None:
        raise UsageError("nothing to change: give the new text (or --description)")
    session.flush()
    return target


def remove(session: Session, *, target: Target) -> int:
    """Remove a goal (with its tasks) or a task; returns how many entry links it had.

    The entries themselves are kept; they only lose the link.
    """
    from sqlalchemy import func

    linked = (
        EntryGoal.task_id == target.task.id if target.task else EntryGoal.goal_id == target.goal.id
    )
    count = session.exec(select(func.count()).select_from(EntryGoal).where(linked)).one()
    if target.task is not None:
        target.goal.tasks.remove(target.task)
        session.delete(target.task)
    else:
        session.delete(target.goal)
    session.flush()
    return count


def set_status(session: Session, *, target: Target, status: Status) -> list[str]:
    """Set the status of a task or task-less goal; for a goal with tasks, of its tasks.

    Returns the letters of the tasks that changed (empty for a single goal or task).
    """
    if target.task is not None:
        target.task.status = status.value
        session.flush()
        return []
    goal = target.goal
    if not goal.tasks:
        goal.status = status.value
        session.flush()
        return []
    return _set_task_statuses(session, goal=goal, status=status)


def _set_task_statuses(session: Session, *, goal: Goal, status: Status) -> list[str]:
    # A goal with tasks has no status of its own; "done" marks its unfinished tasks done,
    # "drop" and "defer" those not done, "reopen" reopens them all; "partial" has no meaning.
    if status is Status.PARTIAL:
        raise UsageError(
            f"goal {goal.number} has tasks; mark one of them partial (like {goal.number}a)"
        )
    settled = {Status.DONE, Status.DROPPED, Status.DEFERRED}
    keep = {
        Status.DONE: settled - {Status.DONE},
        Status.DROPPED: {Status.DONE},
        Status.DEFERRED: settled - {Status.DEFERRED},
    }.get(status, set())
    changed = []
    for task in goal.tasks:
        if Status(task.status) not in keep and task.status != status.value:
            task.status = status.value
            changed.append(task.letter)
    session.flush()
    return changed


def list_for(session: Session, *, sprint: Sprint) -> list[Goal]:
    from sqlalchemy.orm import selectinload

    statement = (
        select(Goal)
        .where(Goal.sprint_id == sprint.id)
        .order_by(col(Goal.number))
        # SQLModel types a relationship as its value (a list), not as the class attribute
        # SQLAlchemy's loaders take: a gap in its hints.
        .options(selectinload(Goal.tasks))  # type: ignore[arg-type]
    )
    return list(session.exec(statement))


def set_outcome(session: Session, *, target: Target, text: str) -> Target:
    """The "so how did it go?" note of a goal or task (empty text clears it)."""
    note = text.strip() and checked_text(text, what="note")
    if target.task is not None:
        target.task.outcome = note or None
    else:
        target.goal.outcome = note or None
    session.flush()
    return target


def outcome(target: Target) -> str | None:
    note: str | None = target.task.outcome if target.task is not None else target.goal.outcome
    return note


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
    session: Session, *, target: Target | None, before: Seen, text: str, shown: str
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
        != (
            before.goal_id,
            before.task_id,
            before.wording,
        )
    ):
        raise Conflict(
            f"{shown} was removed or replaced while the editor was open; nothing was saved"
        )
    if now.note != before.note:
        raise Conflict(
            f"the note of {shown} was changed by another command while the editor was open; "
            "nothing was saved"
        )
    return set_outcome(session, target=target, text=text)
