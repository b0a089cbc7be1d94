"""sprintlog read …: the reading list."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display.terminal import console, message, print_json
from sprintlog.rules.text import for_terminal

if TYPE_CHECKING:  # (making a Protocol class costs start-up time; type checkers only)
    from collections.abc import Callable, Sequence
    from datetime import date
    from typing import Protocol

    from rich.table import Table

    class Item(Protocol):
        """An item of the reading list as shown (a record, or the ORM's)."""

        @property
        def id(self) -> int | None: ...
        @property
        def title(self) -> str: ...
        @property
        def url(self) -> str | None: ...
        @property
        def category(self) -> str | None: ...
        @property
        def goal_number(self) -> int | None: ...
        @property
        def status(self) -> str: ...
        @property
        def note(self) -> str | None: ...
        @property
        def added_on(self) -> date: ...
        @property
        def finished_on(self) -> date | None: ...


read_app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py

ItemId = Annotated[
    int, typer.Argument(min=1, max=common.MAX_NUMBER, metavar="ID", help="The item's number.")
]


@read_app.command("add")
def read_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What to read.")],
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="A link to it.")] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", metavar="TEXT", help="A heading to group it under."),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", "-g", metavar="REF", help="The goal it is for: 2, SSJ--2."),
    ] = None,
) -> None:
    """Put something on the reading list."""
    from sprintlog.rules.refs import parse_ref
    from sprintlog.services import reading, settings

    with common.reader(ctx, write=True) as reader:
        config = settings.read(reader)
        number = (
            parse_ref(goal, prefix=config.prefix, max_goals=config.max_goals).goal if goal else None
        )
        item = reading.add(
            reader,
            title=title,
            today=common.today(),
            url=url,
            category=category,
            goal_number=number,
        )
    message(f"Added #{item.id} to the reading list.")


@read_app.command("list")
def read_list(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only these: to-read, reading or read.",
            autocompletion=common.choices(
                lambda: {
                    "to-read": "not started yet",
                    "reading": "started (read start ID)",
                    "read": "finished (read done ID)",
                }
            ),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Show the reading list, by category."""
    from sprintlog.errors import UsageError
    from sprintlog.services import reading

    wanted = status.replace("-", " ").lower() if status else None
    if wanted is not None and wanted not in reading.STATUSES:
        raise UsageError("--status is one of: to-read, reading, read")
    with common.reader(ctx) as reader:
        items = reading.listing(reader, status=wanted)
    if json:
        print_json([_item_dict(item) for item in items])
    elif not items:
        message("The reading list is empty." if wanted is None else f"Nothing is {status}.")
    else:
        with common.paged(ctx):
            console().print(_items_table(items))


def _item_dict(item: "Item") -> dict:
    return {
        "id": item.id,
        "title": item.title,
        "url": item.url,
        "category": item.category,
        "goal": item.goal_number,
        "status": item.status,
        "note": item.note,
        "added_on": item.added_on.isoformat(),
        "finished_on": item.finished_on.isoformat() if item.finished_on else None,
    }


def _items_table(items: "Sequence[Item]") -> "Table":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("#", "Status", "Category", "Title"):
        # None: the cell's own overflow, else Rich's default of "fold" (its hint omits None)
        table.add_column(name, overflow="fold" if name == "Title" else None)  # type: ignore[arg-type]
    for item in items:
        title = Text(for_terminal(item.title))
        if item.note:
            title.append(f" — {for_terminal(item.note)}", style="dim")
        table.add_row(str(item.id), item.status, for_terminal(item.category or ""), title)
    return table


def _change(
    ctx: typer.Context,
    item_id: int,
    change: "Callable[..., object]",
    done_message: str,
    **kwargs: object,
) -> None:
    from sprintlog.services import reading

    with common.reader(ctx, write=True) as reader:
        item = reading.get(reader, item_id=item_id)
        change(reader, item=item, **kwargs)
    message(done_message.format(id=item_id))


@read_app.command("start")
def read_start(ctx: typer.Context, item_id: ItemId) -> None:
    """Mark an item as being read."""
    from sprintlog.services import reading

    _change(ctx, item_id, reading.start, "Reading #{id}.", today=common.today())


@read_app.command("done")
def read_done(
    ctx: typer.Context,
    item_id: ItemId,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="A line about it.")
    ] = None,
) -> None:
    """Mark an item as read, with an optional note."""
    from sprintlog.services import reading

    _change(ctx, item_id, reading.done, "Read #{id}.", today=common.today(), note=note)


@read_app.command("rm")
def read_rm(ctx: typer.Context, item_id: ItemId) -> None:
    """Take an item off the reading list."""
    from sprintlog.services import reading

    _change(ctx, item_id, reading.remove, "Removed #{id} from the reading list.")
