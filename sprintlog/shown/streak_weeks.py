"""A sprint's weeks against the weekly target, and the calendar's days (services/streaks.py).

Apart from the review's types: ``status`` and ``streak`` build these on every run, and
creating a dataclass costs start-up time.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SprintWeek:
    start: date  # clipped to the sprint
    end: date
    studied: int
    target: int  # prorated when only part of the week is in the sprint
    partial: bool
    in_progress: bool  # not over yet and not met yet: neither met nor missed
    started: bool
    days_left: int = 0  # days from today to its end that could still be study days
    off: int = 0  # days of it on a break: all of them in a neutral week

    @property
    def neutral(self) -> bool:
        return self.off >= (self.end - self.start).days + 1

    @property
    def met(self) -> bool:
        return not self.neutral and self.studied >= self.target


@dataclass(frozen=True)
class Adherence:
    weeks: list[SprintWeek]
    study_days: int
    sprint_days: int
    on_break: str | None = None  # "2 days on a break: exams", when the sprint has breaks

    @property
    def met(self) -> int:
        return sum(1 for week in self.weeks if week.met)

    @property
    def decided(self) -> int:
        """Weeks that are over or already met: the ones that count (not those on a break)."""
        return sum(1 for week in self.weeks if not week.in_progress and not week.neutral)


@dataclass(frozen=True)
class CalendarDay:
    day: date
    entries: int
    minutes: int
