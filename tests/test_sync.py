"""Two journals kept in step by export and import (issue 25): removals travel, one-sided
edits merge without conflicts, and both end with the same rows."""

from pathlib import Path

from exchange_docs import without_stamp
from helpers import Run


def _rows(document: dict) -> dict:
    """The document's rows; entries by uuid (an export lists them in the order each journal
    added them, and a row brought back by a conflict is added again)."""
    rows = without_stamp(document)
    return dict(rows, entries=sorted(rows["entries"], key=lambda entry: entry["uuid"]))


def _send(ok: Run, run: Run, tmp_path: Path, source: tuple, target: tuple, *extra: str):
    path = tmp_path / "sent.json"
    path.write_text(ok(*source, "export").stdout, encoding="utf-8")
    return run(*target, "import", str(path), *extra)


def test_removals_travel_and_one_sided_edits_are_no_conflicts(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    desk: tuple = ()
    laptop = ("--db", str(tmp_path / "laptop.db"))
    ok("log", "kept", "--goal", "1")
    ok("log", "removed on the desk", "--goal", "3a")
    ok("log", "edited on the laptop")
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0

    # Round 1: the desk removes an entry and a goal; the laptop edits another entry.
    ok("entry", "rm", "2", "--yes")
    ok("goal", "rm", "3", "--yes")
    ok(*laptop, "entry", "edit", "3", "--minutes", "40")
    back = _send(ok, run, tmp_path, laptop, desk)
    assert back.exit_code == 0 and "Conflicts" not in back.stdout, back.stdout
    assert "Updated (changed on their side only): 1 entry" in back.stdout
    texts = sorted(e["text"] for e in ok("entries", "--json").json())
    assert texts == ["edited on the laptop", "kept"]  # nothing came back
    assert [g["title"] for g in ok("goal", "list", "--json").json()] == ["Write"]
    there = _send(ok, run, tmp_path, desk, laptop)
    assert there.exit_code == 0 and "Removed (removed on their side)" in there.stdout
    assert _rows(ok("export").json()) == _rows(ok(*laptop, "export").json())

    # Round 2: removed on one side, edited on the other: a conflict, settled by id.
    ok("entry", "rm", "1", "--yes")
    ok(*laptop, "entry", "edit", "1", "kept, and edited")
    clash = _send(ok, run, tmp_path, laptop, desk)
    assert clash.exit_code == 1 and "removed in yours, changed in theirs" in clash.stdout
    uuid = next(e for e in ok(*laptop, "export").json()["entries"] if e["day"])["uuid"]
    assert _send(ok, run, tmp_path, laptop, desk, "--theirs", uuid[:8]).exit_code == 0
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0
    assert _rows(ok("export").json()) == _rows(ok(*laptop, "export").json())
    texts = sorted(e["text"] for e in ok("entries", "--json").json())
    assert texts == ["edited on the laptop", "kept, and edited"]

    # Again, either way: nothing changes, nothing is reported.
    for source, target in ((desk, laptop), (laptop, desk)):
        again = _send(ok, run, tmp_path, source, target)
        assert "Added: nothing" in again.stdout and "Conflicts" not in again.stdout
        assert "Updated" not in again.stdout and "Removed" not in again.stdout


# --- four rounds, both ways -------------------------------------------------------------


def _merge(ok: Run, run: Run, tmp_path: Path, source: tuple, target: tuple, *extra: str):
    """Send ``source``'s export to ``target``; a merge of one-sided changes only must say
    nothing of conflicts."""
    result = _send(ok, run, tmp_path, source, target, *extra)
    assert "Traceback" not in result.stderr
    return result


def _quiet(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Conflicts" not in result.stdout and "Replaced" not in result.stdout, result.stdout


def _entry_id(ok: Run, where: tuple, text: str) -> str:
    (found,) = [e["id"] for e in ok(*where, "entries", "--json").json() if e["text"] == text]
    return str(found)


def _uuid(ok: Run, where: tuple, text: str) -> str:
    (found,) = [e["uuid"] for e in ok(*where, "export").json()["entries"] if e["text"] == text]
    return found[:8]


def _journal(ok: Run, where: tuple) -> tuple[list, list]:
    """Its goals (reference, title, tasks) and its entries' texts, sorted."""
    goals = [
        (g["ref"], g["title"], [t["ref"] for t in g["tasks"]])
        for g in ok(*where, "goal", "list", "--json").json()
    ]
    return goals, sorted(e["text"] for e in ok(*where, "entries", "--json").json())


def _same(ok: Run, desk: tuple, laptop: tuple) -> None:
    """The two export the same rows in the same order, removals included; each row once."""
    mine, theirs = ok(*desk, "export").json(), ok(*laptop, "export").json()
    assert without_stamp(mine) == without_stamp(theirs)
    uuids = [e["uuid"] for e in mine["entries"]]
    assert len(uuids) == len(set(uuids))
    assert _journal(ok, desk) == _journal(ok, laptop)


def test_four_rounds_of_edits_removals_renumbering_and_conflicts_both_ways(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    desk: tuple = ()
    laptop = ("--db", str(tmp_path / "laptop.db"))
    for text, goal in (
        ("keep", "1"),
        ("desk removes", "3"),
        ("laptop edits", "3a"),
        ("clash", "3b"),
        ("removed vs edited", "1"),
        ("laptop removes", "3"),
    ):
        ok("log", text, "--goal", goal)
    ok("read", "add", "Topoi")
    ok("break", "add", "2024-07-01", "2024-07-07", "exams")
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0
    _same(ok, desk, laptop)

    # Round 1, one-sided changes only; laptop -> desk, then desk -> laptop.
    ok("entry", "rm", _entry_id(ok, desk, "desk removes"), "--yes")
    ok("goal", "renumber", "3", "4")
    ok("entry", "edit", _entry_id(ok, desk, "keep"), "--minutes", "30")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "laptop edits"), "laptop edited")
    ok(*laptop, "goal", "done", "3a")
    ok(*laptop, "log", "laptop new")
    ok(*laptop, "entry", "rm", _entry_id(ok, laptop, "laptop removes"), "--yes")
    back = _merge(ok, run, tmp_path, laptop, desk)
    _quiet(back)
    assert "Added: 1 entry" in back.stdout
    assert "Updated (changed on their side only): 1 task, 1 entry" in back.stdout
    assert "Removed (removed on their side): 1 entry" in back.stdout
    _quiet(_merge(ok, run, tmp_path, desk, laptop))
    _same(ok, desk, laptop)
    goals, texts = _journal(ok, laptop)
    assert goals == [("SSJ--1", "Write", []), ("SSJ--4", "Math", ["SSJ--4a", "SSJ--4b"])]
    assert texts == ["clash", "keep", "laptop edited", "laptop new", "removed vs edited"]
    assert ok("goal", "list", "--json").json()[1]["tasks"][0]["status"] == "done"

    # Round 2: edited on both sides, removed on one and edited on the other; desk first.
    ok("entry", "edit", _entry_id(ok, desk, "clash"), "clash, desk")
    ok("entry", "rm", _entry_id(ok, desk, "removed vs edited"), "--yes")
    ok("goal", "renumber", "1", "2")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "clash"), "clash, laptop")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "removed vs edited"), "--minutes", "50")
    ok(*laptop, "goal", "task", "4", "Exercises")
    ok(*laptop, "read", "done", "1")
    before = without_stamp(ok("export").json())
    clash = _merge(ok, run, tmp_path, laptop, desk)
    assert clash.exit_code == 1 and "Conflicts (2)" in clash.stdout, clash.stdout
    assert "text differs: yours 'clash, desk', theirs 'clash, laptop'" in clash.stdout
    assert "removed in yours, changed in theirs" in clash.stdout
    assert without_stamp(ok("export").json()) == before  # nothing written
    settle = ("--theirs", _uuid(ok, laptop, "clash, laptop"))
    settle += ("--mine", _uuid(ok, laptop, "removed vs edited"))
    settled = _merge(ok, run, tmp_path, laptop, desk, *settle)
    assert settled.exit_code == 0 and "Conflicts (2)" in settled.stdout, settled.stdout
    assert "Updated (changed on their side only): 1 reading item" in settled.stdout
    assert "Added: 1 task" in settled.stdout
    _quiet(_merge(ok, run, tmp_path, desk, laptop))  # settled once, never again
    _same(ok, desk, laptop)
    goals, texts = _journal(ok, desk)
    assert goals == [
        ("SSJ--2", "Write", []),
        ("SSJ--4", "Math", ["SSJ--4a", "SSJ--4b", "SSJ--4c"]),
    ]
    assert texts == ["clash, laptop", "keep", "laptop edited", "laptop new"]

    # Round 3: one-sided again, desk -> laptop first: renumber back, a task's letter, a
    # goal and a break removed, an entry added on the laptop removed on the desk.
    ok("goal", "renumber", "4", "3")
    ok("goal", "renumber", "3c", "d")
    ok("entry", "rm", _entry_id(ok, desk, "laptop new"), "--yes")
    ok("break", "rm", "1", "--yes")
    ok(*laptop, "goal", "rm", "2", "--yes")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "keep"), "keep, from the laptop")
    ok(*laptop, "log", "laptop second")
    _quiet(_merge(ok, run, tmp_path, desk, laptop))
    _quiet(_merge(ok, run, tmp_path, laptop, desk))
    _same(ok, desk, laptop)
    goals, texts = _journal(ok, desk)
    assert goals == [("SSJ--3", "Math", ["SSJ--3a", "SSJ--3b", "SSJ--3d"])]
    assert texts == ["clash, laptop", "keep, from the laptop", "laptop edited", "laptop second"]
    assert ok(*laptop, "break", "list", "--json").json() == []

    # Round 4: conflicts the other way, laptop <- desk first: a goal renumbered on both
    # sides, an entry removed on the laptop and edited on the desk, one edited on both.
    ok("goal", "renumber", "3", "5")
    ok("entry", "edit", _entry_id(ok, desk, "keep, from the laptop"), "--minutes", "45")
    ok("entry", "edit", _entry_id(ok, desk, "clash, laptop"), "clash, final")
    ok(*laptop, "goal", "renumber", "3", "1")
    ok(*laptop, "entry", "rm", _entry_id(ok, laptop, "keep, from the laptop"), "--yes")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "clash, laptop"), "--minutes", "10")
    ok(*laptop, "entry", "edit", _entry_id(ok, laptop, "laptop second"), "--minutes", "15")
    clash = _merge(ok, run, tmp_path, desk, laptop)
    assert clash.exit_code == 1 and "Conflicts (3)" in clash.stdout, clash.stdout
    assert "number differs: yours 1, theirs 5" in clash.stdout
    assert "removed in yours, changed in theirs" in clash.stdout
    settled = _merge(ok, run, tmp_path, desk, laptop, "--prefer", "theirs")
    assert settled.exit_code == 0, settled.stdout
    back = _merge(ok, run, tmp_path, laptop, desk)
    _quiet(back)
    assert "Added: nothing" in back.stdout  # the entry brought back was never removed here
    assert "Updated (changed on their side only): 1 entry" in back.stdout  # laptop second
    _same(ok, desk, laptop)
    goals, texts = _journal(ok, laptop)
    assert goals == [("SSJ--5", "Math", ["SSJ--5a", "SSJ--5b", "SSJ--5d"])]
    assert texts == ["clash, final", "keep, from the laptop", "laptop edited", "laptop second"]
    minutes = {e["text"]: e["minutes"] for e in ok(*laptop, "entries", "--json").json()}
    assert minutes["keep, from the laptop"] == 45 and minutes["laptop second"] == 15
    assert minutes["clash, final"] is None  # theirs, whole: the desk never set minutes

    # Again, either way: nothing changes, nothing is reported.
    for source, target in ((desk, laptop), (laptop, desk)):
        again = _merge(ok, run, tmp_path, source, target)
        _quiet(again)
        assert "Added: nothing" in again.stdout
        assert "Updated" not in again.stdout and "Removed" not in again.stdout
    _same(ok, desk, laptop)


def test_a_removal_refused_on_the_other_side_is_settled_there(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    """The laptop kept its edited entry against the desk's removal (--mine): at the desk's
    next merge the entry comes back without a conflict, and both hold it."""
    desk: tuple = ()
    laptop = ("--db", str(tmp_path / "laptop.db"))
    ok("log", "disputed")
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0
    ok("entry", "rm", "1", "--yes")
    ok(*laptop, "entry", "edit", "1", "disputed, edited")
    kept = _send(ok, run, tmp_path, desk, laptop, "--prefer", "mine")
    assert kept.exit_code == 0 and "removed in theirs, changed in yours (kept yours)" in kept.stdout
    back = _merge(ok, run, tmp_path, laptop, desk)
    _quiet(back)
    assert "Added: 1 entry" in back.stdout
    assert [e["text"] for e in ok("entries", "--json").json()] == ["disputed, edited"]
    _quiet(_merge(ok, run, tmp_path, desk, laptop))
    _same(ok, desk, laptop)


def test_a_goal_brought_back_by_a_conflict_brings_back_its_entries_links(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    """The desk removed goal 3 (its entries kept, unlinked), the laptop renumbered it; taking
    theirs brings the goal back with its tasks, and the entries' links to them."""
    desk: tuple = ()
    laptop = ("--db", str(tmp_path / "laptop.db"))
    ok("log", "on the goal", "--goal", "3")
    ok("log", "on a task", "--goal", "3b")
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0
    ok("goal", "rm", "3", "--yes")
    ok(*laptop, "goal", "renumber", "3", "4")
    clash = _send(ok, run, tmp_path, laptop, desk, "--prefer", "theirs")
    assert clash.exit_code == 0 and "removed in yours, changed in theirs" in clash.stdout
    assert "Added: 1 goal, 2 tasks" in clash.stdout
    links = {e["text"]: e["goals"] for e in ok("entries", "--json").json()}
    assert links == {"on the goal": ["SSJ--4"], "on a task": ["SSJ--4b"]}
    _quiet(_merge(ok, run, tmp_path, desk, laptop))
    _same(ok, desk, laptop)


def test_tasks_added_on_both_sides_under_one_letter_meet_after_a_renumber(
    ok: Run, run: Run, tmp_path: Path, sprint: None
) -> None:
    """Both journals gave a new task letter c: a conflict of places, which a renumber on
    one side settles; then both hold both tasks, each once."""
    desk: tuple = ()
    laptop = ("--db", str(tmp_path / "laptop.db"))
    assert _send(ok, run, tmp_path, desk, laptop).exit_code == 0
    ok("goal", "task", "3", "Exercises")
    ok(*laptop, "goal", "task", "3", "Proofs")
    clash = _merge(ok, run, tmp_path, laptop, desk)
    assert clash.exit_code == 1 and "takes the place of your task c 'Exercises'" in clash.stdout
    ok("goal", "renumber", "3c", "d")
    _quiet(_merge(ok, run, tmp_path, laptop, desk))
    _quiet(_merge(ok, run, tmp_path, desk, laptop))
    _same(ok, desk, laptop)
    tasks = ok(*laptop, "goal", "list", "--json").json()[1]["tasks"]
    assert [(t["ref"], t["text"]) for t in tasks] == [
        ("SSJ--3a", "Email two professors"),
        ("SSJ--3b", "Topoi ch.1"),
        ("SSJ--3c", "Proofs"),
        ("SSJ--3d", "Exercises"),
    ]
