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
