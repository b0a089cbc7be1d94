"""The check of a journal's rows before each command (storage/row_check.py, issue 22 item 4).

Its work must not grow with the journal: the same number of SQLite steps on a journal of
a few rows as on one of thousands. And what it no longer scans in full must still be
named: a bad value in an indexed column by every command, one elsewhere when read.
"""

import sqlite3
from pathlib import Path

import pytest
from helpers import Run

from sprintlog.storage import row_check

pytestmark = pytest.mark.sqlite_only

NEW_ROW = "lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _alter(path: Path, *statements: str) -> None:
    """Change the file behind sprintlog's back, as another tool would (foreign keys off)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _steps(path: Path, **options: bool) -> int:
    """SQLite's virtual-machine steps for one check of the journal (its work, not its time)."""
    connection = sqlite3.connect(path)
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    try:
        connection.set_progress_handler(count, 1)
        row_check.refuse_bad_values(connection, str(path), everything=False, **options)
    finally:
        connection.close()
    return steps[0]


def _add_entries(path: Path, count: int) -> None:
    """Entries with a tag and an import record each, as importing Watson frames adds."""
    _alter(
        path,
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) "
        "INSERT INTO entry (day, text, minutes, created_at, uuid, updated_at) "
        "SELECT date('2020-01-01', '+' || (i % 2000) || ' days'), 'imported', 30, "
        f"'2025-01-01 10:00:00.000000', {NEW_ROW} FROM n",
        "INSERT INTO entry_tag (entry_id, tag) SELECT id, 'topic' || (id % 7) FROM entry "
        "WHERE text = 'imported' AND id NOT IN (SELECT entry_id FROM entry_tag)",
        "INSERT INTO import_source (source, source_id, row_table, row_uuid, imported_at) "
        "SELECT 'watson', 'frame' || id, 'entry', uuid, '2025-01-01 10:00:00.000000' "
        "FROM entry WHERE text = 'imported'",
    )


def _add_sprints(path: Path, count: int) -> None:
    """Past sprints, each with a goal and a task."""
    _alter(
        path,
        f"WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < {99 + count}) "
        "INSERT INTO sprint (number, start_day, end_day, uuid, updated_at) "
        "SELECT i, date('1990-01-01', '+' || (14 * i) || ' days'), "
        f"date('1990-01-01', '+' || (14 * i + 13) || ' days'), {NEW_ROW} FROM n",
        "INSERT INTO goal (sprint_id, number, title, status, uuid, updated_at) "
        f"SELECT id, 1, 'Read', 'open', {NEW_ROW} FROM sprint WHERE number >= 100",
        "INSERT INTO task (goal_id, letter, text, status, uuid, updated_at) "
        f"SELECT id, 'a', 'Topoi', 'open', {NEW_ROW} FROM goal "
        "WHERE id NOT IN (SELECT goal_id FROM task)",
    )


def test_the_check_does_the_same_work_however_large_the_journal(
    ok: Run, journal_path: Path
) -> None:
    ok("sprint", "start")
    ok("goal", "add", "2", "Read", "--task", "Topoi")
    ok("log", "a day", "--goal", "2a", "--tag", "math")
    young = _steps(journal_path, typed_reads=True), _steps(journal_path)
    _add_entries(journal_path, 5000)
    # A command reading through the typed queries: the same whatever grows.
    assert _steps(journal_path, typed_reads=True) == young[0]
    # Through the ORM, the hand-filled tables are read in full: the same as entries grow.
    assert _steps(journal_path) == young[1]
    _add_sprints(journal_path, 300)
    assert _steps(journal_path, typed_reads=True) == young[0]


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE entry_tag SET tag = x'00ff'", "entry_tag 1, b'\\x00\\xff': tag holds a value"),
        ("UPDATE entry_tag SET entry_id = 'one'", "entry_tag one, math: entry_id holds 'one'"),
        ("UPDATE goal SET sprint_id = 'first'", "goal 1: sprint_id holds 'first', not a whole"),
        ("UPDATE task SET goal_id = x'01'", "task 1: goal_id holds a value of type bytes"),
        ("UPDATE study_break SET start_day = 20250101", "study_break 1: start_day holds a value"),
        ("UPDATE import_source SET source = x'01'", "import_source b'\\x01', f1: source holds"),
        ("UPDATE sprint SET uuid = 7", None),  # stored as the text '7': nothing to name
    ],
)
def test_a_bad_value_in_an_indexed_column_stops_every_command(
    ok: Run, run: Run, journal_path: Path, statement: str, named: str | None
) -> None:
    ok("sprint", "start", "--start", "-3d")
    ok("goal", "add", "2", "Read", "--task", "Topoi")
    ok("log", "a day", "--goal", "2a", "--tag", "math")
    ok("break", "add", "2030-01-01", "2030-01-07")
    _alter(
        journal_path,
        "INSERT INTO import_source (source, source_id, row_table, row_uuid, imported_at) "
        "VALUES ('watson', 'f1', 'entry', 'abc', '2025-01-01 10:00:00.000000')",
        "PRAGMA foreign_keys = OFF",
        statement,
    )
    for command in (["log", "another day"], ["status"], ["entries"]):
        result = run(*command)
        if named is None:
            assert result.exit_code == 0, result.stderr
        else:
            assert result.exit_code == 1, command
            assert "holds values sprintlog cannot read: " in result.stderr
            assert named in result.stderr


@pytest.mark.parametrize(
    ("statement", "command", "named"),
    [
        ("UPDATE goal SET title = x'00ff'", "status", "goal 1: title holds a value of type bytes"),
        ("UPDATE goal SET title = x'00ff'", "goal list", "goal 1: title holds a value of type"),
        ("UPDATE goal SET number = 'two'", "status", "goal 1: number holds 'two', not a whole"),
        ("UPDATE task SET text = x'00'", "render review", "task 1: text holds a value of type"),
        ("UPDATE sprint SET start_day = '2025-02-30'", "status", "start_day holds '2025-02-30'"),
        ("UPDATE reading_item SET title = x'01'", "read list", "reading_item 1: title holds"),
        ("UPDATE entry SET text = x'01'", "entries", "entry 1: text holds a value of type bytes"),
    ],
)
def test_a_bad_value_elsewhere_is_named_when_read(
    ok: Run, run: Run, journal_path: Path, statement: str, command: str, named: str
) -> None:
    ok("sprint", "start", "--start", "-3d")
    ok("goal", "add", "2", "Read", "--task", "Topoi")
    ok("log", "a day", "--goal", "2a")
    ok("read", "add", "A book")
    _alter(journal_path, statement)
    result = run(*command.split())
    assert result.exit_code == 1
    assert "holds values sprintlog cannot read: " in result.stderr
    assert named in result.stderr
