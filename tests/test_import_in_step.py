"""Other programs' files imported again after their data changed there (issue 25).

Each pair of files was made by the program itself (tests/fixtures/make_fixtures.sh and
make_edited_fixtures.sh): jrnl's export before and after ``jrnl --edit`` corrected an
entry and a new one was written; Watson's frames before and after ``watson edit``
changed a frame's stop and project; Timewarrior's export before and after ``timew
modify``, ``tag`` and ``annotate`` changed two intervals. The second import updates the
rows the first one made, says so, and never doubles one; a row edited in sprintlog since
is a conflict, not overwritten.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import JournalUnderTest, Run

from sprintlog.services.exchange.formats import timew

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The zone make_fixtures.sh ran in: the days of the times are Berlin's."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def entries(ok: Run) -> list[dict]:
    return ok("entries", "--json").json()


def test_a_jrnl_entry_corrected_in_jrnl_is_updated_and_a_new_one_added(ok: Run) -> None:
    ok("import", fixture("jrnl/export.json"))
    before = entries(ok)

    result = ok("import", fixture("jrnl/export-edited.json"))

    assert "Added: 1 entry" in result.stdout
    assert "Updated (changed on their side only): 1 entry" in result.stdout
    assert "Already in the journal (skipped): 8 entries" in result.stdout
    after = entries(ok)
    assert len(after) == len(before) + 1  # nothing doubled
    [corrected] = [e for e in after if e["text"].startswith("Notes pasted")]
    assert corrected["text"] == "Notes pasted from Windows\nLine one\nLine two, corrected in jrnl"
    assert corrected["id"] == next(e["id"] for e in before if e["text"].startswith("Notes"))
    assert corrected["started_at"] == "2025-03-04T07:15:00+00:00"  # 08:15 in Berlin
    # The new entry's tags by sprintlog's own rule: jrnl itself lists "#v1".
    assert after[-1]["tags"] == ["v1.2"]
    # A third import of the same file finds nothing to do.
    again = ok("import", fixture("jrnl/export-edited.json"))
    assert "Added: nothing" in again.stdout and "Updated" not in again.stdout


def test_a_watson_frame_edited_in_watson_is_updated(ok: Run) -> None:
    ok("import", fixture("watson/frames"))

    result = ok("import", fixture("watson/frames-edited"))

    assert "Updated (changed on their side only): 1 entry" in result.stdout
    after = entries(ok)
    assert len(after) == 7
    first = after[0]
    # 09:00 to 11:00 now (it was 10:30), and the project is the one Watson has now.
    assert (first["minutes"], first["text"]) == (120, "sprintlog-docs [docs, sqlite]")
    assert first["tags"] == ["docs", "sprintlog-docs", "sqlite"]
    assert first["started_at"] == "2025-03-03T08:00:00+00:00"
    by_tag = ok("entries", "--tag", "sprintlog", "--json").json()  # the project is a tag
    assert len(by_tag) == 4  # five frames of sprintlog, one of them moved to sprintlog-docs


def test_timewarrior_intervals_modified_are_updated_and_tags_with_spaces_are_named(
    ok: Run,
) -> None:
    ok("import", fixture("timew/export.json"))

    result = ok("import", fixture("timew/export-modified.json"))

    assert "Updated (changed on their side only): 2 entries" in result.stdout
    assert "timew tag 'Deep Work' is the tag 'Deep-Work' here" in result.stdout
    after = entries(ok)
    assert len(after) == 5
    assert after[0]["minutes"] == 120
    [tagged] = [e for e in after if e["day"] == "2025-03-05"]
    assert tagged["text"] == "Deep Work: notes for the review"
    assert tagged["tags"] == ["Deep-Work"]  # shown as written; matched as deep-work
    assert len(ok("entries", "--tag", "deep-work", "--json").json()) == 1


def _edit_first_entry(ok: Run) -> str:
    first = entries(ok)[0]
    ok("entry", "edit", str(first["id"]), "my own words for it")
    exported = ok("export").json()["entries"]  # (by day, then time logged, then uuid)
    uuid: str = next(e["uuid"] for e in exported if e["text"] == "my own words for it")
    return uuid


def test_a_row_edited_here_and_there_is_a_conflict_and_nothing_is_written(
    ok: Run, run: Run
) -> None:
    ok("import", fixture("watson/frames"))
    uuid = _edit_first_entry(ok)

    result = run("import", fixture("watson/frames-edited"))

    assert result.exit_code == 1
    assert "Conflicts (1):" in result.stdout
    assert f"(uuid {uuid[:8]}): changed in watson and here since it was imported" in result.stdout
    assert "1 conflict unsettled" in result.stderr
    assert entries(ok)[0]["text"] == "my own words for it"
    assert entries(ok)[0]["minutes"] == 90


def test_a_conflict_kept_as_mine_stays_mine_and_is_not_asked_again(ok: Run) -> None:
    ok("import", fixture("watson/frames"))
    _edit_first_entry(ok)

    kept = ok("import", fixture("watson/frames-edited"), "--prefer", "mine")
    again = ok("import", fixture("watson/frames-edited"))

    assert "(kept yours)" in kept.stdout
    assert "Conflicts" not in again.stdout
    assert "Already in the journal (skipped): 7 entries" in again.stdout
    assert entries(ok)[0]["text"] == "my own words for it"


def test_a_conflict_settled_as_theirs_by_id_takes_the_programs_version(ok: Run) -> None:
    ok("import", fixture("watson/frames"))
    uuid = _edit_first_entry(ok)

    result = ok("import", fixture("watson/frames-edited"), "--theirs", uuid[:8])

    assert "Replaced by theirs: 1 entry" in result.stdout
    assert entries(ok)[0]["text"] == "sprintlog-docs [docs, sqlite]"


def test_an_unchanged_file_after_an_edit_here_is_no_conflict(ok: Run) -> None:
    ok("import", fixture("watson/frames"))
    _edit_first_entry(ok)

    result = ok("import", fixture("watson/frames"))

    assert "Conflicts" not in result.stdout
    assert "Already in the journal (skipped): 7 entries" in result.stdout
    assert entries(ok)[0]["text"] == "my own words for it"


def test_a_row_removed_here_is_not_brought_back_by_an_update(ok: Run) -> None:
    ok("import", fixture("watson/frames"))
    ok("entry", "rm", str(entries(ok)[0]["id"]), "--yes")

    ok("import", fixture("watson/frames-edited"))

    assert len(entries(ok)) == 6


def test_the_timer_gives_its_entry_a_start(ok: Run) -> None:
    ok("start", "reading")
    ok("stop")
    [entry] = entries(ok)
    assert entry["started_at"] is not None
    assert ok("export").json()["entries"][0]["started_at"].endswith("Z")


def test_rows_an_older_sprintlog_imported_are_found_again_by_their_old_ids(
    ok: Run, journal: JournalUnderTest
) -> None:
    """Before revision 0008 a Timewarrior interval's id was a hash of its start and tags,
    no digest was kept and no start time stored: such rows are found by that id. One
    whose tags were changed in Timewarrior since has an id no file can give again: it is
    added anew (the README says so), once; from then on it is found by its start."""
    from sqlalchemy import create_engine, text

    ok("import", fixture("timew/export.json"))
    parsed = timew.read((FIXTURES / "timew/export.json").read_text(encoding="utf-8"), "x")
    engine = create_engine(f"sqlite:///{journal.path}" if journal.path else journal.url)
    try:
        with engine.begin() as connection:  # as the older version left the journal
            connection.execute(text("UPDATE entry SET started_at = NULL"))
            for record in parsed.entries:
                connection.execute(
                    text(
                        "UPDATE import_source SET source_id = :old, imported_state = NULL "
                        "WHERE source = 'timew' AND source_id = :new"
                    ),
                    {"old": record.former_id, "new": record.source_id},
                )
    finally:
        engine.dispose()

    result = ok("import", fixture("timew/export-modified.json"))

    # The interval given a tag in Timewarrior: its old id was a hash of no tags.
    assert "Added: 1 entry" in result.stdout
    # The interval whose end changed, and the others' start times filled in.
    assert "Updated (changed on their side only): 4 entries" in result.stdout
    after = entries(ok)
    assert len(after) == 6
    assert [e["text"] for e in after if e["day"] == "2025-03-05"] == [
        timew.UNTITLED,
        "Deep Work: notes for the review",
    ]
    ids = {row[0] for row in journal.query("SELECT source_id FROM import_source")}
    assert {record.source_id for record in parsed.entries} <= ids
    again = ok("import", fixture("timew/export-modified.json"))
    assert "Already in the journal (skipped): 5 entries" in again.stdout
