"""The weekly target: days studied per week, streaks of weeks that met it, the calendar.

Every figure comes from SQL aggregates over distinct days grouped by week, in a fixed
number of queries whatever the journal's age: rows come back per week (or per day of
the last year), never per entry of the whole history.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from sprintlog.setting_specs import Settings
from sprintlog.storage import queries
from sprintlog.storage.reader import Reader
from sprintlog.weeks import Weeks, prorated_target

if TYPE_CHECKING:  # (making a Protocol class costs start-up time; type checkers only)

    class Span(Protocol):
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
    counted: int = 7  # days of it from the journal's start on

    @property
    def met(self) -> bool:
        return len(self.studied) >= self.target

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
    first_entry = reader.value(queries.FIRST_ENTRY_DAY)
    first_sprint = reader.value(queries.FIRST_SPRINT_DAY)
    days = [day for day in (first_entry, first_sprint) if day is not None]
    if not days or min(days) > today:
        return None
    day = min(days)
    number = weeks.number(day)
    return Start(day, number, (weeks.end(number) - day).days + 1)


def _weeks(reader: Reader, weeks: Weeks, first: date, last: date) -> dict[int, tuple]:
    """(days, entries, minutes) of each week with entries between two days, by number."""
    rows = reader.rows(queries.WEEKS, anchor=weeks.anchor, first=first, last=last)
    return {row[0]: row for row in rows}


def weekly(
    reader: Reader, *, weeks: Weeks, first: int, last: int, start: Start | None = None
) -> list[WeekStat]:
    """A row for every week from ``first`` to ``last``, weeks without entries included."""
    found = _weeks(reader, weeks, weeks.start(first), weeks.end(last))
    counted = start.days_counted if start else (lambda _: 7)
    return [
        WeekStat(n, weeks.start(n), found[n][1], found[n][2], found[n][3], counted(n))
        if n in found
        else WeekStat(n, weeks.start(n), 0, 0, None, counted(n))
        for n in range(first, last + 1)
    ]


def streaks(
    reader: Reader, *, weeks: Weeks, target: int, start: Start | None = None
) -> list[Streak]:
    """Every run of consecutive weeks that met the target (gaps and islands, in SQL)."""
    rows = reader.rows(
        queries.STREAKS,
        anchor=weeks.anchor,
        target=target,
        # The journal's first week has its prorated target (no week is numbered -1).
        first_week=start.week if start is not None else -1,
        first_target=prorated_target(target, start.counted) if start is not None else target,
    )
    return [Streak(count, weeks.start(first), weeks.end(last)) for first, last, count in rows]


def this_week(
    reader: Reader, *, weeks: Weeks, target: int, today: date, begun: Start | None = None
) -> ThisWeek:
    number = weeks.number(today)
    start, end = weeks.start(number), weeks.end(number)
    counted = begun.days_counted(number) if begun else 7
    studied = [day for (day,) in reader.rows(queries.STUDY_DAYS, first=start, last=end)]
    days_left = (end - today).days + (0 if today in studied else 1)
    return ThisWeek(start, end, studied, prorated_target(target, counted), days_left, counted)


def report(
    reader: Reader, *, settings: Settings, today: date, recent_weeks: int = 8
) -> StreakReport:
    weeks = Weeks(settings.week_start)
    target = settings.days_per_week
    current_week = weeks.number(today)
    begun = journal_start(reader, weeks=weeks, today=today)
    week = this_week(reader, weeks=weeks, target=target, today=today, begun=begun)
    runs = streaks(reader, weeks=weeks, target=target, start=begun)
    longest = max(runs, key=lambda run: (run.weeks, run.end), default=None)
    # The list starts with the journal: no weeks of "missed" before anything was logged.
    first = max(current_week - max(recent_weeks, 1) + 1, begun.week if begun else current_week)
    return StreakReport(
        today=today,
        target=target,
        week_start=settings.week_start,
        this_week=week,
        current=_current(runs, week, weeks, current_week),
        longest=longest,
        recent=weekly(reader, weeks=weeks, first=first, last=current_week, start=begun),
    )


def _current(runs: list[Streak], week: ThisWeek, weeks: Weeks, current_week: int) -> Streak | None:
    """The streak up to now: the running week counts once met, and breaks it only once lost."""
    if not week.met and not week.possible:
        return None
    last_counted = current_week if week.met else current_week - 1
    return next((run for run in runs if run.end == weeks.end(last_counted)), None)


def as_date(value: object) -> date:
    """A day from an SQL aggregate: SQLite gives MAX(day) and GROUP BY day back as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class CalendarDay:
    day: date
    entries: int
    minutes: int


def calendar(reader: Reader, *, since: date, until: date) -> dict[date, CalendarDay]:
    """Entries and minutes per study day between two days (one row per day)."""
    rows = reader.rows(queries.CALENDAR, first=since, last=until)
    return {day: CalendarDay(day, count, minutes) for day, count, minutes in rows}


def last_year(today: date, weeks: Weeks) -> tuple[date, date]:
    """The calendar's range: 53 whole weeks ending with this one."""
    current = weeks.number(today)
    return weeks.start(current - 52), weeks.end(current)


def studied_on(reader: Reader, *, day: date) -> bool:
    return reader.value(queries.ENTRIES_ON, day=day) > 0


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

    @property
    def met(self) -> bool:
        return self.studied >= self.target


@dataclass(frozen=True)
class Adherence:
    weeks: list[SprintWeek]
    study_days: int
    sprint_days: int

    @property
    def met(self) -> int:
        return sum(1 for week in self.weeks if week.met)

    @property
    def decided(self) -> int:
        """Weeks that are over or already met: the ones that count."""
        return sum(1 for week in self.weeks if not week.in_progress)


def adherence(reader: Reader, *, sprint: "Span", settings: Settings, today: date) -> Adherence:
    """Weeks of a sprint that met the target; partial first and last weeks prorated."""
    sprint_start, sprint_end = sprint.start_day, sprint.end_day
    weeks = Weeks(settings.week_start)
    found = _weeks(reader, weeks, sprint_start, sprint_end)
    studied = {number: row[1] for number, row in found.items()}
    done_today = sprint.contains(today) and studied_on(reader, day=today)
    result = []
    for number in range(weeks.number(sprint_start), weeks.number(sprint_end) + 1):
        start, end = max(weeks.start(number), sprint_start), min(weeks.end(number), sprint_end)
        length = (end - start).days + 1
        target = prorated_target(settings.days_per_week, length)
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
            )
        )
    return Adherence(result, sum(studied.values()), sprint.length_days)
