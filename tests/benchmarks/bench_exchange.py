"""Export and import on ten years of history (run by hand, not a timed test).

    python tests/benchmarks/bench_exchange.py

Prints, against the targets of issue 16:
- `sprintlog export` of a ten-year journal (3,650 entries, every tenth 10 KB long, 261
  sprints with goals and tasks) to a JSON file: seconds (≤ 2) and peak memory (≤ 60 MiB),
  a whole process each;
- the import service adding 3,650 entries (a `Parsed` built here, as a reader hands it
  over, every tenth 10 KB long) to an empty journal (≤ 5 s), and the same again, when it
  must add nothing (≤ 2 s);
- restoring the ten-year export into an empty journal (`sprintlog import`), for reference;
- merging two ten-year journals kept in step (issue 25): the restored copy and the
  original each edit and remove a few entries, then each imports the other's export
  (a three-way merge of every row), a whole process each.
"""

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from journals import build

DAYS = 3650
LONG = ("A long day of notes, with ünïcode and Markdown *emphasis*. " * 180)[:10_000]


def _measured(*args: str) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one `sprintlog ARGS` process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "sprintlog", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def _lengthen(db: Path) -> None:
    connection = sqlite3.connect(db)
    connection.execute("UPDATE entry SET text = ? WHERE id % 10 = 0", (LONG,))
    connection.commit()
    connection.close()


def bench_export(folder: Path) -> Path:
    db = folder / "ten-years.db"
    build(db, DAYS, date.today())
    _lengthen(db)
    target = folder / "export.json"
    seconds, mib = _measured("--db", str(db), "export", "-o", str(target))
    size = target.stat().st_size / 1048576
    print(f"export json, 10 years: {seconds:.2f} s (target ≤ 2), peak {mib:.0f} MiB "
          f"(target ≤ 60), file {size:.1f} MiB")  # fmt: skip
    return target


def _parsed():
    from sprintlog.services.exchange.formats.parsed import ImportedEntry, Parsed

    first = date.today() - timedelta(days=DAYS - 1)
    entries = [
        ImportedEntry(
            source_id=f"bench-{n}",
            day=first + timedelta(days=n),
            text=LONG if n % 10 == 0 else f"Studied on day {n}: notes " * 5,
            place=f"line {n + 1}",
            minutes=30 + n % 60,
            tags=("math",) if n % 3 == 0 else (),
        )
        for n in range(DAYS)
    ]
    return Parsed(source="bench", entries=entries)


def bench_import(folder: Path) -> None:
    from sprintlog.services.exchange import importing
    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    db = folder / "import.db"
    journal = open_journal(locate(str(db), default_dir=folder))
    parsed = _parsed()
    for attempt in ("first import", "second import"):
        started = time.perf_counter()
        with journal.transaction(write=True) as session:
            report = importing.apply(session, parsed=parsed, file="bench", dry_run=False)
        seconds = time.perf_counter() - started
        target = 5 if attempt == "first import" else 2
        print(f"{attempt} of {DAYS} entries: {seconds:.2f} s (target ≤ {target}); "
              f"added {report.added['entry']}, skipped {report.skipped['entry']}")  # fmt: skip
    journal.close()


def bench_restore(folder: Path, exported: Path) -> None:
    db = folder / "restored.db"
    seconds, mib = _measured("--db", str(db), "import", str(exported))
    print(f"restore of the 10-year export into an empty journal: {seconds:.2f} s, "
          f"peak {mib:.0f} MiB")  # fmt: skip
    again, _ = _measured("--db", str(db), "import", str(exported))
    print(f"the same import again (adds nothing): {again:.2f} s")
    document = json.loads(exported.read_text(encoding="utf-8"))
    print(f"({len(document['entries'])} entries, {len(document['sprints'])} sprints)")


def bench_merge(folder: Path, exported: Path) -> None:
    desk, laptop = folder / "restored.db", folder / "ten-years.db"  # one exchange apart
    for db, edited, removed in ((desk, 10, 20), (laptop, 30, 40)):
        for entry in range(edited, edited + 5):
            _sprintlog("--db", str(db), "entry", "edit", str(entry), "-m", "45")
        for entry in range(removed, removed + 5):
            _sprintlog("--db", str(db), "entry", "rm", str(entry), "--yes")
    for source, target in ((laptop, desk), (desk, laptop)):
        sent = folder / "sent.json"
        sent.unlink(missing_ok=True)
        _sprintlog("--db", str(source), "export", "-o", str(sent))
        seconds, mib = _measured("--db", str(target), "import", str(sent))
        print(f"merge of two 10-year journals, 5 edits and 5 removals each: {seconds:.2f} s, "
              f"peak {mib:.0f} MiB")  # fmt: skip


def _sprintlog(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "sprintlog", *args], check=True, capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        exported = bench_export(folder)
        bench_import(folder)
        bench_restore(folder, exported)
        bench_merge(folder, exported)


if __name__ == "__main__":
    main()
