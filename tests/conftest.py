"""Shared fixtures: every test gets its own journal file through SPRINTLOG_DB."""

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import Result, Run
from typer.testing import CliRunner

from sprintlog.cli import app


@pytest.fixture(autouse=True)
def journal_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "journal" / "journal.db"
    monkeypatch.setenv("SPRINTLOG_DB", str(path))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return path


@pytest.fixture
def run() -> Run:
    """Run sprintlog in-process: run("log", "text", input=None) -> Result."""

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input, prog_name="sprintlog")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return invoke


@pytest.fixture
def ok(run: Run) -> Run:
    """Like run, but the command must succeed."""

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        result = run(*args, input=input)
        assert result.exit_code == 0, (args, result.stderr)
        return result

    return invoke


@pytest.fixture
def sprint(ok: Run) -> None:
    """A running sprint 1 (started 3 days ago) with goals 1 (no tasks) and 3 (tasks a, b)."""
    ok("sprint", "start", "--start", "-3d", "--length", "14")
    ok("goal", "add", "1", "Write", "--description", "Finish the essay draft")
    ok("goal", "add", "3", "Math", "--task", "Email two professors", "--task", "Topoi ch.1")


@pytest.fixture
def db(journal_path: Path) -> Iterator[Callable[[str], list[tuple]]]:
    """Query the journal file directly (read only), to check what was really stored."""

    def query(sql: str) -> list[tuple]:
        connection = sqlite3.connect(f"file:{journal_path}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    yield query
