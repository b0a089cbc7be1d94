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
        "state": "running",
        "day": 1,
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
    ok("sprint", "start", "--next")
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


def test_a_sprint_may_not_end_after_the_years_a_journal_stores(ok: Run, run: Run) -> None:
    # Found by test_exchange_built.py: such a sprint was stored, and its export could not
    # be imported back (the gate refuses a day after 2200 there).
    assert ok("sprint", "list", "--json").json() == []
    late = run("sprint", "start", "--start", "2200-12-01", "--length", "32")
    assert (late.exit_code, late.stderr) == (
        2,
        "Error: the sprint's last day 2201-01-01 is outside the years 1900 to 2200\n",
    )
    assert ok("sprint", "list", "--json").json() == []
    ok("sprint", "start", "--start", "2200-12-18", "--length", "14")
    after = run("sprint", "start")  # the day after the last one: in 2201
    assert after.exit_code == 2
    assert after.stderr.startswith("Error: the sprint's first day 2201-01-01 is outside the")
    assert [s["end"] for s in ok("sprint", "list", "--json").json()] == ["2200-12-31"]


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
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: there is no sprint 4 (see `sprintlog sprint list`)\n",
    )
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
    assert (again.exit_code, again.stderr) == (
        1,
        "Error: sprint 1 was closed already (the next one starts with `sprintlog sprint start`)\n",
    )
    ok("sprint", "start")
    assert ok("sprint", "list", "--json").json()[1]["start"] == iso(1)


def test_list_when_empty(ok: Run) -> None:
    result = ok("sprint", "list")
    assert result.stdout == ""
    assert "No sprints yet" in result.stderr
    assert ok("sprint", "list", "--json").json() == []


def _two_sprints(ok: Run) -> None:
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")  # to Sun 2025-03-16
    ok("sprint", "start", "--start", "2025-03-17", "--length", "14")  # to Sun 2025-03-30


def _dates(ok: Run) -> list[tuple[str, str, str | None]]:
    return [(s["start"], s["end"], s["title"]) for s in ok("sprint", "list", "--json").json()]


def test_edit_moves_a_sprints_dates_and_title(ok: Run) -> None:
    _two_sprints(ok)
    ok("sprint", "edit", "1", "--end", "2025-03-12")
    result = ok("sprint", "edit", "2", "--start", "2025-03-13", "--title", "Topoi")
    assert result.stderr == "Sprint 2: Topoi runs Thu 2025-03-13 – Sun 2025-03-30 (18 days).\n"
    assert _dates(ok) == [
        ("2025-03-03", "2025-03-12", None),
        ("2025-03-13", "2025-03-30", "Topoi"),
    ]
    ok("sprint", "edit", "2", "--title", "")
    assert _dates(ok)[1][2] is None


def test_edit_refuses_an_overlap_and_changes_nothing(ok: Run, run: Run) -> None:
    _two_sprints(ok)
    result = run("sprint", "edit", "1", "--end", "2025-03-20", "--title", "Longer")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: sprint 1 would overlap sprint 2 (2025-03-17 – 2025-03-30); sprints never overlap\n",
    )
    assert _dates(ok)[0] == ("2025-03-03", "2025-03-16", None)  # the title was not kept either


def test_edit_keeps_sprints_in_number_order(ok: Run, run: Run) -> None:
    _two_sprints(ok)
    result = run("sprint", "edit", "1", "--start", "2025-04-01", "--end", "2025-04-10")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: sprint 1 would come after sprint 2 (2025-03-17 – 2025-03-30); sprints are "
        "numbered in date order, so it must stay before it\n"
    )


def test_edit_refuses_to_leave_linked_entries_outside(ok: Run, run: Run) -> None:
    _two_sprints(ok)
    ok("goal", "add", "1", "Read", "--task", "Topoi ch.1", "--sprint", "1")
    ok("log", "a", "--goal", "1", "--date", "2025-03-03")
    ok("log", "b", "--goal", "1a", "--date", "2025-03-04")
    ok("log", "c", "--goal", "1", "--date", "2025-03-04")
    ok("log", "no goal: it just moves with the dates", "--date", "2025-03-05")
    result = run("sprint", "edit", "1", "--start", "2025-03-06")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 3 entries logged against sprint 1's goals would fall outside "
        "2025-03-06 – 2025-03-16: #1, #2, #3, on Mon 2025-03-03, Tue 2025-03-04 (2 entries); "
        "move them first (`sprintlog entry edit 1 --date WHEN`) or choose dates that keep them\n"
    )
    assert _dates(ok)[0] == ("2025-03-03", "2025-03-16", None)
    ok("sprint", "edit", "1", "--start", "2025-03-02", "--end", "2025-03-04")  # keeps them


def test_edit_refuses_impossible_dates(ok: Run, run: Run) -> None:
    _two_sprints(ok)
    backwards = run("sprint", "edit", "2", "--end", "2025-03-10")
    assert (backwards.exit_code, backwards.stderr) == (
        2,
        "Error: the sprint would end (2025-03-10) before it starts (2025-03-17)\n",
    )
    long = run("sprint", "edit", "2", "--end", "2026-03-18")
    assert (long.exit_code, long.stderr) == (
        2,
        "Error: a sprint is at most 366 days; 2025-03-17 to 2026-03-18 is 367\n",
    )
    assert run("sprint", "edit", "2").exit_code == 2
    assert run("sprint", "edit", "2", "--start", "2025-02-30").exit_code == 2
    missing = run("sprint", "edit", "3", "--title", "x")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "Error: there is no sprint 3 (see `sprintlog sprint list`)\n",
    )
    assert _dates(ok)[1] == ("2025-03-17", "2025-03-30", None)
    ok("sprint", "edit", "2", "--end", "2026-03-17")  # 366 days: the most there may be
