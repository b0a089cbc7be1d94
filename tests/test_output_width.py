"""Every listing at 80 and at 120 columns: no line wider, no header cut (issue 26, item 3).

A journal with long titles, long texts and every kind of row is listed by each command;
each line must fit the width (in terminal cells), and each header must be there whole,
never cut to ``Spr…`` or to a date like ``2026-12-``.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from helpers import Run

from sprintlog.cli.display.listing import cells

LONG_TITLE = "Category theory for programmers, with the Yoneda lemma done slowly and twice"
LONG_TEXT = (
    "Read chapter three of Topoi twice, drew every commuting diagram by hand and then "
    "wrote a page on why the pullback lemma matters for the exercises of next week #topoi"
)

# The command, then the headers (or words) it must show whole.
LISTINGS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("entries",), ("#", "Day", "Goals", "What I focused on", "Min")),
    (("entries", "--grep", "chapter"), ("What I focused on",)),
    (("sprint", "list"), ("#", "Dates", "Days", "State", "Title")),
    (("sprint", "show"), ("Daily log:", "What I focused on")),
    (("goal", "list"), ("SSJ--1a",)),
    (("status",), ("This week", "Streak")),
    (("streak",), ("Week of", "Days", "Target met?", "Minutes")),
    (("streak", "--calendar"), ("less",)),
    (("tags",), ("Tag", "Entries", "Days", "Min", "First", "Last")),
    (("report",), ("Week", "First", "Last", "Days", "Entries", "Min")),
    (("report", "--by", "month"), ("Month", "First", "Last")),
    (("report", "--by", "goal"), ("Goal", "Titles", "Days")),
    (("report", "--by", "task"), ("Task", "Sprint", "Text")),
    (("report", "--by", "tag"), ("Tag", "Entries")),
    (("report", "--by", "sprint"), ("Sprint", "Days", "Entries", "Carried before")),
    (("config", "list"), ("Setting", "Value", "Meaning")),
    (("read", "list"), ()),
    (("acronym", "list"), ("LA",)),
    (("break", "list"), ()),
    (("--help",), ("Commands:",)),
    (("goal", "--help"), ("its unfinished tasks", "those open")),
]


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    from sprintlog.cli.display import terminal

    def set_width(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        terminal.console.cache_clear()

    yield set_width
    terminal.console.cache_clear()


@pytest.fixture
def full_journal(ok: Run) -> None:
    ok("sprint", "start", "--start", "-30d", "--length", "14", "--title", LONG_TITLE)
    ok("goal", "add", "1", "Write", "--task", "Draft the introduction with three examples")
    ok("goal", "add", "2", "Read", "--task", "Topoi", "--task", "Sheaves in geometry")
    ok("goal", "done", "2a")
    ok("sprint", "start", "--start", "-16d", "--length", "21", "--title", LONG_TITLE)
    for days_ago in range(16):
        ok("log", LONG_TEXT, "--date", f"-{days_ago}d", "--goal", "1a", "--goal", "2", "-m", "90")
    ok("log", "短い日本語のメモと長い説明 " * 6, "--goal", "1")
    ok("read", "add", "Sheaves in Geometry and Logic: A First Introduction to Topos Theory")
    ok("acronym", "add", "LA", "Linear Algebra")
    ok("break", "add", "--", "-40d", "-35d", "exams in the long winter term of the second year")


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("args", "headers"), LISTINGS, ids=[" ".join(a) for a, _ in LISTINGS])
def test_each_listing_fits_and_keeps_its_headers(
    ok: Run, full_journal: None, columns, width: int, args: tuple[str, ...], headers: tuple
) -> None:
    columns(width)
    text = ok(*args).stdout
    assert text.strip(), args
    too_wide = [line for line in text.splitlines() if cells(line.rstrip()) > width]
    assert too_wide == []
    for header in headers:
        assert header in text, (args, header)
    assert "…  " not in text.splitlines()[0]  # no header cut short by a table
    assert not re.search(r"\d{4}-\d\d-(?!\d)", text)  # no date cut after its month
    cut = [line for line in text.splitlines() if line.endswith(("...", "…"))]
    assert [line for line in cut if not line.startswith("Usage:")] == []


def test_report_by_sprint_stacks_at_80_columns_and_is_a_table_at_160(
    ok: Run, full_journal: None, columns
) -> None:
    columns(80)
    narrow = ok("report", "--by", "sprint").stdout.splitlines()
    assert narrow[1].startswith("Sprint 1  Category theory for programmers")
    assert any(line.strip().startswith("First ") and " Last " in line for line in narrow)
    columns(160)
    wide = ok("report", "--by", "sprint").stdout.splitlines()
    assert wide[1].split() == [
        "Sprint",
        "Title",
        "First",
        "Last",
        "Days",
        "Entries",
        "Min",
        "Plan",
        "Done",
        "Carried",
        "Drop",
        "Defer",
        "Open",
        "Carried",
        "before",
    ]


def test_config_list_is_a_line_or_two_a_setting(ok: Run, columns) -> None:
    columns(80)
    lines = ok("config", "list").stdout.splitlines()
    settings = len(ok("config", "list", "--json").json())
    assert len(lines) <= 2 + settings * 1.7  # ~40 lines before
    assert lines[1].split()[:3] == ["prefix", "SSJ", "(default)"]
    ok("config", "set", "prefix", "ABC")
    assert ok("config", "list").stdout.splitlines()[1].split()[:3] == ["prefix", "ABC", "what"]


def test_status_first_line_does_not_wrap(ok: Run, full_journal: None, columns) -> None:
    columns(80)
    lines = ok("status").stdout.splitlines()
    assert lines[0].startswith("Sprint 2: Category theory for programmers")
    assert cells(lines[0]) <= 80
    assert lines[1] == "twice"  # the title goes on, by words
    assert " – " in lines[2] and "day 17 of 21, 4 days left" in lines[2]
    columns(200)
    assert "day 17 of 21" in ok("status").stdout.splitlines()[0]


def test_the_calendar_names_this_month_and_leaves_the_rest_of_the_week_blank(
    ok: Run, columns
) -> None:
    from datetime import date

    columns(80)
    ok("log", "today")
    text = ok("streak", "--calendar").stdout.splitlines()
    today = date.today()
    assert today.strftime("%b") in text[0].split()[-1:] + text[0].split()[-2:]
    rows = text[1:8]
    for weekday in range(today.weekday() + 1, 7):  # weeks start on Monday
        assert rows[weekday][3 + 52] == " "  # not a miss: it has not happened yet
    assert rows[today.weekday()][3 + 52] != " "
    assert f"to {today.isoformat()}" in text[-1]


def test_the_first_partial_week_of_the_streak_table_is_labelled(ok: Run) -> None:
    from datetime import date, timedelta

    today = date.today()
    start = today - timedelta(days=today.weekday()) - timedelta(days=7 - 4)  # last Friday
    ok("log", "first day", "--date", start.isoformat())
    rows = ok("streak").stdout.split("Week of")[1].splitlines()
    assert "(3-day week)" in rows[1]  # Friday to Sunday
    assert "-day week" not in rows[2]
