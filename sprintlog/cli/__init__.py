"""The root command: global options, the command groups, and the one error handler."""

from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sprintlog import __version__
from sprintlog.cli import (
    config,
    db,
    exchange,
    glossary,
    goals,
    log,
    notes,
    progress,
    reading,
    render,
    sprints,
    usage,
)
from sprintlog.cli.publish import publish
from sprintlog.cli.terminal import message
from sprintlog.errors import SprintlogError


class _Root(TyperGroup):
    """Turns a SprintlogError from any command into ``Error: …`` and its exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SprintlogError as error:
            message(f"Error: {error.message}")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            # The command's transaction was rolled back on the way here.
            message("\nInterrupted.")
            raise typer.Exit(130) from None


@dataclass(frozen=True)
class Options:
    db: str | None


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sprintlog {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Root,
    name="sprintlog",
    help="A journal for self-learners who work in sprints: goals, a daily log, streaks.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db_option: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            envvar="SPRINTLOG_DB",
            help="The journal: an SQLite file path or a database URL.",
            show_default="journal.db in the app directory",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Log study days against sprint goals (SSJ--1 … SSJ--5) and review each sprint."""
    ctx.obj = Options(db=db_option)


app.command("log")(log.log_entry)
app.command("entries")(log.list_entries)
app.command("status")(progress.status)
app.command("streak")(progress.streak)
app.command("note")(notes.note)
app.add_typer(log.entry_app, name="entry")
app.add_typer(sprints.app, name="sprint")
app.add_typer(goals.app, name="goal")
app.add_typer(render.app, name="render")
app.command("publish")(publish)
app.add_typer(reading.read_app, name="read")
app.add_typer(glossary.acronym_app, name="acronym")
app.add_typer(glossary.question_app, name="question")
app.add_typer(config.app, name="config")
app.add_typer(db.app, name="db")
app.command("export")(exchange.export)
app.command("import")(exchange.import_file)
usage.use_everywhere(app)  # last: after every command is registered


def main() -> None:
    app(prog_name="sprintlog")
