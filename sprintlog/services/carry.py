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

    from sprintlog.models import Goal as GoalRow
    from sprintlog.models import Sprint as SprintRow

UNFINISHED = {Status.OPEN.value, Status.PARTIAL.value}


def unfinished(goal: Any) -> list[Any]:
    return [task for task in goal.tasks if task.status in UNFINISHED]


def plan(goals: list[Any], prefix: str) -> list[PlanGoal]:
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


def moves(goals: list[Any], previous: list[Any], prefix: str) -> list[str]:
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


def carry_over(session: "Session", *, previous: Sprint, new: "SprintRow") -> list["GoalRow"]:
    """Copy the previous sprint's unfinished goals and tasks into ``new``; done stays behind.

    The structural many-row work of ``sprint start``: the ORM's unit of work writes it,
    from the previous sprint's goals as every command reads them (sprint_reads).
    """
    from sprintlog.models import Goal as GoalRow
    from sprintlog.models import Task as TaskRow
    from sprintlog.services import sprint_reads
    from sprintlog.services.goals import TASK_LETTERS

    carried = []
    for goal in sprint_reads.goals_of(of_session(session), sprint_id=previous.id):
        tasks = unfinished(goal)
        if not tasks and (goal.tasks or goal.status not in UNFINISHED):
            continue
        assert new.id is not None  # flushed by sprints.start
        copy = GoalRow(
            sprint_id=new.id,
            number=goal.number,
            title=goal.title,
            description=goal.description,
            carried_from_id=goal.id,
        )
        session.add(copy)
        session.flush()
        assert copy.id is not None  # (the flush gave it one)
        for letter, task in zip(TASK_LETTERS, tasks, strict=False):
            copy.tasks.append(
                TaskRow(
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
