"""Usage lines the way the README writes them: ``log [OPTIONS] TEXT``, ``show [N]``.

Typer writes a required argument in braces in a usage line (``{TEXT}``), from
``TyperArgument._usage_display_name``, whatever its metavar. Braces read as a set or as
literal text to type. Every sprintlog command is made with ``Command`` instead, which
writes a required argument bare, an optional one in brackets and a repeatable one with
``...``, as Click does and as the README does.
"""

from typing import TYPE_CHECKING

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand  # Typer's own copy of Click
    from typer._click import Context, HelpFormatter


def _argument_piece(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    piece = name if param.required else f"[{name}]"
    return piece + ("..." if param.nargs != 1 else "")


class Command(TyperCommand):
    """A Typer command whose usage line shows arguments without Typer's braces."""

    def collect_usage_pieces(self, ctx: "Context") -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument_piece(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def whole_help(command: "ClickCommand") -> str:
    """A command's line in a list of commands: its first sentence whole, never cut with
    "..." (Click cuts it at the width of the screen, which is where "(a goal with tasks:
    its unfinished ones)" said what `goal done` does to them)."""
    return command.get_short_help_str(limit=10_000)


def write_commands(formatter: "HelpFormatter", rows: list[tuple[str, str]]) -> None:
    """The Commands section: each help line wrapped under itself when it is long."""
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class Group(TyperGroup):
    """A Typer group whose commands' help lines are wrapped, not cut (``whole_help``)."""

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, whole_help(command)))
        write_commands(formatter, rows)


def use_everywhere(app: typer.Typer) -> None:
    """Make every command of ``app`` and of its sub-apps (at any depth) a ``Command``.

    Run once on the root app after every command is registered, so that a command added
    anywhere later gets the same usage line without remembering ``cls=``.
    """
    for info in app.registered_commands:
        if info.cls is None or info.cls is TyperCommand:
            info.cls = Command
    for group in app.registered_groups:
        if group.typer_instance is not None:
            for typer_info in (group, group.typer_instance.info):  # add_typer's, its own
                if isinstance(typer_info.cls, DefaultPlaceholder) or typer_info.cls in (
                    None,
                    TyperGroup,
                ):
                    typer_info.cls = Group
            use_everywhere(group.typer_instance)
