"""Journals of a given age for the benchmarks: an entry a day, a sprint every 14 days."""

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# A row's identity (revision 0004): a fresh uuid and "updated now", made by SQLite itself.
NEW_ROW = "lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now')"


def build(db: Path, days: int, today: date) -> None:
    """A journal whose history ends today: a sprint every 14 days, an entry every day."""
    subprocess.run(
        [sys.executable, "-m", "sprintlog", "--db", str(db), "db", "upgrade"],
        check=True,
        capture_output=True,
    )
    connection = sqlite3.connect(db)
    first = today - timedelta(days=days - 1)
    sprints = (days + 13) // 14
    created = datetime.now(UTC).isoformat(sep=" ")
    for number in range(1, sprints + 1):
        start = first + timedelta(days=14 * (number - 1))
        sprint_id = connection.execute(
            "INSERT INTO sprint (number, title, start_day, end_day, uuid, updated_at)"
            f" VALUES (?, ?, ?, ?, {NEW_ROW})",
            (
                number,
                f"Sprint {number}",
                start.isoformat(),
                (start + timedelta(days=13)).isoformat(),
            ),
        ).lastrowid
        for goal in range(1, 6):
            goal_id = connection.execute(
                "INSERT INTO goal (sprint_id, number, title, status, uuid, updated_at)"
                f" VALUES (?, ?, ?, 'open', {NEW_ROW})",
                (sprint_id, goal, f"Goal {goal}"),
            ).lastrowid
            for letter in "ab":
                connection.execute(
                    "INSERT INTO task (goal_id, letter, text, status, uuid, updated_at)"
                    f" VALUES (?, ?, ?, 'open', {NEW_ROW})",
                    (goal_id, letter, f"Task {goal}{letter}"),
                )
        for offset in range(14):
            day = start + timedelta(days=offset)
            if day > today:
                break
            entry_id = connection.execute(
                "INSERT INTO entry (day, text, minutes, created_at, uuid, updated_at)"
                f" VALUES (?, ?, ?, ?, {NEW_ROW})",
                (day.isoformat(), f"Studied on {day}: notes " * 5, 30 + offset, created),
            ).lastrowid
            goal_id = connection.execute(
                "SELECT id FROM goal WHERE sprint_id = ? AND number = ?",
                (sprint_id, 1 + offset % 5),
            ).fetchone()[0]
            connection.execute(
                "INSERT INTO entrygoal (entry_id, goal_id) VALUES (?, ?)", (entry_id, goal_id)
            )
    connection.commit()
    count = connection.execute("SELECT count(*) FROM entry").fetchone()[0]
    connection.close()
    print(f"built {db.name}: {count} entries, {sprints} sprints", file=sys.stderr)
