"""sprintlog report: days and minutes over any range, grouped as asked."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common, ranges
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display import listing
from sprintlog.cli.display.terminal import message, print_json

if TYPE_CHECKING:
    from sprintlog.rules.report_rows import Report


class By(StrEnum):
    goal = "goal"
    task = "task"
    tag = "tag"
    week = "week"
    month = "month"
    sprint = "sprint"


BY_HELP = {  # what TAB shows beside each value (zsh, fish)
    By.goal: "a row per goal track (SSJ--3)",
    By.task: "a row per task (SSJ--3b)",
    By.tag: "a row per tag",
    By.week: "a row per week (the default)",
    By.month: "a row per month",
    By.sprint: "a row per sprint",
}


def report(
    ctx: typer.Context,
    since: ranges.SinceOption = None,
    until: ranges.UntilOption = None,
    within: ranges.InOption = None,
    by: Annotated[
        By,
        typer.Option(
            "--by",
            help="What to group by.",
            autocompletion=common.choices(lambda: {by.value: BY_HELP[by] for by in By}),
        ),
    ] = By.week,
    json: JsonOption = False,
    csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV (RFC 4180) for spreadsheets.")
    ] = False,
) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.errors import UsageError
    from sprintlog.services import reports, settings

    if json and csv:
        raise UsageError("--json and --csv do not go together: choose one")
    today = common.today()
    bounds = ranges.parse(since=since, until=until, within=within, today=today)
    with common.reader(ctx) as reader:
        config = settings.read(reader)
        first, last = ranges.resolve(reader, bounds, settings=config, today=today)
        made = reports.build(
            reader, settings=config, since=first, until=last, by=by.value, today=today
        )
    if json:
        print_json(
            {
                "since": made.since.isoformat(),
                "until": made.until.isoformat(),
                "by": made.by,
                "total": made.total,
                "rows": made.rows,
            }
        )
    elif csv:
        _write_csv(made)
    else:
        with common.paged(ctx):
            _show(made)


def _write_csv(made: "Report") -> None:
    import csv
    import sys

    from sprintlog.rules.text import spreadsheet_cell

    # RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break;
    # a text a spreadsheet would run as a formula starts with ' (JSON keeps it exact).
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    writer.writerow(made.columns)
    for row in made.rows:
        cells = ("" if row[column] is None else row[column] for column in made.columns)
        writer.writerow(map(spreadsheet_cell, cells))


def _show(made: "Report") -> None:
    from sprintlog.cli.display.terminal import out
    from sprintlog.rules.text import plural

    total = made.total
    minutes = f", {total['minutes']} min" if total["minutes"] else ""
    out(
        f"{made.since.isoformat()} – {made.until.isoformat()}: "
        f"{plural(total['days'], 'study day')}, {_entries(total['entries'])}{minutes}"
    )
    if not made.rows:
        message(f"Nothing by {made.by} in this range.")
        return
    columns = [_column(name) for name in made.columns]
    rows = [tuple(_cell(row[name]) for name in made.columns) for row in made.rows]
    if listing.fits(columns, rows):
        listing.write(columns, rows)
    else:  # too many columns for the terminal: a block a row, every figure named
        listing.stack(columns, rows)


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


_HEADERS = {
    "minutes": "Min",
    "planned": "Plan",
    "dropped": "Drop",
    "deferred": "Defer",
    "carried_before": "Carried before",
}
_FOLDED = {"title", "titles", "text"}  # user text: wraps; the rest never does
_LEFT = {"week", "month", "first", "last", "goal", "task", "tag"}


def _column(name: str) -> "listing.Column":
    header = _HEADERS.get(name, name.capitalize())
    return listing.Column(header, right=name not in _FOLDED | _LEFT, wraps=name in _FOLDED)


def _cell(value: object) -> str:
    from sprintlog.rules.text import one_line

    return "" if value is None else one_line(str(value))
