"""Goal references: ``3``, ``3b``, ``SSJ--3``, ``SSJ--3b``.

One strict grammar, used wherever a goal or task is named. Parsing only checks the words;
whether the goal or task exists is the services' business.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sprintlog.errors import UsageError

# ASCII only on purpose: str.isdigit() would accept "٣" and int() would accept "1_0".
_REF = re.compile(r"(?:(?P<prefix>[A-Za-z0-9]+)--)?(?P<number>[0-9]+)(?P<letter>[A-Za-z]?)")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9]{0,11}")
_MAX_NUMBER_DIGITS = 3


@dataclass(frozen=True)
class Ref:
    """A parsed reference: a goal number and, for a task, its letter (lower case)."""

    goal: int
    letter: str | None = None

    def label(self, prefix: str) -> str:
        return label(prefix, self.goal, self.letter)


def label(prefix: str, goal: int, letter: str | None = None) -> str:
    """The canonical spelling of a reference, as printed everywhere: ``SSJ--3b``."""
    return f"{prefix}--{goal}{letter or ''}"


def link_labels(links: Iterable, prefix: str) -> list[str]:
    """The references an entry's goal links name, in their order (links: EntryGoal rows)."""
    return [
        label(prefix, link.goal.number, link.task.letter if link.task else None) for link in links
    ]


def is_valid_prefix(prefix: str) -> bool:
    return _PREFIX.fullmatch(prefix) is not None


def parse_ref(text: str, *, prefix: str, max_goals: int) -> Ref:
    """Parse a goal or task reference, or raise UsageError saying what is wrong."""
    stripped = text.strip()
    shown = repr(text)
    if not stripped:
        raise UsageError("a goal reference is empty; write it like 3, 3b or SSJ--3b")
    match = _REF.fullmatch(stripped)
    if match is None:
        raise UsageError(
            f"{shown} is not a goal reference; write it like 3, 3b, "
            f"{label(prefix, 3)} or {label(prefix, 3, 'b')}"
        )
    given_prefix = match["prefix"]
    if given_prefix is not None and given_prefix.lower() != prefix.lower():
        raise UsageError(f"{shown} has the prefix {given_prefix!r}; this journal uses {prefix!r}")
    digits = match["number"]
    if len(digits) > _MAX_NUMBER_DIGITS or not 1 <= int(digits) <= max_goals:
        raise UsageError(f"{shown}: goal numbers run from 1 to {max_goals}")
    return Ref(goal=int(digits), letter=match["letter"].lower() or None)
