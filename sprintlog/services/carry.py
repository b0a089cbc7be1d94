"""Unfinished work moves on: the plan from a sprint's open tasks, and carrying it over.

A task (or a goal without tasks) that is open or partial at the end of a sprint is
carried into the next one under the same goal number, remembering where it came from.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session

from sprintlog.models import Goal, Sprint, Status, Task
from sprintlog.refs import label
from sprintlog.services import goals as goal_service

UNFINISHED = {Status.OPEN.value, Status.PARTIAL.value}


@dataclass
class PlanItem:
    text: str
    carried_from: str | None  # the reference it continues, like SSJ--3b
    description: str | None = None  # a task's own description (Markdown)


@dataclass
class PlanGoal:
    number: int
    title: str
    items: list[PlanItem] = field(default_factory=list)


def unfinished(goal: Goal) -> list[Task]:
    return [task for task in goal.tasks if task.status in UNFINISHED]


def plan(goals: list[Goal], prefix: str) -> list[PlanGoal]:
    """What is left of ``goals`` (loaded with their tasks), grouped by goal number."""
    result = []
    for goal in goals:
        if goal.tasks:
            items = [
                PlanItem(task.text, label(prefix, goal.number, task.letter), task.description)
                for task in unfinished(goal)
            ]
        elif goal.status in UNFINISHED:
            # A goal without tasks carries its description (the title is said already).
            items = [PlanItem(goal.description or "", label(prefix, goal.number))]
        else:
            items = []
        if items:
            result.append(PlanGoal(goal.number, goal.title, items))
    return result


def moves(goals: list[Goal], previous: list[Goal], prefix: str) -> list[str]:
    """How carried work was renamed: ``SSJ--3b → SSJ--3a`` (``SSJ--1`` for a bare goal)."""
    sources = {task.id: (goal.number, task.letter) for goal in previous for task in goal.tasks}
    result = []
    for goal in goals:
        if not goal.tasks:
            result.append(label(prefix, goal.number))
        for task in goal.tasks:
            number, letter = sources.get(task.carried_from_id, (goal.number, task.letter))
            old, new = label(prefix, number, letter), label(prefix, goal.number, task.letter)
            result.append(old if old == new else f"{old} → {new}")
    return result


def carry_over(session: Session, *, previous: Sprint, new: Sprint) -> list[Goal]:
    """Copy the previous sprint's unfinished goals and tasks into ``new``; done stays behind."""
    carried = []
    for goal in goal_service.list_for(session, sprint=previous):
        tasks = unfinished(goal)
        if not tasks and (goal.tasks or goal.status not in UNFINISHED):
            continue
        copy = Goal(
            sprint_id=new.id,
            number=goal.number,
            title=goal.title,
            description=goal.description,
            carried_from_id=goal.id,
        )
        session.add(copy)
        session.flush()
        for letter, task in zip(goal_service.TASK_LETTERS, tasks, strict=False):
            copy.tasks.append(
                Task(
                    goal_id=copy.id,
                    letter=letter,
                    text=task.text,
                    description=task.description,
                    carried_from_id=task.id,
                )
            )
        session.flush()
        carried.append(copy)
    return carried


def _source_label(prefix: str, number: int, letter: str | None, sprint: int, after: int) -> str:
    # The previous sprint goes without saying; an older one is named: SSJ--3b of sprint 4.
    shown = label(prefix, number, letter)
    return shown if sprint == after - 1 else f"{shown} of sprint {sprint}"


def _sprint_number(session: Session, goals: list[Goal]) -> int:
    statement = select(Sprint.number).where(Sprint.id == goals[0].sprint_id)  # type: ignore[arg-type]
    return session.execute(statement).scalar_one()


def origins(session: Session, goals: list[Goal], prefix: str) -> dict[tuple[str, int], str]:
    """Where carried goals and tasks came from: ("goal"|"task", id) -> reference label."""
    goal_sources = {g.carried_from_id for g in goals if g.carried_from_id}
    task_sources = {t.carried_from_id for g in goals for t in g.tasks if t.carried_from_id}
    found: dict[tuple[str, int], str] = {}
    if not goal_sources and not task_sources:
        return found
    here = _sprint_number(session, goals)
    if goal_sources:
        rows = session.execute(
            select(Goal.id, Goal.number, Sprint.number)
            .join(Sprint, Sprint.id == Goal.sprint_id)  # type: ignore[arg-type]
            .where(Goal.id.in_(goal_sources))  # type: ignore[union-attr]
        )
        labels = {
            goal_id: _source_label(prefix, number, None, sprint, here)
            for goal_id, number, sprint in rows
        }
        for goal in goals:
            if goal.carried_from_id in labels:
                found[("goal", goal.id or 0)] = labels[goal.carried_from_id]
    if task_sources:
        statement = (
            select(Task.id, Goal.number, Task.letter, Sprint.number)
            .join(Goal, Goal.id == Task.goal_id)  # type: ignore[arg-type]
            .join(Sprint, Sprint.id == Goal.sprint_id)  # type: ignore[arg-type]
            .where(Task.id.in_(task_sources))  # type: ignore[union-attr]
        )
        labels = {
            task_id: _source_label(prefix, number, letter, sprint, here)
            for task_id, number, letter, sprint in session.execute(statement)
        }
        for goal in goals:
            for task in goal.tasks:
                if task.carried_from_id in labels:
                    found[("task", task.id or 0)] = labels[task.carried_from_id]
    return found


def chain(model: type[Goal] | type[Task], ids: list[int]):
    """A recursive CTE of every goal or task that ``ids`` continue, themselves included.

    A row for each of ``ids`` (``start``) and each ``member`` of its chain back along
    ``carried_from_id``, with the member's own ``origin``. UNION, not UNION ALL: a chain
    that somehow came back on itself ends instead of running forever.
    """
    table = model.__table__  # type: ignore[attr-defined]
    start = (
        select(
            table.c.id.label("start"),
            table.c.id.label("member"),
            table.c.carried_from_id.label("origin"),
        )
        .where(table.c.id.in_(ids))
        .cte("chain", recursive=True)
    )
    parent = table.alias("parent")
    return start.union(
        select(start.c.start, parent.c.id, parent.c.carried_from_id).join(
            parent, parent.c.id == start.c.origin
        )
    )


def times_carried(
    session: Session, model: type[Goal] | type[Task], ids: list[int]
) -> dict[int, int]:
    """How many sprints each goal or task has been carried through (its chain's length)."""
    if not ids:
        return {}
    links = chain(model, ids)
    # One carry for every member of the chain that was carried from something.
    statement = (
        select(links.c.start, func.count())
        .where(links.c.origin.is_not(None))
        .group_by(links.c.start)
    )
    return {int(start): int(times) for start, times in session.execute(statement)}


@dataclass(frozen=True)
class Carried:
    source: str  # the reference it continues
    times: int  # sprints it has been carried through


def carried_info(
    session: Session, goals: list[Goal], prefix: str
) -> dict[tuple[str, int], Carried]:
    """For every carried goal and task of ``goals``: ("goal"|"task", id) -> Carried."""
    sources = origins(session, goals, prefix)
    goal_times = times_carried(session, Goal, [g.id for g in goals if g.carried_from_id and g.id])
    task_ids = [t.id for g in goals for t in g.tasks if t.carried_from_id and t.id]
    task_times = times_carried(session, Task, task_ids)
    times = {("goal", i): n for i, n in goal_times.items()} | {
        ("task", i): n for i, n in task_times.items()
    }
    return {key: Carried(source, times.get(key, 1)) for key, source in sources.items()}
