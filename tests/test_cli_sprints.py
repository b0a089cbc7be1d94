from datetime import date, timedelta

from helpers import Run

TODAY = date.today()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def test_start_defaults_to_today_and_the_length_setting(ok: Run) -> None:
    result = ok("sprint", "start")
    assert f"Started sprint 1: {TODAY:%a} {iso(0)}" in result.stderr
    assert "(14 days)" in result.stderr
    assert result.stdout == ""
    [sprint] = ok("sprint", "list", "--json").json()
    assert sprint == {
        "number": 1,
        "title": None,
        "start": iso(0),
        "end": iso(13),
        "days": 14,
        "state": "day",
        "closed_at": None,
    }


def test_length_end_and_title(ok: Run, run: Run) -> None:
    ok("config", "set", "sprint_length", "7")
    ok("sprint", "start", "--start", "2026-01-05", "--title", "Categories 🐙")
    ok("sprint", "start", "--start", "2026-01-12", "--end", "2026-01-31")
    ok("sprint", "start", "--length", "3", "--start", "2026-02-01")
    sprints = ok("sprint", "list", "--json").json()
    assert [(s["start"], s["end"], s["title"]) for s in sprints] == [
        ("2026-01-05", "2026-01-11", "Categories 🐙"),
        ("2026-01-12", "2026-01-31", None),
        ("2026-02-01", "2026-02-03", None),
    ]
    both = run("sprint", "start", "--start", "2026-03-01", "--length", "3", "--end", "2026-03-09")
    assert both.exit_code == 2
    assert both.stderr == "Error: give either --length or --end, not both\n"


def test_sprints_may_not_overlap(ok: Run, run: Run) -> None:
    ok("sprint", "start", "--start", "2026-01-01", "--length", "14")
    result = run("sprint", "start", "--start", "2026-01-10")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: sprint 1 runs until 2026-01-14; a new sprint must start"
    )
    assert len(ok("sprint", "list", "--json").json()) == 1


def test_next_sprint_defaults_to_the_day_after_a_running_one(ok: Run) -> None:
    ok("sprint", "start", "--length", "14")
    ok("sprint", "start")
    second = ok("sprint", "list", "--json").json()[1]
    assert second["start"] == iso(14)


def test_end_before_start_is_refused(run: Run) -> None:
    result = run("sprint", "start", "--start", "2026-01-10", "--end", "2026-01-01")
    assert result.exit_code == 2
    assert "before it starts" in result.stderr


def test_bad_dates_are_usage_errors(run: Run) -> None:
    result = run("sprint", "start", "--start", "2024-02-30")
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: '2024-02-30' is not a valid date: day is out of range for month\n"
    )


def test_show_lists_goals_tasks_and_entries(ok: Run, sprint: None) -> None:
    ok("log", "Topoi ch.1 [bold]not markup[/bold]", "--goal", "3b")
    ok("goal", "done", "3a")
    shown = ok("sprint", "show").stdout
    assert "Sprint 1" in shown
    assert "SSJ--1" in shown and "Write: Finish the essay draft" in shown
    assert "SSJ--3a" in shown and "done" in shown
    assert "[bold]not markup[/bold]" in shown
    data = ok("sprint", "show", "1", "--json").json()
    assert [goal["ref"] for goal in data["goals"]] == ["SSJ--1", "SSJ--3"]
    assert data["goals"][1]["status"] == "partial"
    assert [task["status"] for task in data["goals"][1]["tasks"]] == ["done", "open"]
    assert data["entries"][0]["goals"] == ["SSJ--3b"]


def test_show_unknown_sprint(ok: Run, run: Run) -> None:
    ok("sprint", "list")  # creates the journal
    result = run("sprint", "show", "4")
    assert (result.exit_code, result.stderr) == (1, "Error: there is no sprint 4\n")
    result = run("sprint", "show")
    assert result.exit_code == 1
    assert "there is no sprint yet; start one with `sprintlog sprint start`" in result.stderr


def test_close_ends_a_running_sprint_today(ok: Run, run: Run) -> None:
    ok("sprint", "start", "--start", "-2d", "--length", "10")
    result = ok("sprint", "close")
    assert result.stderr == f"Closed sprint 1; it now ends today, {iso(0)}.\n"
    data = ok("sprint", "show", "--json").json()
    assert data["end"] == iso(0) and data["closed_at"] is not None
    again = run("sprint", "close", "1")
    assert (again.exit_code, again.stderr) == (1, "Error: sprint 1 was closed already\n")
    ok("sprint", "start")
    assert ok("sprint", "list", "--json").json()[1]["start"] == iso(1)


def test_list_when_empty(ok: Run) -> None:
    result = ok("sprint", "list")
    assert result.stdout == ""
    assert "No sprints yet" in result.stderr
    assert ok("sprint", "list", "--json").json() == []
