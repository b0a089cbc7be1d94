"""Study breaks as the weekly target sees them: days that are neither required nor missed.

A week wholly inside breaks is neutral (it neither meets the target nor breaks a streak);
a week partly inside one has its target prorated over the days left, with the rule of a
sprint's partial weeks (weeks.prorated_target). Pure: the breaks are given, few of them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sprintlog.errors import Conflict, UsageError
from sprintlog.rules.text import plural
from sprintlog.rules.weeks import Weeks, prorated_target

LONGEST = 366  # days: a break of more than a year is refused (a journal paused, not a break)


@dataclass(frozen=True)
class Span:
    id: int
    start: date
    end: date
    reason: str | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlap(self, first: date, last: date) -> int:
        """How many of its days are in [first, last]."""
        return max(0, (min(self.end, last) - max(self.start, first)).days + 1)


@dataclass(frozen=True)
class Breaks:
    spans: tuple[Span, ...] = field(default_factory=tuple)

    def days_in(self, first: date, last: date) -> int:
        """Break days in [first, last] (breaks never overlap, so no day counts twice)."""
        return sum(span.overlap(first, last) for span in self.spans)

    def days(self, first: date, last: date) -> frozenset[date]:
        found = set()
        for span in self.spans:
            day = max(span.start, first)
            while day <= min(span.end, last):
                found.add(day)
                day += timedelta(days=1)
        return frozenset(found)

    def covering(self, day: date) -> Span | None:
        return next((span for span in self.spans if span.start <= day <= span.end), None)

    def within(self, first: date, last: date) -> list[Span]:
        return [span for span in self.spans if span.overlap(first, last)]

    def summary(self, first: date, last: date) -> str | None:
        """``2 days on a break: exams``, for the days of [first, last]; None without any."""
        count = self.days_in(first, last)
        if not count:
            return None
        reasons = list(dict.fromkeys(s.reason for s in self.within(first, last) if s.reason))
        return plural(count, "day") + " on a break" + (f": {', '.join(reasons)}" if reasons else "")


def week_target(target: int, counted: int) -> int:
    """A week's target over its ``counted`` days (0: a neutral week, nothing required)."""
    return 0 if counted <= 0 else prorated_target(target, counted)


def neutral_weeks(breaks: Breaks, weeks: Weeks, *, since: date, until: date) -> set[int]:
    """Numbers of the weeks whose days from ``since`` on (to ``until``) are all break days."""
    found: set[int] = set()
    for span in breaks.within(since, until):
        for number in range(weeks.number(max(span.start, since)), weeks.number(span.end) + 1):
            first = max(weeks.start(number), since)
            if breaks.days_in(first, weeks.end(number)) >= (weeks.end(number) - first).days + 1:
                found.add(number)
    return found


def checked_new(start: date, end: date, existing: Iterable[Span]) -> None:
    """Refuse a break that is backwards, longer than a year, or overlaps another one."""
    if start > end:
        raise UsageError(
            f"the break would end ({end.isoformat()}) before it starts ({start.isoformat()}):"
            " give FROM first, then TO"
        )
    days = (end - start).days + 1
    if days > LONGEST:
        raise UsageError(
            f"a break of {days} days is more than a year; give at most {LONGEST} days at once"
        )
    for span in existing:
        if span.overlap(start, end):
            reason = f" ({span.reason})" if span.reason else ""
            raise Conflict(
                f"it overlaps break #{span.id}{reason}, {span.start.isoformat()} –"
                f" {span.end.isoformat()}: change or remove that one first (break rm {span.id})"
            )
