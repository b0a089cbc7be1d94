"""Printing: data to stdout, messages to stderr, user text never read as markup.

What reaches a terminal is made harmless where every byte passes, in the standard
streams themselves (``__main__._Output``, through ``rules.text.for_terminal``); what goes
to a pipe or a file is written exactly.
"""

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

from sprintlog.errors import Cancelled, Declined

if TYPE_CHECKING:
    from rich.console import Console


def message(text: str) -> None:
    """A message for the user (not data): stderr."""
    _write(sys.stderr, text + "\n")


def out(text: str, *, end: str = "\n") -> None:
    """Data (a post, a report, a setting's value): stdout, exactly as given.

    Not typer.echo, which drops what looks like a colour code when output is not a
    terminal, so that a pipe or a file would get a note's bytes changed. On a terminal,
    standard output itself shows every control character escaped (__main__._Output).
    """
    _write(sys.stdout, text + end)


def styled_line(text: str, *, bold: bool = False) -> None:
    """A line of our own words (a listing's header) to stdout, bold where Rich would colour.

    The escape codes go where Rich's do (``rich_proxied_file``), past the sanitizer, which
    would show them escaped; the words themselves are ours, never user text.
    """
    line = text.removesuffix("\n")
    if not (bold and colour()):
        _write(sys.stdout, line + "\n")
        return
    styled = getattr(sys.stdout, "rich_proxied_file", sys.stdout)
    _write(styled, f"\x1b[1m{line}\x1b[0m\n")


def colour() -> bool:
    """Whether stdout takes colours: as Rich decides (FORCE_COLOR, NO_COLOR, TERM=dumb)."""
    import os

    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "") in {"dumb", "unknown"}:
        return False
    return sys.stdout.isatty()


def _write(stream: Any, text: str) -> None:
    stream.write(text)
    stream.flush()  # stdout and stderr on one terminal: each line in the order said


@cache
def console() -> "Console":
    """The stdout console; Rich is imported on first use, not on the way to --help."""
    from rich.console import Console

    # No markup, emoji codes or highlighting: every string we print may be user text.
    return Console(markup=False, emoji=False, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def confirm(question: str, *, yes: bool, action: str, refusal: str | None = None) -> None:
    """Ask before something destructive; go on only if the answer is yes.

    No terminal to ask on is an error (Cancelled: ``refusal``, or pass --yes to
    ``action``); an answer of no is not (Declined: exit 0, "Nothing changed.").
    """
    if yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        # Without a terminal there is no one to ask: refuse rather than guess.
        raise Cancelled(refusal or f"no terminal to confirm on; pass --yes to {action}")
    # Our own prompt rather than typer.confirm, which turns Ctrl-C into a plain "Aborted!"
    # (exit 1): here Ctrl-C stays an interrupt (exit 130), and end of input means no.
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:  # end of input (Ctrl-D): finish the prompt's line first
        sys.stderr.write("\n")
    if answer.strip().lower() not in {"y", "yes"}:
        raise Declined("Nothing changed.")


def interactive() -> bool:
    """Whether a person is at a terminal (for an editor): standard input and output are one."""
    return bool(sys.stdin and sys.stdin.isatty() and sys.stdout.isatty())
