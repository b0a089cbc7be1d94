"""What every command needs: today's date, the journal session, shared options."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli.display.terminal import message

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from sqlmodel import Session

    from sprintlog.storage.journal import Journal
    from sprintlog.storage.location import Location
    from sprintlog.storage.reader import Reader
    from sprintlog.storage.sql.timer import Running

# The largest number any command takes: PostgreSQL's integer columns hold no more (SQLite's
# hold more, but one rule for both backends), and a number past 64 bits would reach
# the database driver as an error it cannot convert.
MAX_NUMBER = 2**31 - 1

SprintOption = Annotated[
    int | None,
    typer.Option(
        "--sprint",
        "-s",
        metavar="N",
        min=1,
        max=MAX_NUMBER,
        help="Sprint number (default: the current sprint).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def now() -> "datetime":
    """The moment, in UTC: the one clock of every command (tests pin it)."""
    from datetime import UTC, datetime

    return datetime.now(UTC)


def today() -> date:
    """The local calendar day (where the clock's TZ says we are), read once per command."""
    from sprintlog.rules.dates import local_day

    return local_day(now())


def location(ctx: typer.Context) -> "Location":
    from sprintlog.storage import places
    from sprintlog.storage.location import locate

    given = ctx.find_root().obj.db
    if not given or not given.strip():
        notice = places.move_old_journal()  # once, from where older sprintlogs kept it
        if notice:
            message(notice)
        given = str(places.default_journal())
    return locate(given, default_dir=places.data_dir())


@contextmanager
def paged(ctx: typer.Context) -> Iterator[None]:
    """A listing's output: through the pager when it runs past the screen of a terminal
    (cli/display/pager.py), unless ``--no-pager`` was given."""
    from sprintlog.cli.display import pager

    options = ctx.find_root().obj
    with pager.paged(enabled=not getattr(options, "no_pager", False)):
        yield


@contextmanager
def journal(ctx: typer.Context, *, remind: bool = True) -> Iterator["Journal"]:
    """The opened journal (created or upgraded first if needed).

    ``remind``: say so when a timer has been running long (the timer's own commands,
    which say more, do not).
    """
    from sprintlog.storage.journal import open_journal

    opened = open_journal(location(ctx))
    try:
        for notice in opened.notices:
            message(notice)
        if remind and opened.timer is not None:
            _remind(opened.timer)
        yield opened
    finally:
        opened.close()


@contextmanager
def reader(ctx: typer.Context, *, write: bool = False) -> Iterator["Reader"]:
    """The command's one transaction, for the typed queries and statements (storage/sql)."""
    with journal(ctx) as opened, opened.reading(write=write) as found:
        yield found


@contextmanager
def session(ctx: typer.Context, *, write: bool) -> Iterator["Session"]:
    """The command's one transaction on the journal."""
    with journal(ctx) as opened, opened.transaction(write=write) as db_session:
        yield db_session


def _remind(running: "Running") -> None:
    from sprintlog.cli.display import timer_words

    line = timer_words.reminder(running, now())
    if line:
        message(line)


def read_text(text: str) -> str:
    """The TEXT argument, or standard input when it is ``-``."""
    if text != "-":
        return text
    import sys

    from sprintlog.errors import UsageError
    from sprintlog.rules.text import MAX_TEXT_BYTES

    # Read one byte past the limit, so that an endless stream cannot fill the memory.
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UsageError(f"standard input is over the limit of {MAX_TEXT_BYTES // 1048576} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("standard input is not valid UTF-8") from None


def template_file(path: "Path") -> "Path":
    """A template FILE the user named, refused at once when it is no regular file (a FIFO
    would be waited on for ever, a device read without end)."""
    from sprintlog.errors import UsageError
    from sprintlog.storage import files

    try:
        files.check_readable_file(path)
    except files.NotAFile as error:
        raise UsageError(f"the template {path} is {error.kind}, not a file") from None
    return path
