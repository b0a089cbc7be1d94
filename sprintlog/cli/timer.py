"""sprintlog start / stop / timer [cancel]: time a session, log it as one entry."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption, YesOption
from sprintlog.cli.display import terminal, timer_words
from sprintlog.cli.display.terminal import message, print_json

if TYPE_CHECKING:
    from sprintlog.services.daylog import Logged
    from sprintlog.storage.journal import Journal
    from sprintlog.storage.sql.timer import Running

timer_app = typer.Typer(  # help: COMMANDS in sprintlog/cli/__init__.py
    invoke_without_command=True
)


def start(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="What you are about to study; - reads standard input."),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            "-g",
            metavar="REF",
            help="A goal or task it is for: 3, 3b, SSJ--3b (repeatable).",
        ),
    ] = None,
) -> None:
    from sprintlog.errors import Conflict
    from sprintlog.rules.dates import local_day
    from sprintlog.services import timer

    now = common.now()
    body = common.read_entry_text(text) if text is not None else None
    with common.journal(ctx, remind=False) as journal:
        try:
            running = timer.start(journal, now=now, day=local_day(now), text=body, refs=goal or [])
        except timer.AlreadyRunning as error:
            raise Conflict(
                f"a timer is already running "
                f"{timer_words.described(error.running, now, common.prefix(journal))}; "
                "nothing was changed (sprintlog stop logs it, sprintlog timer cancel drops it)"
            ) from None
    message(f"Started the timer at {timer_words.since(running, now)}.")


def stop(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="What you studied (instead of the text given at start); - reads standard "
            "input; none at all opens $VISUAL/$EDITOR.",
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            metavar="N",
            min=1,
            max=1440,
            help="Log N minutes instead of the time elapsed (a timer left running).",
        ),
    ] = None,
    yes: YesOption = False,
) -> None:
    from sprintlog.services import timer

    now = common.now()
    with common.journal(ctx, remind=False) as journal:
        journal.require_writable()  # before asking or opening an editor
        running = journal.timer
        if running is None:
            raise timer.NotRunning()
        spent = minutes or timer.check_minutes(timer.elapsed_minutes(running, now))
        if minutes is None and now - running.started_at > timer.ASK_AFTER:
            # Asked with the journal unlocked: Ctrl-C here leaves the timer running.
            terminal.confirm(
                f"The timer has run {timer_words.duration(spent)} (since "
                f"{timer_words.since(running, now)}). Log {timer_words.duration(spent)}?",
                yes=yes,
                action=f"log {timer_words.duration(spent)}, or stop --minutes N",
            )
        body = common.read_entry_text(text) if text is not None else running.text
        if body is not None:
            logged = timer.stop(journal, expected=running, text=body, minutes=spent)
        else:
            logged = _stop_with_editor(journal, running, spent)
    linked = f" ({', '.join(logged.refs)})" if logged.refs else ""
    from sprintlog.rules.dates import day_label

    if logged.gone:
        message(f"{', '.join(logged.gone)}: removed since the timer started; logged without it.")

    message(
        f"Logged #{logged.id} for {day_label(logged.day)}{linked}: {timer_words.duration(spent)}."
    )


def _stop_with_editor(journal: "Journal", running: "Running", spent: int) -> "Logged":
    from sprintlog.errors import UsageError
    from sprintlog.services import settings, timer

    if not terminal.interactive():
        raise UsageError(
            "the timer has no text and there is no terminal for an editor; "
            "give it: sprintlog stop TEXT (the timer is still running)"
        )
    from sprintlog.cli import editor
    from sprintlog.rules.dates import day_label

    with journal.reading(write=False) as reader:
        journal_id = settings.journal_id(reader)
    context = f"The timer started {day_label(running.day)} and ran {timer_words.duration(spent)}."
    what = f"timer-{running.day.isoformat()}"
    with editor.edited("", context, what=what, journal_id=journal_id) as body:
        return timer.stop(journal, expected=running, text=body, minutes=spent)


@timer_app.callback(invoke_without_command=True)
def show(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show the running timer (or say there is none)."""
    if ctx.invoked_subcommand is not None:
        return
    now = common.now()
    with common.journal(ctx, remind=False) as journal:
        running = journal.timer
        prefix = common.prefix(journal) if running is not None else ""
    if json:
        print_json(timer_words.as_dict(running, now, prefix))
    elif running is None:
        message("No timer is running.")
    else:
        terminal.out(f"A timer is running {timer_words.described(running, now, prefix)}")


@timer_app.command("cancel")
def cancel(ctx: typer.Context) -> None:
    """Drop the running timer without logging anything."""
    from sprintlog.services import timer

    now = common.now()
    with common.journal(ctx, remind=False) as journal:
        running = timer.cancel(journal)
        prefix = common.prefix(journal)
    said = timer_words.described(running, now, prefix)
    message(f"Cancelled the timer {said}; nothing was logged.")
