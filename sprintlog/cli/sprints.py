"""sprintlog sprint …: start, list, show and close sprints."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption, YesOption
from sprintlog.cli.display import charts as streak_charts
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import confirm, console, message, print_json
from sprintlog.cli.notes import sprint_note
from sprintlog.rules.setting_specs import MAX_SPRINT_DAYS
from sprintlog.rules.text import one_line

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.records import Entry, Sprint
    from sprintlog.services.sprints import Planned
    from sprintlog.storage.reader import Reader

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py

SprintNumber = Annotated[
    int | None,
    typer.Argument(
        min=1,
        max=common.MAX_NUMBER,
        metavar="N",
        help="Sprint number (default: the current sprint).",
    ),
]


@app.command("start")
def start(
    ctx: typer.Context,
    start_day: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="WHEN", help="First day (default: today, or after the last sprint)."
        ),
    ] = None,
    length: Annotated[
        int | None,
        typer.Option(
            "--length",
            "-l",
            metavar="DAYS",
            min=1,
            max=MAX_SPRINT_DAYS,
            help="Length in days (default: setting).",
        ),
    ] = None,
    end_day: Annotated[
        str | None, typer.Option("--end", metavar="WHEN", help="Last day (instead of --length).")
    ] = None,
    no_carry: Annotated[
        bool,
        typer.Option("--no-carry", help="Start empty: do not carry unfinished goals and tasks."),
    ] = False,
    after: Annotated[
        bool,
        typer.Option(
            "--next",
            help="While a sprint runs: plan the next one after it, without asking.",
        ),
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", "-t", metavar="TEXT", help="A title for the sprint.")
    ] = None,
) -> None:
    """Start the next sprint (while one runs: plan the next, after asking or with --next)."""
    from sprintlog.rules.dates import parse_day
    from sprintlog.rules.text import checked_text
    from sprintlog.services import settings, sprints
    from sprintlog.storage.reader import of_session

    today = common.today()
    first = parse_day(start_day, today=today).day if start_day is not None else None
    last = parse_day(end_day, today=today).day if end_day is not None else None
    named = checked_text(title, what="title") if title is not None else None
    with common.journal(ctx) as journal:
        journal.require_writable()
        # Ask outside the write transaction: a prompt must not hold the journal's lock.
        with journal.reading(write=False) as reader:
            config = settings.read(reader)

            def plan(reader: "Reader") -> "Planned":
                return sprints.plan_next(
                    reader,
                    today=today,
                    default_length=config.sprint_length,
                    start_day=first,
                    end_day=last,
                    length=length,
                )

            planned = plan(reader)
        if planned.after_running:
            _ask_to_plan(planned, yes=after, carry=not no_carry)
        with journal.transaction(write=True) as session:  # the ORM: the carry-over's rows
            planned = plan(of_session(session))  # again: what was read may have changed
            sprint, moved = sprints.start(
                session, planned=planned, prefix=config.prefix, title=named, carry=not no_carry
            )
            number, first_day, last_day = sprint.number, sprint.start_day, sprint.end_day
    message(
        f"Started sprint {number}: {tables.day_label(first_day)} – "
        f"{tables.day_label(last_day)} ({planned.length_days} days)."
    )
    if moved:
        message(f"Carried over from sprint {number - 1}: {', '.join(moved)}.")
    elif planned.after_running and not no_carry:
        message(_carried_later(number))


def _carried_later(number: int) -> str:
    before = number - 1
    return (
        f"Sprint {before} is still running, so nothing was carried yet: its unfinished work "
        f"comes along when you close it (`sprintlog sprint close {before}`), or now with "
        f"`sprintlog sprint carry {number}`."
    )


def _ask_to_plan(planned: "Planned", *, yes: bool, carry: bool) -> None:
    previous = planned.previous
    assert previous is not None  # (after_running: there is one)
    span = (
        f"{tables.day_label(planned.start_day)} – {tables.day_label(planned.end_day)} "
        f"({planned.length_days} days)"
    )
    carried = (
        f"; sprint {previous.number}'s unfinished work is carried into it when sprint "
        f"{previous.number} is closed"
        if carry
        else ""
    )
    confirm(
        f"Sprint {previous.number} runs until {tables.day_label(previous.end_day)}. Plan "
        f"sprint {planned.number} after it, {span}{carried}?",
        yes=yes,
        action=f"plan sprint {planned.number} after sprint {previous.number}",
        refusal=(
            f"sprint {previous.number} is still running (until {previous.end_day.isoformat()});"
            f" pass --next to plan sprint {planned.number} after it, or end sprint "
            f"{previous.number} first with `sprintlog sprint close {previous.number}`"
        ),
    )


@app.command("carry")
def carry(ctx: typer.Context, number: SprintNumber = None) -> None:
    """Carry the previous sprint's unfinished goals and tasks into sprint N (not twice)."""
    from sprintlog.services import settings, sprint_reads, sprints
    from sprintlog.storage.reader import of_session

    with common.session(ctx, write=True) as session:
        reader = of_session(session)
        prefix = settings.read(reader).prefix
        chosen = sprint_reads.resolve(reader, number=number, today=common.today()).number
        moved = sprints.carry_into(session, number=chosen, prefix=prefix)
    if moved:
        message(f"Carried over from sprint {chosen - 1} into sprint {chosen}: {', '.join(moved)}.")
    else:
        message(
            f"Nothing to carry: sprint {chosen - 1} left nothing unfinished that sprint "
            f"{chosen} does not have already."
        )


@app.command("rm")
def remove(
    ctx: typer.Context,
    number: Annotated[
        int, typer.Argument(min=1, max=common.MAX_NUMBER, metavar="N", help="Sprint number.")
    ],
    yes: YesOption = False,
) -> None:
    """Remove the latest sprint, if nothing is logged in its days and it has no notes."""
    from sprintlog.services import sprint_reads, sprints
    from sprintlog.storage.reader import of_session

    with common.journal(ctx) as journal:
        journal.require_writable()
        # Ask outside the write transaction: a prompt must not hold the journal's lock.
        with journal.reading(write=False) as reader:
            sprint = sprint_reads.with_goals(reader, sprint=sprint_reads.get(reader, number=number))
        goals = f", with its {len(sprint.goals)} goals" if sprint.goals else ""
        confirm(
            f"Remove sprint {number} ({tables.day_label(sprint.start_day)} – "
            f"{tables.day_label(sprint.end_day)}){goals}?",
            yes=yes,
            action=f"remove sprint {number}",
        )
        with journal.transaction(write=True) as session:  # the ORM: a sprint with its goals
            found = sprint_reads.get(of_session(session), number=number)
            sprints.remove(session, sprint=found)
    message(f"Removed sprint {number}{goals}.")


@app.command("list")
def list_sprints(ctx: typer.Context, json: JsonOption = False) -> None:
    """List every sprint."""
    from sprintlog.services import sprint_reads

    today = common.today()
    with common.reader(ctx) as reader:
        all_sprints = sprint_reads.list_all(reader)
    if json:
        print_json([tables.sprint_dict(sprint, today) for sprint in all_sprints])
    elif not all_sprints:
        message("No sprints yet. Start one with: sprintlog sprint start")
    else:
        with common.paged(ctx):
            console().print(tables.sprints_table(all_sprints, today))


@app.command("show")
def show(ctx: typer.Context, number: SprintNumber = None, json: JsonOption = False) -> None:
    """Show a sprint: its goals, tasks, statuses and entries."""
    from sprintlog.services import entries, settings, sprint_reads, streaks

    today = common.today()
    with common.reader(ctx) as reader:
        config = settings.read(reader)
        sprint = sprint_reads.with_goals(
            reader, sprint=sprint_reads.resolve(reader, number=number, today=today)
        )
        logged = entries.query(reader, filters=entries.Filters(sprint=sprint))
        adherence = streaks.adherence(reader, sprint=sprint, settings=config, today=today)
        last_id = entries.last_id(reader)
        tagged = entries.tags_of(reader, logged) if json else {}
    if json:
        data = tables.sprint_dict(sprint, today)
        data["goals"] = [tables.goal_dict(goal, config.prefix) for goal in sprint.goals]
        data["entries"] = [
            tables.entry_dict(entry, config.prefix, tagged.get(entry.id or 0)) for entry in logged
        ]
        data["adherence"] = streak_charts.adherence_dict(adherence)
        print_json(data)
        return
    with common.paged(ctx):
        _print_sprint(sprint, logged, config.prefix, today, last_id)
        console().print()
        for line in streak_charts.adherence_text(adherence):
            console().print(line)


def _print_sprint(
    sprint: "Sprint", logged: "list[Entry]", prefix: str, today: "date", last_id: int
) -> None:
    from rich.text import Text

    out = console()
    heading = tables.sprint_heading(sprint, today, f"({tables.sprint_state(sprint, today)})")
    out.print(heading)
    out.print()
    out.print(tables.goals_table(sprint.goals, prefix) if sprint.goals else "No goals yet.")
    out.print()
    days = len({entry.day for entry in logged})
    out.print(Text(f"Daily log: {len(logged)} entries on {days} days", style="bold"))
    if logged:
        tables.show_entries(logged, prefix, last_id=last_id)


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: Annotated[
        int, typer.Argument(min=1, max=common.MAX_NUMBER, metavar="N", help="Sprint number.")
    ],
    start_day: Annotated[
        str | None, typer.Option("--start", metavar="WHEN", help="A new first day.")
    ] = None,
    end_day: Annotated[
        str | None, typer.Option("--end", metavar="WHEN", help="A new last day.")
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", "-t", metavar="TEXT", help='A new title ("" removes it).'),
    ] = None,
) -> None:
    """Change a sprint's dates or title (sprints get planned wrong)."""
    from sprintlog.rules.dates import parse_day
    from sprintlog.services import sprint_edit

    today = common.today()
    first = parse_day(start_day, today=today).day if start_day is not None else None
    last = parse_day(end_day, today=today).day if end_day is not None else None
    with common.session(ctx, write=True) as session:
        sprint = sprint_edit.edit(
            session,
            number=number,
            start_day=first,
            end_day=last,
            title=title,
        )
        titled = f": {one_line(sprint.title)}" if sprint.title else ""
        message(
            f"Sprint {sprint.number}{titled} runs {tables.day_label(sprint.start_day)} – "
            f"{tables.day_label(sprint.end_day)} ({sprint.length_days} days)."
        )


@app.command("close")
def close(
    ctx: typer.Context,
    number: SprintNumber = None,
    no_carry: Annotated[
        bool,
        typer.Option("--no-carry", help="Do not carry its unfinished work into the next sprint."),
    ] = False,
) -> None:
    """Close a sprint (one still running ends today); a next sprint gets its unfinished work."""
    from sprintlog.services import settings, sprint_reads, sprints
    from sprintlog.storage.reader import of_session

    today = common.today()
    moved: list[str] = []
    with common.session(ctx, write=True) as session:  # the ORM: the carry-over's rows
        reader = of_session(session)
        sprint = sprint_reads.resolve(reader, number=number, today=today)
        ended_early = sprints.close(reader, sprint=sprint, today=today)
        following = sprint_reads.find(reader, number=sprint.number + 1)
        if following is not None and not no_carry:
            prefix = settings.read(reader).prefix
            moved = sprints.carry_into(session, number=following.number, prefix=prefix)
    early = f"; it now ends today, {today.isoformat()}" if ended_early else ""
    message(f"Closed sprint {sprint.number}{early}.")
    if moved:
        message(f"Carried over into sprint {sprint.number + 1}: {', '.join(moved)}.")


app.command("note")(sprint_note)
