from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintlog.errors import UsageError
from sprintlog.rules.dates import parse_day

pytestmark = pytest.mark.one_backend  # a pure rule (parse_day): no journal

TODAY = date(2026, 11, 18)  # a Wednesday


def day(text: str, **kwargs) -> date:
    return parse_day(text, today=TODAY, **kwargs).day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("2024-02-29", date(2024, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 11, 17)),
        ("wednesday", TODAY),  # the most recent Wednesday is today
        ("last wednesday", date(2026, 11, 11)),
        ("monday", date(2026, 11, 16)),
        ("mon", date(2026, 11, 16)),
        ("thursday", date(2026, 11, 12)),  # never the future
        ("sunday", date(2026, 11, 15)),
        ("-3d", date(2026, 11, 15)),
        ("3 days ago", date(2026, 11, 15)),
        ("1 day ago", date(2026, 11, 17)),
        ("-2w", date(2026, 11, 4)),
        ("2 weeks ago", date(2026, 11, 4)),
        ("4 March 2025", date(2025, 3, 4)),
        ("March 4, 2025", date(2025, 3, 4)),
        ("13/04/2025", date(2025, 4, 13)),  # unambiguous: 13 cannot be a month
    ],
)
def test_accepted(text: str, expected: date) -> None:
    assert day(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "not a valid date: day is out of range"),
        ("2023-02-29", "not a valid date"),
        ("2024-13-01", "not a valid date: month must be in 1..12"),
        ("2016", "not a full date"),
        ("May 16", "not a full date"),
        ("garbage", "not a date"),
        ("", "empty"),
        ("03/04/2025", "ambiguous"),
        ("+3d", "future day"),
        ("٢٠٢٥-٠٣-٠٤", "not a date"),
        ("-999999d", "too far in the past"),
        ("99999999 weeks ago", "too far in the past"),
        ("4 March 0025", "the year 0025 is out of range; years 1900 to 2200 are accepted"),
        ("0025-03-04", "the year 0025 is out of range"),
        ("1899-12-31", "the year 1899 is out of range"),
        ("2201-01-01", "the year 2201 is out of range"),
        ("31 December 2201", "the year 2201 is out of range"),
        ("-50000d", "too far in the past"),
    ],
)
def test_rejected_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason) as raised:
        day(text)
    assert raised.value.exit_code == 2


def test_future_days_only_where_allowed() -> None:
    assert day("tomorrow") == TODAY + timedelta(days=1)
    assert day("2026-12-01") == date(2026, 12, 1)
    with pytest.raises(UsageError, match=rf"^'tomorrow' is {TODAY + timedelta(days=1)}, in"):
        day("tomorrow", allow_future=False)
    with pytest.raises(UsageError, match=r"^2026-12-01 is in the future$"):
        day("2026-12-01", allow_future=False)
    # "next friday" plans ahead (a sprint, a break); a day to log has been already.
    coming = day("next friday")
    assert coming.weekday() == 4 and 1 <= (coming - TODAY).days <= 7
    assert day("next " + TODAY.strftime("%A").lower()) == TODAY + timedelta(days=7)
    with pytest.raises(UsageError, match="'next friday' is in the future"):
        day("next friday", allow_future=False)


def test_words_are_flagged_for_echo() -> None:
    assert parse_day("yesterday", today=TODAY).in_words
    assert not parse_day("2025-03-04", today=TODAY).in_words


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_iso_round_trips(value: date) -> None:
    assert day(value.isoformat()) == value


@given(st.integers(0, 3000))
def test_days_ago_counts_back(count: int) -> None:
    assert day(f"-{count}d") == TODAY - timedelta(days=count)
    assert day(f"{count} days ago") == TODAY - timedelta(days=count)


@given(st.text(max_size=40))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        parse_day(text, today=TODAY)
    except UsageError as error:
        assert error.message


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_years_outside_1900_to_2200_are_refused(value: date) -> None:
    written = (value.isoformat(), f"{value.day} {value:%B} {value.year:04d}")
    for text in written:
        if 1900 <= value.year <= 2200:
            assert day(text) == value
        else:
            with pytest.raises(UsageError, match=f"the year {value.year:04d} is out of range"):
                day(text)
