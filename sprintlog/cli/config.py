"""sprintlog config …: the journal's settings, stored in the journal itself."""

from typing import TYPE_CHECKING, Annotated

import typer

from sprintlog.cli import common
from sprintlog.cli.common import JsonOption
from sprintlog.cli.display.terminal import message, out, print_json

if TYPE_CHECKING:
    from sprintlog.rules.setting_specs import SettingValue

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
    from sprintlog.cli.display import listing
    from sprintlog.rules.setting_specs import typed
    from sprintlog.services import settings

    with common.reader(ctx) as reader:
        values = settings.list_all(reader)
    if json:
        print_json({item.key: typed(item.key, item.value) for item in values})
        return
    # A line a setting, its meaning beside it: a long value wraps in its own column.
    columns = (
        listing.Column("Setting"),
        listing.Column("Value", limit=VALUE_WIDTH),
        listing.Column("Meaning", wraps=True),
    )
    rows = [(item.key, _value(item), item.help) for item in values]
    with common.paged(ctx):
        listing.write(columns, rows)


def _value(item: "SettingValue") -> str:
    from sprintlog.rules.setting_specs import shown
    from sprintlog.rules.text import for_terminal

    value = for_terminal(shown(item.key, item.value))
    return f"{value} (default)".strip() if item.is_default else value


VALUE_WIDTH = 16  # at 80 columns the meaning keeps 43: most settings take one line


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
