"""How a running timer is said: since when, for how long, what for (and the reminder).

Shared by the timer's commands and by every command's reminder (cli/common.py), so it
is a helper module, not a command group.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sprintlog.rules.text import for_terminal, one_line

if TYPE_CHECKING:
    from sprintlog.storage.sql.timer import Running

# Every command says a timer has run this long. Here, not in services/timer.py: the check
# runs on every command while a timer runs, and must not import the timer's service (with
# the log's) for a timer that has run less.
REMIND_AFTER = timedelta(hours=4)


def duration(minutes: int) -> str:
    """``45 min``, ``125 min``: minutes, as entries, reports and `log` say them."""
    return f"{minutes} min"


def refs_shown(refs: "tuple[str, ...]", prefix: str) -> list[str]:
    """The timer's goals as every command names them (``SSJ--3b``), not as typed (``3b``).

    They were checked when the timer started; one that no longer reads as a reference
    (the prefix changed since) is shown as it was typed.
    """
    from sprintlog.errors import UsageError
    from sprintlog.rules.refs import parse_ref

    shown = []
    for ref in refs:
        try:
            shown.append(parse_ref(ref, prefix=prefix, max_goals=10**6).label(prefix))
        except UsageError:
            shown.append(ref)
    return shown


def since(running: "Running", now: datetime) -> str:
    """When it started, in local time: ``09:12`` today, ``Sun 2026-11-22 23:30`` before."""
    from sprintlog.rules.dates import day_label

    started = running.started_at.astimezone()
    if started.date() == now.astimezone().date():
        return f"{started:%H:%M}"
    return f"{day_label(started.date())} {started:%H:%M}"


def described(running: "Running", now: datetime, prefix: str) -> str:
    """``since 09:12 (65 min) for SSJ--3b: Topoi ch.1``, on one line."""
    from sprintlog.services.timer import elapsed_minutes

    said = f"since {since(running, now)} ({duration(elapsed_minutes(running, now))})"
    if running.refs:
        said += f" for {', '.join(refs_shown(running.refs, prefix))}"
    if running.text:
        said += f": {for_terminal(one_line(running.text, 60))}"
    return said


def due(running: "Running", now: datetime) -> bool:
    """Whether the timer has run long enough to remind of it (over REMIND_AFTER)."""
    return now - running.started_at > REMIND_AFTER


def reminder(running: "Running", now: datetime, prefix: str) -> str:
    """The line every command says once the timer is ``due``."""
    return (
        f"Reminder: a timer is running {described(running, now, prefix)} (sprintlog stop logs it)."
    )


def as_dict(running: "Running | None", now: datetime, prefix: str) -> dict[str, object]:
    """``timer --json`` (its schema: sprintlog/schemas/timer.json)."""
    from sprintlog.services.timer import elapsed_minutes

    if running is None:
        return {"running": False}
    return {
        "running": True,
        "started_at": running.started_at.isoformat(),
        "day": running.day.isoformat(),
        "minutes": elapsed_minutes(running, now),
        "text": running.text,
        "goals": refs_shown(running.refs, prefix),
    }
