"""Unfinished work moves on: the plan from a sprint's open tasks, and carrying it over.

A task (or a goal without tasks) that is open or partial at the end of a sprint is
carried into the next one under the same goal number, remembering where it came from.
"""

from typing import TYPE_CHECKING, Any

from sprintlog.records import Sprint
from sprintlog.rules.refs import label
from sprintlog.rules.statuses import Status
from sprintlog.shown.sprint_plan import Carried, PlanGoal, PlanItem
from sprintlog.storage.reader import Reader, of_session
from sprintlog.storage.sql import carried as carried_sql

if TYPE_CHECKING:
    from sqlmodel import Session

UNFINISHED = {Status.OPEN.value, Status.PARTIAL.value}


def unfinished(goal: Any) -> list[Any]:
    return [task for task in goal.tasks if task.status in UNFINISHED]


def plan(goals: list[Any], prefix: str, *, to_carry: bool = True) -> list[PlanGoal]:
    """What is left of ``goals`` (loaded with their tasks), grouped by goal number.

    ``to_carry``: each item names the reference it will be carried from. Not when the
    next sprint exists without it: what was not carried is never said to be.
    """

    def source(letter: str | None = None) -> str | None:
        return label(prefix, goal.number, letter) if to_carry else None

    result = []
    for goal in goals:
        if goal.tasks:
            items = [
                PlanItem(task.text, source(task.letter), task.description)
                for task in unfinished(goal)
            ]
        elif goal.status in UNFINISHED:
            # A goal without tasks carries its description (the title is said already).
            items = [PlanItem(goal.description or "", source())]
        else:
            items = []
        if items:
            result.append(PlanGoal(goal.number, goal.title, items))
    return result


def carry_over(session: "Session", *, previous: Sprint, new_id: int, prefix: str) -> list[str]:
    """Copy the previous sprint's unfinished goals and tasks into sprint ``new_id``.

    Done, dropped and deferred work stays behind, and so does what was carried into it
    already: carrying twice copies nothing twice. A goal number the sprint has already
    gets the tasks after its own letters. The structural many-row work of ``sprint
    start``, ``sprint close`` and ``sprint carry``: the ORM's unit of work writes it,
    from the goals as every command reads them (sprint_reads). Returns how each carried
    goal or task is named now: ``SSJ--1``, ``SSJ--3b → SSJ--3a``.
    """
    from sprintlog.models import Goal as GoalRow
    from sprintlog.models import Task as TaskRow
    from sprintlog.services import sprint_reads
    from sprintlog.services.goals import TASK_LETTERS

    reader = of_session(session)
    there = {goal.number: goal for goal in sprint_reads.goals_of(reader, sprint_id=new_id)}
    had = {task.carried_from_id for goal in there.values() for task in goal.tasks}
    said = []
    for goal in sprint_reads.goals_of(reader, sprint_id=previous.id):
        existing = there.get(goal.number)
        if not goal.tasks:
            if goal.status in UNFINISHED and existing is None:
                session.add(_copy(GoalRow, goal, new_id))
                said.append(label(prefix, goal.number))
            continue
        tasks = [task for task in unfinished(goal) if task.id not in had]
        if not tasks:
            continue
        if existing is None:
            row = _copy(GoalRow, goal, new_id)
            session.add(row)
            session.flush()
            assert row.id is not None  # (the flush gave it one)
            goal_id, used = row.id, -1
        else:
            goal_id = existing.id
            used = max((TASK_LETTERS.index(task.letter) for task in existing.tasks), default=-1)
        for letter, task in zip(TASK_LETTERS[used + 1 :], tasks, strict=False):
            session.add(
                TaskRow(
                    goal_id=goal_id,
                    letter=letter,
                    text=task.text,
                    description=task.description,
                    carried_from_id=task.id,
                )
            )
            old, new = label(prefix, goal.number, task.letter), label(prefix, goal.number, letter)
            said.append(old if old == new else f"{old} → {new}")
    session.flush()
    return said


def _copy(row_type: Any, goal: Any, sprint_id: int) -> Any:
    return row_type(
        sprint_id=sprint_id,
        number=goal.number,
        title=goal.title,
        description=goal.description,
        carried_from_id=goal.id,
    )


def _source_label(prefix: str, number: int, letter: str | None, sprint: int, after: int) -> str:
    # The previous sprint goes without saying; an older one is named: SSJ--3b of sprint 4.
    shown = label(prefix, number, letter)
    return shown if sprint == after - 1 else f"{shown} of sprint {sprint}"


def origins(reader: Reader, sprint: Any, prefix: str) -> dict[tuple[str, int], str]:
    """Where the carried goals and tasks of ``sprint`` came from: ("goal"|"task", id) -> label."""
    here = sprint.number
    found = {
        ("goal", goal_id): _source_label(prefix, number, None, source, here)
        for goal_id, number, source in reader.rows(carried_sql.GOAL_ORIGINS, sprint=sprint.id)
    }
    for task_id, number, letter, source in reader.rows(carried_sql.TASK_ORIGINS, sprint=sprint.id):
        found[("task", task_id)] = _source_label(prefix, number, letter, source, here)
    return found


def carried_info(reader: Reader, sprint: Any, prefix: str) -> dict[tuple[str, int], Carried]:
    """For every carried goal and task of ``sprint``: ("goal"|"task", id) -> Carried."""
    sources = origins(reader, sprint, prefix)
    if not sources:
        return {}
    # How many sprints each has been carried through: its chain's carried members.
    times = {
        ("goal", start): n
        for start, n in reader.rows(carried_sql.GOAL_TIMES_CARRIED, sprint=sprint.id)
    }
    times |= {
        ("task", start): n
        for start, n in reader.rows(carried_sql.TASK_TIMES_CARRIED, sprint=sprint.id)
    }
    return {key: Carried(source, times.get(key, 1)) for key, source in sources.items()}
