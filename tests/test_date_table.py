"""Dates and ranges as people say them, replayed with the clock pinned.

The table holds the cases found wrong in issue 17, the expressions of jrnl's own date
tests (tests/bdd/features/datetime.feature, search.feature and change_time.feature in
jrnl-org/jrnl) that sprintlog accepts, and where sprintlog answers differently on purpose.
"""

import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlog.errors import UsageError
from sprintlog.rules.dates import DayRange, SprintOf, WeekOf, parse_day, parse_range

pytestmark = pytest.mark.one_backend  # dates and ranges parsed with the clock pinned: no journal

SUNDAY = date(2025, 11, 9)
MONDAY = date(2025, 11, 10)
LEAP_DAY = date(2024, 2, 29)  # a Thursday
NEW_YEARS_EVE = date(2025, 12, 31)  # a Wednesday
NEW_YEAR = date(2026, 1, 1)  # a Thursday
JRNL_NOW = date(2019, 3, 12)  # jrnl's weekday tests run on Tuesday 2019-03-12

DAYS = [
    # issue 17: each was refused or silently wrong
    (SUNDAY, "Sunday, 2025-11-09", date(2025, 11, 9)),
    (SUNDAY, "2025-11-09 sunday", date(2025, 11, 9)),
    (SUNDAY, "sun 9 nov 2025", date(2025, 11, 9)),
    (SUNDAY, "2025/01/02", date(2025, 1, 2)),  # a four-digit year first: year-month-day
    (SUNDAY, "2025.01.02", date(2025, 1, 2)),
    (SUNDAY, "20250102", date(2025, 1, 2)),
    (SUNDAY, "2025-01-02T10:30:00Z", date(2025, 1, 2)),
    (SUNDAY, "a week ago", date(2025, 11, 2)),
    (SUNDAY, "1 week ago", date(2025, 11, 2)),
    (SUNDAY, "a day ago", date(2025, 11, 8)),
    (SUNDAY, "-3days", date(2025, 11, 6)),
    (SUNDAY, "-3 days", date(2025, 11, 6)),
    (SUNDAY, "-2weeks", date(2025, 10, 26)),
    (SUNDAY, "3days ago", date(2025, 11, 6)),
    (SUNDAY, "-3d", date(2025, 11, 6)),
    (SUNDAY, "today 9am", SUNDAY),
    (SUNDAY, "today at noon", SUNDAY),
    (SUNDAY, "now", SUNDAY),
    (SUNDAY, "yesterday at 11:59pm", date(2025, 11, 8)),
    (SUNDAY, "monday 8:15", date(2025, 11, 3)),
    (SUNDAY, "4 March 2025 at 10am", date(2025, 3, 4)),
    # weekday names: the most recent such day, today included
    (SUNDAY, "sunday", SUNDAY),
    (SUNDAY, "last sunday", date(2025, 11, 2)),
    (SUNDAY, "monday", date(2025, 11, 3)),
    (SUNDAY, "saturday", date(2025, 11, 8)),
    (MONDAY, "monday", MONDAY),
    (MONDAY, "last monday", date(2025, 11, 3)),
    (MONDAY, "sunday", SUNDAY),
    (MONDAY, "-1w", date(2025, 11, 3)),
    (MONDAY, "Monday, 10 November 2025", MONDAY),
    # 29 February, 31 December, 1 January
    (LEAP_DAY, "today", LEAP_DAY),
    (LEAP_DAY, "yesterday", date(2024, 2, 28)),
    (LEAP_DAY, "tomorrow", date(2024, 3, 1)),
    (LEAP_DAY, "thursday", LEAP_DAY),
    (LEAP_DAY, "friday", date(2024, 2, 23)),
    (LEAP_DAY, "1 week ago", date(2024, 2, 22)),
    (LEAP_DAY, "Feb 29, 2024", LEAP_DAY),
    (LEAP_DAY, "Thursday 29 February 2024", LEAP_DAY),
    (NEW_YEARS_EVE, "today", NEW_YEARS_EVE),
    (NEW_YEARS_EVE, "tomorrow", NEW_YEAR),
    (NEW_YEARS_EVE, "31/12/2025", NEW_YEARS_EVE),
    (NEW_YEAR, "yesterday", NEW_YEARS_EVE),
    (NEW_YEAR, "-1d", NEW_YEARS_EVE),
    (NEW_YEAR, "wednesday", NEW_YEARS_EVE),
    (NEW_YEAR, "a week ago", date(2025, 12, 25)),
    (NEW_YEAR, "1 January 2026", NEW_YEAR),
    # jrnl's tests (datetime.feature: weekdays at 2019-03-12 13:30, dates with times)
    (JRNL_NOW, "Monday", date(2019, 3, 11)),
    (JRNL_NOW, "Tuesday", date(2019, 3, 12)),  # jrnl: 2019-03-05; ours includes today
    (JRNL_NOW, "Wednesday", date(2019, 3, 6)),
    (JRNL_NOW, "Thursday", date(2019, 3, 7)),
    (JRNL_NOW, "Friday", date(2019, 3, 8)),
    (JRNL_NOW, "Saturday", date(2019, 3, 9)),
    (JRNL_NOW, "sUndAy", date(2019, 3, 10)),
    (JRNL_NOW, "Mon", date(2019, 3, 11)),
    (JRNL_NOW, "Wed", date(2019, 3, 6)),
    (JRNL_NOW, "sUn", date(2019, 3, 10)),
    (JRNL_NOW, "2013-11-30 15:42", date(2013, 11, 30)),
    (JRNL_NOW, "26/06/2099", date(2099, 6, 26)),
    (JRNL_NOW, "2020-09-19", date(2020, 9, 19)),
    (JRNL_NOW, "2020-02-29", date(2020, 2, 29)),
    (JRNL_NOW, "2032-02-01", date(2032, 2, 1)),
    (JRNL_NOW, "2020-12-31", date(2020, 12, 31)),
    (JRNL_NOW, "june 9 2013", date(2013, 6, 9)),
    (JRNL_NOW, "july 10 2013", date(2013, 7, 10)),
    (JRNL_NOW, "august 31 2020", date(2020, 8, 31)),
    (JRNL_NOW, "23 July 2013", date(2013, 7, 23)),
    (JRNL_NOW, "2022-04-23 10:30", date(2022, 4, 23)),
    (JRNL_NOW, "today at 11:59pm", JRNL_NOW),
    (JRNL_NOW, "yesterday", date(2019, 3, 11)),
    (JRNL_NOW, "tomorrow", date(2019, 3, 13)),
]

REFUSED = [
    (SUNDAY, "24-09-03", "does not give the year in full: 2003-09-24 or 2024-09-03?"),
    (SUNDAY, "4 March 25", "does not give the year in full: 2004-03-25 or 2025-03-04?"),
    (SUNDAY, "13/04/25", "does not give the year in full"),
    (SUNDAY, "4 March 0025", "the year 0025 is out of range"),
    (SUNDAY, "monday 2025-11-11", "2025-11-11 is a Tuesday, not a Monday"),
    (SUNDAY, "Saturday, 2025-11-09", "2025-11-09 is a Sunday, not a Saturday"),
    (SUNDAY, "2025-11-09 fri", "is a Sunday, not a Friday"),
    (SUNDAY, "2025/13/01", "month must be in 1..12"),
    (SUNDAY, "today 25:00", "an impossible time of day"),
    (SUNDAY, "yesterday at 13pm", "an impossible time of day"),
    (SUNDAY, "today at 9", "is not a date"),
    (SUNDAY, "9am", "not a full date"),
    (SUNDAY, "last week", "a range of days (a week), not one day"),
    (SUNDAY, "this sprint", "a range of days (a sprint), not one day"),
    (SUNDAY, "june 2025", "not a full date but a whole month"),
    (SUNDAY, "2025", "not a full date but a whole year"),
    (SUNDAY, "sprint 3", "not a full date but a whole sprint"),
    (SUNDAY, "", "empty"),
    (SUNDAY, "in a week", "write a future day as a date"),
    (LEAP_DAY, "Feb 29", "not a full date"),
    (LEAP_DAY, "29", "not a full date"),
    (LEAP_DAY, "Feb 30 2024", "not a valid date: day is out of range"),
    (NEW_YEAR, "Dec 31", "not a full date"),
    # jrnl's tests: dates it refuses too, or that are ambiguous here
    (JRNL_NOW, "2019-02-29", "not a valid date: day is out of range"),
    (JRNL_NOW, "2020-08-32", "not a valid date: day is out of range"),
    (JRNL_NOW, "2222-08-19", "the year 2222 is out of range"),
    (JRNL_NOW, "3/7/2014 4:37pm", "ambiguous (2014-03-07 or 2014-07-03)"),
    (JRNL_NOW, "now asdfasdf", "is not a date"),
]

RANGES = [
    (SUNDAY, "this week", "monday", (date(2025, 11, 3), date(2025, 11, 9))),
    (SUNDAY, "last week", "monday", (date(2025, 10, 27), date(2025, 11, 2))),
    (SUNDAY, "this week", "sunday", (date(2025, 11, 9), date(2025, 11, 15))),
    (SUNDAY, "last week", "sunday", (date(2025, 11, 2), date(2025, 11, 8))),
    (MONDAY, "this week", "monday", (date(2025, 11, 10), date(2025, 11, 16))),
    (MONDAY, "last week", "monday", (date(2025, 11, 3), date(2025, 11, 9))),
    (MONDAY, "previous week", "saturday", (date(2025, 11, 1), date(2025, 11, 7))),
    (SUNDAY, "this month", "monday", (date(2025, 11, 1), date(2025, 11, 30))),
    (SUNDAY, "last month", "monday", (date(2025, 10, 1), date(2025, 10, 31))),
    (SUNDAY, "june 2025", "monday", (date(2025, 6, 1), date(2025, 6, 30))),
    (SUNDAY, "June, 2025", "monday", (date(2025, 6, 1), date(2025, 6, 30))),
    (SUNDAY, "2025 jun", "monday", (date(2025, 6, 1), date(2025, 6, 30))),
    (SUNDAY, "2025-06", "monday", (date(2025, 6, 1), date(2025, 6, 30))),
    (SUNDAY, "2025", "monday", (date(2025, 1, 1), date(2025, 12, 31))),
    (SUNDAY, "today", "monday", (SUNDAY, SUNDAY)),
    (SUNDAY, "-3d", "monday", (date(2025, 11, 6), date(2025, 11, 6))),
    (SUNDAY, "2025-03-04", "monday", (date(2025, 3, 4), date(2025, 3, 4))),
    (LEAP_DAY, "this month", "monday", (date(2024, 2, 1), LEAP_DAY)),
    (LEAP_DAY, "last month", "monday", (date(2024, 1, 1), date(2024, 1, 31))),
    (LEAP_DAY, "february 2023", "monday", (date(2023, 2, 1), date(2023, 2, 28))),
    (LEAP_DAY, "this week", "monday", (date(2024, 2, 26), date(2024, 3, 3))),
    (LEAP_DAY, "this year", "monday", (date(2024, 1, 1), date(2024, 12, 31))),
    (NEW_YEARS_EVE, "this month", "monday", (date(2025, 12, 1), NEW_YEARS_EVE)),
    (NEW_YEARS_EVE, "next month", "monday", (NEW_YEAR, date(2026, 1, 31))),
    (NEW_YEARS_EVE, "this week", "monday", (date(2025, 12, 29), date(2026, 1, 4))),
    (NEW_YEAR, "this week", "monday", (date(2025, 12, 29), date(2026, 1, 4))),
    (NEW_YEAR, "last week", "monday", (date(2025, 12, 22), date(2025, 12, 28))),
    (NEW_YEAR, "last month", "monday", (date(2025, 12, 1), NEW_YEARS_EVE)),
    (NEW_YEAR, "last year", "monday", (date(2025, 1, 1), NEW_YEARS_EVE)),
    (NEW_YEAR, "this month", "monday", (NEW_YEAR, date(2026, 1, 31))),
    # jrnl's search tests: a month is a range (-on 'june 2013', -from 'september 2020')
    (JRNL_NOW, "june 2013", "monday", (date(2013, 6, 1), date(2013, 6, 30))),
    (JRNL_NOW, "july 2013", "monday", (date(2013, 7, 1), date(2013, 7, 31))),
    (JRNL_NOW, "september 2020", "monday", (date(2020, 9, 1), date(2020, 9, 30))),
    (JRNL_NOW, "feb 2013", "monday", (date(2013, 2, 1), date(2013, 2, 28))),
    (JRNL_NOW, "2013-07-10", "monday", (date(2013, 7, 10), date(2013, 7, 10))),
]

SPRINTS = [
    ("sprint 3", SprintOf(number=3)),
    ("Sprint #12", SprintOf(number=12)),
    ("this sprint", SprintOf()),
    ("current sprint", SprintOf()),
    ("last sprint", SprintOf(offset=-1)),
    ("next sprint", SprintOf(offset=1)),
]

RANGES_REFUSED = [
    (SUNDAY, "june", "'june' names no year; write it like june 2025"),
    (NEW_YEAR, "Dec.", "'Dec.' names no year; write it like dec 2025"),
    (SUNDAY, "2025-13", "not a valid month: month must be in 1..12"),
    (SUNDAY, "1899", "the year 1899 is out of range"),
    (SUNDAY, "june 2201", "the year 2201 is out of range"),
    (SUNDAY, "", "a range is empty"),
    (SUNDAY, "  ", "a range is empty"),
    (SUNDAY, "garbage", "is not a date"),
    (SUNDAY, "24-09-03", "does not give the year in full"),
]


@pytest.mark.parametrize(("today", "text", "expected"), DAYS)
def test_days(today: date, text: str, expected: date) -> None:
    assert parse_day(text, today=today).day == expected


@pytest.mark.parametrize(("today", "text", "reason"), REFUSED)
def test_refused_days(today: date, text: str, reason: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_day(text, today=today)
    assert reason in raised.value.message
    assert "Unknown string format" not in raised.value.message
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(("today", "text", "week_start", "expected"), RANGES)
def test_ranges(today: date, text: str, week_start: str, expected: tuple[date, date]) -> None:
    spec = parse_range(text, today=today).spec
    days = spec.days(week_start) if isinstance(spec, WeekOf) else spec
    assert isinstance(days, DayRange)
    assert (days.first, days.last) == expected


@pytest.mark.parametrize(("text", "expected"), SPRINTS)
def test_sprint_ranges_are_left_to_the_journal(text: str, expected: SprintOf) -> None:
    assert parse_range(text, today=SUNDAY).spec == expected


@pytest.mark.parametrize(("today", "text", "reason"), RANGES_REFUSED)
def test_refused_ranges(today: date, text: str, reason: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_range(text, today=today)
    assert reason in raised.value.message
    assert raised.value.exit_code == 2


def test_only_days_given_as_dates_are_not_echoed() -> None:
    assert not parse_range("2025-03-04", today=SUNDAY).in_words
    assert parse_range("yesterday", today=SUNDAY).in_words
    assert parse_range("2025", today=SUNDAY).in_words
    assert not parse_day("Sunday, 2025-11-09", today=SUNDAY).in_words
    assert parse_day("today 9am", today=SUNDAY).in_words


_LOCAL_DAYS = """
from datetime import UTC, date, datetime
from sprintlog.cli.common import today
from sprintlog.rules.dates import local_day
moments = [datetime(2025, 11, 9, 9, 59, tzinfo=UTC), datetime(2025, 11, 9, 10, 0, tzinfo=UTC)]
print(*(local_day(moment).isoformat() for moment in moments))
assert today() == date.today(), (today(), date.today())
"""


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        # POSIX TZ strings count west of Greenwich as positive: UTC-14 is UTC+14.
        ("UTC-14", "2025-11-09 2025-11-10"),  # 23:59 and then 00:00 on the 10th
        ("UTC+10", "2025-11-08 2025-11-09"),  # 23:59 on the 8th, then 00:00 on the 9th
        ("UTC0", "2025-11-09 2025-11-09"),
    ],
)
def test_today_is_the_local_day_near_midnight(tz: str, expected: str) -> None:
    env = {**os.environ, "TZ": tz}
    done = subprocess.run(
        [sys.executable, "-c", _LOCAL_DAYS], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


@given(st.text(max_size=60), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_any_range_parses_or_fails_cleanly(text: str, today: date) -> None:
    try:
        parsed = parse_range(text, today=today)
    except UsageError as error:
        assert error.message
    else:
        assert isinstance(parsed.spec, DayRange | WeekOf | SprintOf)


@pytest.mark.parametrize("text", [",," * 5000 + "x", " ," * 5000 + "9am", "today " + "at " * 30])
def test_long_text_is_refused_at_once(text: str) -> None:
    for parse in (parse_day, parse_range):
        with pytest.raises(UsageError, match="too long for a date"):
            parse(text, today=SUNDAY)
