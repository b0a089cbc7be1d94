"""Long text from the user's editor, like `git commit`, without ever losing what was typed.

The editor opens a draft file: the current text on top, then a scissors line, then
context (what the note is about, the entries logged for it). Everything from the
scissors line down is ignored; a Markdown note may use `#` freely. The draft (0600, in a
0700 directory) is deleted only once the text is saved; if saving fails or the editor
fails, its path is printed.
"""

import os
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sprintlog.cli.display.terminal import message
from sprintlog.errors import Cancelled, SprintlogError, UsageError
from sprintlog.storage import files, places

SCISSORS = "------------------------ >8 ------------------------"
HELP = (
    "Write above the line; everything from it down is ignored.\n"
    "Save and close the editor to keep the text; leave it empty or unchanged to keep nothing."
)


def drafts_dir() -> Path:
    """Where new drafts are written (earlier ones may also be at the old place)."""
    return places.drafts_dirs()[0]


def editor_command() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        words = shlex.split(command)
    except ValueError:
        raise SprintlogError(f"the editor command {command!r} cannot be parsed") from None
    if not words:
        raise SprintlogError("the editor command ($VISUAL or $EDITOR) is empty")
    return words


def require_terminal() -> None:
    """An editor needs a person at a terminal; without one, say how to give the text.

    (Started anyway, vim would fill a pipe or a log with escape codes and fail.)
    """
    from sprintlog.cli.display import terminal

    if not terminal.interactive():
        raise UsageError(
            "there is no terminal to open an editor on; give the text instead "
            "(- reads standard input)"
        )


@contextmanager
def edited(initial: str, context: str, *, what: str, journal_id: str) -> Iterator[str]:
    """Yield the text the user wrote; the draft goes once the ``with`` block succeeds.

    A draft left for the same text of the same journal by an earlier run (an editor or a
    save that failed, a process killed) is offered again: the editor starts from it
    instead of ``initial``. Drafts are named after the journal's id, so a draft of one
    journal is never offered (and saved) in another.
    """
    require_terminal()
    key = f"{journal_id}-{_slug(what)}" if journal_id else _slug(what)
    earlier = _readable(_earlier_drafts(key))
    start = initial
    if earlier:
        start = _typed(earlier[-1]) or initial
        message(f"Starting from the draft kept in {earlier[-1]}")
    draft = _new_draft(start, context, key)
    text = _run_editor(draft, initial)
    try:
        yield text
    except BaseException:
        message(f"Your text is kept in {draft}")
        raise
    for path in (draft, *earlier):
        path.unlink(missing_ok=True)


def _earlier_drafts(key: str) -> list[Path]:
    found = [
        path
        for folder in places.drafts_dirs()
        if folder.is_dir()
        for path in folder.glob(f"{key}-*.md")
    ]
    return sorted(found, key=lambda path: path.stat().st_mtime)


def _readable(drafts: list[Path]) -> list[Path]:
    """The drafts that are UTF-8 text; any other is renamed out of the way, and said so.

    Left in place, a draft that cannot be read would stop every later edit of the same
    text; set aside, it is still there for the user to rescue.
    """
    kept = []
    for path in drafts:
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            aside = path.with_name(path.name + ".not-utf8")
            path.replace(aside)
            message(f"The draft {path} is not UTF-8 text; it was set aside as {aside}")
            continue
        except OSError:
            continue  # gone meanwhile, or not ours to read: not one to offer
        kept.append(path)
    return kept


def _slug(what: str) -> str:
    return what.replace(" ", "-")


def _new_draft(initial: str, context: str, key: str) -> Path:
    directory = drafts_dir()
    files.ensure_private_dir(directory)
    path = _unused_name(directory, key)
    body = f"{initial.rstrip()}\n\n{SCISSORS}\n{HELP}\n\n{context.rstrip()}\n"
    path.write_text(body if initial.strip() else "\n" + body.lstrip("\n"), encoding="utf-8")
    return path


def _unused_name(directory: Path, key: str) -> Path:
    """Create and return a draft file no other draft has (an older one may be kept)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # Numbered: the same process may start a second edit of the same text within a second.
    path = files.create_numbered_file(directory, f"{key}-{stamp}-{os.getpid()}", ".md", tries=100)
    if path is None:
        raise SprintlogError(f"cannot find a free name for a draft in {directory}")
    return path


def _run_editor(draft: Path, initial: str) -> str:
    command = [*editor_command(), str(draft)]
    try:
        finished = subprocess.run(command, check=False)
    except OSError as error:
        draft.unlink(missing_ok=True)
        raise SprintlogError(f"cannot start the editor {command[0]!r}: {error.strerror}") from None
    if finished.returncode != 0:
        try:
            text = _typed(draft)
        except UsageError:
            text = "\0"  # not UTF-8: certainly new, and kept for the user to rescue
        new = text.strip() and text.strip() != initial.strip()
        kept = f"; your text is kept in {draft}" if new else ""
        if not kept:
            draft.unlink(missing_ok=True)
        raise Cancelled(
            f"the editor exited with status {finished.returncode}; nothing was saved{kept}"
        )
    text = _typed(draft)
    if not text.strip() or text.strip() == initial.strip():
        draft.unlink(missing_ok=True)
        raise Cancelled(
            "the text was left "
            + ("empty" if not text.strip() else "unchanged")
            + "; nothing was saved"
        )
    return text


def _typed(draft: Path) -> str:
    try:
        content = draft.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        # Text that cannot be stored is a usage error (exit 2), whichever way it came in.
        raise UsageError(
            f"the editor left text that is not UTF-8; nothing was saved, and it is kept "
            f"as the draft {draft}"
        ) from None
    except OSError as error:
        raise SprintlogError(f"cannot read back the draft {draft}: {error.strerror}") from None
    above = content.split(f"\n{SCISSORS}", 1)[0]
    if content.startswith(SCISSORS):
        above = ""
    return above.strip("\n").rstrip()
