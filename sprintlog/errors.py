"""The one exception family of sprintlog.

Everything below the CLI raises these with a message a user can read as it is; the CLI
prints ``Error: <message>`` on stderr and exits with ``exit_code``.
"""


class SprintlogError(Exception):
    """A problem the user can fix; the message is ready to print."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(SprintlogError):
    """The words of the command are wrong (a bad date, an unknown goal reference)."""

    exit_code = 2


class BadImport(UsageError):
    """A file to import is not what its format says: names the file, the place and the problem.

    One line of bounded length (under 300 characters with ``Error: ``), whatever the file
    held: a long path keeps its end, a long place or problem its start.
    """

    LIMIT = 290  # characters of the message, so that "Error: " and it stay under 300

    def __init__(self, file: str, place: str | None, problem: str) -> None:
        where = _cut(file, 110, keep_end=True) + (f", {_cut(place, 50)}" if place else "")
        super().__init__(f"{where}: {_cut(problem, self.LIMIT - len(where) - 2)}")


def _cut(text: str, limit: int, *, keep_end: bool = False) -> str:
    """``text`` on one line, at most ``limit`` characters, "…" where it was cut."""
    if len(text) > limit:
        text = "…" + text[-(limit - 1) :] if keep_end else text[: limit - 1] + "…"
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


class UnknownReference(UsageError):
    """A goal or task reference that is well formed but names nothing in the sprint."""


class NotFound(SprintlogError):
    """A sprint, goal, task or entry the user named does not exist."""


class Conflict(SprintlogError):
    """The change would break a rule of the journal (overlapping sprints, a taken number)."""


class JournalError(SprintlogError):
    """The journal itself cannot be used: missing, damaged, read-only, busy, too new."""


class Cancelled(SprintlogError):
    """The user declined a confirmation; nothing was changed."""


class Declined(Cancelled):
    """The person answered no: what they asked for, not a failure. Said without "Error:"."""

    exit_code = 0
