"""How a running timer is said: since when, for how long, what for (and the reminder).

Shared by the timer's commands and by every command's reminder (cli/common.py), so it
is a helper module, not a command group.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sprintlog.rules.text import duration, for_terminal, one_line

if TYPE_CHECKING:
    from sprintlog.storage.sql.timer import Running

# Every command says a timer has run this long. Here, not in services/timer.py: the check
# runs on every command while a timer runs, and must not import the timer's service (with
# the log's) for a timer that has run less.
REMIND_AFTER = timedelta(hours=4)


def since(running: "Running", now: datetime) -> str:
    """When it started, in local time: ``09:12`` today, ``Sun 2026-11-22 23:30`` before."""
    from sprintlog.rules.dates import day_label

    started = running.started_at.astimezone()
    if started.date() == now.astimezone().date():
        return f"{started:%H:%M}"
    return f"{day_label(started.date())} {started:%H:%M}"


def described(running: "Running", now: datetime) -> str:
    """``since 09:12 (1 h 5 min) for 3b: Topoi ch.1``, on one line."""
    from sprintlog.services.timer import elapsed_minutes

    said = f"since {since(running, now)} ({duration(elapsed_minutes(running, now))})"
    if running.refs:
        said += f" for {', '.join(running.refs)}"
    if running.text:
        said += f": {for_terminal(one_line(running.text, 60))}"
    return said


def reminder(running: "Running", now: datetime) -> str | None:
    """One line when the timer has run over REMIND_AFTER, else None."""
    if now - running.started_at <= REMIND_AFTER:
        return None
    return f"Reminder: a timer is running {described(running, now)} (sprintlog stop logs it)."
