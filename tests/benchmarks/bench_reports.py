"""Do reports cost the same on ten years of history as on one week? (run by hand)

    python tests/benchmarks/bench_reports.py [--runs 15]

Builds two SQLite journals in a temporary directory, one week old and ten years old
(3,650 daily entries, 260 two-week sprints with goals and tasks, linked entries), then
times whole `sprintlog` processes for each report, alternating the two journals run by
run, and prints the medians and their ratio (target: at most 1.2).
"""

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_startup import measured_run
from journals import NEW_ROW, build

COMMANDS = (
    ["streak"],
    ["status"],
    ["streak", "--calendar"],
    ["entries", "--since", "-7d"],
    ["entry", "show", "1"],
    ["sprint", "show"],
    ["render", "review"],
    ["render", "plan"],
    # The post with its two pictures ({dir}: the journal's folder; the post goes there).
    ["render", "review", "-o", "{dir}/post.md", "--images", "img", "--force"],
    # sprintlog report over its default range (the last 12 weeks), grouped four ways.
    ["report"],
    ["report", "--by", "sprint"],
    ["report", "--by", "goal"],
    ["report", "--by", "tag"],
)


def add_learner_rows(db: Path) -> None:
    """What issue 17 adds to a journal: a tag on every entry, tasks carried on for up to
    three sprints in a row (goal 2's task b), and a week's break every six months."""
    connection = sqlite3.connect(db)
    connection.execute(
        "INSERT INTO entry_tag (entry_id, tag) SELECT id, 'topic' || (id % 7) FROM entry"
    )
    connection.execute(
        "UPDATE task SET carried_from_id = (SELECT earlier.id FROM task AS earlier"
        " JOIN goal AS earlier_goal ON earlier_goal.id = earlier.goal_id"
        " JOIN sprint AS earlier_sprint ON earlier_sprint.id = earlier_goal.sprint_id"
        " JOIN goal ON goal.id = task.goal_id JOIN sprint ON sprint.id = goal.sprint_id"
        " WHERE earlier_sprint.number = sprint.number - 1 AND earlier_goal.number = 2"
        " AND earlier.letter = 'b')"
        " WHERE letter = 'b' AND goal_id IN (SELECT goal.id FROM goal JOIN sprint"
        " ON sprint.id = goal.sprint_id WHERE goal.number = 2 AND sprint.number % 3 != 1)"
    )
    first, last = connection.execute("SELECT MIN(day), MAX(day) FROM entry").fetchone()
    day = date.fromisoformat(first) + timedelta(days=90)
    while day + timedelta(days=6) < date.fromisoformat(last):
        connection.execute(
            "INSERT INTO study_break (start_day, end_day, reason, uuid, updated_at)"
            f" VALUES (?, ?, 'holiday', {NEW_ROW})",
            (day.isoformat(), (day + timedelta(days=6)).isoformat()),
        )
        day += timedelta(days=182)
    connection.commit()
    connection.close()


def sprintlog(db: Path, *args: str) -> tuple[float, float]:
    """Seconds and peak memory (MiB, the process's maximum resident set) of one run."""
    args = tuple(arg.replace("{dir}", str(db.parent)) for arg in args)
    run = measured_run(
        [sys.executable, "-m", "sprintlog", "--db", str(db), *args], dict(os.environ)
    )
    return run.seconds, run.mib


def _report(by: str, today: date, since: date | None = None):
    """``sprintlog report --by BY`` over its default range (or from ``since``)."""

    def run(reader, config):
        from sprintlog.services import reports

        reports.build(reader, settings=config, since=since, until=None, by=by, today=today)

    return run


def in_process(db: Path, today: date, runs: int) -> dict[str, float]:
    """Median seconds of the report code alone (no process start-up), per report."""
    from sprintlog.rules.weeks import Weeks
    from sprintlog.services import settings, sprint_reads, streaks
    from sprintlog.services.status import dashboard
    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    journal = open_journal(locate(str(db), default_dir=db.parent))

    def streak(reader, config):
        streaks.report(reader, settings=config, today=today)

    def status(reader, config):
        dashboard(reader, settings=config, today=today)

    def calendar(reader, config):
        first, last = streaks.last_year(today, Weeks(config.week_start))
        streaks.calendar(reader, since=first, until=last)

    def adherence(reader, config):
        sprint = sprint_reads.resolve(reader, number=None, today=today)
        streaks.adherence(reader, sprint=sprint, settings=config, today=today)

    def review(reader, config):
        from sprintlog.render.post import render
        from sprintlog.services.review import gather

        latest = sprint_reads.require_latest(reader)
        render(gather(reader, sprint=latest, settings=config, today=today))

    def pictures(reader, config):
        from sprintlog.cli.pictures import plan
        from sprintlog.services.review import gather

        latest = sprint_reads.require_latest(reader)
        review = gather(reader, sprint=latest, settings=config, today=today)
        plan(review, folder="img", post=db.parent / "post.md")  # draws both, writes nothing

    medians = {}
    for name, report in (
        ("streak", streak),
        ("status", status),
        ("calendar", calendar),
        ("adherence", adherence),
        ("render review", review),
        ("render pictures", pictures),
        ("report (weeks)", _report("week", today)),
        ("report --by sprint", _report("sprint", today)),
        ("report --by goal", _report("goal", today)),
        ("report --by tag", _report("tag", today)),
        # The same week on both journals: what is left is the cost of the history.
        ("report (one week)", _report("week", today, today - timedelta(days=6))),
        ("report --by sprint (one week)", _report("sprint", today, today - timedelta(days=6))),
        ("report --by goal (one week)", _report("goal", today, today - timedelta(days=6))),
        ("report --by tag (one week)", _report("tag", today, today - timedelta(days=6))),
    ):
        times = []
        for _ in range(runs):
            with journal.reading(write=False) as reader:
                started = time.perf_counter()
                report(reader, settings.read(reader))
                times.append(time.perf_counter() - started)
        medians[name] = statistics.median(times)
    journal.close()
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", metavar="COMMAND", help="Time only this command (report).")
    args = parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder, "one-week.db"), Path(folder, "ten-years.db")
        build(small, 7, today)
        build(large, 3650, today)
        add_learner_rows(small)
        add_learner_rows(large)
        print(
            f"{'command':<22} {'1 week (s)':>11} {'10 years (s)':>13} {'ratio':>6} {'peak MiB':>9}"
        )
        # (the "render review -o" row is the post with its pictures: --images)
        for command in [c for c in COMMANDS if args.only in (None, c[0])]:
            for db in (small, large):
                sprintlog(db, *command)  # warm the file cache
            times: dict[Path, list[float]] = {small: [], large: []}
            peak = 0.0
            for _ in range(args.runs):
                for db in (small, large):
                    seconds, memory = sprintlog(db, *command)
                    times[db].append(seconds)
                    peak = max(peak, memory)
            fast, slow = statistics.median(times[small]), statistics.median(times[large])
            name = " ".join(command[:2]) + (" --images" if "--images" in command else "")
            print(f"{name:<22} {fast:>11.3f} {slow:>13.3f} {slow / fast:>6.2f} {peak:>9.1f}")
        print(f"(whole processes: medians of {args.runs} runs each, alternating)")
        fast, slow = in_process(small, today, 50), in_process(large, today, 50)
        print(f"\n{'report code only':<30} {'1 week (ms)':>11} {'10 years (ms)':>13} {'ratio':>6}")
        for name in [n for n in fast if args.only is None or n.startswith(args.only)]:
            print(
                f"{name:<30} {fast[name] * 1000:>11.2f} {slow[name] * 1000:>13.2f} "
                f"{slow[name] / fast[name]:>6.2f}"
            )
    print(f"(medians of 50 runs; python {sys.version.split()[0]}, {os.cpu_count()} cpus)")


if __name__ == "__main__":
    main()
