"""Several terminals logging at once: every write waits its turn and succeeds."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

WORKERS = 4
LOGS_EACH = 25

# One worker: a shell loop of real sprintlog processes, stopping at the first failure.
WORKER = """
for i in $(seq 1 {count}); do
  "{python}" -m sprintlog log "worker {worker} entry $i" --minutes 5 || exit 1
done
"""


def test_four_processes_logging_at_once(journal_path: Path) -> None:
    env = {**os.environ, "SPRINTLOG_DB": str(journal_path)}
    workers = [
        subprocess.Popen(
            ["sh", "-c", WORKER.format(count=LOGS_EACH, python=sys.executable, worker=number)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(WORKERS)
    ]
    outcomes = [(worker.wait(timeout=300), worker.stderr.read()) for worker in workers]
    for worker in workers:
        worker.stdout.close()
        worker.stderr.close()
    assert [code for code, _ in outcomes] == [0] * WORKERS, outcomes
    assert all("Error" not in errors for _, errors in outcomes)
    connection = sqlite3.connect(journal_path)
    texts = {row[0] for row in connection.execute("SELECT text FROM entry")}
    connection.close()
    expected = {f"worker {w} entry {i}" for w in range(WORKERS) for i in range(1, LOGS_EACH + 1)}
    assert texts == expected
