"""Sprints with their goals and tasks, and what a reference names: read in plain SQL.

Every command finds "the current sprint" and resolves goal references here, through a
Reader (storage/reader.py), never importing the ORM; an ORM command passes its
session's (storage.reader.of_session). What they read are records (records.py).
The edits of sprints and goals are sprints.py's and goals.py's.
"""

from datetime import date
from typing import TYPE_CHECKING

from sprintlog.errors import NotFound
from sprintlog.records import Goal, Sprint, Target, Task
from sprintlog.rules.refs import Ref, parse_ref
from sprintlog.services import log_checks
from sprintlog.storage.reader import Reader, Row
from sprintlog.storage.sql import goals as goal_sql
from sprintlog.storage.sql import sprints as sprint_sql

if TYPE_CHECKING:  # (TAB completion finds the current sprint here too: kept light)
    from sprintlog.rules.setting_specs import Settings


def _sprint(row: Row | None) -> Sprint | None:
    return Sprint(*row) if row is not None else None


def containing(reader: Reader, *, day: date) -> Sprint | None:
    return _sprint(reader.first(sprint_sql.SPRINT_CONTAINING, day=day))


def find(reader: Reader, *, number: int) -> Sprint | None:
    return _sprint(reader.first(sprint_sql.SPRINT_NUMBERED, number=number))


def get(reader: Reader, *, number: int) -> Sprint:
    sprint = find(reader, number=number)
    if sprint is None:
        raise NotFound(f"there is no sprint {number} (see `sprintlog sprint list`)")
    return sprint


def resolve(reader: Reader, *, number: int | None, today: date) -> Sprint:
    """Sprint ``number``, or the current one: the sprint containing today, else the latest."""
    if number is not None:
        return get(reader, number=number)
    return containing(reader, day=today) or require_latest(reader)


def latest(reader: Reader) -> Sprint | None:
    return _sprint(reader.first(sprint_sql.SPRINT_LATEST))


def require_latest(reader: Reader) -> Sprint:
    """The latest sprint, or a NotFound telling how to start the first one."""
    sprint = latest(reader)
    if sprint is None:
        raise NotFound("there is no sprint yet; start one with `sprintlog sprint start`")
    return sprint


def list_all(reader: Reader) -> list[Sprint]:
    """Every sprint, in number order (without their goals)."""
    return [Sprint(*row) for row in reader.rows(sprint_sql.ALL_SPRINTS)]


def latest_ended(reader: Reader, *, today: date) -> Sprint | None:
    """The latest sprint that is over: closed, or past its last day."""
    return _sprint(reader.first(sprint_sql.SPRINT_LATEST_ENDED, today=today))


def to_review(reader: Reader, *, today: date) -> Sprint:
    """The sprint a post is about: the latest that has ended (or was closed), else the current."""
    return latest_ended(reader, today=today) or resolve(reader, number=None, today=today)


def goals_of(reader: Reader, *, sprint_id: int) -> list[Goal]:
    """The sprint's goals in number order, each with its tasks in letter order (two queries)."""
    goals = [Goal(*row) for row in reader.rows(goal_sql.GOALS_OF_SPRINT, sprint=sprint_id)]
    by_id = {goal.id: goal for goal in goals}
    for row in reader.rows(goal_sql.TASKS_OF_SPRINT, sprint=sprint_id):
        task = Task(*row)
        by_id[task.goal_id].tasks.append(task)
    return goals


def with_goals(reader: Reader, *, sprint: Sprint) -> Sprint:
    sprint.goals = goals_of(reader, sprint_id=sprint.id)
    return sprint


def resolve_target(sprint: Sprint, *, ref: str, settings: "Settings") -> Target:
    """The goal or task ``ref`` names in ``sprint`` (loaded with its goals), or a NotFound."""
    parsed = parse_ref(ref, prefix=settings.prefix, max_goals=settings.max_goals)
    return resolve_parsed(sprint, ref=parsed, settings=settings)


def resolve_parsed(sprint: Sprint, *, ref: Ref, settings: "Settings") -> Target:
    goal = next((goal for goal in sprint.goals if goal.number == ref.goal), None)
    return target_in(goal, ref=ref, sprint_number=sprint.number, settings=settings)


def target_in(goal: Goal | None, *, ref: Ref, sprint_number: int, settings: "Settings") -> Target:
    """``ref`` within ``goal`` (None: the sprint has no such goal)."""
    if goal is None:
        raise log_checks.no_goal(settings.prefix, sprint_number, ref.goal)
    if ref.letter is None:
        return Target(goal)
    task = next((task for task in goal.tasks if task.letter == ref.letter), None)
    if task is None:
        raise log_checks.no_task(
            ref.label(settings.prefix), sprint_number, [t.letter for t in goal.tasks]
        )
    return Target(goal, task)
