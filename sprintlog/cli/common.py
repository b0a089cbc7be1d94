"""What every command needs: today's date, the journal session, shared options."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli.display.terminal import message

if TYPE_CHECKING:
    from collections.abc import Callable
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


def choices(values: "Callable[[], dict[str, str]]") -> "Callable[[str], list[tuple[str, str]]]":
    """An option's (or argument's) values, each with what it means, for TAB: pass it as
    ``autocompletion=``. ``values`` is called only when the completion tree is generated
    (python -m sprintlog.completion), so it may import what it needs."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(value, help) for value, help in values().items() if value.startswith(incomplete)]

    return complete


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
        # The default place is sprintlog's own: its folders are made as needed.
        return locate(str(places.default_journal()), default_dir=places.data_dir())
    where = locate(given, default_dir=places.data_dir())
    folder = where.path.parent if where.path is not None else None
    if folder is not None and not folder.parent.is_dir():
        # A path of the user's gets its own folder made (0700), never a chain of them:
        # a typo (--db /no/such/dir) creates nothing.
        import shlex

        from sprintlog.errors import JournalError

        raise JournalError(
            f"there is no folder {folder.parent} to keep the journal {where.path} in; nothing "
            f"was created (make it with `mkdir -p {shlex.quote(str(folder))}`, or give "
            "another --db)"
        )
    return where


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
            _remind(opened, opened.timer)
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


@contextmanager
def looking(ctx: typer.Context) -> Iterator["Session"]:
    """A read-only session for a dry run, which writes nothing at all.

    A journal that does not exist yet is not created: the dry run reads an empty one
    made aside in a temporary folder, and removed with it.
    """
    where = location(ctx)
    if where.path is None or where.path.exists():
        with session(ctx, write=False) as found:
            yield found
        return
    import tempfile
    from pathlib import Path

    from sprintlog.storage.journal import open_journal
    from sprintlog.storage.location import locate

    with tempfile.TemporaryDirectory(prefix="sprintlog-dry-run-") as folder:
        aside = open_journal(locate(str(Path(folder) / "journal.db"), default_dir=Path(folder)))
        try:
            with aside.transaction(write=False) as found:
                yield found
        finally:
            aside.close()


def _remind(opened: "Journal", running: "Running") -> None:
    from sprintlog.cli.display import timer_words

    moment = now()
    if timer_words.due(running, moment):
        message(timer_words.reminder(running, moment, prefix(opened)))


def prefix(opened: "Journal") -> str:
    """The journal's goal prefix (SSJ), read in a transaction of its own."""
    from sprintlog.services import settings

    with opened.reading(write=False) as found:
        return settings.read(found).prefix


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


def read_entry_text(text: str) -> str:
    """An entry's TEXT: as read_text, but without the line end that ends standard input.

    ``echo … | sprintlog log -`` and a heredoc end with one; kept, it would show as an
    empty last row of the entry. Text given as an argument is kept exactly.
    """
    body = read_text(text)
    if text == "-":
        body = body.removesuffix("\n").removesuffix("\r")
    return body
