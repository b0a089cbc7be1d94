"""What the review post's pictures show, taken from a gathered Review (no queries of its own).

The Review already holds the sprint's entries (with their goal links) and its weekly
adherence, so the pictures cost nothing beyond the post itself, however old the journal.
Break days (issue 17) do not exist yet: callers pass the set of them, empty for now.
"""

from collections.abc import Iterable
from datetime import date

from sprintlog.records import Entry, Goal, derived_status
from sprintlog.rules.refs import label
from sprintlog.rules.statuses import Status
from sprintlog.shown.picture_data import Bar, GoalBars, SprintDays, WeekMark
from sprintlog.shown.review_post import Review
from sprintlog.shown.streak_weeks import CalendarDay, SprintWeek


def sprint_days(review: Review, *, breaks: Iterable[date] = ()) -> SprintDays:
    """The sprint's calendar: entries and minutes per day, the weeks' verdicts."""
    sprint = review.sprint
    days = _per_day(review.entries)
    adherence = review.adherence
    return SprintDays(
        number=sprint.number,
        start=sprint.start_day,
        end=sprint.end_day,
        week_start=review.settings.week_start,
        by="minutes" if any(day.minutes for day in days.values()) else "entries",
        days=days,
        breaks=frozenset(day for day in breaks if sprint.contains(day)),
        weeks=[_mark(week) for week in adherence.weeks],
        study_days=adherence.study_days,
        sprint_days=adherence.sprint_days,
        weeks_met=adherence.met,
        weeks_counted=adherence.decided,
        target=review.settings.days_per_week,
    )


def _per_day(entries: list[Entry]) -> dict[date, CalendarDay]:
    counts: dict[date, tuple[int, int]] = {}
    for entry in entries:
        count, minutes = counts.get(entry.day, (0, 0))
        counts[entry.day] = (count + 1, minutes + (entry.minutes or 0))
    return {day: CalendarDay(day, count, minutes) for day, (count, minutes) in counts.items()}


def _mark(week: SprintWeek) -> WeekMark:
    verdict = "met" if week.met else "missed"
    if week.neutral:
        verdict = "on a break"
    elif week.in_progress:
        verdict = "in progress" if week.started else "to come"
    return WeekMark(week.start, week.end, week.studied, week.target, verdict, week.partial)


def goal_bars(review: Review) -> GoalBars:
    """A bar per goal, then one per task of it; an entry counts once for its goal."""
    prefix = review.settings.prefix
    goal_entries: dict[int, dict[int, Entry]] = {}
    task_entries: dict[int, dict[int, Entry]] = {}
    for entry in review.entries:
        for link in entry.links:
            goal_entries.setdefault(link.goal_id, {})[id(entry)] = entry
            if link.task_id is not None:
                task_entries.setdefault(link.task_id, {})[id(entry)] = entry
    bars = []
    for goal in review.sprint.goals:
        bars.append(_bar(goal, goal_entries.get(goal.id or 0, {}), prefix))
        for task in goal.tasks:
            logged = task_entries.get(task.id or 0, {})
            shown = label(prefix, goal.number, task.letter)
            bars.append(_figures(shown, task.text, logged.values(), Status(task.status), True))
    by = "minutes" if any(bar.minutes for bar in bars) else "days"
    return GoalBars(review.sprint.number, by, bars)


def _bar(goal: Goal, logged: dict[int, Entry], prefix: str) -> Bar:
    return _figures(
        label(prefix, goal.number), goal.title, logged.values(), derived_status(goal), False
    )


def _figures(
    shown: str, title: str, entries: Iterable[Entry], status: Status, is_task: bool
) -> Bar:
    entries = list(entries)
    days = len({entry.day for entry in entries})
    minutes = sum(entry.minutes or 0 for entry in entries)
    return Bar(shown, title, days, minutes, status.value, is_task)
