"""Does a command cost the same after 100,000 entries, and on a server? (run by hand)

    python tests/benchmarks/bench_history.py [--runs 9] [--peers DIR] [--server URL]

Two comparisons of whole `sprintlog` processes, each printed beside jrnl adding an entry
in the same run (jrnl goes into a virtual environment of its own under DIR, as in
bench_startup.py):

- history: `log`, `status` and `render review` on a journal of 100,000 entries (ten years
  of daily entries with sprints, goals and tasks, then 96,350 Watson frames imported with
  `sprintlog import`, each with two tags and its import record) against the same command
  on a journal one week old (target: at most 1.3 times);
- listings: `entries --grep notes` (every entry matches) on the ten-year journal
  (3,650 entries; target: at most 0.5 times jrnl adding an entry) and `entries --grep s`
  on the journal of 100,000 (every entry matches; target: at most 3 s and 60 MiB), each
  beside jrnl adding an entry to a ten-year journal, with the peak memory of each;
- server: `log`, `status` and `goal list` on a journal on a PostgreSQL server against the
  same command on the same journal in an SQLite file (target: at most 2 times). URL is an
  administrator's URL of a local server (default: $SPRINTLOG_TEST_DATABASE_URL); a
  database is made there for the run and dropped after it. Without one, this part is
  left out.

Runs are paired, round by round (the two sprintlog commands, then jrnl), after one
warm-up round, so a busy machine slows all of them alike. Each line gives the medians
with their spread (min to max), the median of the pairs' ratios with its spread (of wall
time, and of CPU time, which a busy machine inflates less), and the ratio of each
sprintlog command to jrnl. The load average is printed at the start and
the end: the machine may be shared.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_reports import add_learner_rows
from bench_startup import (
    Command,
    jrnl_journal,
    measured_run,
    peer_venv,
    spread,
    sprintlog_command,
    verdict,
)
from journals import build

ENTRIES = 100_000
YEARS_OF_DAYS = 3650
HISTORY = [
    ("log", ["log", "Studied: notes notes notes", "--goal", "2"]),
    ("status", ["status"]),
    ("render review", ["render", "review"]),
]
SERVER = [
    ("log", ["log", "Studied: notes notes notes", "--goal", "2"]),
    ("status", ["status"]),
    ("goal list", ["goal", "list"]),
]
HISTORY_TARGET = 1.3
SERVER_TARGET = 2.0
HEADER = (
    f"{'command':<16} {'{base} s (min–max)':>21} {'{other} s (min–max)':>21} "
    f"{'ratio (min–max)':>16} {'target':>6}        {'CPU ratio':>16} {'jrnl s (min–max)':>21} "
    f"{'÷jrnl':>11}"
)


def watson_frames(path: Path, count: int, first: date, last: date) -> None:
    """``count`` Watson frames spread over the days from ``first`` to ``last``."""
    days = (last - first).days + 1
    frames = []
    for index in range(count):
        day = first + timedelta(days=index * days // count)
        start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(
            minutes=10 * (index % 40)
        )
        stamp = int(start.timestamp())
        tags = [f"topic{index % 7}", "deep"]
        frames.append([stamp, stamp + 500, "study", f"{index:032x}", tags, stamp + 500])
    path.write_text(json.dumps(frames))


def sprintlog(db: str, *args: str) -> None:
    subprocess.run(
        [*sprintlog_command(), "--db", db, *args], check=True, capture_output=True, text=True
    )


def large_journal(folder: Path, today: date) -> Path:
    """Ten years of daily entries, breaks and tags, then Watson frames up to 100,000."""
    db = folder / "hundred-thousand.db"
    build(db, YEARS_OF_DAYS, today)
    add_learner_rows(db)
    frames = folder / "frames.json"
    # In the history before the last month: the current sprint looks as on a young journal.
    first = today - timedelta(days=YEARS_OF_DAYS - 1)
    watson_frames(frames, ENTRIES - YEARS_OF_DAYS, first, today - timedelta(days=35))
    sprintlog(str(db), "import", str(frames), "--format", "watson")
    print(f"imported {ENTRIES - YEARS_OF_DAYS} Watson frames into {db.name}", file=sys.stderr)
    return db


def small_journal(folder: Path, today: date, days: int) -> Path:
    db = folder / f"journal-{days}.db"
    build(db, days, today)
    add_learner_rows(db)
    return db


@dataclass
class Sample:
    """One command's runs in a case: wall seconds and CPU seconds (user and system) of each."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (the child's own, measured as bench_startup does)."""
    run = measured_run(command, env)
    return run.seconds, run.cpu


def measure(commands: list[Command], runs: int) -> list[Sample]:
    """``runs`` rounds, each running every command once, in order, after a warm-up round."""
    for command in commands:
        run_once(*command)
    samples = [Sample() for _ in commands]
    for _ in range(runs):
        for command, sample in zip(commands, samples, strict=True):
            seconds, cpu = run_once(*command)
            sample.seconds.append(seconds)
            sample.cpu.append(cpu)
    return samples


def ratios(ours: list[float], peer: list[float]) -> list[float]:
    return [a / b for a, b in zip(ours, peer, strict=True)]


def line(label: str, ours: tuple[Sample, Sample], jrnl: Sample, target: float) -> str:
    base, other = ours
    ratio = ratios(other.seconds, base.seconds)
    cpu = ratios(other.cpu, base.cpu)
    peer = "/".join(
        f"{statistics.median(ratios(sample.seconds, jrnl.seconds)):.2f}" for sample in ours
    )
    return (
        f"{label:<16} {spread(base.seconds):>21} {spread(other.seconds):>21} "
        f"{spread(ratio, digits=2):>16} {'≤ ' + str(target):>6} "
        f"{verdict(statistics.median(ratio), target):<6} {spread(cpu, digits=2):>16} "
        f"{spread(jrnl.seconds):>21} {peer:>11}"
    )


def compare(
    title: str,
    names: tuple[str, str],
    cases: list[tuple[str, list[str]]],
    envs: tuple[dict[str, str], dict[str, str]],
    jrnl: Command,
    runs: int,
    target: float,
) -> None:
    print(f"\n{title}")
    print(HEADER.format(base=names[0], other=names[1]))
    ours = sprintlog_command()
    for label, args in cases:
        base, other, peer = measure(
            [([*ours, *args], envs[0]), ([*ours, *args], envs[1]), jrnl], runs
        )
        print(line(label, (base, other), peer, target))


@contextmanager
def server_database(admin_url: str):
    """A new, empty database on the server for the run (dropped after it)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    name = f"sprintlog_bench_{uuid.uuid4().hex[:8]}"
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def on_server(admin_url: str, folder: Path, today: date, jrnl: Command, runs: int) -> None:
    db = small_journal(folder, today, 30)
    with server_database(admin_url) as url:
        sprintlog(str(db), "db", "copy", "--to", url)
        envs = (
            {**os.environ, "SPRINTLOG_DB": str(db)},
            {**os.environ, "SPRINTLOG_DB": url},
        )
        compare(
            "A journal one month old on a local PostgreSQL server against the same in SQLite",
            ("SQLite", "server"),
            SERVER,
            envs,
            jrnl,
            runs,
            SERVER_TARGET,
        )


LISTING_RATIO = 0.5
LISTING_SECONDS = 3.0
LISTING_MIB = 60


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MiB, the largest resident set) and CPU seconds of one run.

    The memory is what GNU time reports: a child's own ru_maxrss from os.wait4 would count
    this benchmark's own memory, which the child had between fork and exec.
    """
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *command],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    peak, user, system = done.stderr.split()[-3:]
    return elapsed, int(peak) / 1024, float(user) + float(system)


def listings(decade: Path, large: Path, jrnl: Command, runs: int) -> None:
    """The long listings beside jrnl adding an entry, paired run by run."""
    ours = sprintlog_command()
    cases = [
        ("entries --grep notes, 10 years", decade, ["entries", "--grep", "notes"]),
        ("entries --grep s, 100k", large, ["entries", "--grep", "s"]),
    ]
    print("\nLong listings (every entry matches), beside jrnl adding an entry (10 years)")
    print(
        f"{'command':<32} {'s (min–max)':>21} {'CPU s':>6} {'MiB':>6} "
        f"{'jrnl s (min–max)':>21} {'CPU s':>6} {'MiB':>6} {'÷jrnl':>6} {'CPU÷':>6}  targets"
    )
    for label, db, args in cases:
        env = {**os.environ, "SPRINTLOG_DB": str(db)}
        run_measured([*ours, *args], env)  # warm-up
        run_measured(*jrnl)
        mine, peer = [], []
        for _ in range(runs):
            mine.append(run_measured([*ours, *args], env))
            peer.append(run_measured(*jrnl))
        seconds = [run[0] for run in mine]
        cpu = statistics.median(run[2] for run in mine)
        peer_cpu = statistics.median(run[2] for run in peer)
        ratio = statistics.median(a[0] / b[0] for a, b in zip(mine, peer, strict=True))
        cpu_ratio = statistics.median(a[2] / b[2] for a, b in zip(mine, peer, strict=True))
        mib = max(run[1] for run in mine)
        if db == decade:
            target = f"≤ {LISTING_RATIO}× jrnl {verdict(ratio, LISTING_RATIO)}"
        else:
            fast = verdict(statistics.median(seconds), LISTING_SECONDS)
            small = verdict(mib, LISTING_MIB)
            target = f"≤ {LISTING_SECONDS} s {fast} (CPU {verdict(cpu, LISTING_SECONDS)}), "
            target += f"≤ {LISTING_MIB} MiB {small}"
        print(
            f"{label:<32} {spread(seconds):>21} {cpu:>6.2f} {mib:>6.1f} "
            f"{spread([run[0] for run in peer]):>21} {peer_cpu:>6.2f} "
            f"{max(run[1] for run in peer):>6.1f} {ratio:>6.2f} {cpu_ratio:>6.2f}  {target}"
        )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--peers", type=Path, help="keep (or reuse) jrnl's venv here")
    parser.add_argument("--server", default=os.environ.get("SPRINTLOG_TEST_DATABASE_URL"))
    parser.add_argument("--only", choices=("history", "listings", "server"))
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min) at the start: {load()}; {os.cpu_count()} cpus")
    today = date.today()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        peers = args.peers or folder
        peers.mkdir(parents=True, exist_ok=True)
        executable = peer_venv(peers, "jrnl", "jrnl")
        if executable is None:
            raise SystemExit("jrnl could not be installed: it is the peer of every case")
        jrnl = jrnl_journal(executable, folder, 30)
        if args.only in (None, "history"):
            week, large = small_journal(folder, today, 7), large_journal(folder, today)
            compare(
                f"{ENTRIES:,} entries against one week",
                ("1 week", "100k"),
                HISTORY,
                (
                    {**os.environ, "SPRINTLOG_DB": str(week)},
                    {**os.environ, "SPRINTLOG_DB": str(large)},
                ),
                jrnl,
                args.runs,
                HISTORY_TARGET,
            )
        if args.only in (None, "listings"):
            decade = small_journal(folder, today, YEARS_OF_DAYS)
            large = large_journal(folder, today) if args.only == "listings" else large
            listings(decade, large, jrnl_journal(executable, folder, YEARS_OF_DAYS), args.runs)
        if args.only in (None, "server"):
            if args.server:
                on_server(args.server, folder, today, jrnl, args.runs)
            else:
                print("\n(no --server URL nor SPRINTLOG_TEST_DATABASE_URL: the server is left out)")
    print(
        f"\nMedian of {args.runs} paired runs, (min–max) over them; ratio: the median of the "
        "pairs' ratios (of wall time; CPU ratio: of the processes' CPU time, which a busy "
        "machine inflates less); ÷jrnl: the first and the second command's median ratio to "
        f"jrnl adding an entry.\nPython {sys.version.split()[0]}; load average at the end: {load()}"
    )


if __name__ == "__main__":
    main()
