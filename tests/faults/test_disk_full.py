"""Running out of space while writing (fault 10): one line, exit 1, earlier entries intact."""

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run

pytestmark = pytest.mark.sqlite_only


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of dying
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_file_size_limit(ok: Run, journal_path: Path) -> None:
    ok("log", "written before")
    before = journal_path.stat().st_size
    result = subprocess.run(
        [sys.executable, "-m", "sprintlog", "log", "-"],
        input="x" * 1_000_000,
        capture_output=True,
        text=True,
        env={**os.environ, "SPRINTLOG_DB": str(journal_path)},
        preexec_fn=_file_size_limit(before + 50_000),
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: disk full") and result.stderr.count("\n") == 1
    assert [e["text"] for e in ok("entries", "--json").json()] == ["written before"]


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_a_full_file_system(tmp_path: Path) -> None:
    """An 800 KiB tmpfs (a new journal takes about 200 KiB, more while it is built),
    mounted in a user namespace of the test's own."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    journal = mount / "journal.db"
    script = f"""
set -u
mount -t tmpfs -o size=800k tmpfs "{mount}" || exit 77
export SPRINTLOG_DB="{journal}"
"{sys.executable}" -m sprintlog log "kept entry" >/dev/null 2>&1 || exit 78
status=0
for i in 1 2 3 4 5 6 7 8; do
  head -c 150000 /dev/zero | tr '\\0' 'y' > "{tmp_path}/text"
  "{sys.executable}" -m sprintlog log - < "{tmp_path}/text" 2>>"{tmp_path}/errors" \\
    || {{ status=$?; break; }}
done
echo "exit=$status"
"{sys.executable}" -m sprintlog entries --json
"""
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120
    )
    if result.returncode == 77 or "unshare:" in result.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()[:200]}")
    lines = result.stdout.splitlines()
    assert "exit=1" in lines, result.stdout + result.stderr
    errors = (tmp_path / "errors").read_text().strip().splitlines()
    assert errors[-1].startswith("Error: disk full"), errors
    assert '"kept entry"' in result.stdout
