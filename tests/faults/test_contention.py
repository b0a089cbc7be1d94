"""Contention (faults 1 and 2): many writers all succeed; a lock held too long is one line."""

import os
import sys
from pathlib import Path

import pytest
from helpers import Run, lock_held, run_at_once

from sprintlog.cli.display import terminal
from sprintlog.storage import sqlite as sqlite_db

# Fifty `sprintlog log` commands in one process: each opens the journal and commits in
# its own transaction, exactly as fifty separate runs would, without fifty start-ups.
WRITER = """
import sys
from sprintlog.cli import app
worker = sys.argv[1]
for number in range(50):
    app(["log", f"worker {worker} entry {number}"], prog_name="sprintlog", standalone_mode=False)
"""


def test_six_writers_fifty_entries_each(journal) -> None:
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    outcomes = run_at_once([[sys.executable, "-c", WRITER, str(w)] for w in range(6)], env)
    assert [code for code, _ in outcomes] == [0] * 6, outcomes
    texts = {row[0] for row in journal.query("SELECT text FROM entry")}
    assert texts == {f"worker {w} entry {n}" for w in range(6) for n in range(50)}


@pytest.mark.sqlite_only
def test_a_lock_held_past_the_busy_timeout_keeps_the_typed_text(
    ok: Run, run: Run, journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("sprint", "start")
    ok("goal", "add", "1", "Write")
    monkeypatch.setattr(sqlite_db, "BUSY_TIMEOUT_SECONDS", 0.3)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nfrom pathlib import Path\n"
        "p = Path(sys.argv[-1]); p.write_text('Typed while busy\\n' + p.read_text())\n"
    )
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{editor}"')
    monkeypatch.setattr(terminal, "interactive", lambda: True)  # a person at a terminal
    with lock_held(journal_path):
        result = run("note", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        lines[-1] == f"Error: the journal {journal_path} is busy: another program "
        "(another sprintlog?) is using it; try again"
    )
    [draft] = (tmp_path / "data" / "sprintlog" / "drafts").iterdir()
    assert lines[-2] == f"Your text is kept in {draft}"
    assert draft.read_text().startswith("Typed while busy")
    assert ok("goal", "list", "--json").json()[0]["outcome"] is None
