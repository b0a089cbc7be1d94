"""The timer: start, stop (one entry, on the day it started), timer, timer cancel.

The clock is pinned by replacing ``sprintlog.cli.common.now``; the local zone by TZ and
``time.tzset`` (in-process) or TZ in a child's environment.
"""

import contextlib
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import Run, run_at_once

from sprintlog.cli import common
from sprintlog.cli.display import terminal

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC


class Clock:
    """A pinned clock: ``clock.at(moment)`` sets it; ``clock.later(minutes=…)`` moves it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = T0
        monkeypatch.setattr(common, "now", lambda: self.moment)

    def at(self, moment: datetime) -> None:
        self.moment = moment

    def later(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def zone() -> Iterator:
    """Set this process's local time zone: zone("Europe/Berlin"); restored afterwards."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(autouse=True)
def made(ok: Run) -> None:
    """The journal exists: no "Created a new journal" in what the commands say."""
    ok("status")


def entries(ok: Run) -> list[dict]:
    return ok("entries", "--json").json()


def test_start_then_stop_logs_one_entry(ok: Run, run: Run, clock: Clock, db) -> None:
    ok("sprint", "start", "--start", "2026-11-20", "--length", "14")
    ok("goal", "add", "3", "Math", "--task", "Email", "--task", "Topoi ch.1")
    started = ok("start", "--goal", "3b", "-g", "SSJ--3", "Topoi ch.1")
    assert started.stderr == "Started the timer at 09:00.\n"
    assert db("SELECT id, CAST(day AS TEXT), text, goal_refs FROM timer") == [
        (1, "2026-11-23", "Topoi ch.1", "3b SSJ--3")
    ]
    clock.later(minutes=64, seconds=30)  # rounded half up
    stopped = ok("stop")
    assert stopped.stderr == "Logged #1 for Mon 2026-11-23 (SSJ--3b, SSJ--3): 65 min.\n"
    [entry] = entries(ok)
    assert (entry["day"], entry["text"], entry["minutes"]) == ("2026-11-23", "Topoi ch.1", 65)
    assert entry["goals"] == ["SSJ--3b", "SSJ--3"]
    assert db("SELECT * FROM timer") == []


def test_text_given_at_stop_wins_and_a_short_session_is_one_minute(ok: Run, clock: Clock) -> None:
    ok("start", "planned")
    clock.later(seconds=10)
    ok("stop", "what really happened")
    [entry] = entries(ok)
    assert (entry["text"], entry["minutes"]) == ("what really happened", 1)


def test_start_while_one_runs_says_so_and_changes_nothing(
    ok: Run, run: Run, clock: Clock, db
) -> None:
    ok("start", "Topoi ch.1")
    before = db("SELECT * FROM timer")
    clock.later(minutes=125)
    again = run("start", "--goal", "1", "something else")
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: a timer is already running since 09:00 (125 min): Topoi ch.1; nothing was "
        "changed (sprintlog stop logs it, sprintlog timer cancel drops it)\n"
    )
    assert db("SELECT * FROM timer") == before


def test_stop_and_cancel_with_none_running_and_timer_showing_none(ok: Run, run: Run) -> None:
    for args in (["stop", "x"], ["timer", "cancel"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == (
            "Error: no timer is running; start one with: sprintlog start [TEXT]\n"
        )
    shown = ok("timer")
    assert (shown.stdout, shown.stderr) == ("", "No timer is running.\n")
    assert entries(ok) == []


def test_the_timer_names_goals_and_minutes_as_everything_else(ok: Run, clock: Clock) -> None:
    ok("sprint", "start", "--start", "2026-11-20", "--length", "14")
    ok("goal", "add", "3", "Math", "--task", "Email", "--task", "Topoi ch.1")
    ok("start", "--goal", "3b", "-g", " ssj--3 ", "Topoi")
    clock.later(minutes=72)
    assert (
        ok("timer").stdout == "A timer is running since 09:00 (72 min) for SSJ--3b, SSJ--3: Topoi\n"
    )
    assert ok("timer", "--json").json() == {
        "running": True,
        "started_at": "2026-11-23T09:00:00+00:00",
        "day": "2026-11-23",
        "minutes": 72,
        "text": "Topoi",
        "goals": ["SSJ--3b", "SSJ--3"],
    }
    ok("timer", "cancel")
    assert ok("timer", "--json").json() == {"running": False}


def test_timer_shows_the_running_one_and_cancel_drops_it(ok: Run, clock: Clock, db) -> None:
    ok("start", "Topoi\nsecond line")
    clock.later(minutes=5)
    assert ok("timer").stdout == "A timer is running since 09:00 (5 min): Topoi…\n"
    clock.later(days=1)
    shown = ok("timer").stdout
    assert shown.startswith("A timer is running since Mon 2026-11-23 09:00 (1445 min)")
    cancelled = ok("timer", "cancel")
    assert cancelled.stderr.startswith("Cancelled the timer since Mon 2026-11-23 09:00")
    assert cancelled.stderr.endswith("; nothing was logged.\n")
    assert db("SELECT * FROM timer") == [] and entries(ok) == []


def test_start_checks_goals_as_log_does(ok: Run, run: Run, clock: Clock, db) -> None:
    today = common.today().isoformat()
    bad_refs = ["3c", "2", "0", "ABC--1", "٣"]
    for ref in bad_refs:  # no sprint yet, then a sprint without the goal or task
        assert run("start", "--goal", ref).stderr == run("log", "x", "--goal", ref).stderr
    ok("sprint", "start", "--start", today, "--length", "7")
    ok("goal", "add", "3", "Math", "--task", "Email")
    for ref in bad_refs:
        started = run("start", "--goal", ref, "x")
        logged = run("log", "x", "--goal", ref)
        assert (started.exit_code, started.stderr) == (logged.exit_code, logged.stderr), ref
        assert started.exit_code in (1, 2)
    assert db("SELECT * FROM timer") == []
    assert entries(ok) == []


def test_a_goal_removed_while_the_timer_ran_is_left_out_not_the_session(
    ok: Run, clock: Clock
) -> None:
    today = common.today().isoformat()
    ok("sprint", "start", "--start", today, "--length", "7")
    ok("goal", "add", "1", "Write", "--task", "Draft")
    ok("goal", "add", "3", "Math")
    ok("start", "--goal", "1a", "--goal", "3", "proofs")
    ok("goal", "rm", "1a", "--yes")
    clock.later(minutes=25)
    stopped = ok("stop")
    assert "1a: removed since the timer started; logged without it." in stopped.stderr
    [entry] = entries(ok)
    assert (entry["goals"], entry["minutes"], entry["text"]) == (["SSJ--3"], 25, "proofs")


def test_across_midnight_the_entry_is_on_the_day_it_started(ok: Run, clock: Clock, zone) -> None:
    zone("America/New_York")  # UTC-5 in November
    clock.at(datetime(2026, 11, 24, 4, 30, tzinfo=UTC))  # 23:30 on Monday 23rd, local
    ok("start", "late night proofs")
    clock.later(hours=1, minutes=10)  # 00:40 on Tuesday
    ok("stop")
    [entry] = entries(ok)
    assert (entry["day"], entry["minutes"]) == ("2026-11-23", 70)


def test_across_a_change_to_summer_time_the_minutes_are_the_real_time(
    ok: Run, clock: Clock, zone
) -> None:
    zone("Europe/Berlin")  # 2025-03-30: 02:00 local is 03:00, one hour is skipped
    clock.at(datetime(2025, 3, 29, 23, 30, tzinfo=UTC))  # 00:30 local, UTC+1
    started = ok("start", "night session")
    assert started.stderr == "Started the timer at 00:30.\n"
    clock.at(datetime(2025, 3, 30, 1, 30, tzinfo=UTC))  # 03:30 local, UTC+2
    assert ok("timer").stdout.startswith("A timer is running since 00:30 (120 min)")
    ok("stop")
    [entry] = entries(ok)
    assert (entry["day"], entry["minutes"]) == ("2025-03-30", 120)  # not the 3 h on the wall


def test_across_a_change_back_to_winter_time(ok: Run, clock: Clock, zone) -> None:
    zone("Europe/Berlin")  # 2025-10-26: 03:00 local is 02:00 again, one hour twice
    clock.at(datetime(2025, 10, 25, 23, 45, tzinfo=UTC))  # 01:45 local, UTC+2
    ok("start", "night session")
    clock.at(datetime(2025, 10, 26, 2, 15, tzinfo=UTC))  # 03:15 local, UTC+1
    ok("stop")
    [entry] = entries(ok)
    assert (entry["day"], entry["minutes"]) == ("2025-10-26", 150)  # not the 1 h 30 on the wall


def test_every_command_reminds_of_a_timer_running_over_4_hours(ok: Run, clock: Clock) -> None:
    ok("start", "Topoi ch.1")
    clock.later(hours=4)
    assert "Reminder" not in ok("status").stderr
    clock.later(minutes=1)
    reminder = (
        "Reminder: a timer is running since 09:00 (241 min): Topoi ch.1 (sprintlog stop logs it).\n"
    )
    assert ok("status").stderr.startswith(reminder)
    assert ok("log", "something else").stderr.startswith(reminder)
    assert ok("timer").stderr == ""  # the timer's own commands say it their own way


@pytest.mark.sqlite_only
def test_the_reminder_and_the_timer_cost_no_database_layer(ok: Run, clock: Clock) -> None:
    clock.at(datetime.now(UTC) - timedelta(hours=5))
    ok("start", "Topoi ch.1")
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        "for argv in (['log', 'a day'], ['stop'], ['start', 'again']):\n"
        "    try:\n        app(argv, prog_name='sprintlog')\n"
        "    except SystemExit as exit:\n        assert exit.code in (0, None), exit.code\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'alembic', 'rich')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert result.stderr.startswith("Reminder: a timer is running since")
    assert "Logged #2 for" in result.stderr and "Started the timer" in result.stderr


def test_a_timer_not_yet_due_a_reminder_adds_no_import(ok: Run, clock: Clock) -> None:
    # Every command checks the running timer: under REMIND_AFTER, that check alone.
    clock.at(datetime.now(UTC) - timedelta(hours=1))
    ok("start", "Topoi ch.1")
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        "try:\n    app(['status'], prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        "print('sprintlog.services.timer' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert result.returncode == 0, result.stderr
    assert "Reminder" not in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_stop_over_12_hours_asks_and_refuses_without_a_terminal(
    ok: Run, run: Run, clock: Clock, db
) -> None:
    ok("start", "forgot it")
    clock.later(hours=12, minutes=1)
    refused = run("stop")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: no terminal to confirm on; pass --yes to log 721 min, or stop --minutes N\n"
    )
    assert len(db("SELECT * FROM timer")) == 1 and entries(ok) == []
    ok("stop", "--minutes", "90")  # the time really studied: nothing to ask
    assert entries(ok)[0]["minutes"] == 90
    ok("start", "again")
    clock.later(hours=13)
    ok("stop", "--yes")
    assert entries(ok)[1]["minutes"] == 13 * 60


def test_a_timer_over_a_day_needs_its_minutes(ok: Run, run: Run, clock: Clock, db) -> None:
    ok("start", "left running")
    clock.later(hours=30)
    refused = run("stop", "--yes")
    assert refused.exit_code == 2
    assert "stop --minutes N" in refused.stderr and "timer cancel" in refused.stderr
    assert len(db("SELECT * FROM timer")) == 1
    ok("stop", "--minutes", "45")
    assert entries(ok)[0]["minutes"] == 45


def _until(fd: int, wanted: bytes, timeout: float = 60) -> bytes:
    """Read a pty until ``wanted`` appears (or the child closes it)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no {wanted!r} in {seen!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # EIO: the child closed its terminal
            chunk = b""
        if not chunk:
            break
        seen += chunk
    return seen


def _reading_its_terminal(pid: int, timeout: float = 60) -> None:
    """Wait until ``pid`` sleeps in its terminal's read. A Ctrl-C that lands between the
    prompt's write and that read is only seen once the read returns (CPython checks
    signals when a blocking call is interrupted, and this one was not yet blocking), which
    a person cannot hit but a test sending it at once, on a busy machine, can."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            wchan = Path(f"/proc/{pid}/wchan").read_text()
            syscall = Path(f"/proc/{pid}/syscall").read_text().split(" ")[0]
            if wchan in {"wait_woken", "n_tty_read"} or syscall == "0":  # read(2) on x86-64
                return
        select.select([], [], [], 0.05)  # (polled: the kernel gives no event for it)
    raise AssertionError(f"sprintlog {pid} never waited for an answer")


def test_ctrl_c_at_the_question_keeps_the_timer_and_logs_nothing(ok: Run, clock: Clock, db) -> None:
    clock.at(datetime.now(UTC) - timedelta(hours=13))
    ok("start", "forgot it")
    pid, fd = pty.fork()
    if pid == 0:  # the child: `sprintlog stop` on a terminal of its own
        os.execve(sys.executable, [sys.executable, "-m", "sprintlog", "stop"], dict(os.environ))
    try:
        assert b"[y/N]" in _until(fd, b"[y/N]")
        _reading_its_terminal(pid)
        os.write(fd, b"\x03")  # Ctrl-C, as the terminal sends it
        assert b"Interrupted." in _until(fd, b"Interrupted.")
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # a test that failed must not wait for ever
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130
    assert len(db("SELECT * FROM timer")) == 1 and entries(ok) == []


def test_two_terminals_starting_at_once_one_wins(ok: Run, db) -> None:
    command = [sys.executable, "-m", "sprintlog", "start"]
    outcomes = run_at_once([[*command, "first"], [*command, "second"]], dict(os.environ))
    assert sorted(code for code, _ in outcomes) == [0, 1], outcomes
    [(text,)] = db("SELECT text FROM timer")
    loser = next(errors for code, errors in outcomes if code == 1)
    assert loser.startswith("Error: a timer is already running since")
    assert loser.split("\n")[0].split(": ")[2].startswith(text)


def test_a_row_written_first_by_another_terminal_is_already_running(
    ok: Run, run: Run, monkeypatch: pytest.MonkeyPatch, db
) -> None:
    """The primary key decides when both looked before either wrote (as on a server)."""
    from sprintlog.services import timer

    ok("start", "the other terminal's")
    real_read, real_insert = timer.timer_rows.read, timer.timer_rows.insert
    # The looks as the journal opened and inside start's transaction saw no timer yet.
    blind = iter([True, True])
    monkeypatch.setattr(
        timer.timer_rows, "read", lambda r: None if next(blind, False) else real_read(r)
    )
    taken: list[bool] = []

    def insert(reader, running) -> None:
        try:
            real_insert(reader, running)
        except timer.timer_rows.Taken:
            taken.append(True)
            raise

    monkeypatch.setattr(timer.timer_rows, "insert", insert)
    result = run("start", "mine")
    assert taken == [True]  # the primary key refused the second row
    assert result.exit_code == 1
    assert "already running since" in result.stderr and "the other terminal's" in result.stderr
    assert db("SELECT text FROM timer") == [("the other terminal's",)]


def test_stop_without_text_opens_the_editor(
    ok: Run, run: Run, clock: Clock, monkeypatch: pytest.MonkeyPatch, tmp_path, db
) -> None:
    ok("start")
    clock.later(minutes=30)
    without = run("stop")
    assert without.exit_code == 2
    assert "no terminal for an editor" in without.stderr and "still running" in without.stderr
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\np = Path(sys.argv[1])\n"
        "p.write_text('Proved 1.2.3\\n' + p.read_text(encoding='utf-8'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    ok("stop")
    [entry] = entries(ok)
    assert (entry["text"], entry["minutes"]) == ("Proved 1.2.3", 30)
    assert db("SELECT * FROM timer") == []


def test_the_plain_sql_row_is_the_orm_row(ok: Run, clock: Clock, journal) -> None:
    """What storage/sql/timer.py writes the ORM reads back as the same values, and the reverse."""
    from pathlib import Path

    from sprintlog.models import Timer
    from sprintlog.services import timer
    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    clock.at(datetime(2026, 11, 23, 9, 0, 5, 250000, tzinfo=UTC))
    ok("start", "Topoi")
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        with opened.transaction(write=True) as session:
            row = session.get(Timer, 1)
            assert row is not None
            assert (row.started_at, row.day, row.text) == (
                datetime(2026, 11, 23, 9, 0, 5, 250000, tzinfo=UTC),
                T0.date(),
                "Topoi",
            )
            session.delete(row)
            session.flush()
            session.add(Timer(started_at=T0, day=T0.date(), text="by the ORM", goal_refs="1 3b"))
        assert timer.current(opened) == timer.Running(T0, T0.date(), "by the ORM", ("1", "3b"))
    finally:
        opened.close()


def test_stop_writes_nothing_when_the_timer_changed_since_it_was_read(
    ok: Run, clock: Clock, journal
) -> None:
    """(What `stop` read before its question or editor may be stopped or restarted meanwhile.)"""
    from pathlib import Path

    from sprintlog.errors import Conflict
    from sprintlog.services import timer
    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    ok("start", "first")
    opened = open_journal(locate(journal.url, default_dir=Path.cwd()))
    try:
        seen = opened.timer
        assert seen is not None and seen.text == "first"
        timer.cancel(opened)  # another terminal
        with pytest.raises(timer.NotRunning):
            timer.stop(opened, expected=seen, text="x", minutes=5)
        clock.later(minutes=1)
        ok("start", "second")  # and another
        with pytest.raises(Conflict, match="changed in another terminal"):
            timer.stop(opened, expected=seen, text="x", minutes=5)
    finally:
        opened.close()
    assert entries(ok) == [] and ok("timer").stdout.endswith(": second\n")


@pytest.mark.server_only
def test_a_server_in_another_time_zone_keeps_the_moment(ok: Run, clock: Clock, journal) -> None:
    """The column is timestamptz: what a session in Tokyo reads back is the same moment."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(journal.url)
    try:
        with engine.begin() as connection:
            name = make_url(journal.url).database
            connection.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'Asia/Tokyo'"))
    finally:
        engine.dispose()
    ok("start", "Topoi")
    stored = journal.query("SELECT CAST(started_at AT TIME ZONE 'UTC' AS TEXT) FROM timer")
    assert stored == [("2026-11-23 09:00:00",)]  # 09:00 UTC, as other programs read it
    clock.later(minutes=5)
    assert ok("timer").stdout == "A timer is running since 09:00 (5 min): Topoi\n"
    ok("stop")
    assert entries(ok)[0]["minutes"] == 5
