"""The rows of ``sprintlog report``, made from the aggregates its queries return.

Pure: the queries (storage/sql/reports.py) give a row per study day, goal, task, tag
or sprint of the range; this module sums days into weeks and months, gathers goal tracks
across sprints, and lays every grouping out as named columns for the table, JSON and CSV.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, SupportsInt

from sprintlog.rules.refs import label
from sprintlog.rules.weeks import Weeks

BY = ("goal", "task", "tag", "week", "month", "sprint")
FIGURES = ("days", "entries", "minutes")

# The columns of each grouping, in order; FIGURES follow the key columns.
COLUMNS: dict[str, tuple[str, ...]] = {
    "week": ("week", "first", "last", *FIGURES),
    "month": ("month", "first", "last", *FIGURES),
    "goal": ("goal", "titles", *FIGURES),
    "task": ("task", "sprint", "text", *FIGURES),
    "tag": ("tag", *FIGURES),
    "sprint": (
        "sprint",
        "title",
        "first",
        "last",
        *FIGURES,
        "planned",
        "done",
        "carried",
        "dropped",
        "deferred",
        "open",
        "carried_before",
    ),
}


@dataclass(frozen=True)
class DayRow:
    """One study day of the range: its entries and minutes (None: no minutes logged)."""

    day: date
    entries: int
    minutes: int | None


@dataclass
class Figures:
    days: int = 0
    entries: int = 0
    minutes: int | None = None

    def add(self, days: int, entries: int, minutes: int | None) -> None:
        self.days += days
        self.entries += entries
        if minutes is not None:
            self.minutes = (self.minutes or 0) + minutes

    def as_dict(self) -> dict[str, Any]:
        return {"days": self.days, "entries": self.entries, "minutes": self.minutes}


@dataclass(frozen=True)
class Report:
    since: date
    until: date
    by: str
    rows: list[dict[str, Any]]
    total: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return COLUMNS[self.by]


def total(days: Iterable[DayRow]) -> dict[str, Any]:
    figures = Figures()
    for row in days:
        figures.add(1, row.entries, row.minutes)
    return figures.as_dict()


def by_week(days: list[DayRow], weeks: Weeks, since: date, until: date) -> list[dict[str, Any]]:
    """Every week that shares a day with the range, empty ones too, its days clipped to it."""
    found = {number: Figures() for number in range(weeks.number(since), weeks.number(until) + 1)}
    for row in days:
        found[weeks.number(row.day)].add(1, row.entries, row.minutes)
    return [
        {
            "week": weeks.start(number).isoformat(),
            "first": max(weeks.start(number), since).isoformat(),
            "last": min(weeks.end(number), until).isoformat(),
            **figures.as_dict(),
        }
        for number, figures in found.items()
    ]


def by_month(days: list[DayRow], since: date, until: date) -> list[dict[str, Any]]:
    """Every month that shares a day with the range, empty ones too."""
    found: dict[tuple[int, int], Figures] = {}
    month = (since.year, since.month)
    while month <= (until.year, until.month):
        found[month] = Figures()
        month = (month[0] + month[1] // 12, month[1] % 12 + 1)
    for row in days:
        found[(row.day.year, row.day.month)].add(1, row.entries, row.minutes)
    rows = []
    for (year, number), figures in found.items():
        first = date(year, number, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows.append(
            {
                "month": f"{year:04d}-{number:02d}",
                "first": max(first, since).isoformat(),
                "last": min(last, until).isoformat(),
                **figures.as_dict(),
            }
        )
    return rows


def by_goal(found: list[tuple], prefix: str) -> list[dict[str, Any]]:
    """Goal tracks: (goal number, sprint number, title, days, entries, minutes) rows summed
    per goal number, with the title it had in each sprint (``Math (sprints 1, 2)``)."""
    tracks: dict[int, tuple[Figures, dict[str, list[int]]]] = {}
    for number, sprint, title, days, entries, minutes in found:
        figures, titles = tracks.setdefault(int(number), (Figures(), {}))
        # Sprints never overlap and an entry's goals are of its own sprint: no day twice.
        figures.add(int(days), int(entries), _minutes(minutes))
        titles.setdefault(title or "", []).append(int(sprint))
    return [
        {"goal": label(prefix, number), "titles": _titles(titles), **figures.as_dict()}
        for number, (figures, titles) in sorted(tracks.items())
    ]


def _titles(titles: dict[str, list[int]]) -> str:
    parts = []
    for title, sprints in titles.items():
        word = "sprint" if len(sprints) == 1 else "sprints"
        numbers = ", ".join(str(number) for number in sprints)
        parts.append(f"{title} ({word} {numbers})" if title else f"({word} {numbers})")
    return "; ".join(parts)


def by_task(found: list[tuple], prefix: str) -> list[dict[str, Any]]:
    """(goal number, letter, sprint number, text, days, entries, minutes) rows, as given."""
    return [
        {
            "task": label(prefix, int(number), letter),
            "sprint": int(sprint),
            "text": text,
            "days": int(days),
            "entries": int(entries),
            "minutes": _minutes(minutes),
        }
        for number, letter, sprint, text, days, entries, minutes in found
    ]


def by_tag(found: list[tuple]) -> list[dict[str, Any]]:
    return [
        {"tag": tag, "days": int(days), "entries": int(entries), "minutes": _minutes(minutes)}
        for tag, days, entries, minutes in found
    ]


def by_sprint(
    planned: list[tuple], studied: list[tuple], carried_before: list[tuple]
) -> list[dict[str, Any]]:
    """Per sprint: days, entries and minutes in the range, and its plan against what was done.

    ``planned``: (number, title, first, last, planned, done, dropped, deferred, carried,
    open); ``studied``: (number, days, entries, minutes); ``carried_before``: (number, how
    many times the items it carried on had been carried before, summed).
    """
    logged = {int(row[0]): row[1:] for row in studied}
    before = {int(number): int(times or 0) for number, times in carried_before}
    rows = []
    for number, title, first, last, items, done, dropped, deferred, carried, left in planned:
        days, entries, minutes = logged.get(int(number), (0, 0, None))
        rows.append(
            {
                "sprint": int(number),
                "title": title,
                "first": str(first)[:10],
                "last": str(last)[:10],
                "days": int(days),
                "entries": int(entries),
                "minutes": _minutes(minutes),
                "planned": int(items or 0),
                "done": int(done or 0),
                "carried": int(carried or 0),
                "dropped": int(dropped or 0),
                "deferred": int(deferred or 0),
                "open": int(left or 0),
                "carried_before": before.get(int(number), 0),
            }
        )
    return rows


def _minutes(value: SupportsInt | None) -> int | None:  # an int, or PostgreSQL's Decimal
    return None if value is None else int(value)


def default_range(today: date, weeks: Weeks, *, count: int = 12) -> tuple[date, date]:
    """The last ``count`` weeks, this one included: from a week's first day to today."""
    return weeks.start(weeks.number(today) - count + 1), today
