"""sprintlog report: checked against sums computed here from the journal's own rows."""

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

import pytest
from helpers import Run

from sprintlog.rules import report_rows
from sprintlog.rules.report_rows import DayRow
from sprintlog.rules.weeks import Weeks

# Three two-week sprints from Monday 2025-03-03; goal 3's task b is carried twice.
S1, S2, S3 = date(2025, 3, 3), date(2025, 3, 17), date(2025, 3, 31)
LOGGED = [
    ("2025-03-03", "3a", "Topoi ch.1 #math", 30),
    ("2025-03-03", "1", "Outline #writing", None),
    ("2025-03-05", "3b", "Exercises #math #logic", 45),
    ("2025-03-12", "1", 'Draft, with a comma, and "quotes"', 20),
    ("2025-03-18", "3a", "Topoi ch.2 #math", 60),
    ("2025-03-18", "3a", "Topoi ch.2 again", 15),
    ("2025-03-25", "1", "Essay #writing", None),
    ("2025-04-01", "3a", "SICP #cs", 25),
    ("2025-04-09", "1", "More #writing", 10),
]


@pytest.fixture
def history(ok: Run) -> None:
    ok("sprint", "start", "--start", S1.isoformat(), "--length", "14", "--title", "First, one")
    ok("goal", "add", "1", "Write")
    ok("goal", "add", "3", "Math", "--task", "Topoi", "--task", "Exercises")
    ok("goal", "done", "3b")
    for day, ref, text, minutes in LOGGED[:4]:
        _log(ok, day, ref, text, minutes)
    ok("goal", "done", "3a")
    ok("goal", "drop", "3b")  # not carried
    ok("sprint", "start", "--start", S2.isoformat(), "--length", "14")  # carries goal 1
    ok("goal", "add", "3", "Math", "--task", "Topoi again", "--sprint", "2")
    for day, ref, text, minutes in LOGGED[4:7]:
        _log(ok, day, ref, text, minutes)
    ok("sprint", "start", "--start", S3.isoformat(), "--length", "14")  # carries 1 and 3a
    for day, ref, text, minutes in LOGGED[7:]:
        _log(ok, day, ref, text, minutes)


def _log(ok: Run, day: str, ref: str, text: str, minutes: int | None) -> None:
    extra = ["--minutes", str(minutes)] if minutes else []
    ok("log", text, "--date", day, "--goal", ref, *extra)


def _entries(db) -> list[tuple[date, int, int | None]]:
    return [
        (date.fromisoformat(str(day)[:10]), entry_id, minutes)
        for entry_id, day, minutes in db("SELECT id, day, minutes FROM entry")
    ]


def _sums(rows: list[tuple[date, int, int | None]]) -> dict:
    minutes = [m for _, _, m in rows if m is not None]
    return {
        "days": len({day for day, _, _ in rows}),
        "entries": len(rows),
        "minutes": sum(minutes) if minutes else None,
    }


RANGE = ["--since", "2025-03-01", "--until", "2025-04-13"]


def test_by_week_and_month_match_sums_of_the_rows(ok: Run, db, history: None) -> None:
    rows = _entries(db)
    weekly = ok("report", *RANGE, "--by", "week", "--json").json()
    assert weekly["total"] == _sums(rows)
    weeks = Weeks("monday")
    expected = defaultdict(list)
    for row in rows:
        expected[weeks.start(weeks.number(row[0])).isoformat()].append(row)
    shown = {r["week"]: {k: r[k] for k in ("days", "entries", "minutes")} for r in weekly["rows"]}
    assert set(expected) <= set(shown)
    assert shown == {week: _sums(expected.get(week, [])) for week in shown}
    assert weekly["rows"][0]["first"] == "2025-03-01"  # clipped to the range
    monthly = ok("report", *RANGE, "--by", "month", "--json").json()
    by_month = defaultdict(list)
    for row in rows:
        by_month[row[0].strftime("%Y-%m")].append(row)
    assert [(r["month"], r["days"], r["entries"], r["minutes"]) for r in monthly["rows"]] == [
        (month, *_sums(by_month[month]).values()) for month in ("2025-03", "2025-04")
    ]


def test_by_goal_sums_each_track_across_sprints(ok: Run, db, history: None) -> None:
    links = db(
        "SELECT DISTINCT goal.number, entry.id, entry.day, entry.minutes FROM entrygoal"
        " JOIN goal ON goal.id = entrygoal.goal_id JOIN entry ON entry.id = entrygoal.entry_id"
    )
    expected = defaultdict(list)
    for number, entry_id, day, minutes in links:
        expected[number].append((date.fromisoformat(str(day)[:10]), entry_id, minutes))
    report = ok("report", *RANGE, "--by", "goal", "--json").json()
    assert [(r["goal"], r["days"], r["entries"], r["minutes"]) for r in report["rows"]] == [
        (f"SSJ--{number}", *_sums(expected[number]).values()) for number in sorted(expected)
    ]
    titles = {r["goal"]: r["titles"] for r in report["rows"]}
    assert titles["SSJ--3"] == "Math (sprints 1, 2, 3)"


def test_by_tag_and_task(ok: Run, db, history: None) -> None:
    tagged = db(
        "SELECT entry_tag.tag, entry.id, entry.day, entry.minutes FROM entry_tag"
        " JOIN entry ON entry.id = entry_tag.entry_id"
    )
    expected = defaultdict(list)
    for tag, entry_id, day, minutes in tagged:
        expected[tag].append((date.fromisoformat(str(day)[:10]), entry_id, minutes))
    report = ok("report", *RANGE, "--by", "tag", "--json").json()
    assert {r["tag"]: (r["days"], r["entries"], r["minutes"]) for r in report["rows"]} == {
        tag: tuple(_sums(found).values()) for tag, found in expected.items()
    }
    tasks = ok("report", *RANGE, "--by", "task", "--json").json()["rows"]
    assert [(r["task"], r["sprint"], r["text"], r["days"]) for r in tasks][:2] == [
        ("SSJ--3a", 1, "Topoi", 1),
        ("SSJ--3a", 2, "Topoi again", 1),
    ]


def test_by_sprint_planned_against_done_and_carried_again(ok: Run, history: None) -> None:
    rows = ok("report", *RANGE, "--by", "sprint", "--json").json()["rows"]
    plan = {
        r["sprint"]: (r["planned"], r["done"], r["carried"], r["dropped"], r["open"]) for r in rows
    }
    # Sprint 1: goal 1 (no tasks), 3a done, 3b dropped; goal 1 carried into sprint 2.
    assert plan[1] == (3, 1, 1, 1, 0)
    # Sprint 2: goal 1 (carried in) and 3a "Topoi again"; both carried into sprint 3.
    assert plan[2] == (2, 0, 2, 0, 0)
    assert plan[3] == (2, 0, 0, 0, 2)
    before = {r["sprint"]: r["carried_before"] for r in rows}
    assert before == {1: 0, 2: 1, 3: 0}  # goal 1 had been carried once before sprint 2 carried it
    assert rows[0]["title"] == "First, one" and rows[0]["days"] == 3


def test_csv_is_rfc_4180(ok: Run, history: None) -> None:
    out = ok("report", *RANGE, "--by", "sprint", "--csv").stdout_bytes.decode()
    assert out.startswith("sprint,title,first,last,days,entries,minutes,")
    assert out.endswith("\r\n") and '\r\n1,"First, one",2025-03-03,2025-03-16,' in out
    parsed = list(csv.reader(io.StringIO(out, newline="")))
    assert parsed[1][1] == "First, one" and len({len(row) for row in parsed}) == 1


def test_the_default_range_is_the_last_12_weeks(ok: Run, run: Run) -> None:
    today = date.today()
    ok("log", "today")
    report = ok("report", "--json").json()
    weeks = Weeks("monday")
    assert report["since"] == weeks.start(weeks.number(today) - 11).isoformat()
    assert report["until"] == today.isoformat() and len(report["rows"]) == 12
    assert run("report", "--json", "--csv").exit_code == 2
    assert run("report", "--by", "year").exit_code == 2


def test_report_rows_sum_days_into_weeks_and_months() -> None:
    days = [DayRow(date(2025, 1, 31), 2, 30), DayRow(date(2025, 2, 1), 1, None)]
    weeks = report_rows.by_week(days, Weeks("sunday"), date(2025, 1, 30), date(2025, 2, 2))
    assert [(w["week"], w["days"], w["minutes"]) for w in weeks] == [
        ("2025-01-26", 2, 30),
        ("2025-02-02", 0, None),
    ]
    months = report_rows.by_month(days, date(2024, 12, 31), date(2025, 2, 1))
    assert [(m["month"], m["first"], m["last"], m["entries"]) for m in months] == [
        ("2024-12", "2024-12-31", "2024-12-31", 0),
        ("2025-01", "2025-01-01", "2025-01-31", 2),
        ("2025-02", "2025-02-01", "2025-02-01", 1),
    ]
    assert report_rows.default_range(date(2025, 3, 27), Weeks("monday")) == (
        date(2025, 1, 6),
        date(2025, 3, 27),
    )
    assert timedelta(days=7 * 11) + date(2025, 1, 6) == date(2025, 3, 24)


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(ok: Run) -> None:
    ok("sprint", "start", "--start", S1.isoformat(), "--length", "14", "--title", "=cmd()")
    ok("goal", "add", "1", "@SUM(A1)", "--task", "+1", "--task=-x")
    ok("log", "one", "--date", S1.isoformat(), "--goal", "1a", "--minutes", "5")
    ok("log", "two", "--date", S1.isoformat(), "--goal", "1b")
    by_task = ok("report", "--in", "sprint 1", "--by", "task", "--csv").stdout
    cells = {cell for row in csv.reader(io.StringIO(by_task, newline="")) for cell in row}
    assert {"'+1", "'-x"} <= cells and not cells & {"+1", "-x"}
    by_sprint = ok("report", "--in", "sprint 1", "--by", "sprint", "--csv").stdout
    assert "\n1,'=cmd(),2025-03-03," in by_sprint
    titled = ok("report", "--in", "sprint 1", "--by", "task", "--json").json()["rows"]
    assert {row["text"] for row in titled} >= {"+1", "-x"}  # JSON stays exact
