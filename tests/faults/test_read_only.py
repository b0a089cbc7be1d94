"""A read-only journal stays usable after ``chmod 600`` (issue 12, item 7).

Reading a WAL journal makes SQLite create a -shm file beside it with the journal's own
mode: reading a 0444 journal used to leave a 0444 -shm that blocked every write after
``chmod 600``. Modes only bind an unprivileged user (root ignores them), so when the tests
run as root the reading is done in a forked child that has become ``nobody``; the child
reuses the modules already imported, so it needs no access to the interpreter's files.
"""

import json
import os
import pwd
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside the tests' root-only temp tree, owned by the user who reads."""
    folder = Path(tempfile.mkdtemp(prefix="sprintlog-ro-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _unprivileged(action: Callable[[], dict]) -> dict:
    """Run ``action`` as an ordinary user: this process if it is one, else a forked nobody."""
    if os.geteuid() != 0:
        return action()
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no user 'nobody' to drop privileges to")
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        outcome: dict = {"error": "child failed"}
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            outcome = action()
        except BaseException as error:
            outcome = {"error": repr(error)}
        finally:
            os.write(writer, json.dumps(outcome).encode())
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    return json.loads(data)


def _give_away(folder: Path) -> None:
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for path in (folder, *folder.iterdir()):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


def test_reading_a_0444_journal_leaves_nothing_that_blocks_writes_after_chmod(
    ok: Run, run: Run, shared_dir: Path
) -> None:
    path = shared_dir / "journal.db"
    ok("--db", str(path), "log", "first")
    ok("--db", str(path), "entries")  # imports what the child will use
    os.chmod(path, 0o444)
    _give_away(shared_dir)

    def read_then_chmod_then_write() -> dict:
        reading = run("--db", str(path), "entries", "--json")
        after_read = _modes(shared_dir)
        os.chmod(path, 0o600)
        writing = run("--db", str(path), "log", "after chmod")
        return {
            "read": [reading.exit_code, reading.stderr, reading.stdout],
            "modes": after_read,
            "write": [writing.exit_code, writing.stderr],
        }

    outcome = _unprivileged(read_then_chmod_then_write)
    assert "error" not in outcome, outcome
    code, errors, listing = outcome["read"]
    assert code == 0, errors
    assert [entry["text"] for entry in json.loads(listing)] == ["first"]
    left_read_only = {name: mode for name, mode in outcome["modes"].items() if mode & 0o200 == 0}
    assert left_read_only == {"journal.db": 0o444}  # no 0444 -wal or -shm beside it
    assert outcome["write"][0] == 0, outcome["write"][1]
    os.chmod(path, 0o600)
    assert [e["text"] for e in ok("--db", str(path), "entries", "--json").json()] == [
        "first",
        "after chmod",
    ]
