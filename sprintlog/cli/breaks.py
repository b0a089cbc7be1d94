"""sprintlog break add / list / rm: days off by plan, neither required nor missed."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption, YesOption
from sprintlog.cli.display.terminal import confirm, console, message, print_json
from sprintlog.rules.dates import day_label
from sprintlog.rules.text import plural

if TYPE_CHECKING:
    from datetime import date

    from sprintlog.rules.break_days import Span

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py

BreakId = Annotated[
    int,
    typer.Argument(
        min=1, max=common.MAX_NUMBER, metavar="ID", help="The break's number (see `break list`)."
    ),
]


def _day(text: str, today: "date", what: str) -> "date":
    from sprintlog.rules.dates import parse_day

    parsed = parse_day(text, today=today, allow_future=True)  # a break may be planned ahead
    if parsed.in_words:
        message(f"{what} {text.strip()} = {day_label(parsed.day)}")
    return parsed.day


@app.command("add")
def add_break(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="FROM", help="Its first day: 2025-06-02, today.")],
    last: Annotated[str, typer.Argument(metavar="TO", help="Its last day (included).")],
    reason: Annotated[
        str | None, typer.Argument(metavar="REASON", help="Why, shown in the post: exams.")
    ] = None,
) -> None:
    """Add a break from FROM to TO (both included); a planned one may be in the future."""
    from sprintlog.services import breaks

    today = common.today()
    start, end = _day(first, today, "FROM"), _day(last, today, "TO")
    with common.reader(ctx, write=True) as reader:
        added = breaks.add(reader, start=start, end=end, reason=reason)
    message(f"Added break {_line(added)}.")


@app.command("list")
def list_breaks(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the breaks, the earliest first."""
    from sprintlog.services import breaks

    with common.reader(ctx) as reader:
        found = breaks.load(reader).spans
    if json:
        print_json([break_dict(item) for item in found])
    elif not found:
        message("No breaks. Add one with: sprintlog break add FROM TO [REASON]")
    else:
        for item in found:
            console().print(_line(item))


@app.command("rm")
def remove_break(ctx: typer.Context, break_id: BreakId, yes: YesOption = False) -> None:
    """Remove a break: its days count for the streak again."""
    from sprintlog.services import breaks

    with common.journal(ctx) as journal:
        journal.require_writable()
        # Ask outside the write transaction: a prompt must not hold the journal's lock.
        with journal.reading(write=False) as reader:
            shown = _line(breaks.get(reader, break_id=break_id))
        confirm(f"Remove break {shown}?", yes=yes, action=f"remove break #{break_id}")
        with journal.reading(write=True) as reader:
            breaks.remove(reader, break_id=break_id)
    message(f"Removed break #{break_id}.")


def _line(item: "Span") -> str:
    reason = f": {item.reason}" if item.reason else ""
    return (
        f"#{item.id} {day_label(item.start)} – {day_label(item.end)}"
        f" ({plural(item.days, 'day')}){reason}"
    )


def break_dict(item: "Span") -> dict[str, Any]:
    return {
        "id": item.id,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "days": item.days,
        "reason": item.reason,
    }
