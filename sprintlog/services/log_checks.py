"""Checks and messages of the daily log that do not need the database.

Shared by the ORM services (entries, goals) and the plain-SQL ``log`` (daylog), so that
both say exactly the same thing about the same input.
"""

from datetime import date

from sprintlog.errors import NotFound, UnknownReference, UsageError
from sprintlog.rules import stored
from sprintlog.rules.refs import label

MAX_MINUTES = stored.MAX_MINUTES


def checked_minutes(minutes: int | None) -> int | None:
    """Minutes as given to ``log``: what may be stored (the gate), and not 0 (none)."""
    if minutes is not None and (minutes == 0 or stored.minutes_problem(minutes) is not None):
        raise UsageError(f"minutes must be from 1 to {MAX_MINUTES}")
    return minutes


def no_sprint_for(day: date) -> NotFound:
    return NotFound(
        f"no sprint contains {day.isoformat()}, so it has no goals; "
        "log it without --goal, or start a sprint that covers it"
    )


def no_goal(prefix: str, sprint_number: int, goal_number: int) -> UnknownReference:
    return UnknownReference(
        f"sprint {sprint_number} has no goal {label(prefix, goal_number)}; add it with "
        f"`sprintlog goal add {goal_number} TITLE --sprint {sprint_number}`"
    )


def no_task(shown: str, sprint_number: int, letters: list[str]) -> UnknownReference:
    known = ", ".join(letters) or "none"
    goal = shown[:-1]  # SSJ--3z: its goal, SSJ--3
    return UnknownReference(
        f"{shown} does not exist in sprint {sprint_number} (its tasks: {known}); add one with "
        f"`sprintlog goal task {goal} TEXT --sprint {sprint_number}`"
    )
