"""The "where am I?" dashboard: the current sprint, its goals' activity, this week."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select
from sqlmodel import Session

from sprintlog.models import Entry, EntryGoal, Goal, Sprint, Task
from sprintlog.services import carry, streaks
from sprintlog.services import goals as goal_service
from sprintlog.services import sprints as sprint_service
from sprintlog.setting_specs import Settings


@dataclass(frozen=True)
class Activity:
    """What was logged against a goal or task: study days, minutes, the last day."""

    days: int = 0
    minutes: int | None = None
    last: date | None = None


@dataclass(frozen=True)
class Dashboard:
    today: date
    sprint: Sprint | None
    goals: list[Goal]
    goal_activity: dict[int, Activity]  # by goal id
    task_activity: dict[int, Activity]  # by task id
    streak: streaks.StreakReport
    chain_activity: dict[int, Activity]  # carried tasks (by id): over all their sprints

    @property
    def logged_today(self) -> bool:
        return self.today in self.streak.this_week.studied


def dashboard(session: Session, *, settings: Settings, today: date) -> Dashboard:
    """Everything the status command shows, in a fixed number of queries."""
    sprint = sprint_service.containing(session, day=today)
    goals = goal_service.list_for(session, sprint=sprint) if sprint else []
    goal_ids = [goal.id for goal in goals if goal.id is not None]
    return Dashboard(
        today=today,
        sprint=sprint,
        goals=goals,
        goal_activity=_goal_activity(session, goal_ids),
        task_activity=_task_activity(session, goal_ids),
        streak=streaks.report(session, settings=settings, today=today, recent_weeks=1),
        chain_activity=_chain_activity(
            session, [t.id for g in goals for t in g.tasks if t.carried_from_id and t.id]
        ),
    )


def _goal_activity(session: Session, goal_ids: list[int]) -> dict[int, Activity]:
    if not goal_ids:
        return {}
    # An entry linked to two tasks of one goal counts once for the goal.
    links = (
        select(EntryGoal.goal_id, EntryGoal.entry_id)
        .where(EntryGoal.goal_id.in_(goal_ids))  # type: ignore[attr-defined]
        .distinct()
        .subquery()
    )
    statement = (
        select(links.c.goal_id, *_figures())
        .join(Entry, Entry.id == links.c.entry_id)
        .group_by(links.c.goal_id)
    )
    return {row[0]: Activity(*_converted(row[1:])) for row in session.execute(statement)}


def _task_activity(session: Session, goal_ids: list[int]) -> dict[int, Activity]:
    if not goal_ids:
        return {}
    statement = (
        select(EntryGoal.task_id, *_figures())
        .join(Entry, Entry.id == EntryGoal.entry_id)
        .where(EntryGoal.goal_id.in_(goal_ids), EntryGoal.task_id.is_not(None))  # type: ignore[attr-defined,union-attr]
        .group_by(EntryGoal.task_id)
    )
    return {row[0]: Activity(*_converted(row[1:])) for row in session.execute(statement)}


def _figures() -> tuple:
    return func.count(distinct(Entry.day)), func.sum(Entry.minutes), func.max(Entry.day)


def _converted(row) -> tuple[int, int | None, date | None]:
    days, minutes, last = row
    return (
        int(days),
        int(minutes) if minutes is not None else None,
        streaks.as_date(last) if last is not None else None,
    )


def _chain_activity(session: Session, task_ids: list[int]) -> dict[int, Activity]:
    """For each carried task, what was logged against it and what it was carried from."""
    if not task_ids:
        return {}
    chain = carry.chain(Task, task_ids)
    links = (
        select(chain.c.start, EntryGoal.entry_id)
        .join(EntryGoal, EntryGoal.task_id == chain.c.member)  # type: ignore[arg-type]
        .distinct()
        .subquery()
    )
    statement = (
        select(links.c.start, *_figures())
        .join(Entry, Entry.id == links.c.entry_id)  # type: ignore[arg-type]
        .group_by(links.c.start)
    )
    return {row[0]: Activity(*_converted(row[1:])) for row in session.execute(statement)}
