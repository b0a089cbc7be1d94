"""sprintlog log / entries / entry …: the daily log."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common, ranges
from sprintlog.cli.common import JsonOption, YesOption
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import confirm, message, print_json
from sprintlog.rules.text import one_line

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.services.daylog import Logged

entry_app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py

GoalOption = Annotated[
    list[str] | None,
    typer.Option(
        "--goal",
        "-g",
        metavar="REF",
        help="A goal or task it was for: 3, 3b, SSJ--3b (repeatable).",
    ),
]
MinutesOption = Annotated[
    int | None, typer.Option("--minutes", "-m", metavar="N", min=0, max=1440, help="Minutes spent.")
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="A tag to add without writing #TAG in the text (repeatable).",
    ),
]
EntryId = Annotated[
    int,
    typer.Argument(
        min=1, max=common.MAX_NUMBER, metavar="ID", help="The entry's number (see `entries`)."
    ),
]


def _day(text: str | None, today: "date") -> "date":
    from sprintlog.rules.dates import parse_day

    if text is None:
        return today
    parsed = parse_day(text, today=today, allow_future=False)
    if parsed.in_words:
        message(f"{text.strip()} = {tables.day_label(parsed.day)}")
    return parsed.day


def log_entry(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="What you focused on; - reads standard input; none (on a terminal) opens "
            "$VISUAL/$EDITOR.",
        ),
    ] = None,
    goal: GoalOption = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", metavar="WHEN", help="The day: 2025-03-04, yesterday, monday, -3d."
        ),
    ] = None,
    minutes: MinutesOption = None,
    tag: TagOption = None,
    closed: Annotated[
        bool, typer.Option("--closed", help="Log into a closed sprint's day all the same.")
    ] = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.rules.tags import checked
    from sprintlog.rules.text import checked_text
    from sprintlog.services import daylog

    day = _day(when, common.today())
    given = [checked(word) for word in tag or []]
    if text is None:
        logged = _log_from_editor(
            ctx, day=day, refs=goal, minutes=minutes or None, tags=given, closed=closed
        )
    else:
        body = checked_text(common.read_entry_text(text), what="entry text")  # before the journal
        with common.journal(ctx) as journal:
            logged = daylog.add(
                journal,
                text=body,
                day=day,
                refs=goal,
                minutes=minutes or None,
                tags=given,
                closed=closed,
            )
    linked = f" ({', '.join(logged.refs)})" if logged.refs else ""
    # 0 is stored as "no minutes" (as `entry edit --minutes 0` clears them): say so.
    no_minutes = "; --minutes 0 stores no minutes" if minutes == 0 else ""
    tagged = f" {' '.join('#' + tag for tag in logged.tags)}" if logged.tags else ""
    message(f"Logged #{logged.id} for {tables.day_label(day)}{linked}{tagged}{no_minutes}.")


def _log_from_editor(
    ctx: typer.Context,
    *,
    day: "date",
    refs: list[str] | None,
    minutes: int | None,
    tags: list[str],
    closed: bool,
) -> "Logged":
    """The entry written in the editor (as `note` does); only on a terminal."""
    from sprintlog.cli.display import terminal

    if not terminal.interactive():
        # The usage error it was before TEXT became optional (with the usage line).
        ctx.fail(
            "Missing argument 'TEXT'. With no terminal to open an editor on, give the text "
            "(- reads standard input)."
        )
    from sprintlog.cli import editor
    from sprintlog.services import daylog, settings

    with common.journal(ctx) as journal:
        journal.require_writable()  # before anyone types into an editor
        daylog.check_refs(journal, day=day, refs=refs or [], closed=closed)
        with journal.reading(write=False) as reader:
            journal_id = settings.journal_id(reader)
        said = [tables.day_label(day), *(refs or []), *([f"{minutes} min"] if minutes else [])]
        context = "An entry of the log for " + " · ".join(said)
        what = f"log-{day.isoformat()}"
        with editor.edited("", context, what=what, journal_id=journal_id) as body:
            return daylog.add(
                journal, text=body, day=day, refs=refs, minutes=minutes, tags=tags, closed=closed
            )


def list_entries(
    ctx: typer.Context,
    sprint: Annotated[
        int | None,
        typer.Option(
            "--sprint", "-s", metavar="N", min=1, max=common.MAX_NUMBER, help="Only this sprint."
        ),
    ] = None,
    since: ranges.SinceOption = None,
    until: ranges.UntilOption = None,
    within: ranges.InOption = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", "-g", metavar="REF", help="Only entries for this goal or task."),
    ] = None,
    chain: Annotated[
        bool,
        typer.Option(
            "--chain", help="With --goal: earlier sprints' entries of the work it was carried from."
        ),
    ] = False,
    grep: Annotated[
        str | None,
        typer.Option("--grep", metavar="TEXT", help="Only entries containing this text."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only entries with this tag (repeatable: all of them).",
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    from dataclasses import replace

    from sprintlog.rules.tags import checked
    from sprintlog.services import entries, settings

    if chain and goal is None:
        from sprintlog.errors import UsageError

        raise UsageError("--chain follows a goal or task: give it with --goal")
    today = common.today()
    bounds = ranges.parse(since=since, until=until, within=within, today=today)
    wanted_tags = tuple(dict.fromkeys(checked(word) for word in tag or []))
    with common.reader(ctx) as reader:
        config = settings.read(reader)
        first, last = ranges.resolve(reader, bounds, settings=config, today=today)
        filters = entries.filters_for(
            reader, settings=config, today=today, sprint_number=sprint, goal_ref=goal
        )
        wanted = replace(filters, since=first, until=last, grep=grep, chain=chain, tags=wanted_tags)
        if json:
            found = entries.query(reader, filters=wanted)
            tagged = entries.tags_of(reader, found)
            print_json([tables.entry_dict(e, config.prefix, tagged.get(e.id or 0)) for e in found])
            return
        # Row by row as the journal gives them: a long listing is never held whole.
        shown = None  # stays so when the pager is quit before the end
        with common.paged(ctx):
            streamed = entries.stream(reader, filters=wanted)
            shown = tables.show_entries(streamed, config.prefix, last_id=entries.last_id(reader))
    if shown == 0:
        message("No entries found.")


@entry_app.command("show")
def show_entry(ctx: typer.Context, entry_id: EntryId, json: JsonOption = False) -> None:
    """Print one entry's whole text (exactly as stored when not on a terminal)."""
    import sys

    from sprintlog.services import entries, settings

    with common.reader(ctx) as reader:
        prefix = settings.read(reader).prefix
        entry = entries.get(reader, entry_id=entry_id)
        tagged = entries.tags_of(reader, [entry]) if json else {}
    if json:
        print_json(tables.entry_dict(entry, prefix, tagged.get(entry_id)))
        return
    refs = " ".join(tables.entry_refs(entry, prefix))
    minutes = f" · {entry.minutes} min" if entry.minutes else ""
    message(f"#{entry.id} · {tables.day_label(entry.day)}{' · ' + refs if refs else ''}{minutes}")
    # On a terminal, the control characters are shown escaped by standard output itself
    # (__main__._Output), as every byte there is.
    text = entry.text
    on_terminal = sys.stdout.isatty()
    sys.stdout.write(text if text.endswith("\n") or not on_terminal else text + "\n")


@entry_app.command("edit")
def edit_entry(
    ctx: typer.Context,
    entry_id: EntryId,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="The new text; - reads standard input.")
    ] = None,
    when: Annotated[
        str | None, typer.Option("--date", "-d", metavar="WHEN", help="Move it to this day.")
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option("--minutes", "-m", metavar="N", min=0, max=1440, help="Minutes (0 clears)."),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal", "-g", metavar="REF", help="Replace its goals (repeatable; none for no goal)."
        ),
    ] = None,
) -> None:
    """Change an entry's text, day, minutes or goals."""
    from sprintlog.errors import UsageError
    from sprintlog.services import entry_edit, settings

    if text is None and when is None and minutes is None and goal is None:
        raise UsageError("nothing to change: give new text, --date, --minutes or --goal")
    day = _day(when, common.today()) if when is not None else None
    body = common.read_entry_text(text) if text is not None else None
    with common.reader(ctx, write=True) as reader:
        config = settings.read(reader)
        entry_edit.edit(
            reader,
            entry_id=entry_id,
            settings=config,
            text=body,
            day=day,
            minutes=minutes,
            refs=goal,
        )
    message(f"Changed entry #{entry_id}.")


@entry_app.command("rm")
def remove_entry(ctx: typer.Context, entry_id: EntryId, yes: YesOption = False) -> None:
    """Remove an entry from the log."""
    from sprintlog.services import entries, entry_edit

    with common.journal(ctx) as journal:
        journal.require_writable()
        # Ask outside the write transaction: a prompt must not hold the journal's lock.
        with journal.reading(write=False) as reader:
            entry = entries.get(reader, entry_id=entry_id)
        confirm(
            f"Remove entry #{entry_id} ({entry.day.isoformat()}: {one_line(entry.text, 50)})?",
            yes=yes,
            action=f"remove entry #{entry_id}",
        )
        with journal.reading(write=True) as reader:
            entry_edit.remove(reader, entry_id=entry_id)
    message(f"Removed entry #{entry_id}.")
