"""streak, status and sprint adherence from the command line (today is the real today)."""

from datetime import date, timedelta

from helpers import Run

from sprintlog.rules.weeks import Weeks

TODAY = date.today()
WEEKS = Weeks("monday")
THIS_WEEK = WEEKS.number(TODAY)


def monday(weeks_ago: int) -> date:
    return WEEKS.start(THIS_WEEK - weeks_ago)


def log_days(ok: Run, *days: date, minutes: str | None = None) -> None:
    for day in days:
        extra = ["--minutes", minutes] if minutes else []
        ok("log", f"studied {day}", "--date", day.isoformat(), *extra)


def test_streak_on_an_empty_journal(ok: Run) -> None:
    data = ok("streak", "--json").json()
    assert data["this_week"]["days"] == 0
    assert data["current_streak"] == {"weeks": 0, "start": None, "end": None}
    assert data["longest_streak"]["weeks"] == 0
    assert len(data["weeks"]) == 1  # this week only: nothing before it was logged
    text = ok("streak").stdout
    assert "Mo · Tu · We · Th · Fr · Sa · Su ·" in text
    assert "0 of 4 days" in text and "Longest streak: none yet" in text


def test_streak_counts_weeks_that_met_the_target(ok: Run) -> None:
    for weeks_ago in (3, 2, 1):
        first = monday(weeks_ago)
        log_days(
            ok,
            first,
            first + timedelta(days=2),
            first + timedelta(days=4),
            first + timedelta(days=6),
            minutes="30",
        )
    data = ok("streak", "--json", "--weeks", "4").json()
    assert [week["met"] for week in data["weeks"]] == [True, True, True, data["this_week"]["met"]]
    assert [week["minutes"] for week in data["weeks"][:3]] == [120, 120, 120]
    if data["this_week"]["possible"]:
        assert data["current_streak"]["weeks"] == 3
    assert data["longest_streak"] == {
        "weeks": 3,
        "start": monday(3).isoformat(),
        "end": (monday(0) - timedelta(days=1)).isoformat(),
    }
    text = ok("streak", "--weeks", "4").stdout
    assert "Longest streak: 3 weeks" in text
    assert "\x1b" not in text  # piped: no terminal codes


def test_this_week_dots_follow_week_start(ok: Run) -> None:
    ok("config", "set", "week_start", "sunday")
    ok("log", "today")
    data = ok("streak", "--json").json()
    assert date.fromisoformat(data["this_week"]["start"]).weekday() == 6
    assert ok("streak").stdout.splitlines()[1].strip().startswith("Su")


def test_calendar(ok: Run) -> None:
    log_days(ok, TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=30), minutes="45")
    ok("log", "again", "--minutes", "15")
    text = ok("streak", "--calendar").stdout
    lines = text.splitlines()
    assert [line[:2] for line in lines[1:8]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert all(len(line) <= 80 for line in lines)
    assert "3 study days" in text and "\x1b" not in text
    data = ok("streak", "--calendar", "--json").json()
    assert data["days"][-1] == {"day": TODAY.isoformat(), "entries": 2, "minutes": 60}
    assert ok("streak", "--calendar", "--by", "minutes").exit_code == 0


def test_status_without_a_sprint(ok: Run) -> None:
    result = ok("status")
    assert "No sprint is running today. Start one with: sprintlog sprint start" in result.stdout
    assert "Nothing logged today" in result.stderr
    assert ok("status", "--json").json()["sprint"] is None


def test_status_with_a_sprint(ok: Run, sprint: None) -> None:
    ok(
        "log",
        "Emailed Prof. K",
        "--goal",
        "3a",
        "--goal",
        "3b",
        "--minutes",
        "20",
        "--date",
        "yesterday",
    )
    ok("log", "Topoi", "--goal", "3b", "--minutes", "40")
    result = ok("status")
    assert "Sprint 1" in result.stdout and "day 4 of 14, 10 days left" in result.stdout
    assert "Nothing logged today" not in result.stderr
    data = ok("status", "--json").json()
    assert (data["sprint"]["day"], data["sprint"]["days_left"]) == (4, 10)
    math = data["goals"][1]
    assert math["activity"] == {"days": 2, "minutes": 60, "last": TODAY.isoformat()}
    assert [task["activity"]["days"] for task in math["tasks"]] == [1, 2]
    assert math["tasks"][1]["activity"]["minutes"] == 60
    assert data["goals"][0]["activity"] == {"days": 0, "minutes": None, "last": None}
    assert data["logged_today"] is True
    assert data["this_week"]["days"] >= 1


def test_sprint_show_includes_prorated_adherence(ok: Run) -> None:
    start = monday(3) + timedelta(days=2)  # a Wednesday three weeks ago: a partial first week
    ok("sprint", "start", "--start", start.isoformat(), "--length", "14")
    log_days(ok, start, start + timedelta(days=1), start + timedelta(days=2))
    data = ok("sprint", "show", "--json").json()["adherence"]
    first = data["weeks"][0]
    assert (first["partial"], first["target"], first["days"], first["met"]) == (True, 3, 3, True)
    assert data["weeks"][-1]["partial"] is True
    assert data["weeks_counted"] == len(data["weeks"])  # the sprint is over
    text = ok("sprint", "show").stdout
    assert "3 of 3 days (5-day week) · target met" in text


def test_progress_wording() -> None:
    from sprintlog.cli.display.charts import week_progress
    from sprintlog.services.streaks import ThisWeek

    monday = date(2026, 11, 16)
    days = [monday + timedelta(days=n) for n in range(7)]

    def week(studied: int, left: int) -> str:
        return week_progress(ThisWeek(days[0], days[6], days[:studied], 4, left))

    assert week(4, 3) == "4 of 4 days · target met"
    assert week(3, 3) == "3 of 4 days · 1 more day needed, 3 days left"
    assert week(1, 2) == "1 of 4 days · 3 more needed, only 2 days left"
    assert week(2, 0) == "2 of 4 days · target missed this week"


def test_the_running_week_row_says_missed_once_the_target_is_out_of_reach() -> None:
    from rich.console import Console

    from sprintlog.cli.display.charts import weeks_table
    from sprintlog.services.streaks import StreakReport, ThisWeek, WeekStat

    monday = date(2026, 11, 16)
    sunday = monday + timedelta(days=6)

    def row(days_left: int) -> str:
        studied = [sunday - timedelta(days=1), sunday]
        report = StreakReport(
            today=sunday,
            target=4,
            week_start="monday",
            this_week=ThisWeek(monday, sunday, studied, 4, days_left),
            current=None,
            longest=None,
            recent=[WeekStat(WEEKS.number(monday), monday, 2, 2, None)],
        )
        console = Console(width=80, no_color=True)
        with console.capture() as captured:
            console.print(weeks_table(report))
        return captured.get().splitlines()[-1]

    assert "missed" in row(days_left=0)  # Sunday, 2 of 4: it can no longer be met
    assert "in progress" in row(days_left=2)
