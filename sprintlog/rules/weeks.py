"""Weeks as the weekly target sees them: numbered from a fixed anchor day.

A week starts on the journal's ``week_start`` day. Week numbers are counted from an anchor
(the week_start day on or before 1900-01-01, before any day sprintlog accepts), so the
database and Python compute the same number for a day: ``(day - anchor) // 7``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sprintlog.rules.dates import WEEKDAYS

_FIRST_MONDAY = date(1900, 1, 1)
DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def anchor(week_start: str) -> date:
    """The first day of week 0 for weeks that start on ``week_start``."""
    return _FIRST_MONDAY - timedelta(days=(0 - WEEKDAYS.index(week_start)) % 7)


@dataclass(frozen=True)
class Weeks:
    """Week arithmetic for one journal's ``week_start``."""

    week_start: str

    @property
    def anchor(self) -> date:
        return anchor(self.week_start)

    def number(self, day: date) -> int:
        return (day - self.anchor).days // 7

    def start(self, number: int) -> date:
        return self.anchor + timedelta(days=7 * number)

    def end(self, number: int) -> date:
        return self.start(number) + timedelta(days=6)

    def days(self, number: int) -> list[date]:
        first = self.start(number)
        return [first + timedelta(days=offset) for offset in range(7)]

    def labels(self) -> list[str]:
        """Two-letter weekday labels in this journal's week order."""
        first = WEEKDAYS.index(self.week_start)
        return [DAY_LABELS[(first + offset) % 7] for offset in range(7)]


def prorated_target(target: int, days_in_range: int) -> int:
    """The target for a week only partly inside a sprint: its share, at least 1 day."""
    if days_in_range >= 7:
        return target
    return max(1, min(days_in_range, round(target * days_in_range / 7)))
