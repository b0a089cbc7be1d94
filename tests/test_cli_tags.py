"""Tags end to end: log writes them (both ways), entries filters by them, tags lists them."""

from datetime import date
from pathlib import Path

import orm_log
import pytest
from helpers import Run

from sprintlog.services import daylog
from sprintlog.services import settings as settings_service
from sprintlog.storage.journal import open_journal
from sprintlog.storage.location import locate
from sprintlog.storage.reader import of_session
from sprintlog.storage.sql import tags as tag_queries


def _tags(db, entry_id: int) -> list[str]:
    return [row[0] for row in db(f"SELECT tag FROM entry_tag WHERE entry_id = {entry_id}")]


def test_log_stores_the_tags_lower_cased_and_as_written(ok: Run, db) -> None:
    result = ok("log", "Topoi #Math, #cat-theory. See https://x.org/#frag", "--tag", "#Reading")
    assert "#Math #cat-theory #reading" in result.stderr
    assert sorted(_tags(db, 1)) == ["cat-theory", "math", "reading"]
    written = db("SELECT tag, written FROM entry_tag WHERE entry_id = 1 ORDER BY tag")
    assert written == [("cat-theory", None), ("math", "Math"), ("reading", None)]
    # Matched whatever the case; shown as written.
    [found] = ok("entries", "--tag", "MATH", "--json").json()
    assert found["tags"] == ["cat-theory", "Math", "reading"]
    assert [t["tag"] for t in ok("tags", "--json").json()] == ["cat-theory", "Math", "reading"]


@pytest.mark.parametrize("bad", ["two words", "42", "math."])
def test_log_refuses_a_bad_tag_and_writes_nothing(ok: Run, run: Run, db, bad: str) -> None:
    ok("log", "first")
    result = run("log", "text", "--tag", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "is not a tag" in result.stderr
    assert db("SELECT COUNT(*) FROM entry") == [(1,)]


@pytest.mark.sqlite_only
def test_the_fast_path_and_the_orm_store_the_same_tags(ok: Run, journal_path: Path, db) -> None:
    ok("log", "first")  # creates the journal
    journal = open_journal(locate(str(journal_path), default_dir=journal_path.parent))
    try:
        text = "#B and #a, issue #4, C# #b"
        fast = daylog.add(journal, text=text, day=date.today(), tags=["z", "a"])
        with journal.transaction(write=True) as session:
            config = settings_service.read(of_session(session))
            slow = orm_log.add(session, text=text, day=date.today(), settings=config, tags=["z"])
    finally:
        journal.close()
    assert fast.tags == ["B", "a", "z"]
    assert sorted(_tags(db, fast.id)) == sorted(_tags(db, slow.id or 0)) == ["a", "b", "z"]


def test_editing_the_text_rewrites_its_tags_and_keeps_the_given_ones(ok: Run, db) -> None:
    ok("log", "Topoi #math #old", "--tag", "reading")
    ok("entry", "edit", "1", "Topoi #physics")
    assert sorted(_tags(db, 1)) == ["physics", "reading"]
    ok("entry", "edit", "1", "--minutes", "20")  # no text given: tags unchanged
    assert sorted(_tags(db, 1)) == ["physics", "reading"]


def test_entries_tag_needs_every_tag_and_json_shows_them(ok: Run) -> None:
    ok("log", "one #math")
    ok("log", "two #math #logic")
    ok("log", "three #logic")
    both = ok("entries", "--tag", "MATH", "--tag", "#logic", "--json").json()
    assert [(e["text"], e["tags"]) for e in both] == [("two #math #logic", ["logic", "math"])]
    assert [e["text"] for e in ok("entries", "-t", "logic", "--json").json()] == [
        "two #math #logic",
        "three #logic",
    ]
    assert ok("entry", "show", "1", "--json").json()["tags"] == ["math"]
    ok("sprint", "start", "--start", "-3d")
    shown = ok("sprint", "show", "--json").json()["entries"]
    assert [e["tags"] for e in shown] == [["math"], ["logic", "math"], ["logic"]]
    assert "No entries found." in ok("entries", "--tag", "nothing").stderr


def test_tags_lists_each_tag_with_its_figures(ok: Run) -> None:
    assert "No tags yet" in ok("tags").stderr
    ok("log", "one #math", "--date", "2025-03-03", "--minutes", "30")
    ok("log", "two #math", "--date", "2025-03-03", "--minutes", "15")
    ok("log", "three #math #logic", "--date", "2025-03-05")
    found = ok("tags", "--json").json()
    assert found == [
        {"tag": "logic", "entries": 1, "days": 1, "minutes": None,
         "first": "2025-03-05", "last": "2025-03-05"},
        {"tag": "math", "entries": 3, "days": 2, "minutes": 45,
         "first": "2025-03-03", "last": "2025-03-05"},
    ]  # fmt: skip
    shown = ok("tags").stdout
    assert "#math" in shown and "Mon 2025-03-03" in shown


def test_tags_in_use_most_used_first(ok: Run, journal) -> None:
    ok("log", "#b #a")
    ok("log", "#a")
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        with opened.reading(write=False) as reader:
            assert [tag for (tag,) in reader.rows(tag_queries.IN_USE)] == ["a", "b"]
    finally:
        opened.close()


def test_removing_an_entry_removes_its_tags(ok: Run, db) -> None:
    ok("log", "one #math")
    ok("log", "two #logic")
    ok("entry", "rm", "1", "--yes")
    assert db("SELECT entry_id, tag FROM entry_tag") == [(2, "logic")]
    assert [stat["tag"] for stat in ok("tags", "--json").json()] == ["logic"]
