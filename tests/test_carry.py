"""Starting the next sprint carries what was left unfinished."""

import sqlite3
from pathlib import Path

import pytest
from helpers import Run


def goals(ok: Run, *args: str) -> list[dict]:
    return ok("goal", "list", "--json", *args).json()


def test_unfinished_work_is_carried(ok: Run, sprint: None) -> None:
    ok("goal", "add", "2", "Read", "-d", "Two surveys")
    ok("goal", "add", "4", "Code")
    ok("goal", "done", "4")
    ok("goal", "partial", "1")
    ok("goal", "done", "3a")
    ok("goal", "task", "3", "Dropped idea")
    ok("goal", "drop", "3c")
    ok("sprint", "close")
    result = ok("sprint", "start")
    assert "Carried over from sprint 1: SSJ--1, SSJ--2, SSJ--3b → SSJ--3a." in result.stderr
    carried = goals(ok, "--sprint", "2")
    assert [(g["ref"], g["title"], g["description"], g["status"]) for g in carried] == [
        ("SSJ--1", "Write", "Finish the essay draft", "open"),
        ("SSJ--2", "Read", "Two surveys", "open"),
        ("SSJ--3", "Math", None, "open"),
    ]
    assert [(t["ref"], t["text"], t["carried_from"]) for t in carried[2]["tasks"]] == [
        ("SSJ--3a", "Topoi ch.1", "SSJ--3b"),
    ]
    assert carried[0]["carried_from"] == "SSJ--1" and carried[0]["times_carried"] == 1
    before = goals(ok, "--sprint", "1")
    assert [t["status"] for t in before[2]["tasks"]] == ["done", "open", "dropped"]


def test_no_carry_starts_empty(ok: Run, sprint: None) -> None:
    result = ok("sprint", "start", "--no-carry", "--next")
    assert "Carried" not in result.stderr and "carried" not in result.stderr
    assert goals(ok, "--sprint", "2") == []


def test_the_carried_chain_is_counted(ok: Run, sprint: None) -> None:
    ok("sprint", "start", "--length", "7", "--next")
    ok("sprint", "carry", "2")
    ok("sprint", "start", "--length", "7", "--next")
    ok("sprint", "carry", "3")
    third = goals(ok, "--sprint", "3")
    task = third[1]["tasks"][0]
    assert (task["text"], task["carried_from"], task["times_carried"]) == (
        "Email two professors",
        "SSJ--3a",
        2,
    )
    listing = ok("goal", "list", "--sprint", "3").stdout
    assert "(from SSJ--3a, carried 2×)" in listing


def test_finished_sprint_carries_nothing(ok: Run, sprint: None) -> None:
    ok("goal", "done", "1")
    ok("goal", "done", "3")
    ok("sprint", "close")
    result = ok("sprint", "start")
    assert "Carried" not in result.stderr
    assert goals(ok, "--sprint", "2") == []


@pytest.mark.sqlite_only
def test_a_source_older_than_the_previous_sprint_is_named(
    ok: Run, sprint: None, journal_path: Path
) -> None:
    ok("sprint", "start", "--length", "7", "--no-carry", "--next")
    ok("sprint", "start", "--length", "7", "--no-carry", "--next")
    ok("goal", "add", "3", "Math", "-t", "Topoi again", "--sprint", "3")
    # A task picked up again after a sprint without it (set here as a later tool would).
    with sqlite3.connect(journal_path) as connection:
        connection.execute(
            "UPDATE task SET carried_from_id = (SELECT id FROM task WHERE letter = 'b' "
            "AND goal_id = (SELECT id FROM goal WHERE sprint_id = 1 AND number = 3)) "
            "WHERE goal_id = (SELECT id FROM goal WHERE sprint_id = 3)"
        )
    assert goals(ok, "--sprint", "3")[0]["tasks"][0]["carried_from"] == "SSJ--3b of sprint 1"


def test_entries_of_a_carried_task_with_its_chain(ok: Run, run: Run) -> None:
    ok("sprint", "start", "--start", "2025-03-03", "--length", "7")
    ok("goal", "add", "3", "Math", "-t", "Email", "-t", "Topoi")
    ok("log", "Topoi ch.1", "--date", "2025-03-04", "--goal", "3b")
    ok("log", "Email sent", "--date", "2025-03-05", "--goal", "3a")
    ok("goal", "done", "3a")
    result = ok("sprint", "start", "--start", "2025-03-10", "--length", "7")
    assert "Carried over from sprint 1: SSJ--3b → SSJ--3a." in result.stderr
    ok("log", "Topoi ch.2", "--date", "2025-03-11", "--goal", "3a")
    ok("sprint", "start", "--start", "2025-03-17", "--length", "7")
    ok("log", "Topoi ch.3", "--date", "2025-03-18", "--goal", "3a")

    def texts(*args: str) -> list[str]:
        return [e["text"] for e in ok("entries", "--json", "--sprint", "3", *args).json()]

    assert texts("--goal", "3a") == ["Topoi ch.3"]
    found = ok("entries", "--json", "--goal", "3a", "--sprint", "3", "--chain").json()
    assert [e["text"] for e in found] == ["Topoi ch.3"]  # --sprint still limits the days
    chained = [e["text"] for e in ok("entries", "--json", "--goal", "3a", "--chain").json()]
    assert chained == ["Topoi ch.1", "Topoi ch.2", "Topoi ch.3"]
    assert run("entries", "--chain").exit_code == 2


def test_status_shows_a_carried_tasks_whole_chain(ok: Run) -> None:
    ok("sprint", "start", "--start", "-10d", "--length", "7")
    ok("goal", "add", "3", "Math", "-t", "Topoi")
    ok("log", "Topoi ch.1", "--date", "-9d", "--goal", "3a", "--minutes", "30")
    ok("log", "Topoi ch.2", "--date", "-8d", "--goal", "3a", "--minutes", "45")
    ok("sprint", "start", "--start", "-3d", "--length", "7")
    ok("log", "Topoi ch.3", "--date", "-1d", "--goal", "3a", "--minutes", "20")
    task = ok("status", "--json").json()["goals"][0]["tasks"][0]
    assert (task["activity"]["days"], task["activity"]["minutes"]) == (1, 20)
    assert (task["chain_activity"]["days"], task["chain_activity"]["minutes"]) == (3, 95)
    assert "1 d (3 in all)" in ok("status").stdout


def test_a_second_start_while_a_sprint_runs_asks_or_needs_next(
    ok: Run, run: Run, sprint: None
) -> None:
    refused = run("sprint", "start")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: sprint 1 is still running (until ")
    assert "pass --next to plan sprint 2 after it" in refused.stderr
    assert "`sprintlog sprint close 1`" in refused.stderr
    assert len(ok("sprint", "list", "--json").json()) == 1


def test_the_next_sprint_gets_the_unfinished_work_when_the_running_one_closes(
    ok: Run, sprint: None
) -> None:
    started = ok("sprint", "start", "--next")
    assert "nothing was carried yet" in started.stderr
    assert "`sprintlog sprint carry 2`" in started.stderr
    assert goals(ok, "--sprint", "2") == []
    # The plan does not claim a carry that did not happen.
    plan = ok("render", "plan", "1").stdout
    assert "Topoi ch.1" in plan and "carried from" not in plan
    ok("goal", "done", "3a")  # still sprint 1's: done before it ends, so not carried
    closed = ok("sprint", "close", "1")
    assert "Carried over into sprint 2: SSJ--1, SSJ--3b → SSJ--3a." in closed.stderr
    assert [g["ref"] for g in goals(ok, "--sprint", "2")] == ["SSJ--1", "SSJ--3"]
    assert "Topoi ch.1 *(carried from SSJ-\\-3b)*" in ok("render", "plan", "1").stdout


def test_sprint_carry_into_an_existing_sprint_copies_nothing_twice(ok: Run, sprint: None) -> None:
    ok("sprint", "start", "--next", "--no-carry")
    ok("goal", "add", "3", "Math", "-t", "Own task", "--sprint", "2")
    first = ok("sprint", "carry", "2")
    assert first.stderr == (
        "Carried over from sprint 1 into sprint 2: SSJ--1, SSJ--3a → SSJ--3b, SSJ--3b → SSJ--3c.\n"
    )
    again = ok("sprint", "carry", "2")
    assert again.stderr.startswith("Nothing to carry: ")
    tasks = goals(ok, "--sprint", "2")[1]["tasks"]
    assert [(t["ref"], t["carried_from"]) for t in tasks] == [
        ("SSJ--3a", None),
        ("SSJ--3b", "SSJ--3a"),
        ("SSJ--3c", "SSJ--3b"),
    ]


def test_sprint_carry_into_the_first_sprint_says_what_to_do(run: Run, sprint: None) -> None:
    result = run("sprint", "carry", "1")
    assert result.exit_code == 2
    assert "`sprintlog sprint carry N`" in result.stderr


def test_sprint_rm_removes_an_empty_sprint_after_asking(ok: Run, run: Run, sprint: None) -> None:
    ok("sprint", "start", "--next")
    ok("goal", "add", "2", "Read", "--sprint", "2")
    refused = run("sprint", "rm", "2")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: no terminal to confirm on; pass --yes to remove sprint 2\n",
    )
    assert ok("sprint", "rm", "2", "--yes").stderr == "Removed sprint 2, with its 1 goals.\n"
    assert [s["number"] for s in ok("sprint", "list", "--json").json()] == [1]
    # The next start is sprint 2 again, not 3.
    assert "Started sprint 2" in ok("sprint", "start", "--next").stderr


def test_sprint_rm_keeps_what_was_written(ok: Run, run: Run, sprint: None) -> None:
    ok("log", "a day of sprint 1")
    logged = run("sprint", "rm", "1", "--yes")
    assert logged.exit_code == 1
    assert "sprint 1 has 1 entries in its days; nothing was removed" in logged.stderr
    ok("sprint", "start", "--next")
    ok("sprint", "note", "2", "An intro")
    noted = run("sprint", "rm", "2", "--yes")
    assert noted.exit_code == 1 and "sprint 2 has notes" in noted.stderr
    not_last = run("sprint", "rm", "1", "--yes")
    assert "only the latest sprint can be removed" in not_last.stderr
    assert len(ok("sprint", "list", "--json").json()) == 2
