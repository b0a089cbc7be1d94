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

    python tests/benchmarks/bench_exchange.py --large

Prints, against the target of issue 25 (peak memory ≤ 150 MiB at no more than the time
before), seconds and peak memory of whole `sprintlog` processes on a journal of 100,000
entries (bench_history's: ten years of days, then Watson frames): `export` as JSON, CSV
and jrnl; `import` of the JSON export into an empty journal (a restore); a merge of the
journal's export, one entry later, into that restored journal, itself one entry on; 100,000
Watson frames into an empty journal; and a jrnl export of about 200 MB into an empty one.
"""

import argparse
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


def _measured(*args: str | Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one `sprintlog ARGS` process."""
    seconds, mib, _ = _measured_cpu(*args)
    return seconds, mib


def _measured_cpu(*args: str | Path) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MiB) and CPU seconds (user + system) of one `sprintlog
    ARGS` process, a child of a probe process of its own (nothing else is counted)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "sprintlog", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


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


LARGE_TARGET_MIB = 150
JRNL_FILE_BYTES = 200_000_000


def _large_line(what: str, measured: tuple[float, float, float]) -> None:
    seconds, mib, cpu = measured
    verdict = "ok" if mib <= LARGE_TARGET_MIB else "over"
    print(f"{what:<48} {seconds:7.2f} s (CPU {cpu:6.2f} s)  peak {mib:5.0f} MiB "
          f"({verdict}, target ≤ {LARGE_TARGET_MIB})", flush=True)  # fmt: skip


def jrnl_export_file(path: Path, size: int) -> int:
    """A jrnl export (``jrnl --format json``'s shape) of about ``size`` bytes; its entries."""
    body = ("Read two chapters, wrote the exercises out by hand. " * 40).strip()
    first = date(2000, 1, 1)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"tags": {"@study": 1}, "entries": [')
        while handle.tell() < size:
            entry = {
                "title": f"Day {count}: notes.",
                "body": body,
                "date": (first + timedelta(days=count // 20)).isoformat(),
                "time": f"{8 + count % 12:02d}:{count % 60:02d}",
                "tags": ["@study"],
                "starred": count % 50 == 0,
            }
            handle.write((", " if count else "") + json.dumps(entry, ensure_ascii=False))
            count += 1
        handle.write("]}\n")
    return count


def bench_large(folder: Path) -> None:
    from bench_history import ENTRIES, large_journal, watson_frames

    today = date.today()
    db = large_journal(folder, today)
    export = folder / "large.json"
    for format_name in ("json", "csv", "jrnl"):
        target = folder / f"large.{format_name}"
        try:
            measured = _measured_cpu("--db", db, "export", "-f", format_name, "-o", target)
        except subprocess.CalledProcessError:
            print(f"export {format_name}: not offered by this sprintlog")
            continue
        _large_line(f"export {format_name}, {ENTRIES:,} entries", measured)
    restored = folder / "restored.db"
    measured = _measured_cpu("--db", str(restored), "import", str(export))
    _large_line("import of that export into an empty journal", measured)
    for journal in (db, restored):
        _measured("--db", str(journal), "log", f"one more day in {journal.name}")
    again = folder / "large-again.json"
    _measured("--db", str(db), "export", "-o", str(again))
    measured = _measured_cpu("--db", str(restored), "import", str(again))
    _large_line("merge of its next export into that journal", measured)
    frames = folder / "frames-100k.json"
    watson_frames(frames, ENTRIES, today - timedelta(days=DAYS), today)
    watson_db = str(folder / "watson.db")
    measured = _measured_cpu("--db", watson_db, "import", str(frames), "-f", "watson")
    _large_line(f"import of {ENTRIES:,} Watson frames, empty journal", measured)
    jrnl_file = folder / "jrnl-200mb.json"
    count = jrnl_export_file(jrnl_file, JRNL_FILE_BYTES)
    jrnl_db = str(folder / "jrnl.db")
    measured = _measured_cpu("--db", jrnl_db, "import", str(jrnl_file), "-f", "jrnl")
    size = jrnl_file.stat().st_size / 1e6
    _large_line(f"import of a {size:.0f} MB jrnl export ({count:,})", measured)


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="100,000 entries (issue 25)")
    large = parser.parse_args().large
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if large:
            bench_large(folder)
            return
        exported = bench_export(folder)
        bench_import(folder)
        bench_restore(folder, exported)
        bench_merge(folder, exported)


if __name__ == "__main__":
    main()
