"""Paths that name no regular file, and database URLs that are not URLs (issue 23.6).

A journal, a file to import or a template FILE that is a FIFO, a device, a socket, a
directory or a loop of symbolic links is refused at once with one line: a FIFO is never
opened (it would wait for a writer for ever), a device never read. Each runs as a
process of its own with a timeout, so that a regression fails rather than hangs.
"""

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Run

AT_ONCE_SECONDS = 20  # a process start and an error; a FIFO used to wait for ever


@pytest.fixture
def odd_paths(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """One path of each kind that is not a regular file."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    device = tmp_path / "zero"
    os.mknod(device, 0o600 | stat.S_IFCHR, os.stat("/dev/zero").st_rdev)
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop-back")
    (tmp_path / "loop-back").symlink_to(loop)
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "socket"))
    try:
        yield {
            "a FIFO (named pipe)": fifo,
            "a character device": device,
            "a socket": tmp_path / "socket",
            "a loop of symbolic links": loop,
            "a directory": tmp_path,
        }
    finally:
        listening.close()


def _sprintlog(*args: str) -> tuple[int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "sprintlog", *args],
        capture_output=True,
        text=True,
        timeout=AT_ONCE_SECONDS,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stderr, time.monotonic() - started


@pytest.mark.sqlite_only
def test_a_journal_that_is_no_file_is_refused_at_once(odd_paths: dict[str, Path]) -> None:
    for kind, path in odd_paths.items():
        for args in (["--db", str(path), "status"], ["--db", f"sqlite:///{path}", "log", "x"]):
            code, errors, _ = _sprintlog(*args)
            shown = path if kind.startswith("a loop") else path.resolve()
            assert (code, errors) == (1, f"Error: {shown} is {kind}, not a journal file\n")


@pytest.mark.sqlite_only
def test_db_copy_to_what_is_no_file_is_refused(ok: Run, odd_paths: dict[str, Path]) -> None:
    ok("log", "kept")
    code, errors, _ = _sprintlog("db", "copy", "--to", str(odd_paths["a FIFO (named pipe)"]))
    assert code == 1 and errors.endswith("is a FIFO (named pipe), not a journal file\n")


def test_a_file_to_import_that_is_no_file_is_refused_at_once(
    ok: Run, odd_paths: dict[str, Path]
) -> None:
    ok("log", "kept")
    for kind, path in odd_paths.items():
        code, errors, _ = _sprintlog("import", str(path))
        assert (code, errors) == (2, f"Error: {path}: is {kind}, not a file\n")
    assert [entry["text"] for entry in ok("entries", "--json").json()] == ["kept"]


def test_a_template_that_is_no_file_is_refused_at_once(ok: Run, odd_paths: dict[str, Path]) -> None:
    ok("sprint", "start", "--start", "2025-03-03", "--length", "14")
    for kind, path in odd_paths.items():
        for args in (["render", "review", "1", "--template", str(path)],):
            code, errors, _ = _sprintlog(*args)
            assert (code, errors) == (2, f"Error: the template {path} is {kind}, not a file\n")
        code, errors, _ = _sprintlog("config", "set", "template", str(path))
        assert (code, errors) == (2, f"Error: the template {path} is {kind}, not a file\n")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://me@[::1:5432/db",  # an unclosed bracket
        "postgresql+psycopg://me@host:port/db",
        "postgresql+psycopg://me@host:99999999999999999999/db",
        "sqlite://:nope",
        "://nothing",
    ],
)
def test_a_malformed_url_is_one_line(run: Run, url: str) -> None:
    result = run("--db", url, "status")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ")
