"""What the review's pictures show (services/pictures.py makes it, render/svg.py draws it)."""

from dataclasses import dataclass
from datetime import date

from sprintlog.shown.streak_weeks import CalendarDay


@dataclass(frozen=True)
class WeekMark:
    """A week of the sprint against the target: met, missed, in progress or to come."""

    start: date  # clipped to the sprint
    end: date
    studied: int
    target: int
    verdict: str
    partial: bool  # only part of the week is in the sprint (its target prorated)


@dataclass(frozen=True)
class SprintDays:
    number: int
    start: date
    end: date
    week_start: str
    by: str  # "minutes", or "entries" when no minutes were logged in the sprint
    days: dict[date, CalendarDay]  # study days only
    breaks: frozenset[date]
    weeks: list[WeekMark]
    study_days: int
    sprint_days: int
    weeks_met: int
    weeks_counted: int
    target: int


@dataclass(frozen=True)
class Bar:
    """One goal or task: study days and minutes logged against it, and its status."""

    label: str
    title: str
    days: int
    minutes: int
    status: str
    is_task: bool


@dataclass(frozen=True)
class GoalBars:
    number: int
    by: str  # what the bars' length shows: "minutes", or "days" when none were logged
    bars: list[Bar]
