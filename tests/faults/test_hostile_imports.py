"""A file holding one row a journal may not store is refused whole (issue 23.1).

Every importer gets each bad row its format can carry (tests/fixtures/hostile.py derives
them from the real fixtures): a NUL, a text over 4 MiB, a day outside the years the
command line accepts, minutes past a day, an identifier longer than its column. Each
must give exit 2 and one line under 300 characters naming the file and the place, no
traceback, and leave the journal as it was: its bytes (SQLite) and its rows (both
backends; the suite runs on PostgreSQL with SPRINTLOG_TEST_DATABASE_URL).
"""

import hashlib
import json
import sys
from pathlib import Path

import pytest
from exchange_docs import digest, without_stamp
from helpers import JournalUnderTest, Run

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures"))
import hostile

EXPORT_RULES = ("nul", "big", "day", "minutes", "identifier")


def _state(journal: JournalUnderTest) -> tuple[str, str | None]:
    """The journal's rows, and on SQLite its files' bytes."""
    files = None
    if journal.path is not None:
        found = hashlib.sha256()
        for path in sorted(journal.path.parent.iterdir()):
            found.update(path.name.encode() + path.read_bytes())
        files = found.hexdigest()
    return digest(journal), files


def _refused(run: Run, journal: JournalUnderTest, args: list[str], file: Path, place: str) -> str:
    before = _state(journal)
    result = run("import", *args)
    assert result.exit_code == 2, (result.exit_code, result.stdout[-300:], result.stderr[-300:])
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, lines
    assert lines[0].startswith(f"Error: {file}, {place}"), lines[0]
    assert _state(journal) == before
    return lines[0]


@pytest.fixture
def something(ok: Run) -> None:
    """A journal that is not empty, so "unchanged" means something."""
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    ok("goal", "add", "1", "Read")
    ok("log", "Topoi ch.1 #math", "--goal", "1", "--minutes", "40", "--date", "2025-03-04")


@pytest.mark.parametrize("variant", hostile.variants(), ids=lambda v: f"{v.source}-{v.rule}")
def test_every_importer_refuses_a_bad_row_whole(
    run: Run, journal: JournalUnderTest, something: None, tmp_path: Path, variant
) -> None:
    file = tmp_path / variant.name
    file.write_text(variant.text, encoding="utf-8")
    args = [str(file), "--format", variant.source, *variant.options]
    line = _refused(run, journal, args, file, variant.place)
    for dry in (["--dry-run"],):  # a dry run says the same, and writes nothing either
        assert _refused(run, journal, [*args, *dry], file, variant.place) == line


@pytest.mark.parametrize("rule", EXPORT_RULES)
def test_sprintlogs_own_export_with_a_bad_row_is_refused_whole(
    ok: Run, run: Run, journal: JournalUnderTest, something: None, tmp_path: Path, rule: str
) -> None:
    document = json.loads(ok("export", "--format", "json").stdout)
    spoiled, place = hostile.spoil_export(document, rule)
    file = tmp_path / f"export-{rule}.json"
    file.write_text(json.dumps(spoiled, ensure_ascii=False), encoding="utf-8")
    _refused(run, journal, [str(file)], file, place)


def test_the_messages_say_the_rule(run: Run, something: None, tmp_path: Path) -> None:
    said = {}
    for variant in hostile.variants():
        if variant.source == "watson":
            file = tmp_path / variant.name
            file.write_text(variant.text, encoding="utf-8")
            said[variant.rule] = run("import", str(file), "--format", "watson").stderr
    assert "contains a NUL character, which cannot be stored" in said["nul"]
    assert "the limit is 4 MiB" in said["big"]
    assert "0001-01-02 is outside the years 1900 to 2200" in said["day"]
    assert "the minutes (4,320) are not from 0 to 1440 (one day)" in said["minutes"]
    assert "the id is 100,000 characters long; at most 200 fit" in said["identifier"]


def _spoil(path: Path, *, refused_by_postgresql: bool) -> None:
    """Give the SQLite journal at ``path`` rows older versions let imports store: rows
    the gate refuses today. With ``refused_by_postgresql``, rows PostgreSQL cannot hold
    either (a NUL, an identifier longer than its column, minutes past INTEGER); without,
    rows only sprintlog's own rules refuse (minutes past a day, a day out of the years, a
    text over 4 MiB). Entry 2's text is a secret that no message may show."""
    import sqlite3

    connection = sqlite3.connect(path)
    if refused_by_postgresql:
        connection.execute(
            "UPDATE entry SET minutes = 5258962080, text = text || char(0) WHERE id = 2"
        )
        connection.execute(
            "INSERT INTO import_source (source, source_id, row_table, row_uuid, imported_at) "
            "VALUES ('watson', ?, 'entry', 'e', '2025-03-04 10:00:00')",
            (hostile.LONG_ID,),
        )
    else:
        connection.execute("UPDATE entry SET minutes = 2000 WHERE id = 2")
    connection.execute("UPDATE entry SET day = '0001-01-02' WHERE id = 3")
    connection.execute("UPDATE entry SET text = ? WHERE id = 4", (hostile.BIG,))
    connection.execute("UPDATE entry SET minutes = 1441 + id WHERE id > 4")
    connection.commit()
    connection.close()


def _older_journal(ok: Run, db: str, *, refused_by_postgresql: bool) -> None:
    ok("--db", db, "log", "fine")
    ok("--db", db, "log", "secret words that must not be shown")
    for n in range(3, 16):
        ok("--db", db, "log", f"entry {n}")
    _spoil(Path(db), refused_by_postgresql=refused_by_postgresql)


def _copied_with_notes(ok: Run, source: str, target: str, *, kept: int) -> list[str]:
    """``db copy`` from ``source`` to ``target``: it succeeds, and names the rows it kept
    as they were, one bounded line each; the copy's export is the source's."""
    result = ok("--db", source, "db", "copy", "--to", target)
    assert "Traceback" not in result.stderr and "secret" not in result.stderr
    first, *notes = result.stderr.splitlines()
    assert first.startswith(
        f"Copied the journal to {target}: 0 sprints, 0 goals, 0 tasks, 15 entries"
    )
    assert all(len(line) < 300 for line in notes), notes
    assert notes[-1] == f"… and {kept - 10} more rows like these."  # 10 named
    named = notes[:-1]
    assert len(named) == 10
    assert all(line.startswith("Copied as it was, though sprintlog would not") for line in named)
    exported = ok("--db", source, "export").json()
    assert without_stamp(ok("--db", target, "export").json()) == without_stamp(exported)
    return named


@pytest.mark.sqlite_only
def test_an_older_journal_with_bad_rows_opens_exports_and_copies_naming_them(
    ok: Run, journal_path: Path, tmp_path: Path
) -> None:
    _older_journal(ok, str(journal_path), refused_by_postgresql=True)
    assert "secret words" in ok("entries").stdout
    exported = ok("export", "--format", "json").json()["entries"]
    assert [e["minutes"] for e in exported if "secret words" in e["text"]] == [5258962080]
    # SQLite holds every row as it is: all are copied, and named.
    named = _copied_with_notes(ok, str(journal_path), str(tmp_path / "copy.db"), kept=15)
    assert named[0].endswith(
        ": entry 2 (the text contains a NUL character, which cannot be stored)"
    )
    assert named[1].endswith(": entry 3 (the day 0001-01-02 is outside the years 1900 to 2200)")
    assert named[2].endswith(": entry 4 (the text is 5.0 MiB; the limit is 4 MiB)")
    assert len(ok("--db", str(tmp_path / "copy.db"), "entries", "--json").json()) == 15


@pytest.mark.server_only
def test_db_copy_to_postgresql_copies_rows_it_can_hold(
    ok: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    source = str(tmp_path / "older.db")
    _older_journal(ok, source, refused_by_postgresql=False)
    named = _copied_with_notes(ok, source, journal.url, kept=14)
    assert named[0].endswith(": entry 2 (the minutes (2,000) are not from 0 to 1440 (one day))")


@pytest.mark.server_only
def test_db_copy_to_postgresql_names_the_rows_it_cannot_hold_and_writes_nothing(
    ok: Run, run: Run, journal: JournalUnderTest, tmp_path: Path
) -> None:
    source = str(tmp_path / "older.db")
    _older_journal(ok, source, refused_by_postgresql=True)
    before = digest(journal)
    result = run("--db", source, "db", "copy", "--to", journal.url)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "Error: PostgreSQL cannot store these rows: entry 2 (the text contains a NUL character"
    ), line
    assert "import_source 'watson', 'ffffffff" in line and len(line) < 600
    assert "entry 3" not in line  # a day out of the years: PostgreSQL holds it
    assert line.endswith("; an SQLite file keeps them (nothing was copied)")
    assert "secret" not in line
    assert digest(journal) == before
    assert journal.query("SELECT key FROM setting") == [("journal_id",)]  # no copy mark
