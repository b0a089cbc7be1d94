"""Dates and ranges on the command line, with today pinned to Sunday 2025-11-09."""

from collections.abc import Callable
from datetime import date

import pytest
from helpers import Run

from sprintlog.cli import common

SUNDAY = date(2025, 11, 9)
_HINT = "write it like 2025-03-04, today, monday or -3d"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: SUNDAY)


@pytest.fixture
def days(ok: Run) -> Callable[..., list[str]]:
    """The days of the entries `entries ARGS` lists."""

    def listed(*args: str) -> list[str]:
        return [entry["day"] for entry in ok("entries", "--json", *args).json()]

    return listed


@pytest.fixture
def history(ok: Run) -> None:
    """Sprint 1 (Oct 20 to Nov 2), sprint 2 (Nov 3 to 16); an entry on each day listed."""
    ok("sprint", "start", "--start", "2025-10-20", "--length", "14")
    ok("sprint", "start", "--start", "2025-11-03", "--length", "14")
    for day in JUNE + JULY + SPRINT_1 + SPRINT_2:
        ok("log", f"on {day}", "--date", day)


JUNE, JULY = ["2025-06-30"], ["2025-07-01"]
SPRINT_1 = ["2025-10-26", "2025-11-01", "2025-11-02"]
SPRINT_2 = ["2025-11-03", "2025-11-08", "2025-11-09"]


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        ("24-09-03", "'24-09-03' does not give the year in full: 2003-09-24 or 2024-09-03?"),
        ("4 March 0025", "'4 March 0025': the year 0025 is out of range"),
        ("monday 2025-11-11", "'monday 2025-11-11': 2025-11-11 is a Tuesday, not a Monday"),
        ("last week", "'last week' is a range of days (a week), not one day"),
        ("june 2025", "'june 2025' is not a full date but a whole month; give the day too"),
        ("2025", "'2025' is not a full date but a whole year; give the day too"),
        ("", "a date is empty"),
    ],
)
def test_log_refuses_a_date_with_the_reason(run: Run, ok: Run, when: str, reason: str) -> None:
    result = run("log", "text", "--date", when)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {reason}")
    assert result.stderr.count("\n") == 1
    assert ok("entries", "--json").json() == []


@pytest.mark.parametrize(
    ("when", "day", "echo"),
    [
        ("2025/01/02", "2025-01-02", ""),
        ("Sunday, 2025-11-09", "2025-11-09", ""),
        ("today 9am", "2025-11-09", "today 9am = Sun 2025-11-09\n"),
        ("yesterday at 11:59pm", "2025-11-08", "yesterday at 11:59pm = Sat 2025-11-08\n"),
        ("a week ago", "2025-11-02", "a week ago = Sun 2025-11-02\n"),
        ("-3days", "2025-11-06", "-3days = Thu 2025-11-06\n"),
    ],
)
def test_log_takes_the_day(ok: Run, days: Callable, when: str, day: str, echo: str) -> None:
    ok("config", "list")  # the journal exists: stderr holds only what `log` says
    result = ok("log", "text", "--date", when)
    assert result.stderr == f"{echo}Logged #1 for {date.fromisoformat(day):%a} {day}.\n"
    assert days() == [day]


@pytest.mark.parametrize(
    "args",
    [
        ("entries", "--since", ""),
        ("entries", "--until", " "),
        ("entries", "--in", ""),
        ("sprint", "start", "--start", ""),
        ("sprint", "start", "--end", ""),
        ("log", "text", "--date", ""),
    ],
)
def test_an_empty_date_option_is_a_usage_error(run: Run, ok: Run, args: tuple[str, ...]) -> None:
    ok("log", "one entry")
    result = run(*args)
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert result.stdout == ""


def test_entry_edit_refuses_an_empty_date(run: Run, ok: Run) -> None:
    ok("log", "one entry")
    result = run("entry", "edit", "1", "--date", "")
    assert (result.exit_code, result.stderr) == (2, f"Error: a date is empty; {_HINT}\n")


@pytest.mark.parametrize(
    ("args", "expected", "echo"),
    [
        (("--in", "this week"), SPRINT_2, "this week = Mon 2025-11-03 – Sun 2025-11-09\n"),
        (("--in", "last week"), SPRINT_1[1:], "last week = Mon 2025-10-27 – Sun 2025-11-02\n"),
        (("--in", "june 2025"), JUNE, "june 2025 = Sun 2025-06-01 – Mon 2025-06-30\n"),
        (("--in", "2025-07"), JULY, "2025-07 = Tue 2025-07-01 – Thu 2025-07-31\n"),
        (("--in", "last month"), SPRINT_1[:1], "last month = Wed 2025-10-01 – Fri 2025-10-31\n"),
        (("--in", "this month"), SPRINT_1[1:] + SPRINT_2, "this month = Sat 2025-11-01 – "),
        (("--in", "2025"), JUNE + JULY + SPRINT_1 + SPRINT_2, "2025 = Wed 2025-01-01 – "),
        (("--in", "sprint 1"), SPRINT_1, "sprint 1 = Mon 2025-10-20 – Sun 2025-11-02\n"),
        (("--in", "this sprint"), SPRINT_2, "this sprint = Mon 2025-11-03 – Sun 2025-11-16\n"),
        (("--in", "last sprint"), SPRINT_1, "last sprint = Mon 2025-10-20 – "),
        (("--in", "yesterday"), ["2025-11-08"], "yesterday = Sat 2025-11-08\n"),
        (("--in", "2025-11-03"), ["2025-11-03"], None),
        (
            ("--since", "june 2025", "--until", "july 2025"),
            JUNE + JULY,
            "june 2025 = Sun 2025-06-01\n",
        ),
        (("--until", "june 2025"), JUNE, "june 2025 = Mon 2025-06-30\n"),
        (("--since", "this sprint"), SPRINT_2, "this sprint = Mon 2025-11-03\n"),
        (("--since", "a week ago"), SPRINT_1[2:] + SPRINT_2, "a week ago = Sun 2025-11-02\n"),
        (("--since", "2025-11-08"), SPRINT_2[1:], None),
        # --in with --since/--until: the days all of them allow
        (("--in", "sprint 1", "--since", "2025-11-01"), SPRINT_1[1:], "sprint 1 = "),
        (("--in", "2025", "--until", "2025-07-01"), JUNE + JULY, "2025 = "),
        (("--in", "this sprint", "--until", "2025-11-08"), SPRINT_2[:2], "this sprint = "),
    ],
)
def test_entries_in_a_range(
    ok: Run,
    history: None,
    days: Callable,
    args: tuple[str, ...],
    expected: list[str],
    echo: str | None,
) -> None:
    assert days(*args) == expected
    result = ok("entries", *args)
    if echo is None:
        assert result.stderr == ""
    else:
        assert echo in result.stderr


def test_weeks_start_on_the_week_start_setting(ok: Run, history: None, days: Callable) -> None:
    ok("config", "set", "week_start", "sunday")
    assert days("--in", "this week") == ["2025-11-09"]
    assert days("--in", "last week") == ["2025-11-02", "2025-11-03", "2025-11-08"]
    ok("config", "set", "week_start", "saturday")
    assert days("--in", "this week") == ["2025-11-08", "2025-11-09"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--in", "sprint 9"), 1, "Error: there is no sprint 9 (see `sprintlog sprint list`)\n"),
        (
            ("--in", "next sprint"),
            1,
            "Error: there is no sprint after sprint 2 (see `sprintlog sprint list`)\n",
        ),
        (("--in", "june"), 2, "Error: 'june' names no year; write it like june 2025\n"),
        (("--in", "garbage"), 2, f"Error: 'garbage' is not a date; {_HINT}\n"),
        (("--since", "24-09-03"), 2, "Error: '24-09-03' does not give the year in full"),
        (
            ("--in", "june 2025", "--since", "2025-07-01"),
            2,
            "Error: --in 'june 2025' --since '2025-07-01' leave no day: the first would be "
            "2025-07-01, after the last, 2025-06-30\n",
        ),
        (
            ("--since", "today", "--until", "yesterday"),
            2,
            "Error: --since 'today' --until 'yesterday' leave no day",
        ),
    ],
)
def test_entries_refuse_a_range_with_the_reason(
    run: Run, history: None, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run("entries", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_last_sprint_before_the_first_is_refused(run: Run, ok: Run) -> None:
    ok("sprint", "start", "--start", "2025-11-03")
    result = run("entries", "--in", "last sprint")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: there is no sprint before sprint 1 (see `sprintlog sprint list`)\n",
    )
