"""Upgrading an old journal while another process does the same (fault 6)."""

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from helpers import run_at_once

from sprintlog.storage.revision import HEAD

pytestmark = [pytest.mark.sqlite_only, pytest.mark.migrations]

REVISIONS = Path(__file__).parent.parent / "revisions"


def test_two_processes_starting_on_an_old_schema(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    connection = sqlite3.connect(journal)
    connection.executescript((REVISIONS / "0001.sql").read_text(encoding="utf-8"))
    connection.execute("PRAGMA journal_mode = WAL")
    connection.commit()
    connection.close()
    env = {**os.environ, "SPRINTLOG_DB": str(journal)}
    results = run_at_once(
        [[sys.executable, "-m", "sprintlog", "log", f"run {n}"] for n in range(2)], env, timeout=120
    )
    assert [code for code, _ in results] == [0, 0], results
    upgraded = [err for _, err in results if "Upgraded the journal" in err]
    assert len(upgraded) == 1, results
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    check = sqlite3.connect(journal)
    assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    texts = {row[0] for row in check.execute("SELECT text FROM entry")}
    assert {"run 0", "run 1"} <= texts
    check.close()
