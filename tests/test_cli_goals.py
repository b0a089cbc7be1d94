import pytest
from helpers import Run


def test_add_and_list(ok: Run, sprint: None) -> None:
    goals = ok("goal", "list", "--json").json()
    assert goals == [
        {
            "ref": "SSJ--1",
            "number": 1,
            "title": "Write",
            "description": "Finish the essay draft",
            "status": "open",
            "outcome": None,
            "carried_from": None,
            "times_carried": 0,
            "tasks": [],
        },
        {
            "ref": "SSJ--3",
            "number": 3,
            "title": "Math",
            "description": None,
            "status": "open",
            "outcome": None,
            "carried_from": None,
            "times_carried": 0,
            "tasks": [
                {
                    "ref": "SSJ--3a",
                    "letter": "a",
                    "text": "Email two professors",
                    "description": None,
                    "status": "open",
                    "outcome": None,
                    "carried_from": None,
                    "times_carried": 0,
                },
                {
                    "ref": "SSJ--3b",
                    "letter": "b",
                    "text": "Topoi ch.1",
                    "description": None,
                    "status": "open",
                    "outcome": None,
                    "carried_from": None,
                    "times_carried": 0,
                },
            ],
        },
    ]
    table = ok("goal", "list").stdout
    assert "SSJ--3b" in table and "Topoi ch.1" in table


def test_add_needs_a_sprint(run: Run) -> None:
    result = run("goal", "add", "1", "Write")
    assert result.exit_code == 1
    assert "there is no sprint yet" in result.stderr


@pytest.mark.parametrize("number", ["0", "6"])
def test_goal_numbers_stay_within_max_goals(run: Run, sprint: None, number: str) -> None:
    result = run("goal", "add", number, "Extra")
    assert (result.exit_code, result.stderr) == (2, "Error: goal numbers run from 1 to 5\n")


def test_max_goals_setting(ok: Run, run: Run, sprint: None) -> None:
    ok("config", "set", "max_goals", "7")
    ok("goal", "add", "7", "Seventh")
    lowered = run("config", "set", "max_goals", "4")
    assert lowered.exit_code == 1
    assert "the journal has goals numbered 7" in lowered.stderr


def test_taken_number(run: Run, sprint: None) -> None:
    result = run("goal", "add", "3", "Again")
    assert result.exit_code == 1
    assert "sprint 1 has a goal SSJ--3 already (Math)" in result.stderr


def test_task_letters_continue_and_gaps_stay(ok: Run, sprint: None) -> None:
    ok("goal", "task", "3", "Exercises 1.1-1.5")
    ok("goal", "rm", "3b", "--yes")
    ok("goal", "task", "SSJ--3", "Chapter 2")
    letters = [t["letter"] for t in ok("goal", "list", "--json").json()[1]["tasks"]]
    assert letters == ["a", "c", "d"]


def test_task_of_a_task_is_refused(run: Run, sprint: None) -> None:
    result = run("goal", "task", "3a", "x")
    assert result.exit_code == 2
    assert "is a task; give the goal" in result.stderr


def test_edit_title_text_and_description(ok: Run, run: Run, sprint: None) -> None:
    ok("goal", "edit", "1", "Writing")
    ok("goal", "edit", "1", "--description", "Second draft")
    ok("goal", "edit", "3b", "Topoi ch.1 and ch.2")
    goals = ok("goal", "list", "--json").json()
    assert (goals[0]["title"], goals[0]["description"]) == ("Writing", "Second draft")
    assert goals[1]["tasks"][1]["text"] == "Topoi ch.1 and ch.2"
    assert run("goal", "edit", "1").exit_code == 2
    ok("goal", "edit", "3a", "--description", "Places to start:\n\n- the syllabus\n  - ch.1\n")
    ok("goal", "task", "3", "Read the notes", "--description", "Start with *lecture 1*.")
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [task["description"] for task in tasks] == [
        "Places to start:\n\n- the syllabus\n  - ch.1",
        None,
        "Start with *lecture 1*.",
    ]
    ok("goal", "edit", "3a", "--description", "")
    assert ok("goal", "list", "--json").json()[1]["tasks"][0]["description"] is None


def test_status_changes_and_derived_status(ok: Run, sprint: None) -> None:
    ok("goal", "done", "1")
    ok("goal", "partial", "3a")
    goals = ok("goal", "list", "--json").json()
    assert [g["status"] for g in goals] == ["done", "partial"]
    ok("goal", "drop", "3b")
    ok("goal", "done", "3a")
    # "done" means every task done: one dropped leaves the goal partial.
    assert ok("goal", "list", "--json").json()[1]["status"] == "partial"
    ok("goal", "done", "3b")
    assert ok("goal", "list", "--json").json()[1]["status"] == "done"
    ok("goal", "reopen", "3")
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [t["status"] for t in tasks] == ["open", "open"]


def test_done_on_a_goal_with_tasks_keeps_dropped_tasks(ok: Run, sprint: None) -> None:
    ok("goal", "drop", "3a")
    result = ok("goal", "done", "3")
    assert result.stderr == "Marked the tasks of SSJ--3 done (b).\n"
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [t["status"] for t in tasks] == ["dropped", "done"]


def test_defer_is_not_done_and_not_carried(ok: Run, sprint: None) -> None:
    ok("goal", "done", "3a")
    assert ok("goal", "defer", "3").stderr == "Marked the tasks of SSJ--3 deferred (b).\n"
    assert ok("goal", "list", "--json").json()[1]["status"] == "partial"
    ok("goal", "defer", "1")
    ok("goal", "reopen", "3a")
    ok("goal", "drop", "3a")
    assert [g["status"] for g in ok("goal", "list", "--json").json()] == [
        "deferred",
        "deferred",
    ]
    assert "deferred" in ok("goal", "list").stdout
    ok("sprint", "close")
    ok("sprint", "start")
    assert ok("goal", "list", "--sprint", "2", "--json").json() == []


def test_a_goal_without_a_title(ok: Run, run: Run, sprint: None) -> None:
    assert ok("goal", "add", "2", "--task", "Read ch.1").stderr == (
        "Added SSJ--2 to sprint 1 with task a.\n"
    )
    ok("goal", "add", "4", "", "-t", "One", "-t", "Two")
    assert [g["title"] for g in ok("goal", "list", "--json").json()] == ["Write", "", "Math", ""]
    assert run("goal", "add", "5").exit_code == 2  # nothing at all is not a goal
    assert run("goal", "add", "5", "  ").exit_code == 2


def test_partial_on_a_goal_with_tasks_is_refused(run: Run, sprint: None) -> None:
    result = run("goal", "partial", "3")
    assert result.exit_code == 2
    assert "mark one of them partial" in result.stderr


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("3z", "SSJ--3z does not exist in sprint 1 (its tasks: a, b)"),
        ("2", "sprint 1 has no goal SSJ--2"),
        ("٣", "'٣' is not a goal reference"),
        ("1_0", "'1_0' is not a goal reference"),
        ("99999999999999999999", "goal numbers run from 1 to 5"),
    ],
)
def test_unknown_references_are_usage_errors(
    run: Run, sprint: None, ref: str, message: str
) -> None:
    result = run("goal", "done", ref)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_rm_asks_and_refuses_without_a_terminal(ok: Run, run: Run, sprint: None) -> None:
    result = run("goal", "rm", "3", input="y\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: no terminal to confirm on; pass --yes to remove SSJ--3\n"
    assert len(ok("goal", "list", "--json").json()) == 2


def test_rm_goal_keeps_its_entries(ok: Run, sprint: None, db) -> None:
    ok("log", "Emailed Prof. K", "--goal", "3a")
    result = ok("goal", "rm", "SSJ--3", "--yes")
    assert result.stderr == "Removed SSJ--3; 1 entries that named it are kept.\n"
    assert [g["ref"] for g in ok("goal", "list", "--json").json()] == ["SSJ--1"]
    entries = ok("entries", "--json").json()
    assert [(e["text"], e["goals"]) for e in entries] == [("Emailed Prof. K", [])]
    assert db("SELECT count(*) FROM task") == [(0,)]


def test_goals_of_another_sprint(ok: Run) -> None:
    ok("sprint", "start", "--start", "2026-01-01", "--length", "7")
    ok("goal", "add", "2", "Read")
    ok("sprint", "start", "--start", "2026-01-08", "--length", "7", "--no-carry")
    ok("goal", "add", "2", "Read more", "--sprint", "2")
    assert ok("goal", "list", "--sprint", "1", "--json").json()[0]["title"] == "Read"
    assert ok("goal", "list", "-s", "2", "--json").json()[0]["title"] == "Read more"


def test_reopen_restores_what_a_goal_drop_changed(ok: Run, sprint: None) -> None:
    ok("goal", "task", "3", "Exercises")
    ok("goal", "task", "3", "Slides")
    ok("goal", "partial", "3a")
    ok("goal", "defer", "3b")
    ok("goal", "done", "3c")
    assert ok("goal", "drop", "3").stderr == "Marked the tasks of SSJ--3 dropped (a, b, d).\n"
    assert ok("goal", "reopen", "3").stderr == "Marked the tasks of SSJ--3 open (a, b, d).\n"
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [t["status"] for t in tasks] == ["partial", "deferred", "done", "open"]
    # Nothing is remembered any more: a second reopen reopens every task.
    ok("goal", "reopen", "3")
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [t["status"] for t in tasks] == ["open", "open", "open", "open"]


def test_reopen_restores_a_goal_without_tasks(ok: Run, sprint: None) -> None:
    ok("goal", "partial", "1")
    ok("goal", "defer", "1")
    ok("goal", "reopen", "1")
    assert ok("goal", "list", "--json").json()[0]["status"] == "partial"
    ok("goal", "reopen", "1")
    assert ok("goal", "list", "--json").json()[0]["status"] == "open"


def test_reopen_of_one_task_after_a_goal_done(ok: Run, sprint: None) -> None:
    ok("goal", "partial", "3a")
    ok("goal", "done", "3")
    ok("goal", "reopen", "3a")
    tasks = ok("goal", "list", "--json").json()[1]["tasks"]
    assert [t["status"] for t in tasks] == ["partial", "done"]


def test_renumber_moves_a_goal_with_its_tasks_links_and_identity(
    ok: Run, run: Run, sprint: None
) -> None:
    ok("log", "Emailed Prof. K", "--goal", "3a")
    before = ok("export").json()["sprints"][0]["goals"][1]
    result = ok("goal", "renumber", "SSJ--3", "4")
    assert result.stderr == "Renumbered SSJ--3 to SSJ--4.\n"
    goals = ok("goal", "list", "--json").json()
    assert [(g["ref"], g["title"]) for g in goals] == [("SSJ--1", "Write"), ("SSJ--4", "Math")]
    assert [e["goals"] for e in ok("entries", "--json").json()] == [["SSJ--4a"]]
    after = ok("export").json()["sprints"][0]["goals"][1]
    assert after["uuid"] == before["uuid"] and after["number"] == 4
    assert [t["uuid"] for t in after["tasks"]] == [t["uuid"] for t in before["tasks"]]
    assert after["updated_at"] > before["updated_at"]  # a merge sees it changed here
    again = ok("goal", "renumber", "4", "4")
    assert again.stderr == "SSJ--4 is that already; nothing changed.\n"
    assert ok("export").json()["sprints"][0]["goals"][1]["updated_at"] == after["updated_at"]


def test_renumber_a_task_gives_it_another_letter(ok: Run, sprint: None) -> None:
    ok("log", "Topoi", "--goal", "3b")
    assert ok("goal", "renumber", "3b", "D").stderr == "Renumbered SSJ--3b to SSJ--3d.\n"
    assert [e["goals"] for e in ok("entries", "--json").json()] == [["SSJ--3d"]]
    tasks = ok("export").json()["sprints"][0]["goals"][1]["tasks"]
    assert [(t["letter"], t["text"]) for t in tasks] == [
        ("a", "Email two professors"),
        ("d", "Topoi ch.1"),
    ]


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (("3", "1"), 1, "Error: SSJ--1 is taken (Write); renumber or remove it first\n"),
        (("3b", "a"), 1, "Error: SSJ--3a is taken (Email two professors); renumber it first\n"),
        (("3", "6"), 2, "Error: '6' is not a goal number: they run from 1 to 5\n"),
        (("3", "٣"), 2, "Error: '٣' is not a goal number: they run from 1 to 5\n"),
        (("3", "c"), 2, "Error: 'c' is not a goal number: they run from 1 to 5\n"),
        (("3a", "3"), 2, "Error: '3' is not a task letter: give one from a to z\n"),
        (("3a", "é"), 2, "Error: 'é' is not a task letter: give one from a to z\n"),
    ],
)
def test_renumber_refuses_a_place_in_use_or_out_of_range(
    ok: Run, run: Run, sprint: None, args: tuple, code: int, error: str
) -> None:
    before = ok("export").json()["sprints"]
    result = run("goal", "renumber", *args)
    assert (result.exit_code, result.stderr) == (code, error)
    assert ok("export").json()["sprints"] == before
