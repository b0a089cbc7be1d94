"""Types shared by the tests (tests/ is on sys.path through pytest's pythonpath)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""  # .stdout has \r\n folded to \n by Typer's test runner

    def json(self) -> Any:
        return json.loads(self.stdout)


Run = Callable[..., Result]


SERVER_URL = os.environ.get("SPRINTLOG_TEST_DATABASE_URL")
ON_SERVER = bool(SERVER_URL)


@dataclass
class JournalUnderTest:
    url: str  # what SPRINTLOG_DB is set to: a file path, or a database URL
    path: Path | None  # the file, for an SQLite journal

    def query(self, sql: str) -> list[tuple]:
        """Read the journal directly, to check what was really stored."""
        from sqlalchemy import create_engine, text

        engine = create_engine(f"sqlite:///{self.path}" if self.path else self.url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()


def run_at_once(
    commands: list[list[str]], env: dict[str, str], timeout: float = 300
) -> list[tuple[int, str]]:
    """Start every command at once, then wait for all: (exit code, stderr) of each.

    communicate() reads the pipes while waiting, so a chatty child cannot fill its pipe
    and hang (as wait() followed by read() could).
    """
    children = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    outcomes = []
    for child in children:
        _, errors = child.communicate(timeout=timeout)  # waits, reading the pipe meanwhile
        outcomes.append((child.returncode, errors))
    return outcomes


def sprintlog_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``python -m sprintlog ARGS`` as a process of its own, with exactly ``env``."""
    return subprocess.run(
        [sys.executable, "-m", "sprintlog", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@contextmanager
def lock_held(path: Path) -> Iterator[None]:
    """Another program holding the SQLite journal's lock (readers and writers wait)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def start(*args: str, env: dict[str, str]) -> subprocess.Popen:
    """``python -X importtime -m sprintlog ARGS``: stderr says each import as it ends."""
    return subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "sprintlog", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_import(child: subprocess.Popen, module: str) -> None:
    """Read the child's stderr until ``module`` has been imported."""
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("import time:") and line.split("|")[-1].strip() == module:
            return
    raise AssertionError(f"the child exited before importing {module}")


def store_setting(journal: JournalUnderTest, key: str, value: str) -> None:
    """Write a setting straight into the journal, as an older version or a tool might."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{journal.path}" if journal.path else journal.url)
    try:
        with engine.begin() as connection:
            connection.execute(text('DELETE FROM setting WHERE "key" = :key'), {"key": key})
            connection.execute(
                text('INSERT INTO setting ("key", value) VALUES (:key, :value)'),
                {"key": key, "value": value},
            )
    finally:
        engine.dispose()


def copy_journal(template: Path, path: Path) -> None:
    """Fill the new journal file ``path`` with a copy of the closed journal ``template``.

    ``path`` is the empty 0600 file that files.create_journal_file made (it links it into
    place once this returns); copying into it keeps its mode. Each copy gets an id of its
    own, as migration 0003 gives every journal, so that two journals in a test stay two
    journals (their drafts, their records of each other).
    """
    shutil.copyfile(template, path)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE setting SET value = ? WHERE key = 'journal_id'", (uuid.uuid4().hex,)
            )
    finally:
        connection.close()  # the last connection: the -wal is folded in and removed
    assert not path.with_name(path.name + "-wal").exists()
