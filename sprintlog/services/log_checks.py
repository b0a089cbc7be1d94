"""Checks and messages of the daily log that do not need the database.

Shared by the ORM services (entries, goals) and the plain-SQL ``log`` (daylog), so that
both say exactly the same thing about the same input.
"""

from datetime import date

from sprintlog.errors import NotFound, UnknownReference, UsageError
from sprintlog.rules.refs import label

MAX_MINUTES = 24 * 60


def checked_minutes(minutes: int | None) -> int | None:
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
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
