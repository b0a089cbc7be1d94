"""The "where am I?" dashboard: the current sprint, its goals' activity, this week."""

from dataclasses import dataclass
from datetime import date

from sprintlog.records import Goal, Sprint
from sprintlog.rules.setting_specs import Settings
from sprintlog.services import sprint_reads, streaks
from sprintlog.storage.reader import Query, Reader
from sprintlog.storage.sql import status as status_sql


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


def dashboard(reader: Reader, *, settings: Settings, today: date) -> Dashboard:
    """Everything the status command shows, in a fixed number of queries."""
    sprint = sprint_reads.containing(reader, day=today)
    goals = sprint_reads.goals_of(reader, sprint_id=sprint.id) if sprint else []
    active = sprint if goals else None  # activity is looked up for a sprint with goals

    def activity(query: Query) -> dict[int, Activity]:
        return _activity(reader, query, active) if active else {}

    return Dashboard(
        today=today,
        sprint=sprint,
        goals=goals,
        goal_activity=activity(status_sql.GOAL_ACTIVITY),
        task_activity=activity(status_sql.TASK_ACTIVITY),
        streak=streaks.report(reader, settings=settings, today=today, recent_weeks=1),
        chain_activity=activity(status_sql.CHAIN_ACTIVITY),
    )


def _activity(reader: Reader, query: Query, sprint: Sprint) -> dict[int, Activity]:
    """Days, minutes and the last day by goal or task (or carried task's chain) id."""
    return {key: Activity(*figures) for key, *figures in reader.rows(query, sprint=sprint.id)}
