"""Weekly target and streaks, computed in SQL, with today pinned."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from sprintlog.models import Entry, Sprint
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.weeks import Weeks, prorated_target
from sprintlog.services import streaks
from sprintlog.storage.journal import Journal, open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.sql import streaks as streak_sql

Report = Callable[..., streaks.StreakReport]


def settings(days_per_week: int = 4, week_start: str = "monday") -> Settings:
    return Settings("SSJ", 5, days_per_week, week_start, 14)


@pytest.fixture
def journal_db(journal) -> Iterator[Journal]:
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    yield opened
    opened.close()


@pytest.fixture
def add(journal_db: Journal) -> Callable[..., None]:
    def add_days(*days: date, minutes: int | None = None, times: int = 1) -> None:
        with journal_db.transaction(write=True) as session:
            for day in days:
                for _ in range(times):
                    session.add(Entry(day=day, text=f"studied {day}", minutes=minutes))

    return add_days


@pytest.fixture
def report(journal_db: Journal) -> Report:
    def compute(today: date, **kwargs) -> streaks.StreakReport:
        recent = kwargs.pop("recent_weeks", 8)
        with journal_db.reading(write=False) as reader:
            return streaks.report(
                reader, settings=settings(**kwargs), today=today, recent_weeks=recent
            )

    return compute


def week_days(monday: date, count: int) -> list[date]:
    return [monday + timedelta(days=offset) for offset in range(count)]


THU = date(2026, 11, 19)  # a Thursday; its week runs Mon 2026-11-16 to Sun 2026-11-22
MON = date(2026, 11, 16)


def test_empty_journal(report: Report) -> None:
    result = report(THU)
    assert result.this_week.studied == []
    assert (result.this_week.needed, result.this_week.days_left) == (4, 4)
    assert result.this_week.possible and not result.this_week.met
    assert result.current is None and result.longest is None
    # No weeks of "missed" before anything was logged: the list is this week alone.
    assert [(week.start, week.days, week.minutes) for week in result.recent] == [(MON, 0, None)]


def test_one_entry(report: Report, add) -> None:
    add(MON - timedelta(days=7))  # the journal starts on a Monday: whole weeks
    add(THU, minutes=30)
    result = report(THU)
    assert result.this_week.studied == [THU]
    assert (result.this_week.needed, result.this_week.days_left) == (3, 3)
    assert result.current is None and result.longest is None
    assert (result.recent[-1].days, result.recent[-1].minutes) == (1, 30)
    assert len(result.recent) == 2


def test_the_journals_first_week_counts_from_its_first_day(report: Report, add) -> None:
    add(THU, THU + timedelta(days=1))  # Thursday to Sunday: 4 days, a target of 2
    result = report(THU + timedelta(days=1))
    assert (result.this_week.target, result.this_week.counted) == (2, 4)
    assert result.this_week.met and result.current == streaks.Streak(1, MON, MON + timedelta(6))
    assert [(week.start, week.counted) for week in result.recent] == [(MON, 4)]
    add(*week_days(MON + timedelta(days=7), 2))
    later = report(MON + timedelta(days=8), recent_weeks=8)
    assert [week.counted for week in later.recent] == [4, 7]
    assert later.current == streaks.Streak(1, MON, MON + timedelta(6))  # the next still possible


def test_a_sprint_planned_before_the_first_entry_starts_the_journal(
    journal_db: Journal, report: Report, add
) -> None:
    with journal_db.transaction(write=True) as session:
        session.add(Sprint(number=1, start_day=MON - timedelta(days=14), end_day=THU))
    add(THU)
    result = report(THU)
    assert [week.start for week in result.recent] == [
        MON - timedelta(days=14 - 7 * n) for n in range(3)
    ]
    assert result.this_week.counted == 7


def test_several_entries_on_a_day_are_one_study_day(report: Report, add) -> None:
    add(MON, THU, times=3)
    result = report(THU)
    assert result.this_week.studied == [MON, THU]
    assert (result.recent[-1].days, result.recent[-1].entries) == (2, 6)


def test_running_week_met_counts(report: Report, add) -> None:
    add(*week_days(MON - timedelta(days=7), 4), *week_days(MON, 4))
    result = report(THU)
    assert result.this_week.met
    assert result.current == streaks.Streak(2, MON - timedelta(days=7), MON + timedelta(days=6))


def test_running_week_still_possible_keeps_the_streak(report: Report, add) -> None:
    add(*week_days(MON - timedelta(days=14), 4), *week_days(MON - timedelta(days=7), 5))
    add(MON, MON + timedelta(days=1))  # 2 of 4, Thursday to Sunday left: still possible
    result = report(THU)
    assert result.this_week.possible and not result.this_week.met
    assert result.current is not None and result.current.weeks == 2
    assert result.current.end == MON - timedelta(days=1)


def test_running_week_no_longer_possible_breaks_the_streak(report: Report, add) -> None:
    add(*week_days(MON - timedelta(days=14), 4), *week_days(MON - timedelta(days=7), 5))
    add(MON, MON + timedelta(days=1))
    sunday = MON + timedelta(days=6)  # 2 of 4 with only Sunday left
    result = report(sunday)
    assert not result.this_week.possible
    assert result.current is None
    assert result.longest is not None and result.longest.weeks == 2


def test_a_gap_week_breaks_a_streak(report: Report, add) -> None:
    for weeks_ago in (6, 5, 4):
        add(*week_days(MON - timedelta(days=7 * weeks_ago), 4))
    add(*week_days(MON - timedelta(days=21), 3))  # 3 of 4: the gap
    for weeks_ago in (2, 1):
        add(*week_days(MON - timedelta(days=7 * weeks_ago), 4))
    result = report(THU)
    assert result.current is not None and result.current.weeks == 2
    assert result.longest == streaks.Streak(3, MON - timedelta(days=42), MON - timedelta(days=22))


def test_longest_streak_in_the_middle_of_history(report: Report, add) -> None:
    start = date(2024, 1, 1)  # a Monday
    for week in range(10):
        add(*week_days(start + timedelta(weeks=week), 4))
    add(*week_days(start + timedelta(weeks=20), 4))
    add(*week_days(MON - timedelta(days=7), 4))
    result = report(THU)
    assert result.longest == streaks.Streak(10, start, start + timedelta(weeks=10, days=-1))
    assert result.current is not None and result.current.weeks == 1


def test_an_entry_for_a_past_day_extends_an_old_week(report: Report, add) -> None:
    old = date(2025, 6, 2)  # a Monday
    add(*week_days(old, 4), *week_days(old + timedelta(weeks=2), 4))
    add(*week_days(old + timedelta(weeks=1), 3))
    assert report(THU).longest.weeks == 1
    add(old + timedelta(weeks=1, days=5))  # logged today, for a Saturday long ago
    assert report(THU).longest == streaks.Streak(3, old, old + timedelta(weeks=3, days=-1))


def test_week_start_sunday_vs_monday_on_the_same_data(report: Report, add) -> None:
    sunday = date(2026, 11, 8)
    add(sunday, sunday + timedelta(days=1), sunday + timedelta(days=2), sunday + timedelta(days=7))
    add(sunday + timedelta(days=8))
    monday_weeks = [w.days for w in report(THU, days_per_week=3).recent[-3:]]
    sunday_weeks = [w.days for w in report(THU, days_per_week=3, week_start="sunday").recent[-3:]]
    assert monday_weeks == [1, 3, 1]  # Nov 2-8, Nov 9-15, Nov 16-22
    assert sunday_weeks == [3, 2]  # Nov 8-14, Nov 15-21 (nothing before: no week Nov 1-7)
    assert report(THU, week_start="sunday").this_week.start == date(2026, 11, 15)


def test_year_boundary(report: Report, add) -> None:
    # ISO week 53 of 2026 runs Mon 2026-12-28 to Sun 2027-01-03, then week 1 of 2027.
    add(date(2026, 12, 21), date(2026, 12, 23), date(2026, 12, 24), date(2026, 12, 26))
    add(date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2))
    add(date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 6), date(2027, 1, 7))
    result = report(date(2027, 1, 7))
    assert [w.days for w in result.recent[-3:]] == [4, 4, 4]
    assert result.recent[-2].start == date(2026, 12, 28)
    assert result.current == streaks.Streak(3, date(2026, 12, 21), date(2027, 1, 10))


def test_leap_day(report: Report, add) -> None:
    add(date(2024, 2, 26), date(2024, 2, 27), date(2024, 2, 28), date(2024, 2, 29))
    result = report(date(2024, 3, 1), recent_weeks=1)
    assert result.this_week.studied == [
        date(2024, 2, 26),
        date(2024, 2, 27),
        date(2024, 2, 28),
        date(2024, 2, 29),
    ]
    assert result.this_week.met and result.current.weeks == 1


def test_days_per_week_one_and_seven(report: Report, add) -> None:
    add(MON - timedelta(days=7), *week_days(MON - timedelta(days=14), 7), MON)
    one = report(THU, days_per_week=1)
    assert one.this_week.met and one.current.weeks == 3
    seven = report(THU, days_per_week=7)
    assert not seven.this_week.possible  # Monday only, 3 days are gone
    assert seven.current is None and seven.longest.weeks == 1


def test_changing_the_target_changes_the_figures_not_the_data(report: Report, add) -> None:
    add(*week_days(MON - timedelta(days=7), 3))
    assert report(THU, days_per_week=4).longest is None
    assert report(THU, days_per_week=3).longest.weeks == 1


@pytest.mark.parametrize(
    "week_start", ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
def test_week_numbers_agree_between_python_and_sql(report: Report, add, week_start: str) -> None:
    days = [date(2026, 11, 1) + timedelta(days=offset) for offset in range(21)]
    add(*days)
    result = report(date(2026, 11, 21), week_start=week_start, days_per_week=1, recent_weeks=4)
    weeks = Weeks(week_start)
    for stat in result.recent:
        expected = sum(1 for day in days if weeks.number(day) == stat.number)
        assert stat.days == expected
        assert stat.start.strftime("%A").lower() == week_start


@pytest.mark.parametrize(
    ("target", "days", "expected"),
    [(4, 7, 4), (4, 5, 3), (4, 2, 1), (4, 1, 1), (7, 3, 3), (1, 1, 1)],
)
def test_prorated_target(target: int, days: int, expected: int) -> None:
    assert prorated_target(target, days) == expected


@pytest.mark.parametrize("seed", range(4))
def test_weeks_from_the_index_are_the_weeks_of_every_entry(journal_db: Journal, add, seed) -> None:
    """The streaks and the weeks behind the breaks' streaks step through entry.day's index
    (one seek per study day); they must be exactly what totalling every entry gives."""
    import random

    chance = random.Random(seed)
    first = date(2021, 1, 1) + timedelta(days=chance.randrange(7))
    by_times: dict[int, list[date]] = {1: [], 2: [], 3: []}
    for offset in range(700):
        if chance.random() < 0.55:
            by_times[chance.choice((1, 1, 2, 3))].append(first + timedelta(days=offset))
    for times, days in by_times.items():
        add(*days, times=times)
    weeks = Weeks(("monday", "sunday", "wednesday", "saturday")[seed])
    span = {"first": date(1, 1, 1), "last": date(9999, 12, 31)}
    with journal_db.reading(write=False) as reader:
        totals = {
            row[0]: row[1] for row in reader.rows(streak_sql.WEEKS, anchor=weeks.anchor, **span)
        }
        assert dict(reader.rows(streak_sql.STUDY_WEEKS, anchor=weeks.anchor, **span)) == totals
        start = streaks.journal_start(reader, weeks=weeks, today=date(2030, 1, 1))
        assert start is not None
        for target in (1, 4, 7):
            found = streaks.streaks(reader, weeks=weeks, target=target, start=start)
            met = [
                n
                for n, days in sorted(totals.items())
                if days >= (prorated_target(target, start.counted) if n == start.week else target)
            ]
            runs: list[list[int]] = []
            for number in met:
                if runs and runs[-1][1] == number - 1:
                    runs[-1][1] = number
                else:
                    runs.append([number, number])
            # (in no particular order: the query has none, and needs none)
            assert sorted((s.start, s.end, s.weeks) for s in found) == [
                (weeks.start(a), weeks.end(b), b - a + 1) for a, b in runs
            ]
