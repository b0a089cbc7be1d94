"""sprintlog db …: the journal's schema revision, upgrades and backups."""

from pathlib import Path
from typing import Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import YesOption
from sprintlog.cli.display.terminal import message

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Show where the journal is and its schema revision (changes nothing)."""
    from sprintlog.storage.copy import unfinished_copy
    from sprintlog.storage.maintenance import HEAD, revision_of

    location = common.location(ctx)
    revision = revision_of(location)
    state = "up to date" if revision == HEAD else f"this sprintlog uses {HEAD}"
    unfinished = unfinished_copy(location) if revision == HEAD else None
    if unfinished:
        state = f"an unfinished copy {unfinished}: run that db copy again"
    typer.echo(f"Journal:  {location.shown}")
    typer.echo(f"Revision: {revision or '(empty)'} ({state})")
    if location.path is not None:
        typer.echo(f"Backups:  {_backups_line(location.path)}")


def _backups_line(journal_path: Path) -> str:
    from sprintlog.storage.maintenance import backups_of

    folder, newest = backups_of(journal_path)
    if newest is None:
        return f"{folder} (none yet)"
    return f"{folder} (newest: {newest.name})"


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Create or upgrade the journal's schema to this sprintlog's revision."""
    from sprintlog.storage.maintenance import HEAD, upgrade_server

    location = common.location(ctx)
    if location.path is not None:
        # Opening an SQLite journal upgrades it (after a verified backup).
        with common.journal(ctx) as journal:
            if not journal.notices:
                message(f"The journal is up to date (revision {HEAD}).")
        return
    upgrade_server(location)
    message(f"The journal database is at revision {HEAD}.")


@app.command("backup")
def backup(
    ctx: typer.Context,
    dest: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH", help="Where to write it (default: a new file in the backups folder)."
        ),
    ] = None,
) -> None:
    """Copy the journal to a verified backup file and print its path."""
    from sprintlog.errors import JournalError
    from sprintlog.storage.maintenance import back_up

    location = common.location(ctx)
    if location.path is not None and not location.path.exists():
        raise JournalError(f"there is no journal at {location.shown} to back up")
    with common.journal(ctx) as journal:
        written = back_up(journal, dest.absolute() if dest else None)
    typer.echo(str(written))


@app.command("restore")
def restore(
    ctx: typer.Context,
    backup_file: Annotated[
        Path, typer.Argument(metavar="BACKUP", help="The backup file to restore.")
    ],
    yes: YesOption = False,
) -> None:
    """Replace the journal with a backup (the journal as it was is kept first)."""
    from sprintlog.cli.display.terminal import confirm
    from sprintlog.errors import JournalError
    from sprintlog.storage.maintenance import restore as restore_backup

    location = common.location(ctx)
    if location.path is None:
        raise JournalError("restore a database server with its own tools (e.g. pg_restore)")
    confirm(
        f"Replace the journal {location.shown} with {backup_file}?",
        yes=yes,
        action=f"restore {backup_file}",
    )
    kept = restore_backup(location, backup_file.absolute())
    where = f"; the journal as it was is in {kept}" if kept else ""
    message(f"Restored the journal from {backup_file}{where}.")


@app.command("copy")
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="PATH|URL",
            help="Where to copy the journal: a new SQLite file or an empty database.",
        ),
    ],
) -> None:
    """Copy the whole journal to another database; the source is left unchanged."""
    from sprintlog.storage.copy import copy_journal, copy_target, counted

    target = copy_target(to, cwd=Path.cwd())
    with common.journal(ctx) as journal:
        report = copy_journal(journal, target)
    message(f"Copied the journal to {report.target}: {counted(report.rows)}.")
    for row in report.kept:  # an older version's imports: named by key and rule only
        message(f"Copied as it was, though sprintlog would not store it today: {row}")
    if report.kept_total > len(report.kept):
        message(f"… and {report.kept_total - len(report.kept):,} more rows like these.")
