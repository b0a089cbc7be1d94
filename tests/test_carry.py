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
    result = ok("sprint", "start", "--no-carry")
    assert "Carried" not in result.stderr
    assert goals(ok, "--sprint", "2") == []


def test_the_carried_chain_is_counted(ok: Run, sprint: None) -> None:
    ok("sprint", "start", "--length", "7")
    ok("sprint", "start", "--length", "7")
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
    result = ok("sprint", "start")
    assert "Carried" not in result.stderr
    assert goals(ok, "--sprint", "2") == []


@pytest.mark.sqlite_only
def test_a_source_older_than_the_previous_sprint_is_named(
    ok: Run, sprint: None, journal_path: Path
) -> None:
    ok("sprint", "start", "--length", "7", "--no-carry")
    ok("sprint", "start", "--length", "7", "--no-carry")
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
