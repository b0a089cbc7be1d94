"""Several terminals logging at once: every write waits its turn and succeeds."""

import os
import sys

from helpers import run_at_once

WORKERS = 4
LOGS_EACH = 25

# One worker: a shell loop of real sprintlog processes, stopping at the first failure.
WORKER = """
for i in $(seq 1 {count}); do
  "{python}" -m sprintlog log "worker {worker} entry $i" --minutes 5 || exit 1
done
"""


def test_four_processes_logging_at_once(journal) -> None:
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    outcomes = run_at_once(
        [
            ["sh", "-c", WORKER.format(count=LOGS_EACH, python=sys.executable, worker=number)]
            for number in range(WORKERS)
        ],
        env,
    )
    assert [code for code, _ in outcomes] == [0] * WORKERS, outcomes
    assert all("Error" not in errors for _, errors in outcomes)
    texts = {row[0] for row in journal.query("SELECT text FROM entry")}
    expected = {f"worker {w} entry {i}" for w in range(WORKERS) for i in range(1, LOGS_EACH + 1)}
    assert texts == expected
