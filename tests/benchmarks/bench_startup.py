"""How quickly sprintlog answers, measured against jrnl and Watson in one run (run by hand).

    python tests/benchmarks/bench_startup.py [--runs 9] [--peers DIR]

jrnl and Watson are benchmark peers, not dependencies: each goes into a virtual
environment of its own under DIR (made and filled with `pip install jrnl` / `pip install
td-watson` when missing; by default a temporary folder). Watson is left out, with a
note, if it cannot be installed. Every case is run in pairs, run by run: sprintlog, then
each peer, so that a busy machine slows both alike. It prints the median of the runs
with their spread (min to max), the ratio to the peer (the median of the pairs' ratios, and
their spread), the target, and each command's peak memory (its largest resident set).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from journals import build

JRNL_CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ""
encrypt: false
highlight: false
indent_character: "|"
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: "#@"
template: false
timeformat: "%F %r"
version: v4.2
"""
MEMORY_TARGET_MIB = 40
Command = tuple[list[str], dict[str, str]]


@dataclass
class Sample:
    """One program's runs in a case: seconds and peak MiB of each."""

    seconds: list[float] = field(default_factory=list)
    mib: list[float] = field(default_factory=list)


# On Linux a process keeps, across exec, the peak resident set of the process it was forked
# from: a command started straight from this benchmark (which builds the journals in-process)
# would report the benchmark's own peak as its ru_maxrss. A small Python starts the command
# instead and reports its child's figures (RUSAGE_CHILDREN): the wall time it measured around
# the command (its own start-up is not counted), the child's CPU time, and its peak in KiB.
_MEASURE_CHILD = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,"
    " stderr=subprocess.PIPE)\n"
    "elapsed = time.perf_counter() - started\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.buffer.write(done.stderr)\n"
    "print(done.returncode, elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)\n"
)


@dataclass
class Measured:
    """One run of a command: wall and CPU seconds, and peak resident memory (MiB)."""

    seconds: float
    cpu: float
    mib: float


def measured_run(command: list[str], env: dict[str, str]) -> Measured:
    """Run ``command`` once through the small measuring Python; exit if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE_CHILD, *command],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    figures = done.stdout.split()
    if len(figures) != 4 or int(figures[0]) != 0:  # no figures: the command could not start
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    _, seconds, cpu, kib = figures
    return Measured(float(seconds), float(cpu), int(kib) / 1024)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one run of ``command``."""
    run = measured_run(command, env)
    return run.seconds, run.mib


def peer_venv(folder: Path, package: str, program: str) -> Path | None:
    """``program`` from ``package`` in a venv of its own under ``folder`` (None: no install)."""
    venv_dir = folder / f"{program}-venv"
    executable = venv_dir / "bin" / program
    if not executable.exists():
        venv.create(venv_dir, with_pip=True)
        pip = [str(venv_dir / "bin" / "pip"), "install", "-q", package]
        installed = subprocess.run(pip, check=False, capture_output=True, text=True)
        if installed.returncode != 0:
            print(installed.stderr, file=sys.stderr)
            return None
    return executable


def isolated_home(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }


def jrnl_journal(jrnl: Path, folder: Path, days: int) -> Command:
    """``jrnl "text"`` (adding an entry) on a journal of ``days`` daily entries."""
    home = folder / f"jrnl-home-{days}"
    journal = home / "journal.txt"
    (home / ".config" / "jrnl").mkdir(parents=True)
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    first = date.today() - timedelta(days=days - 1)
    with journal.open("w", encoding="utf-8") as handle:
        for offset in range(days):
            day = first + timedelta(days=offset)
            handle.write(f"[{day.isoformat()} 09:00:00 AM] Studied on {day}: notes notes notes\n\n")
    return [str(jrnl), "Studied: notes notes notes"], isolated_home(home)


def watson_frames(watson: Path, folder: Path, days: int) -> Command:
    """``watson log`` (the last 7 days) with a frame a day for ``days`` days."""
    watson_dir = folder / f"watson-{days}"
    watson_dir.mkdir()
    first = date.today() - timedelta(days=days - 1)
    frames = []
    for offset in range(days):
        start = datetime.combine(first + timedelta(days=offset), clock(9), tzinfo=UTC)
        stamp = int(start.timestamp())
        frames.append([stamp, stamp + 3600, "study", f"{offset:032x}", ["notes"], stamp + 3600])
    (watson_dir / "frames").write_text(json.dumps(frames))
    env = {**isolated_home(watson_dir), "WATSON_DIR": str(watson_dir)}
    return [str(watson), "log"], env


def sprintlog_command() -> list[str]:
    """The sprintlog beside this Python (not whichever one PATH finds first)."""
    script = Path(sys.executable).parent / "sprintlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sprintlog"]


def completion_env(base: dict[str, str], line: str) -> dict[str, str]:
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    return {
        **base,
        "_SPRINTLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(current),
    }


def measure(commands: list[Command], runs: int) -> list[Sample]:
    """``runs`` rounds, each running every command once, in order, after one warm-up round."""
    for command in commands:
        run_once(*command)  # the file cache, .pyc files, a first write
    samples = [Sample() for _ in commands]
    for _ in range(runs):
        for command, sample in zip(commands, samples, strict=True):
            seconds, mib = run_once(*command)
            sample.seconds.append(seconds)
            sample.mib.append(mib)
    return samples


def spread(values: list[float], scale: float = 1.0, digits: int = 3) -> str:
    median = statistics.median(values) * scale
    return (
        f"{median:.{digits}f} ({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})"
    )


def ratios(ours: Sample, peer: Sample) -> list[float]:
    return [a / b for a, b in zip(ours.seconds, peer.seconds, strict=True)]


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


DAILY = [  # what a learner runs every day; the target is a ratio to jrnl adding an entry
    ("status", ["status"], 1.2),
    ("streak", ["streak"], 1.2),
    ("entries --since -7d", ["entries", "--since", "-7d"], 1.2),
    ("render review", ["render", "review"], 1.5),
    ("log", ["log", "Studied: notes notes notes", "--goal", "2"], None),  # by journal size
]
LOG_TARGETS = {"one month": 1.0, "10 years": 0.5}
# What a learner runs several times in every sprint (issue 22): each at most as long as
# jrnl adding an entry, in at most EDIT_MEMORY_MIB. Each may run again and again: a done
# goal done again, a note saved again, one more reading item.
EDITS = [
    ("goal list", ["goal", "list"]),
    ("goal done 2a", ["goal", "done", "2a"]),
    ("note 2 TEXT", ["note", "2", "Went well: read two chapters, did the exercises."]),
    ("read add", ["read", "add", "Topoi, ch.2", "--goal", "2"]),
    ("sprint list", ["sprint", "list"]),
    ("config list", ["config", "list"]),
]
EDIT_MEMORY_MIB = 30
HEADER = (
    f"{'case':<30} {'sprintlog s (min–max)':>21} {f'MiB≤{MEMORY_TARGET_MIB}':>6} "
    f"{'peer s (min–max)':>21} "
    f"{'ratio (min–max)':>16} {'target':>6}"
)


def row(label: str, ours: Sample, peer: Sample, target: float) -> str:
    """One case: our time and memory, the peer's time, the ratio and the target."""
    ratio = ratios(ours, peer)
    mib = statistics.median(ours.mib)
    memory = f"{mib:.0f}" + ("" if mib <= MEMORY_TARGET_MIB else "!")
    return (
        f"{label:<30} {spread(ours.seconds):>21} {memory:>6} {spread(peer.seconds):>21} "
        f"{spread(ratio, digits=2):>16} {'≤ ' + str(target):>6} "
        f"{verdict(statistics.median(ratio), target)}"
    )


def start_up(ours: list[str], env: dict[str, str], jrnl: Command, help_peer: Command, runs: int):
    print(f"Start-up; peers: {Path(help_peer[0][0]).name} --help, jrnl adding an entry")
    print(HEADER)
    cases = [
        ("sprintlog --help", ([*ours, "--help"], env), help_peer, 1.0),
        ("TAB: a command name", (ours, completion_env(env, "sprintlog st")), jrnl, 0.5),
        (
            "TAB: a goal reference",
            (ours, completion_env(env, "sprintlog log x --goal ")),
            jrnl,
            0.5,
        ),
        (
            "TAB: a value (report --by)",
            (ours, completion_env(env, "sprintlog report --by ")),
            jrnl,
            0.5,
        ),
    ]
    for label, mine, peer, target in cases:
        print(row(label, *measure([mine, peer], runs), target))


def daily(ours: list[str], journals: dict[str, tuple[dict, Command, Command | None]], runs: int):
    """The daily commands against jrnl adding an entry, and `watson log`, journal by journal."""
    print("\nDaily commands; peer: jrnl adding an entry (same journal age); then watson log")
    print(HEADER + f" {'watson s (min–max)':>21} {'ratio':>5}")
    for size, (env, jrnl, watson) in journals.items():
        for label, args, target in DAILY:
            commands = [([*ours, *args], env), jrnl, *([watson] if watson else [])]
            samples = measure(commands, runs)
            line = row(f"{label}, {size}", samples[0], samples[1], target or LOG_TARGETS[size])
            if watson:
                ratio = statistics.median(ratios(samples[0], samples[2]))
                line += f"  {spread(samples[2].seconds):>21} {ratio:>5.2f}"
            print(line)


def edits(ours: list[str], env: dict[str, str], jrnl: Command, runs: int) -> None:
    """The edits of a sprint against jrnl adding an entry, on a month's journal."""
    print("\nEdits during a sprint, one month; peer: jrnl adding an entry")
    print(HEADER)
    for label, args in EDITS:
        ours_sample, peer = measure([([*ours, *args], env), jrnl], runs)
        line = row(label, ours_sample, peer, 1.0)
        if statistics.median(ours_sample.mib) > EDIT_MEMORY_MIB:
            line += f"  memory MISSED (> {EDIT_MEMORY_MIB} MiB)"
        print(line)


def history(ours: list[str], decade: dict[str, str], week: dict[str, str], runs: int) -> None:
    """Reports on 10 years of history against one week: the cost must not grow with it."""
    print("\nReports on 10 years of history; peer: the same on one week")
    print(HEADER)
    for label, args, _ in DAILY[:-1]:
        samples = measure([([*ours, *args], decade), ([*ours, *args], week)], runs)
        print(row(f"{label}, 10 years", *samples, 1.2))


def prepare(folder: Path, peers: Path, today: date) -> tuple[dict, dict]:
    """The journals (7 days, a month, 10 years) and, for a month and 10 years, the peers'."""
    jrnl = peer_venv(peers, "jrnl", "jrnl")
    watson = peer_venv(peers, "td-watson", "watson")
    if jrnl is None:
        raise SystemExit("jrnl could not be installed: it is the peer of every case")
    if watson is None:
        print("(watson could not be installed: its column is left out)")
    on = {}
    for days in (7, 30, 3650):
        build(folder / f"journal-{days}.db", days, today)
        on[days] = {**os.environ, "SPRINTLOG_DB": str(folder / f"journal-{days}.db")}
    journals = {
        size: (
            on[days],
            jrnl_journal(jrnl, folder, days),
            watson_frames(watson, folder, days) if watson else None,
        )
        for size, days in (("one month", 30), ("10 years", 3650))
    }
    return on, journals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--peers", type=Path, help="keep (or reuse) the peers' venvs here")
    args = parser.parse_args()
    ours = sprintlog_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        peers = args.peers or folder
        peers.mkdir(parents=True, exist_ok=True)
        on, journals = prepare(folder, peers, date.today())
        _, jrnl, watson = journals["one month"]
        helped = watson or jrnl
        start_up(ours, on[30], jrnl, ([helped[0][0], "--help"], helped[1]), args.runs)
        daily(ours, journals, args.runs)
        edits(ours, on[30], jrnl, args.runs)
        history(ours, on[3650], on[7], args.runs)
    print(
        f"\nMedian of {args.runs} paired runs, (min–max) over them; ratio: the median of the "
        f"pairs' ratios. MiB: median peak resident memory of sprintlog (! over "
        f"{MEMORY_TARGET_MIB}).\nPython {sys.version.split()[0]}, {os.cpu_count()} cpus, load "
        f"{os.getloadavg()[0]:.1f} at the end; sprintlog: {' '.join(ours)}"
    )


if __name__ == "__main__":
    main()
