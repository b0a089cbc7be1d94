"""sprintlog import: the plumbing (detection, dry run, re-import, one transaction) with
records built by hand, and sprintlog documents restored into or merged with a journal."""

import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from exchange_docs import digest, full_document, without_stamp
from helpers import JournalUnderTest, Run

from sprintlog.errors import BadImport
from sprintlog.services.exchange.formats import detect
from sprintlog.services.exchange.formats.parsed import (
    ImportedBreak,
    ImportedEntry,
    ImportedGoal,
    ImportedReading,
    ImportedSprint,
    ImportedTask,
    Parsed,
)


def _write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


# --- the plumbing, with a reader that hands over records built here ----------------------


def _parsed(days: int = 3) -> Parsed:
    return Parsed(
        source="fake",
        entries=[
            ImportedEntry(f"id-{n}", date(2024, 1, 1 + n), f"day {n}", f"line {n + 1}",
                          minutes=20 + n, tags=("Math", "math") if n == 0 else ())
            for n in range(days)
        ],
        breaks=[ImportedBreak("skip-1", date(2024, 2, 1), date(2024, 2, 3), "line 9", "ill")],
        ignored=["the running frame"],
    )  # fmt: skip


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch) -> dict:
    """A reader ``fake`` for files starting with FAKE; what it returns is settable."""
    made: dict = {"parsed": _parsed()}
    module = ModuleType("sprintlog.services.exchange.formats.fake")

    def read(text: str, file: str, **options: str) -> Parsed:
        made["options"] = options
        if "BROKEN" in text:
            raise BadImport(file, "line 2", "no date in this line")
        return made["parsed"]

    module.read = read  # type: ignore[attr-defined]
    module.looks_like = lambda text: text.startswith("FAKE")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sprintlog.services.exchange.formats.fake", module)
    monkeypatch.setattr(detect, "FORMATS", (*detect.FORMATS, "fake"))
    return made


def test_records_are_added_once_however_often_the_file_is_imported(
    ok: Run, reader: dict, tmp_path: Path, db
) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    first = ok("import", file)
    assert "Added: 3 entries, 1 break" in first.stdout
    assert "the running frame" in first.stdout
    entries = ok("entries", "--json").json()
    assert [(e["day"], e["text"], e["minutes"]) for e in entries] == [
        ("2024-01-01", "day 0", 20), ("2024-01-02", "day 1", 21), ("2024-01-03", "day 2", 22)
    ]  # fmt: skip
    assert db("SELECT tag FROM entry_tag") == [("math",)]
    assert db("SELECT start_day, end_day, reason FROM study_break")[0][2] == "ill"
    again = ok("import", file)
    assert "Added: nothing" in again.stdout and "3 entries, 1 break" in again.stdout
    assert len(ok("entries", "--json").json()) == 3
    assert len(db("SELECT * FROM import_source WHERE source = 'fake'")) == 4


def test_only_new_records_are_added_when_the_file_grows(
    ok: Run, reader: dict, tmp_path: Path
) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    ok("import", file, "--format", "fake")
    reader["parsed"] = _parsed(days=5)
    assert "Added: 2 entries" in ok("import", file).stdout
    assert len(ok("entries", "--json").json()) == 5


def test_a_dry_run_says_what_would_be_added_and_writes_nothing(
    ok: Run, reader: dict, tmp_path: Path, journal: JournalUnderTest
) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    ok("status")  # the journal exists
    before = digest(journal)
    shown = ok("import", file, "--dry-run")
    assert "Would add: 3 entries, 1 break" in shown.stdout
    assert digest(journal) == before


@pytest.mark.sqlite_only
def test_a_dry_run_on_a_journal_not_made_yet_creates_nothing(
    ok: Run, reader: dict, tmp_path: Path, journal_path: Path
) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    shown = ok("import", file, "--dry-run")
    assert "Would add: 3 entries, 1 break" in shown.stdout
    assert "Created" not in shown.stderr
    assert not journal_path.exists() and not journal_path.parent.exists()


def test_a_dry_run_in_json(ok: Run, reader: dict, tmp_path: Path) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    report = ok("import", file, "--dry-run", "--json").json()
    assert report == {
        "file": file,
        "format": "fake",
        "dry_run": True,
        "written": False,
        "added": {"entry": 3, "study_break": 1},
        "skipped": {},
        "updated": {},
        "removed": {},
        "replaced": {},
        "settings": [],
        "conflicts": [],
        "notes": report["notes"],  # in words, as the text report says them
    }
    assert report["notes"] and all(isinstance(note, str) for note in report["notes"])
    assert ok("import", file, "--json").json()["written"] is True


def test_a_bad_line_names_the_file_and_line_and_adds_nothing(
    ok: Run, run: Run, reader: dict, tmp_path: Path, journal: JournalUnderTest
) -> None:
    ok("status")
    before = digest(journal)
    file = _write(tmp_path, "log.fake", "FAKE\nBROKEN\n")
    result = run("import", file)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {file}, line 2: no date in this line\n"
    assert digest(journal) == before


def test_a_failure_half_way_writes_nothing(
    ok: Run, run: Run, reader: dict, tmp_path: Path, journal: JournalUnderTest
) -> None:
    ok("sprint", "start", "--start", "2024-03-01", "--length", "14")
    before = digest(journal)
    post = ImportedSprint("post-1", "line 1", date(2024, 3, 10), date(2024, 3, 20))
    reader["parsed"] = Parsed(source="fake", entries=_parsed().entries, sprints=[post])
    result = run("import", _write(tmp_path, "log.fake", "FAKE\n"))
    assert result.exit_code == 1 and "overlaps sprint 1" in result.stderr
    assert digest(journal) == before


def test_a_post_becomes_a_sprint_with_goals_tasks_notes_acronyms_and_reading(
    ok: Run, run: Run, reader: dict, tmp_path: Path, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake reader stands in for the post reader: --start/--end are the post's options.
    monkeypatch.setitem(
        sys.modules,
        "sprintlog.services.exchange.formats.post",
        sys.modules["sprintlog.services.exchange.formats.fake"],
    )
    ok("acronym", "add", "SSJ", "Something else")
    post = ImportedSprint(
        "post-2", "line 1", None, None, title="Review of 2nd Sprint", number=2,
        goals=(
            ImportedGoal(1, "Write", note="Went fine."),
            ImportedGoal(3, "Math", tasks=(ImportedTask("a", "Topoi ch.1", note="Done."),
                                           ImportedTask("b", "Email two professors"))),
        ),
        acronyms=(("SSJ", "Self-study journal"), ("LTA", "Long-term agent")),
        reading=(ImportedReading("Topoi", url="https://example.org", category="Math"),),
    )  # fmt: skip
    reader["parsed"] = Parsed(source="fake", sprints=[post])
    file = _write(tmp_path, "post.fake", "FAKE post\n")
    missing = run("import", file, "--format", "post")
    assert missing.exit_code == 2 and "--start and --end" in missing.stderr
    days = ("--format", "post", "--start", "2024-05-01", "--end", "2024-05-14")
    dry = ok("import", file, *days, "--dry-run")
    assert "2 goals, 2 tasks" in dry.stdout and db("SELECT * FROM sprint") == []
    ok("import", file, *days)
    goals = ok("goal", "list", "--sprint", "2", "--json").json()
    assert [g["title"] for g in goals] == ["Write", "Math"]
    assert [t["text"] for t in goals[1]["tasks"]] == ["Topoi ch.1", "Email two professors"]
    assert db("SELECT outcome FROM goal WHERE number = 1") == [("Went fine.",)]
    assert sorted(db("SELECT term, expansion FROM acronym")) == [
        ("LTA", "Long-term agent"), ("SSJ", "Something else")
    ]  # fmt: skip
    assert db("SELECT title, category FROM reading_item") == [("Topoi", "Math")]
    assert "Added: nothing" in ok("import", file, *days).stdout


def test_options_belong_to_their_format(run: Run, reader: dict, tmp_path: Path) -> None:
    file = _write(tmp_path, "log.fake", "FAKE\n")
    wrong = run("import", file, "--habit", "Study")
    assert wrong.exit_code == 2 and "--habit is for harsh files" in wrong.stderr
    assert run("import", file, "--prefer", "both").exit_code == 2
    assert run("import", file, "--format", "word").exit_code == 2


def test_a_file_no_reader_recognises_is_a_clear_error(
    ok: Run, run: Run, reader: dict, tmp_path: Path, journal: JournalUnderTest
) -> None:
    ok("status")
    before = digest(journal)
    result = run("import", _write(tmp_path, "notes.txt", "just some notes\n"))
    assert result.exit_code == 2
    assert "cannot tell which format this is; give --format" in result.stderr
    assert "fake" in result.stderr and digest(journal) == before


def test_a_reader_that_is_not_there_is_not_offered() -> None:
    assert detect.reader("sprintlog") is not None
    assert all(name in detect.FORMATS for name in detect.available())


def test_the_progress_bar_stays_off_a_pipe(ok: Run, reader: dict, tmp_path: Path) -> None:
    reader["parsed"] = _parsed(days=28)
    reader["parsed"].entries *= 100  # 2,800 rows, 28 new
    result = ok("import", _write(tmp_path, "log.fake", "FAKE\n"))
    assert "Importing" not in result.stderr and "Added: 28 entries" in result.stdout


# --- bad files: one line, exit 2, the journal unchanged -----------------------------------

BAD = {
    "not JSON": ("{format: sprintlog", "line 1 column 2: not JSON"),
    "wrong format": ('{"format": "jrnl-ish", "entries": []}', "not a sprintlog export"),
    "empty": ("", "is empty"),
    "truncated": (json.dumps(full_document())[:1500], "not JSON (the JSON ends too soon)"),
    "invalid UTF-8": (b'{"format": "sprintlog",\n"x": "\xff"}', "line 2: is not valid UTF-8"),
    "bad day": (
        json.dumps(full_document()).replace('"day": "2025-03-18"', '"day": "2025-02-30"'),
        "$.entries[2].day: '2025-02-30' is not a real date",
    ),
    "newer version": (json.dumps(dict(full_document(), version=3)), "$.version: version 3"),
    "negative minutes": (
        json.dumps(full_document()).replace('"minutes": 45', '"minutes": -5'),
        "is out of range",
    ),
    "not a tag": (
        json.dumps(full_document()).replace('"tags": ["math"', '"tags": ["has space"'),
        "'has space' is not in the expected form",
    ),
    # (capitals are fine: a tag keeps them, and is matched lower-cased)
    "a tag not as stored": (
        json.dumps(full_document()).replace('"tags": ["math"', '"tags": ["math."'),
        "$.entries[1].tags[0]: 'math.' is not a tag",
    ),
    "bad setting": (
        json.dumps(full_document()).replace('"days_per_week": "5"', '"days_per_week": "9"'),
        "$.settings.days_per_week: '9' is not valid",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_one_line_and_changes_nothing(
    ok: Run, run: Run, tmp_path: Path, journal: JournalUnderTest, case: str
) -> None:
    ok("log", "an entry that stays")
    before = digest(journal)
    data, expected = BAD[case]
    file = _write(tmp_path, "bad.json", data)
    result = run("import", file, "--format", "sprintlog")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {file}")
    assert expected in result.stderr
    assert digest(journal) == before


def test_a_50_mb_file_is_one_line_and_changes_nothing(
    ok: Run, run: Run, tmp_path: Path, journal: JournalUnderTest
) -> None:
    ok("log", "an entry that stays")
    before = digest(journal)
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"format": "sprintlog", "version": 1, "entries": [')
        handle.write(", ".join(["[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"] * 1_700_000))
        handle.write("]}")
    assert path.stat().st_size > 50 * 1024 * 1024
    result = run("import", str(path))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert '"exported_at" is missing' in result.stderr
    assert digest(journal) == before


def test_a_missing_file_is_named(run: Run, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2 and "nowhere.json: no such file" in result.stderr


# --- the sprintlog format: restore and merge ---------------------------------------------


def test_a_document_restores_an_empty_journal_exactly(ok: Run, tmp_path: Path) -> None:
    document = full_document()
    ok("import", _write(tmp_path, "full.json", json.dumps(document)))
    assert without_stamp(ok("export").json()) == without_stamp(document)
    again = ok("import", _write(tmp_path, "again.json", ok("export").stdout))
    assert "Added: nothing" in again.stdout and "Conflicts" not in again.stdout


def _other(tmp_path: Path) -> tuple[str, str]:
    return ("--db", str(tmp_path / "laptop.db"))


def test_two_journals_that_diverged_merge_with_the_conflict_reported_and_no_row_lost(
    ok: Run, run: Run, tmp_path: Path, journal: JournalUnderTest, sprint: None
) -> None:
    laptop = _other(tmp_path)
    ok("log", "shared day", "--goal", "1")
    ok("log", "edited on the laptop later", "--goal", "3a")
    ok(*laptop, "import", _write(tmp_path, "shared.json", ok("export").stdout))
    ok("entry", "edit", "2", "edited on the desktop")  # the desktop edits an entry
    ok(*laptop, "entry", "edit", "2", "edited on the laptop")  # and so does the laptop
    ok(*laptop, "log", "laptop one", "--goal", "3b")
    ok(*laptop, "log", "laptop two")
    ok(*laptop, "acronym", "add", "LTA", "Long-term agent")
    ok("log", "desktop three")
    laptop_export = _write(tmp_path, "laptop.json", ok(*laptop, "export").stdout)

    before = digest(journal)
    stopped = run("import", laptop_export)
    assert stopped.exit_code == 1 and "--prefer" in stopped.stderr
    assert "Conflicts (1):" in stopped.stdout and "text differs: yours" in stopped.stdout
    assert digest(journal) == before

    merged = ok("import", laptop_export, "--prefer", "mine")
    assert "Added: 2 entries, 1 acronym" in merged.stdout
    texts = sorted(e["text"] for e in ok("entries", "--json").json())
    assert texts == sorted(
        ["shared day", "edited on the desktop", "laptop one", "laptop two", "desktop three"]
    )
    laptop_one = next(e for e in ok("entries", "--json").json() if e["text"] == "laptop one")
    assert laptop_one["goals"] == ["SSJ--3b"]
    assert "Added: nothing" in ok("import", laptop_export, "--prefer", "mine").stdout


def test_prefer_theirs_takes_their_version_of_a_changed_row(
    ok: Run, tmp_path: Path, sprint: None
) -> None:
    laptop = _other(tmp_path)
    ok("log", "first words", "--goal", "1")
    ok(*laptop, "import", _write(tmp_path, "shared.json", ok("export").stdout))
    ok(*laptop, "entry", "edit", "1", "better words", "--minutes", "25")
    ok(*laptop, "goal", "done", "3a")
    ok("entry", "edit", "1", "other words")  # changed on both sides: conflicts
    ok("goal", "drop", "3a")
    result = ok(
        "import", _write(tmp_path, "l.json", ok(*laptop, "export").stdout), "--prefer", "theirs"
    )
    assert "Replaced by theirs: 1 task, 1 entry" in result.stdout
    [entry] = ok("entries", "--json").json()
    assert (entry["text"], entry["minutes"], entry["goals"]) == ("better words", 25, ["SSJ--1"])
    assert without_stamp(ok("export").json()) == without_stamp(ok(*laptop, "export").json())


def test_rows_changed_on_one_side_only_take_that_side_without_a_conflict(
    ok: Run, tmp_path: Path, sprint: None
) -> None:
    laptop = _other(tmp_path)
    ok("log", "first words", "--goal", "1")
    ok("log", "second words")
    ok(*laptop, "import", _write(tmp_path, "shared.json", ok("export").stdout))
    ok(*laptop, "entry", "edit", "1", "--minutes", "25")  # the laptop's edits
    ok(*laptop, "goal", "done", "3a")
    ok("entry", "edit", "2", "second words, better")  # the desktop's, on another row
    result = ok("import", _write(tmp_path, "l.json", ok(*laptop, "export").stdout))
    assert "Updated (changed on their side only): 1 task, 1 entry" in result.stdout
    assert "Conflicts" not in result.stdout
    back = ok(*laptop, "import", _write(tmp_path, "d.json", ok("export").stdout))
    assert "Updated (changed on their side only): 1 entry" in back.stdout
    assert "Conflicts" not in back.stdout
    assert without_stamp(ok("export").json()) == without_stamp(ok(*laptop, "export").json())


def test_conflicts_are_settled_one_by_one_by_id(ok: Run, run: Run, tmp_path: Path) -> None:
    laptop = _other(tmp_path)
    ok("log", "one", "--date", "2025-03-03")
    ok("log", "two", "--date", "2025-03-04")
    ok(*laptop, "import", _write(tmp_path, "shared.json", ok("export").stdout))
    ok("entry", "edit", "1", "one (desktop)")
    ok("entry", "edit", "2", "two (desktop)")
    ok(*laptop, "entry", "edit", "1", "one (laptop)")
    ok(*laptop, "entry", "edit", "2", "two (laptop)")
    theirs = _write(tmp_path, "l.json", ok(*laptop, "export").stdout)
    first, second = (e["uuid"] for e in ok(*laptop, "export").json()["entries"])
    half = run("import", theirs, "--theirs", first[:8])
    assert half.exit_code == 1 and "1 conflict unsettled" in half.stderr
    assert "(took theirs)" in half.stdout and "'two (desktop)'" in half.stdout
    ok("import", theirs, "--theirs", first[:8], "--mine", second)
    texts = [e["text"] for e in ok("entries", "--json").json()]
    assert texts == ["one (laptop)", "two (desktop)"]
    assert run("import", theirs, "--mine", "x", "--theirs", "x").exit_code == 2


def test_a_sprint_both_machines_started_is_a_conflict_theirs_cannot_settle(
    ok: Run, run: Run, tmp_path: Path, journal: JournalUnderTest, sprint: None
) -> None:
    laptop = _other(tmp_path)
    ok(*laptop, "sprint", "start", "--start", "-3d", "--length", "14")
    ok(*laptop, "goal", "add", "2", "Read")
    ok(*laptop, "log", "on the laptop", "--goal", "2")
    theirs = _write(tmp_path, "l.json", ok(*laptop, "export").stdout)
    before = digest(journal)
    refused = run("import", theirs, "--prefer", "theirs")
    assert refused.exit_code == 1 and "takes the place of your sprint 1" in refused.stderr
    assert digest(journal) == before
    kept = ok("import", theirs, "--prefer", "mine")
    assert "Added: 1 entry" in kept.stdout
    assert [e["goals"] for e in ok("entries", "--json").json()] == [[]]
    assert [g["title"] for g in ok("goal", "list", "--json").json()] == ["Write", "Math"]


def test_different_settings_and_acronyms_are_conflicts(ok: Run, run: Run, tmp_path: Path) -> None:
    laptop = _other(tmp_path)
    ok("config", "set", "prefix", "ML")
    ok("acronym", "add", "LLM", "Large language model")
    ok(*laptop, "config", "set", "prefix", "AI")
    ok(*laptop, "acronym", "add", "LLM", "Little lazy mouse")
    ok(*laptop, "config", "set", "days_per_week", "5")
    theirs = _write(tmp_path, "l.json", ok(*laptop, "export").stdout)
    listed = run("import", theirs)
    assert "setting prefix: yours 'ML', theirs 'AI'" in listed.stdout
    assert "acronym LLM: the expansions differ" in listed.stdout
    ok("import", theirs, "--prefer", "mine")
    assert ok("config", "get", "prefix").stdout.strip().endswith("ML")
    assert ok("config", "get", "days_per_week").stdout.strip().endswith("5")


def test_an_import_names_each_setting_it_changes_and_takes_a_template_only_when_asked(
    ok: Run, run: Run, tmp_path: Path, journal: JournalUnderTest
) -> None:
    laptop = _other(tmp_path)
    ok("acronym", "add", "RG", "reading group")  # the journal, before the import
    ok(*laptop, "sprint", "start", "--start", "2025-03-03", "--length", "14")
    theirs_template = _write(tmp_path, "theirs.md.j2", "Their post: {{ title }}\n")
    ok(*laptop, "config", "set", "template", theirs_template)
    ok(*laptop, "config", "set", "post_title", "Their #{n}")
    theirs = _write(tmp_path, "l.json", ok(*laptop, "export").stdout)
    left_out = (
        "  the file's template ('Their post: {{ title }} (1 line, 24 bytes)') was left out: "
        "yours stays (the built-in template); import with --with-template to take it\n"
    )
    before = digest(journal)
    dry = ok("import", theirs, "--dry-run").stdout
    assert "  Settings it would change:\n    post_title: 'Self Study Journal #{n}' → " in dry
    assert "'Their #{n}'\n" in dry and dry.endswith(left_out)
    assert digest(journal) == before
    done = ok("import", theirs).stdout
    changed = "  Settings it changed:\n    post_title: 'Self Study Journal #{n}' → 'Their #{n}'\n"
    assert changed in done
    assert done.endswith(left_out) and "template:" not in done
    assert ok("config", "get", "template").stdout == "\n"
    assert "## Review of the 1st sprint" in ok("render", "review", "1").stdout
    taken = ok("import", theirs, "--with-template").stdout
    assert taken.endswith(
        "  Settings it changed:\n"
        "    template: the built-in template → 'Their post: {{ title }} (1 line, 24 bytes)'\n"
    )
    assert ok("render", "review", "1").stdout == "Their post: Their #1\n"
    # A template of one's own is not replaced by the file's unless asked, and then only
    # as a conflict settled by --prefer theirs.
    mine = _write(tmp_path, "mine.md.j2", "My post\n")
    ok("config", "set", "template", mine)
    assert ok("import", theirs).stdout.endswith(
        "  the file's template ('Their post: {{ title }} (1 line, 24 bytes)') was left out: "
        "yours stays ('My post (1 line, 8 bytes)'); import with --with-template to take it\n"
    )
    conflict = run("import", theirs, "--with-template")
    assert conflict.exit_code == 1
    assert (
        "setting template: yours 'My post (1 line, 8 bytes)', "
        "theirs 'Their post: {{ title }} (1 line, 24 bytes)'" in conflict.stdout
    )
    assert ok("render", "review", "1").stdout == "My post\n"
    ok("import", theirs, "--with-template", "--prefer", "theirs")
    assert ok("render", "review", "1").stdout == "Their post: Their #1\n"
    jrnl = _write(tmp_path, "j.txt", "[2024-01-01 09:00] Read.\n")
    refused = run("import", jrnl, "--format", "jrnl", "--with-template")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "Error: --with-template is for sprintlog files, not jrnl\n",
    )


def test_a_big_import_on_a_terminal_gets_a_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from sprintlog.cli import exchange as command

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with command._progress(command.PROGRESS_FROM_ROWS - 1) as tick:
        assert tick is None  # a small file: no bar
    with command._progress(command.PROGRESS_FROM_ROWS) as tick:
        assert tick is not None
        tick(command.PROGRESS_FROM_ROWS)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with command._progress(10 * command.PROGRESS_FROM_ROWS) as tick:
        assert tick is None  # piped: no bar


def test_a_post_keeps_the_statuses_its_headings_end_with(ok: Run, tmp_path: Path) -> None:
    """'#### SSJ--1 — Write · partial': the status is the goal's, not 'open'."""
    post = Path(__file__).parent / "fixtures" / "posts" / "review-sprint-2.md"
    ok("import", str(post), "--format", "post")
    goals = {goal["ref"]: goal for goal in ok("goal", "list", "--sprint", "2", "--json").json()}
    assert goals["SSJ--1"]["status"] == "partial"
    assert goals["SSJ--2"]["status"] == "done"
    assert goals["SSJ--4"]["status"] == "done"
