"""Study breaks: the streak across them, prorated targets, and the break commands."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.errors import Conflict, UsageError
from sprintlog.models import Entry, StudyBreak
from sprintlog.rules import break_days
from sprintlog.rules.break_days import Breaks, Span
from sprintlog.rules.setting_specs import Settings
from sprintlog.rules.weeks import Weeks, prorated_target
from sprintlog.services import streaks
from sprintlog.storage.journal import Journal, open_journal
from sprintlog.storage.location import locate

W1 = date(2026, 11, 2)  # a Monday; W2, W3, W4 are the Mondays after it
W2, W3, W4 = (W1 + timedelta(days=7 * n) for n in (1, 2, 3))


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=n) for n in range(count)]


@pytest.fixture
def journal_db(journal) -> Iterator[Journal]:
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    yield opened
    opened.close()


@pytest.fixture
def history(journal_db: Journal) -> Callable[..., None]:
    """Entries on ``studied`` days and breaks (first, last, reason)."""

    def store(studied: list[date], breaks: list[tuple[date, date, str]] = ()) -> None:
        with journal_db.transaction(write=True) as session:
            for day in studied:
                session.add(Entry(day=day, text=f"studied {day}"))
            for first, last, reason in breaks:
                session.add(StudyBreak(start_day=first, end_day=last, reason=reason))

    return store


@pytest.fixture
def report(journal_db: Journal) -> Callable[[date], streaks.StreakReport]:
    def compute(today: date) -> streaks.StreakReport:
        with journal_db.reading(write=False) as reader:
            config = Settings("SSJ", 5, 4, "monday", 14)
            return streaks.report(reader, settings=config, today=today, recent_weeks=8)

    return compute


def test_a_week_wholly_on_a_break_is_neutral_and_the_streak_runs_across_it(history, report) -> None:
    # A met week, a break week (nothing logged), a met week: a streak of 2.
    history(days(W1, 4) + days(W3, 4), [(W2, W2 + timedelta(days=6), "exams")])
    result = report(W3 + timedelta(days=3))
    assert result.current == streaks.Streak(2, W1, W3 + timedelta(days=6))
    assert result.longest == result.current
    assert [(week.start, week.neutral) for week in result.recent] == [
        (W1, False),
        (W2, True),
        (W3, False),
    ]


def test_without_the_break_the_empty_week_breaks_the_streak(history, report) -> None:
    history(days(W1, 4) + days(W3, 4))
    assert report(W3 + timedelta(days=3)).current == streaks.Streak(1, W3, W3 + timedelta(days=6))


def test_a_half_break_week_has_a_prorated_target(history, report) -> None:
    # Monday to Wednesday on a break: 4 days counted, a target of round(4 * 4 / 7) = 2.
    history([*days(W1, 4), W2 + timedelta(days=3), W2 + timedelta(days=5), *days(W3, 4)])
    before = report(W3 + timedelta(days=3))
    assert before.current is not None and before.current.weeks == 1  # W2: 2 of 4, missed
    history([], [(W2, W2 + timedelta(days=2), "travel")])
    after = report(W3 + timedelta(days=3))
    assert prorated_target(4, 4) == 2
    assert after.current == streaks.Streak(3, W1, W3 + timedelta(days=6))
    assert [(week.counted, week.off) for week in after.recent] == [(7, 0), (4, 3), (7, 0)]


def test_a_day_logged_on_a_break_counts(history, report) -> None:
    history([W2, W2 + timedelta(days=4)], [(W2, W2 + timedelta(days=2), "travel")])
    this_week = report(W2 + timedelta(days=4)).this_week
    assert (this_week.target, len(this_week.studied), this_week.met) == (2, 2, True)


def test_this_week_on_a_break_keeps_the_streak_and_says_so(history, report) -> None:
    history(days(W1, 4), [(W2, W2 + timedelta(days=9), "holiday")])
    result = report(W2 + timedelta(days=6))  # Sunday of the break week: nothing logged
    assert result.this_week.neutral and not result.this_week.met
    assert result.current == streaks.Streak(1, W1, W1 + timedelta(days=6))
    assert result.on_break == Span(1, W2, W2 + timedelta(days=9), "holiday")
    # The next week is 3 days on the break: 4 counted, a target of 2.
    later = report(W3 + timedelta(days=3))
    assert (later.this_week.target, later.this_week.off) == (2, 3)
    assert later.current is not None and later.current.weeks == 1  # still possible


def test_neutral_weeks_and_the_summary_line() -> None:
    breaks = Breaks((Span(1, W1 + timedelta(days=3), W3, "exams"), Span(2, W4, W4, None)))
    assert break_days.neutral_weeks(breaks, Weeks("monday"), since=W1, until=W4) == {
        Weeks("monday").number(W2)
    }
    assert breaks.summary(W3, W4 + timedelta(days=6)) == "2 days on a break: exams"
    assert breaks.summary(W4, W4) == "1 day on a break"
    assert breaks.summary(W4 + timedelta(days=1), W4 + timedelta(days=3)) is None


def test_checked_new_refuses_backwards_too_long_and_overlapping() -> None:
    with pytest.raises(UsageError, match="before it starts"):
        break_days.checked_new(W2, W1, [])
    with pytest.raises(UsageError, match="more than a year"):
        break_days.checked_new(W1, W1 + timedelta(days=366), [])
    break_days.checked_new(W1, W1 + timedelta(days=365), [])  # 366 days: allowed
    with pytest.raises(Conflict, match="overlaps break #3 \\(exams\\)"):
        break_days.checked_new(W2, W3, [Span(3, W3, W4, "exams")])


def test_break_commands(ok: Run, run: Run) -> None:
    added = ok("break", "add", "2025-06-02", "2025-06-13", "exams")
    assert "Added break #1 Mon 2025-06-02 – Fri 2025-06-13 (12 days): exams." in added.stderr
    future = date.today() + timedelta(days=30)
    ok("break", "add", future.isoformat(), (future + timedelta(days=1)).isoformat())
    overlap = run("break", "add", "2025-06-13", "2025-06-20")
    assert (overlap.exit_code, overlap.stderr.splitlines()) == (
        1,
        [
            "Error: it overlaps break #1 (exams), 2025-06-02 – 2025-06-13:"
            " change or remove that one first (break rm 1)"
        ],
    )
    backwards = run("break", "add", "2025-07-02", "2025-07-01")
    assert backwards.exit_code == 2 and "before it starts" in backwards.stderr
    too_long = run("break", "add", "2025-01-01", "2026-01-02")
    assert too_long.exit_code == 2 and "more than a year" in too_long.stderr
    listed = ok("break", "list", "--json").json()
    assert [(b["id"], b["start"], b["days"], b["reason"]) for b in listed] == [
        (1, "2025-06-02", 12, "exams"),
        (2, future.isoformat(), 2, None),
    ]
    assert "#1 Mon 2025-06-02 – Fri 2025-06-13 (12 days): exams" in ok("break", "list").stdout
    assert "Removed break #2." in ok("break", "rm", "2", "--yes").stderr
    missing = run("break", "rm", "2", "--yes")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "Error: there is no break #2 (see: sprintlog break list)\n",
    )


def test_status_and_streak_say_when_you_are_on_a_break(ok: Run) -> None:
    today = date.today()
    ok("break", "add", (today - timedelta(days=1)).isoformat(), today.isoformat(), "flu")
    line = f"On a break until {today.strftime('%a')} {today.isoformat()}: flu."
    assert line in ok("status").stdout
    assert line in ok("streak").stdout
    weekday = Weeks("monday").labels()[today.weekday()]
    assert f"{weekday} ~" in ok("status").stdout  # today: a break day, nothing logged
    assert ok("status", "--json").json()["on_break"]["reason"] == "flu"
    calendar = ok("streak", "--calendar").stdout
    assert "~ on a break" in calendar
    assert today.isoformat() in ok("streak", "--calendar", "--json").json()["break_days"]


def test_sprint_show_and_the_post_mention_the_breaks(ok: Run) -> None:
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("log", "day one", "--date", "2025-03-03")
    ok("break", "add", "2025-03-10", "2025-03-11", "exams")
    shown = ok("sprint", "show", "1", "--json").json()["adherence"]
    assert shown["on_break"] == "2 days on a break: exams"
    assert [week["days_on_break"] for week in shown["weeks"]] == [0, 2]
    assert [week["target"] for week in shown["weeks"]] == [4, 3]  # 5 days counted: round(20/7)
    post = ok("render", "review", "1").stdout
    assert "Studied on 1 of 14 days (2 days on a break: exams)." in post
