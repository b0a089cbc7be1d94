"""sprintlog sprint …: start, list, show and close sprints."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display import charts as streak_charts
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import console, message, print_json
from sprintlog.cli.notes import sprint_note
from sprintlog.rules.setting_specs import MAX_SPRINT_DAYS
from sprintlog.rules.text import one_line

if TYPE_CHECKING:
    from datetime import date

    from sqlmodel import Session

    from sprintlog.models import Goal
    from sprintlog.records import Entry, Sprint

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
    title: Annotated[
        str | None, typer.Option("--title", "-t", metavar="TEXT", help="A title for the sprint.")
    ] = None,
) -> None:
    """Start the next sprint."""
    from sprintlog.rules.dates import parse_day
    from sprintlog.rules.text import checked_text
    from sprintlog.services import settings, sprints
    from sprintlog.storage.reader import of_session

    today = common.today()
    first = parse_day(start_day, today=today).day if start_day is not None else None
    last = parse_day(end_day, today=today).day if end_day is not None else None
    with common.session(ctx, write=True) as session:  # the ORM: the carry-over's many rows
        config = settings.read(of_session(session))
        sprint, carried = sprints.start(
            session,
            today=today,
            default_length=config.sprint_length,
            start_day=first,
            end_day=last,
            length=length,
            title=checked_text(title, what="title") if title is not None else None,
            carry=not no_carry,
        )
        moved = _moves(session, sprint.number - 1, carried, config.prefix) if carried else []
    message(
        f"Started sprint {sprint.number}: {tables.day_label(sprint.start_day)} – "
        f"{tables.day_label(sprint.end_day)} ({sprint.length_days} days)."
    )
    if moved:
        message(f"Carried over from sprint {sprint.number - 1}: {', '.join(moved)}.")


def _moves(
    session: "Session", previous_number: int, carried: "list[Goal]", prefix: str
) -> list[str]:
    from sprintlog.services import carry, sprint_reads
    from sprintlog.storage.reader import of_session

    reader = of_session(session)
    previous = sprint_reads.get(reader, number=previous_number)
    return carry.moves(carried, sprint_reads.goals_of(reader, sprint_id=previous.id), prefix)


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
def close(ctx: typer.Context, number: SprintNumber = None) -> None:
    """Close a sprint (one still running ends today)."""
    from sprintlog.services import sprint_reads, sprints

    today = common.today()
    with common.reader(ctx, write=True) as reader:
        sprint = sprint_reads.resolve(reader, number=number, today=today)
        ended_early = sprints.close(reader, sprint=sprint, today=today)
    early = f"; it now ends today, {today.isoformat()}" if ended_early else ""
    message(f"Closed sprint {sprint.number}{early}.")


app.command("note")(sprint_note)
