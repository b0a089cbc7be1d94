"""The root command: global options, the table of commands, and the one error handler.

Only the module of the command that runs is imported: ``sprintlog log`` loads cli/log.py
and none of goal, render, db and the rest. ``COMMANDS`` is the one place a command's name,
module and help line are written; ``sprintlog --help`` lists it without importing any.

The modules beside this one are the command modules, one per command or group named in
``COMMANDS`` (log, goals, sprints, …), and the helpers they share: common.py (the journal
session, shared options), editor.py, ranges.py (--since/--until/--in), shells.py (the
completion scripts) and pictures.py (the review's pictures, for render and publish).
display/ holds what they show with: tables, charts, the terminal, usage texts, timer words.
"""

import sys
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from sprintlog import __version__
from sprintlog.cli import shells
from sprintlog.cli.display import usage
from sprintlog.cli.display.terminal import message
from sprintlog.errors import SprintlogError

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter  # Typer's own copy of Click


@dataclass(frozen=True)
class Listed:
    """A command of the root: ``attribute`` of ``sprintlog.cli.<module>``, and its help."""

    module: str
    attribute: str  # a command's function, or a typer.Typer for a group of commands
    help: str


# In the order `sprintlog --help` lists them.
COMMANDS: dict[str, Listed] = {
    "log": Listed(
        "log",
        "log_entry",
        "Log what you studied today (or on --date); #words in TEXT are its tags.",
    ),
    "entries": Listed("log", "list_entries", "List entries of the log, oldest first."),
    "status": Listed(
        "progress", "status", "Where you are: the sprint, its goals, this week, your streak."
    ),
    "streak": Listed(
        "progress",
        "streak",
        "This week against the target, your streak of weeks, and recent weeks.",
    ),
    "tags": Listed(
        "tags",
        "list_tags",
        "List every #tag: its entries, study days, minutes, first and last day.",
    ),
    "report": Listed(
        "report",
        "report",
        "Study days, entries and minutes over a range (the last 12 weeks by default).",
    ),
    "note": Listed(
        "notes", "note", 'Write how a goal or task went (its "so how did it go?" note).'
    ),
    "start": Listed("timer", "start", "Start a timer; `stop` logs the time elapsed as one entry."),
    "stop": Listed(
        "timer", "stop", "Stop the timer and log the minutes elapsed, on the day it started."
    ),
    "timer": Listed("timer", "timer_app", "The running timer: show it, or cancel it."),
    "publish": Listed(
        "publish",
        "publish",
        "Write the review post of sprint N where the site's engine expects it.",
    ),
    "entry": Listed("log", "entry_app", "Show, change or remove one entry of the log."),
    "sprint": Listed("sprints", "app", "Start, list, show and close sprints."),
    "goal": Listed("goals", "app", "Add, change and list the goals and tasks of a sprint."),
    "render": Listed(
        "render", "app", "Render a sprint's review post or next-sprint plan as Markdown."
    ),
    "read": Listed("reading", "read_app", "The reading list: add, start, finish, list."),
    "acronym": Listed("glossary", "acronym_app", "Acronyms the review post spells out."),
    "question": Listed("glossary", "question_app", "Open questions the review post lists."),
    "config": Listed(
        "config",
        "app",
        "Show and change the journal's settings (prefix, max_goals, days_per_week, "
        "week_start, sprint_length).",
    ),
    "break": Listed(
        "breaks",
        "app",
        "Study breaks (exams, holidays): days neither required nor missed by the streak.",
    ),
    "export": Listed(
        "exchange",
        "export",
        "Export the whole journal (json), its entries (csv) or every review post (posts).",
    ),
    "import": Listed(
        "exchange",
        "import_file",
        "Import FILE: a sprintlog export (merged by uuid), or another program's file.",
    ),
    "db": Listed("db", "app", "Look after the journal's database: revision, upgrade, backup."),
}


def _load(name: str) -> "Command":
    """Import the module of command ``name`` and build its Click command, as add_typer would."""
    listed = COMMANDS[name]
    module = f"sprintlog.cli.{listed.module}"
    __import__(module)  # rather than importlib.import_module, which -X importtime does not show
    target = getattr(sys.modules[module], listed.attribute)
    holder = typer.Typer(
        add_completion=False,
        rich_markup_mode=app.rich_markup_mode,
        pretty_exceptions_short=app.pretty_exceptions_short,
        suggest_commands=app.suggest_commands,
    )
    holder.callback()(_nothing)  # a group even around one command, so it keeps its name
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, help=listed.help)
    else:
        holder.command(name, help=listed.help)(target)
    usage.use_everywhere(holder)
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)  # a Typer with a callback is a group
    return group.commands[name]


def _nothing() -> None:
    """(The holder's callback: never run.)"""


class _Commands(MutableMapping[str, "Command"]):
    """The root's commands by name; a command's module is imported when it is asked for.

    Names, ``in`` and the order cost nothing. A command registered on ``app`` the usual
    way (``app.command``) still works, after the table's, but is imported every time.
    """

    def __init__(self, registered: MutableMapping[str, "Command"]) -> None:
        self._loaded = dict(registered)

    def __getitem__(self, name: str) -> "Command":
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self._loaded[name] = _load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: "Command") -> None:
        self._loaded[name] = command  # Click's add_command

    def __delitem__(self, name: str) -> None:
        if name in COMMANDS:
            raise TypeError(f"{name!r} is in the table of commands, which is fixed")
        del self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._loaded

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS.keys() | self._loaded.keys())


class _Root(TyperGroup):
    """The root group: its commands come from ``COMMANDS`` when asked for, and a
    SprintlogError from any of them becomes ``Error: …`` and its exit code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: "Context") -> list[str]:
        return list(self.commands)  # the names alone (Typer's goes through every command)

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        """The list of commands, with help lines from the table: no command is imported."""
        listed = {name: listed.help for name, listed in COMMANDS.items()}
        for name in self.commands:
            if name not in listed:  # registered the usual way
                listed[name] = self.commands[name].help or ""
        rows = [
            (name, usage.whole_help(TyperCommand(name, help=text))) for name, text in listed.items()
        ]
        usage.write_commands(formatter, rows)

    def invoke(self, ctx: "Context") -> Any:
        try:
            return super().invoke(ctx)
        except SprintlogError as error:
            # An exit code of 0 is an answer, not a failure (a declined confirmation).
            message(f"Error: {error.message}" if error.exit_code else error.message)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            # The command's transaction was rolled back on the way here.
            message("\nInterrupted.")
            raise typer.Exit(130) from None


@dataclass(frozen=True)
class Options:
    db: str | None
    no_pager: bool = False


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sprintlog {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Root,
    name="sprintlog",
    help="A journal for self-learners who work in sprints: goals, a daily log, streaks.",
    no_args_is_help=True,
    add_completion=False,  # our own options below: a named shell, sprintlog's scripts
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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (by default, on a terminal, output longer than the "
            "screen goes through $SPRINTLOG_PAGER, $PAGER or less -FRX).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=shells.install_option,
            is_eager=True,
            expose_value=False,
            help="Install TAB completion for your shell, or the one named after it "
            "(--install-completion zsh); then open a new shell.",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=shells.show_option,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for your shell, or the one named after it.",
        ),
    ] = False,
) -> None:
    """Log study days against sprint goals (SSJ--1 … SSJ--5) and review each sprint."""
    ctx.obj = Options(db=db_option, no_pager=no_pager)


usage.use_everywhere(app)  # last: a command registered on app the usual way gets it too


def main() -> None:
    app(prog_name="sprintlog")
