"""How quickly sprintlog answers, measured against jrnl in one run (run by hand).

    python tests/benchmarks/bench_startup.py [--runs 15] [--jrnl-venv DIR]

jrnl is a benchmark peer, not a dependency: it goes into a virtual environment of its own
(DIR, made and filled with `pip install jrnl` when it does not exist; by default a
temporary one). Each sprintlog command is alternated with its peer, run by run, and the
medians of whole-process wall times are printed with their ratio and the target.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from datetime import date, timedelta
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


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def jrnl_setup(folder: Path, venv_dir: Path | None, days: int) -> tuple[list[str], dict[str, str]]:
    """A jrnl in its own venv, with a journal of ``days`` daily entries."""
    venv_dir = venv_dir or folder / "jrnl-venv"
    jrnl = venv_dir / "bin" / "jrnl"
    if not jrnl.exists():
        venv.create(venv_dir, with_pip=True)
        subprocess.run([str(venv_dir / "bin" / "pip"), "install", "-q", "jrnl"], check=True)
    home = folder / f"jrnl-home-{days}"
    journal = home / "journal.txt"
    (home / ".config" / "jrnl").mkdir(parents=True)
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    first = date.today() - timedelta(days=days - 1)
    with journal.open("w", encoding="utf-8") as handle:
        for offset in range(days):
            day = first + timedelta(days=offset)
            handle.write(f"[{day.isoformat()} 09:00:00 AM] Studied on {day}: notes notes notes\n\n")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    return [str(jrnl)], env


def completion_env(base: dict[str, str], line: str) -> dict[str, str]:
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    return {
        **base,
        "_SPRINTLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(current),
    }


def peak_memory_kib(command: list[str], env: dict[str, str]) -> int:
    """Largest resident set of one run of ``command`` (a fresh child measures only it)."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, check=True, capture_output=True, text=True
    )
    return int(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jrnl-venv", type=Path, help="reuse (or create) jrnl's venv here")
    args = parser.parse_args()
    sprintlog = [shutil.which("sprintlog") or f"{sys.executable} -m sprintlog"]
    if " " in sprintlog[0]:
        sprintlog = [sys.executable, "-m", "sprintlog"]
    today = date.today()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        month, decade, week = folder / "month.db", folder / "decade.db", folder / "week.db"
        for path, days in ((month, 30), (decade, 3650), (week, 7)):
            build(path, days, today)
        jrnl, jrnl_month = jrnl_setup(folder, args.jrnl_venv, 30)
        _, jrnl_decade = jrnl_setup(folder, args.jrnl_venv, 3650)
        watson = shutil.which("watson")
        help_peer = (
            ([watson, "--help"], dict(os.environ)) if watson else ([*jrnl, "--help"], jrnl_month)
        )
        on = lambda db: {**os.environ, "SPRINTLOG_DB": str(db)}  # noqa: E731
        cases = [
            (
                "sprintlog --help",
                ([*sprintlog, "--help"], on(month)),
                help_peer,
                "watson --help" if watson else "jrnl --help",
                1.0,
            ),
            (
                "TAB: a command name",
                (sprintlog, completion_env(on(month), "sprintlog st")),
                ([*jrnl, "text"], jrnl_month),
                'jrnl "text"',
                0.5,
            ),
            (
                "TAB: a goal reference",
                (sprintlog, completion_env(on(month), "sprintlog log x --goal ")),
                ([*jrnl, "text"], jrnl_month),
                'jrnl "text"',
                0.5,
            ),
            (
                "log, one-month journal",
                ([*sprintlog, "log", "text", "--goal", "2"], on(month)),
                ([*jrnl, "text"], jrnl_month),
                "jrnl, one month",
                2.0,
            ),
            (
                "log, 10-year journal",
                ([*sprintlog, "log", "text", "--goal", "2"], on(decade)),
                ([*jrnl, "text"], jrnl_decade),
                "jrnl, 10 years",
                1.0,
            ),
            (
                "streak, 10 years",
                ([*sprintlog, "streak"], on(decade)),
                ([*sprintlog, "streak"], on(week)),
                "streak, one week",
                1.2,
            ),
            (
                "status, 10 years",
                ([*sprintlog, "status"], on(decade)),
                ([*sprintlog, "status"], on(week)),
                "status, one week",
                1.2,
            ),
        ]
        print(
            f"{'case':<24} {'sprintlog':>10} {'peer':<18} {'peer (s)':>9} {'ratio':>6} "
            f"{'target':>7}"
        )
        for label, ours, peer, peer_label, target in cases:
            timed(*ours), timed(*peer)  # warm the file cache
            mine, theirs = [], []
            for _ in range(args.runs):
                mine.append(timed(*ours))
                theirs.append(timed(*peer))
            a, b = statistics.median(mine), statistics.median(theirs)
            verdict = "ok" if a / b <= target else "MISSED"
            print(
                f"{label:<24} {a:>9.3f}s {peer_label:<18} {b:>8.3f}s {a / b:>6.2f} "
                f"{'≤ ' + str(target):>7} {verdict}"
            )
        kib = peak_memory_kib([*sprintlog, "log", "memory", "--goal", "2"], on(decade))
        print(f"\npeak memory of log: {kib / 1024:.1f} MiB (target < 60 MiB)")
        print(
            f"(medians of {args.runs} alternating runs; python {sys.version.split()[0]}, "
            f"{os.cpu_count()} cpus; sprintlog: {sprintlog[0]})"
        )


if __name__ == "__main__":
    main()
