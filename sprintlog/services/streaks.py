"""The weekly target: days studied per week, streaks of weeks that met it, the calendar.

Every figure comes from SQL aggregates over distinct days grouped by week, in a fixed
number of queries whatever the journal's age: rows come back per week (or per day of
the last year), never per entry of the whole history.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from sprintlog.rules.break_days import Breaks, Span, neutral_weeks, week_target
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.weeks import Weeks, prorated_target
from sprintlog.services import breaks
from sprintlog.shown.streak_weeks import Adherence, CalendarDay, SprintWeek
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import streaks as streak_sql

if TYPE_CHECKING:  # (making a Protocol class costs start-up time; type checkers only)

    class SprintDays(Protocol):
        """A sprint's days (a records.Sprint or the ORM's)."""

        start_day: date
        end_day: date

        def contains(self, day: date) -> bool: ...

        @property
        def length_days(self) -> int: ...


@dataclass(frozen=True)
class WeekStat:
    number: int
    start: date
    days: int  # distinct study days
    entries: int
    minutes: int | None  # None when no entry of the week has minutes
    counted: int = 7  # days of it from the journal's start on: fewer in its first week
    off: int = 0  # days of it on a break (not counted): all of them in a neutral week

    @property
    def neutral(self) -> bool:
        """Wholly on a break: it neither meets the target nor breaks the streak."""
        return self.counted <= 0


@dataclass(frozen=True)
class Streak:
    weeks: int
    start: date  # first day of its first week
    end: date  # last day of its last week


@dataclass(frozen=True)
class ThisWeek:
    start: date
    end: date
    studied: list[date]  # the days of this week with entries
    target: int  # prorated when the journal started during this week
    days_left: int  # days from today on that could still be study days
    counted: int = 7  # days of it from the journal's start on, break days left out
    off: int = 0  # days of it on a break
    off_days: frozenset[date] = frozenset()  # which ones

    @property
    def neutral(self) -> bool:
        return self.counted <= 0

    @property
    def met(self) -> bool:
        return not self.neutral and len(self.studied) >= self.target

    @property
    def needed(self) -> int:
        return max(0, self.target - len(self.studied))

    @property
    def possible(self) -> bool:
        return self.needed <= self.days_left


@dataclass(frozen=True)
class StreakReport:
    today: date
    target: int
    week_start: str
    this_week: ThisWeek
    current: Streak | None  # weeks in a row that met the target, up to now
    longest: Streak | None
    recent: list[WeekStat] = field(default_factory=list)  # oldest first
    on_break: Span | None = None  # the break today is in


@dataclass(frozen=True)
class Start:
    """Where the journal starts: its first entry or first sprint, whichever is earlier.

    Weeks before it are not misses (there was no journal yet); the week it falls in
    counts from that day on, with a prorated target, like a sprint's partial week.
    """

    day: date
    week: int  # its week number
    counted: int  # days of its week from it on

    def days_counted(self, number: int) -> int:
        return self.counted if number == self.week else 7


def journal_start(reader: Reader, *, weeks: Weeks, today: date) -> Start | None:
    """The journal's start, or None when nothing was logged or planned up to today."""
    first_entry = reader.value(streak_sql.FIRST_ENTRY_DAY)
    first_sprint = reader.value(streak_sql.FIRST_SPRINT_DAY)
    days = [day for day in (first_entry, first_sprint) if day is not None]
    if not days or min(days) > today:
        return None
    day = min(days)
    number = weeks.number(day)
    return Start(day, number, (weeks.end(number) - day).days + 1)


def counted_days(number: int, *, weeks: Weeks, start: Start | None, off: Breaks) -> int:
    """Days of week ``number`` that the target counts: from the journal's start, not on a break."""
    base = start.days_counted(number) if start else 7
    first = weeks.end(number) - timedelta(days=base - 1)
    return base - off.days_in(first, weeks.end(number))


def _weeks(reader: Reader, weeks: Weeks, first: date, last: date) -> dict[int, tuple]:
    """(days, entries, minutes) of each week with entries between two days, by number."""
    rows = reader.rows(streak_sql.WEEKS, anchor=weeks.anchor, first=first, last=last)
    return {row[0]: row for row in rows}


def weekly(
    reader: Reader,
    *,
    weeks: Weeks,
    first: int,
    last: int,
    start: Start | None = None,
    off: Breaks = Breaks(),
) -> list[WeekStat]:
    """A row for every week from ``first`` to ``last``, weeks without entries included."""
    found = _weeks(reader, weeks, weeks.start(first), weeks.end(last))
    base = start.days_counted if start else (lambda _: 7)

    def counted(n: int) -> int:
        return counted_days(n, weeks=weeks, start=start, off=off)

    return [
        WeekStat(
            n,
            weeks.start(n),
            found[n][1],
            found[n][2],
            found[n][3],
            counted(n),
            base(n) - counted(n),
        )
        if n in found
        else WeekStat(n, weeks.start(n), 0, 0, None, counted(n), base(n) - counted(n))
        for n in range(first, last + 1)
    ]


# Every day a journal can hold (storage/row_check.py refuses any other before a report).
_FIRST_DAY, _LAST_DAY = date(1, 1, 1), date(9999, 12, 31)


def streaks(
    reader: Reader,
    *,
    weeks: Weeks,
    target: int,
    start: Start | None = None,
    off: Breaks = Breaks(),
) -> list[Streak]:
    """Every run of consecutive weeks that met the target (gaps and islands, in SQL).

    The weeks come from the study days, stepped through on the index of entry.day (one
    seek a day, streak_sql._STUDIED), not from a total over every entry of the history.

    With breaks, weeks wholly on one (``off``) are stepped over, so a streak runs across
    them, and weeks partly on one have their target prorated: see _streaks_across_breaks.
    """
    if off.spans:
        return _streaks_across_breaks(reader, weeks=weeks, target=target, start=start, off=off)
    rows = reader.rows(
        streak_sql.STREAKS,
        anchor=weeks.anchor,
        first=_FIRST_DAY,
        last=_LAST_DAY,
        target=target,
        # The journal's first week has its prorated target (no week is numbered -1).
        first_week=start.week if start is not None else -1,
        first_target=prorated_target(target, start.counted) if start is not None else target,
    )
    return [Streak(count, weeks.start(first), weeks.end(last)) for first, last, count in rows]


def _streaks_across_breaks(
    reader: Reader, *, weeks: Weeks, target: int, start: Start | None, off: Breaks
) -> list[Streak]:
    """The streaks when there are breaks: each week's study days (from the index, a row per
    week with entries, so bounded by study days rather than entries), then the runs here,
    since which weeks count and how much they need depends on the breaks."""
    plan = _week_plan(weeks, target, start, off)
    first = weeks.start(start.week) if start is not None else _FIRST_DAY
    studied: dict[int, int] = dict(
        reader.rows(streak_sql.STUDY_WEEKS, anchor=weeks.anchor, first=first, last=_LAST_DAY)
    )
    met = sorted(
        n
        for n, days in studied.items()
        if n not in plan.neutral and days >= plan.targets.get(n, target)
    )
    runs: list[list[int]] = []  # [first week, last week, weeks met]
    for number in met:
        follows = runs and _next_counted(runs[-1][1], plan.neutral) == number
        if follows:
            runs[-1][1], runs[-1][2] = number, runs[-1][2] + 1
        else:
            runs.append([number, number, 1])
    return [Streak(count, weeks.start(a), weeks.end(b)) for a, b, count in runs]


def _next_counted(number: int, neutral: set[int]) -> int:
    """The week after ``number`` that is not wholly on a break."""
    number += 1
    while number in neutral:
        number += 1
    return number


@dataclass(frozen=True)
class _WeekPlan:
    targets: dict[int, int]  # week number -> its prorated target, where not the whole one
    neutral: set[int]  # weeks wholly on a break
    neutral_runs: list[tuple[int, int]]  # the same as runs of consecutive weeks


def _week_plan(weeks: Weeks, target: int, start: Start | None, off: Breaks) -> _WeekPlan:
    """The weeks whose target is not the whole one: the journal's first, those with breaks."""
    targets = {start.week: prorated_target(target, start.counted)} if start else {}
    since = start.day if start else date.min
    neutral = neutral_weeks(off, weeks, since=since, until=date.max)
    for span in off.spans:
        for number in range(weeks.number(max(span.start, since)), weeks.number(span.end) + 1):
            if number not in neutral:
                counted = counted_days(number, weeks=weeks, start=start, off=off)
                targets[number] = week_target(target, counted)
    for number in neutral:
        targets.pop(number, None)
    runs: list[tuple[int, int]] = []
    for number in sorted(neutral):
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return _WeekPlan(targets, neutral, runs)


def this_week(
    reader: Reader,
    *,
    weeks: Weeks,
    target: int,
    today: date,
    begun: Start | None = None,
    off: Breaks = Breaks(),
    day_over: bool = False,
) -> ThisWeek:
    """The week of ``today``; with ``day_over``, as it stands once today has ended."""
    number = weeks.number(today)
    start, end = weeks.start(number), weeks.end(number)
    counted = counted_days(number, weeks=weeks, start=begun, off=off)
    base = begun.days_counted(number) if begun else 7
    studied = [day for (day,) in reader.rows(streak_sql.STUDY_DAYS, first=start, last=end)]
    # Break days are not required, but a day logged on one counts: they stay days left.
    days_left = (end - today).days + (0 if today in studied or day_over else 1)
    return ThisWeek(
        start,
        end,
        studied,
        week_target(target, counted),
        days_left,
        counted,
        base - counted,
        off.days(start, end),
    )


def report(
    reader: Reader,
    *,
    settings: Settings,
    today: date,
    recent_weeks: int = 8,
    day_over: bool = False,
) -> StreakReport:
    """This week, the streaks and the recent weeks as they stand on ``today``: what
    ``streak`` and ``status`` show, and (``day_over``: once the day has ended) the post."""
    weeks = Weeks(settings.week_start)
    target = settings.days_per_week
    current_week = weeks.number(today)
    begun = journal_start(reader, weeks=weeks, today=today)
    off = breaks.load(reader, until=weeks.end(current_week))
    week = this_week(
        reader, weeks=weeks, target=target, today=today, begun=begun, off=off, day_over=day_over
    )
    runs = streaks(reader, weeks=weeks, target=target, start=begun, off=off)
    neutral = _week_plan(weeks, target, begun, off).neutral
    longest = max(runs, key=lambda run: (run.weeks, run.end), default=None)
    # The list starts with the journal: no weeks of "missed" before anything was logged.
    first = max(current_week - max(recent_weeks, 1) + 1, begun.week if begun else current_week)
    return StreakReport(
        today=today,
        target=target,
        week_start=settings.week_start,
        this_week=week,
        current=_current(runs, week, weeks, current_week, neutral),
        longest=longest,
        recent=weekly(reader, weeks=weeks, first=first, last=current_week, start=begun, off=off),
        on_break=off.covering(today),
    )


def at_end_of(reader: Reader, *, settings: Settings, day: date) -> StreakReport:
    """The streak as it stands at the end of ``day`` (a review post's, of its last day):
    the same report ``streak`` and ``status`` give that day, with the day over, so a week
    that could still have been met only on that day is lost."""
    return report(reader, settings=settings, today=day, recent_weeks=1, day_over=True)


def _current(
    runs: list[Streak], week: ThisWeek, weeks: Weeks, current_week: int, neutral: set[int]
) -> Streak | None:
    """The streak up to now: the running week counts once met, and breaks it only once lost.

    Weeks wholly on a break are stepped over: the streak before them is still the current one.
    """
    if not week.neutral and not week.met and not week.possible:
        return None
    last_counted = current_week if week.met else current_week - 1
    while last_counted in neutral:
        last_counted -= 1
    return next((run for run in runs if run.end == weeks.end(last_counted)), None)


def calendar(reader: Reader, *, since: date, until: date) -> dict[date, CalendarDay]:
    """Entries and minutes per study day between two days (one row per day)."""
    rows = reader.rows(streak_sql.CALENDAR, first=since, last=until)
    return {day: CalendarDay(day, count, minutes) for day, count, minutes in rows}


def last_year(today: date, weeks: Weeks) -> tuple[date, date]:
    """The calendar's range: 53 whole weeks ending with this one."""
    current = weeks.number(today)
    return weeks.start(current - 52), weeks.end(current)


def studied_on(reader: Reader, *, day: date) -> bool:
    count: int = reader.value(streak_sql.ENTRIES_ON, day=day)
    return count > 0


def adherence(
    reader: Reader, *, sprint: "SprintDays", settings: Settings, today: date
) -> Adherence:
    """Weeks of a sprint that met the target; partial first and last weeks prorated."""
    sprint_start, sprint_end = sprint.start_day, sprint.end_day
    weeks = Weeks(settings.week_start)
    found = _weeks(reader, weeks, sprint_start, sprint_end)
    studied = {number: row[1] for number, row in found.items()}
    done_today = sprint.contains(today) and studied_on(reader, day=today)
    off = breaks.load(reader, since=sprint_start, until=sprint_end)
    result = []
    for number in range(weeks.number(sprint_start), weeks.number(sprint_end) + 1):
        start, end = max(weeks.start(number), sprint_start), min(weeks.end(number), sprint_end)
        length = (end - start).days + 1
        away = off.days_in(start, end)
        target = week_target(settings.days_per_week, length - away)
        days = studied.get(number, 0)
        # As ThisWeek counts them, so that status and sprint show word a week alike.
        left = max(
            0, (end - max(start, today)).days + 1 - int(start <= today <= end and done_today)
        )
        result.append(
            SprintWeek(
                start,
                end,
                days,
                target,
                length < 7,
                end >= today and days < target,
                start <= today,
                left,
                away,
            )
        )
    summary = off.summary(sprint_start, sprint_end)
    return Adherence(result, sum(studied.values()), sprint.length_days, summary)
