"""The timer: ``start`` writes one row, ``stop`` turns it into one entry of the log.

The row lives in the journal (storage/sql/timer.py), so a timer survives a reboot and is
seen from another terminal. At most one runs: its primary key is always 1, so of two
terminals starting at once exactly one writes it. Like ``log`` (services/daylog.py), it
runs plain SQL through the journal's reader, on either backend.

Times are UTC from end to end: the minutes are the real time elapsed, across midnight
and across a change of daylight saving time; the entry goes on the local day it started.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sprintlog.errors import Conflict, NotFound, UnknownReference, UsageError
from sprintlog.rules.text import checked_text
from sprintlog.services import daylog, log_checks
from sprintlog.storage.journal import Journal
from sprintlog.storage.reader import Reader
from sprintlog.storage.sql import timer as timer_rows
from sprintlog.storage.sql.timer import Running

if TYPE_CHECKING:
    pass

ASK_AFTER = timedelta(hours=12)  # `stop` asks before logging a timer this long


class AlreadyRunning(Conflict):
    """``start`` while a timer runs: nothing was changed."""

    def __init__(self, running: Running) -> None:
        super().__init__("a timer is already running")
        self.running = running


class NotRunning(NotFound):
    """``stop`` or ``timer cancel`` with no timer running."""

    def __init__(self) -> None:
        super().__init__("no timer is running; start one with: sprintlog start [TEXT]")


def elapsed_minutes(running: Running, now: datetime) -> int:
    """Whole minutes from the start to ``now``, rounded half up, at least 1."""
    seconds = (now - running.started_at).total_seconds()
    return max(1, int(seconds // 60 + (1 if seconds % 60 >= 30 else 0)))


def current(journal: Journal) -> Running | None:
    """The running timer, read now (not as the journal was opened)."""
    with journal.reading(write=False) as reader:
        return timer_rows.read(reader)


def start(
    journal: Journal, *, now: datetime, day: date, text: str | None, refs: list[str]
) -> Running:
    """Start a timer on local day ``day``; its goals must exist in the sprint of that day.

    Raises AlreadyRunning (naming the running one) when a timer runs already.
    """
    if text is not None:
        text = checked_text(text, what="timer text")
    running = Running(started_at=now, day=day, text=text, refs=tuple(ref.strip() for ref in refs))
    try:
        _write_start(journal, running)
    except timer_rows.Taken:
        # Another terminal wrote its row between our look and our write: it won.
        winner = current(journal)
        if winner is None:  # and was stopped already: a race too close to call
            raise Conflict("another timer was started meanwhile; try again") from None
        raise AlreadyRunning(winner) from None
    return running


def _write_start(journal: Journal, running: Running) -> None:
    # A timer already running is said first: the goals given no longer matter then.
    with journal.reading(write=True) as reader:
        _refuse_a_second(reader)
        daylog.resolve_refs(reader, day=running.day, refs=list(running.refs))
        timer_rows.insert(reader, running)


def _refuse_a_second(reader: Reader) -> None:
    found = timer_rows.read(reader)
    if found is not None:
        raise AlreadyRunning(found)


def stop(journal: Journal, *, expected: Running, text: str, minutes: int) -> daylog.Logged:
    """Log the timer ``expected`` as one entry on its day, and remove it: one transaction.

    ``expected`` is the timer as read before asking or opening an editor; if another
    terminal stopped, cancelled or restarted it meanwhile, nothing is written.
    """
    body = checked_text(text, what="entry text")
    log_checks.checked_minutes(minutes)
    with journal.reading(write=True) as reader:
        _take(reader, expected)
        refs, gone = _still_there(reader, expected.day, list(expected.refs))
        logged = daylog.add_sql(
            reader,
            text=body,
            day=expected.day,
            refs=refs,
            minutes=minutes,
            started_at=expected.started_at,
        )
        return replace(logged, gone=gone)


def _still_there(reader: Reader, day: date, refs: list[str]) -> tuple[list[str], list[str]]:
    """The goals given at ``start`` that still exist, and those removed (or their sprint)
    since: the session is logged without those rather than lost."""
    kept, gone = [], []
    for ref in refs:
        try:
            daylog.resolve_refs(reader, day=day, refs=[ref])
        except (UnknownReference, NotFound):
            gone.append(ref)
        else:
            kept.append(ref)
    return kept, gone


def cancel(journal: Journal) -> Running:
    """Drop the running timer without logging anything; return it."""
    with journal.reading(write=True) as reader:
        return _take(reader, None)


def _take(reader: Reader, expected: Running | None) -> Running:
    """Remove the running timer (the one ``expected``, if given) and return it."""
    found = timer_rows.read(reader)
    if found is None:
        raise NotRunning()
    if expected is not None and found != expected:
        raise Conflict("the timer was changed in another terminal meanwhile; nothing was logged")
    timer_rows.delete(reader)
    return found


def check_minutes(minutes: int) -> int:
    """A timer's minutes, if one entry can hold them (a day's at most)."""
    if minutes > log_checks.MAX_MINUTES:
        raise UsageError(
            f"the timer ran {minutes // 60} h, more than a day; log the time you studied with "
            "stop --minutes N, or drop it with: sprintlog timer cancel"
        )
    return minutes
