"""How long does reading ten years of jrnl take? (run by hand, not a timed test)

    python tests/benchmarks/bench_import_readers.py [--jrnl PATH/TO/jrnl] [--runs 5]

Makes a jrnl JSON export of 3,650 daily entries (one a day for ten years, every 25th
about 10 KB long over many lines, tags in many), then times
``sprintlog.services.exchange.formats.jrnl.read`` on it and prints the median, and
then the whole ``sprintlog import`` command of it into a
new journal, twice (the second adds nothing). Issue 16 allows 5 s for the whole import (reading and
writing); reading should take a small part of it.

With ``--jrnl`` (a jrnl 4.x executable, e.g. from ``pip install jrnl==4.6`` in a venv of
its own) the export is made by jrnl itself: this script writes the entries into a journal
file in jrnl's own text format and runs ``jrnl --format json`` on it, with HOME and the
config in a temporary directory. Without it the script writes the JSON itself, in the
shape of jrnl's exporter (``jrnl/plugins/json_exporter.py``: ``{"tags": {...},
"entries": [{"title", "body", "date", "time", "tags", "starred"}]}``), splitting each
text into title and body at its first line break as jrnl does. It prints which it used.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sprintlog.services.exchange.formats import jrnl

DAYS = 3650
TOPICS = ["@sqlite", "#python", "@reading", "#math", "@pomodoro", "#la", "@rl"]


def entries() -> list[tuple[date, str, bool]]:
    """(day, text, starred): the first line is the title, the rest the body."""
    first = date(2015, 1, 1)
    out = []
    for n in range(DAYS):
        tag = TOPICS[n % len(TOPICS)]
        title = f"Day {n}: studied {tag} and wrote notes"
        if n % 25 == 0:  # about 10 KB over many lines
            line = "A longer reflection on the week, with Markdown *emphasis* and a link. "
            body = "\n".join(f"{line}{line}{i}" for i in range(72))
        else:
            body = f"Worked through exercise {n % 40}; next: {TOPICS[(n + 3) % len(TOPICS)]}."
        out.append((first + timedelta(days=n), f"{title}\n{body}", n % 17 == 0))
    return out


def by_script(items: list[tuple[date, str, bool]]) -> str:
    """The export jrnl's JSONExporter writes, built here."""
    rows, counts = [], Counter()
    for day, text, starred in items:
        title, _, body = text.partition("\n")
        tags = sorted({word.lower().rstrip(".;") for word in text.split() if word[0] in "@#"})
        counts.update(tags)
        rows.append(
            {
                "title": title,
                "body": body,
                "date": day.isoformat(),
                "time": "09:00",
                "tags": tags,
                "starred": starred,
            }
        )
    return json.dumps({"tags": dict(counts.most_common()), "entries": rows}, indent=2)


def by_jrnl(items: list[tuple[date, str, bool]], program: str) -> str:
    """The export made by jrnl itself from a journal file in its own text format."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        journal = work / "journal.txt"
        with journal.open("w", encoding="utf-8") as file:
            for day, text, starred in items:
                title, _, body = text.partition("\n")
                star = " *" if starred else ""
                file.write(f"[{day} 09:00:00 AM] {title}{star}\n{body}\n\n")
        config = work / "jrnl.yaml"
        config.write_text(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
            "highlight: false\nindent_character: '|'\n"
            f"journals:\n  default:\n    journal: {journal}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
            "version: '4.6'\n",
            encoding="utf-8",
        )
        env = {**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work / ".config")}
        done = subprocess.run(
            [program, "--config-file", str(config), "--format", "json"],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout


def whole_command(text: str) -> None:
    """``sprintlog import`` of the export into a new journal, then again (adding nothing)."""
    with tempfile.TemporaryDirectory() as tmp:
        export, journal = Path(tmp, "jrnl.json"), Path(tmp, "journal.db")
        export.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "sprintlog", "--db", str(journal), "import", str(export)]
        for what in ("first import", "second import (adds nothing)"):
            started = time.perf_counter()
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            seconds = time.perf_counter() - started
            limit = 5 if what == "first import" else 2
            print(f"sprintlog import, {what}: {seconds:.2f} s, whole process (limit {limit} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jrnl", help="a jrnl executable to make the export with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = entries()
    text = by_jrnl(items, args.jrnl) if args.jrnl else by_script(items)
    made = f"made by {args.jrnl}" if args.jrnl else "written by this script in jrnl's shape"
    print(f"jrnl export: {len(text) / 2**20:.1f} MiB, {made}")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        parsed = jrnl.read(text, "bench.json")
        times.append(time.perf_counter() - started)
    assert len(parsed.entries) == DAYS, len(parsed.entries)
    longest = max(len(entry.text) for entry in parsed.entries)
    print(f"{len(parsed.entries)} entries (longest {longest / 1024:.1f} KB)")
    median = statistics.median(times)
    print(f"jrnl.read: median {median:.3f} s of {args.runs} runs (5 s for the whole import)")
    whole_command(text)
    if args.jrnl:  # the script's shape, checked against jrnl's own export

        def seen(entries: list) -> list:  # jrnl lists an entry's tags in set order
            return [(e.source_id, e.day, e.text, sorted(e.tags)) for e in entries]

        same = seen(jrnl.read(by_script(items), "script.json").entries) == seen(parsed.entries)
        print(f"the script's export reads the same as jrnl's: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    sys.exit(main())
