"""sprintlog config …: the journal's settings, stored in the journal itself."""

from typing import Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display.terminal import console, message, out, print_json

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in sprintlog/cli/__init__.py


def _keys() -> dict[str, str]:
    from sprintlog.rules.setting_specs import SPECS

    return {key: spec.help for key, spec in SPECS.items()}


KeyArgument = Annotated[
    str,
    typer.Argument(
        metavar="KEY", help="The setting, like max_goals.", autocompletion=common.choices(_keys)
    ),
]


@app.command("list")
def list_settings(ctx: typer.Context, json: JsonOption = False) -> None:
    """List every setting with its value."""
    from rich.table import Table
    from rich.text import Text

    from sprintlog.rules.setting_specs import shown, typed
    from sprintlog.rules.text import for_terminal
    from sprintlog.services import settings

    with common.reader(ctx) as reader:
        values = settings.list_all(reader)
    if json:
        print_json({item.key: typed(item.key, item.value) for item in values})
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Setting", "Value", "", "Meaning"):
        table.add_column(column)
    for item in values:
        default = Text("(default)", style="dim") if item.is_default else ""
        table.add_row(item.key, Text(for_terminal(shown(item.key, item.value))), default, item.help)
    console().print(table)


@app.command("get")
def get(ctx: typer.Context, key: KeyArgument) -> None:
    """Print one setting's value (a template: its first line and size)."""
    from sprintlog.rules.setting_specs import shown
    from sprintlog.services import settings

    with common.reader(ctx) as reader:
        item = settings.get(reader, key=key)
    out(shown(item.key, item.value))


@app.command("set")
def set_value(
    ctx: typer.Context,
    key: KeyArgument,
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The new value (template: a FILE to store).")
    ],
) -> None:
    """Change a setting (it is checked first)."""
    from sprintlog.rules.setting_specs import normalize_key, shown
    from sprintlog.services import settings

    if normalize_key(key) == "template" and value.strip():
        value = _template_text(value.strip())
    with common.reader(ctx, write=True) as reader:
        item = settings.set_value(reader, key=key, value=value)
    message(f"{item.key} = {shown(item.key, item.value)}")


def _template_text(name: str) -> str:
    """The text of the template file ``name``, read now, once: the journal keeps the text."""
    from pathlib import Path

    from sprintlog.errors import SprintlogError, UsageError
    from sprintlog.render import limits

    path = common.template_file(Path(name).expanduser())
    try:
        return limits.checked_for_storing(limits.from_file(path))
    except OSError as error:
        raise SprintlogError(f"cannot read the template {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"the template {path} is not UTF-8 text") from None
    except (limits.TemplateLimit, limits.TemplateError) as error:  # the file's content: exit 2
        raise UsageError(str(error)) from None
