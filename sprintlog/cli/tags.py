"""sprintlog tags: every tag of the log, with what was logged under it."""

from typing import TYPE_CHECKING, Any

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display import tables
from sprintlog.cli.display.terminal import console, message, print_json

if TYPE_CHECKING:
    from rich.table import Table

    from sprintlog.services.tagging import TagStat


def list_tags(ctx: typer.Context, json: JsonOption = False) -> None:
    # Its help line is in COMMANDS (sprintlog/cli/__init__.py), as for every command.
    from sprintlog.services import tagging

    with common.reader(ctx) as reader:
        found = tagging.summary(reader)
    if json:
        print_json([tag_dict(stat) for stat in found])
    elif not found:
        message("No tags yet: write #topic in an entry's text, or log with --tag TOPIC.")
    else:
        with common.paged(ctx):
            console().print(_table(found))


def tag_dict(stat: "TagStat") -> dict[str, Any]:
    return {
        "tag": stat.tag,
        "entries": stat.entries,
        "days": stat.days,
        "minutes": stat.minutes,
        "first": stat.first.isoformat(),
        "last": stat.last.isoformat(),
    }


def _table(found: list["TagStat"]) -> "Table":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Tag", overflow="fold")
    for name in ("Entries", "Days", "Min"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    for stat in found:
        table.add_row(
            Text(f"#{stat.tag}"),
            str(stat.entries),
            str(stat.days),
            str(stat.minutes or ""),
            tables.day_label(stat.first),
            tables.day_label(stat.last),
        )
    return table
