"""Usage lines the way the README writes them: ``log [OPTIONS] TEXT``, ``show [N]``.

Typer writes a required argument in braces in a usage line (``{TEXT}``), from
``TyperArgument._usage_display_name``, whatever its metavar. Braces read as a set or as
literal text to type. Every sprintlog command is made with ``Command`` instead, which
writes a required argument bare, an optional one in brackets and a repeatable one with
``...``, as Click does and as the README does.

``Command`` also reads whole numbers the way the rest of sprintlog speaks ("'abc' is not
a whole number", not Click's "is not a valid int range", and no ``[1<=x<=2147483647]`` in
the help), and refuses ``-goal`` (Click would read ``-g oal``) naming ``--goal``.
"""

from typing import TYPE_CHECKING, Any

import typer
from typer._click import exceptions, types
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand  # Typer's own copy of Click
    from typer._click import Context, HelpFormatter, Parameter


class WholeNumber(types.ParamType):
    """An integer option or argument, with its bounds said in words when they are broken."""

    name = "integer"

    def __init__(self, low: int | None, high: int | None) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: "Parameter | None", ctx: "Context | None") -> int:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not (text.lstrip("+-").isascii() and text.lstrip("+-").isdigit()):
                self.fail(f"{value!r} is not a whole number (write it like 3)", param, ctx)
            number = int(text)
        if self.low is not None and number < self.low:
            self.fail(f"{number} is too small: give {self.low} or more", param, ctx)
        if self.high is not None and number > self.high:
            self.fail(f"{number:,} is too large: give at most {self.high:,}", param, ctx)
        return number


def _whole_numbers(params: "list[Parameter]") -> None:
    for param in params:
        kind = param.type
        if isinstance(kind, types.IntRange):
            param.type = WholeNumber(kind.min, kind.max)  # type: ignore[arg-type]
        elif type(kind) is types.IntParamType:
            param.type = WholeNumber(None, None)


def _argument_piece(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    piece = name if param.required else f"[{name}]"
    return piece + ("..." if param.nargs != 1 else "")


class Command(TyperCommand):
    """A Typer command whose usage line shows arguments without Typer's braces."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _whole_numbers(self.params)

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        _refuse_single_dash_words(self, ctx, args)
        return super().parse_args(ctx, args)

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


def _refuse_single_dash_words(command: TyperCommand, ctx: "Context", args: list[str]) -> None:
    """``-goal 3``: Click reads ``-g`` with the value ``oal``; say ``--goal`` was meant."""
    longs: set[str] = set()
    taking: set[str] = set()
    for param in command.get_params(ctx):
        names = [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
        longs.update(name for name in names if name.startswith("--"))
        if not getattr(param, "is_flag", True) and not getattr(param, "count", False):
            taking.update(names)
    skip = False
    for word in args:
        if skip or word == "--":
            if word == "--":
                return
            skip = False
            continue
        if word in taking:
            skip = True  # its value may start with a dash: -3d
            continue
        meant = "-" + word.split("=", 1)[0]
        if word.startswith("-") and not word.startswith("--") and meant in longs:
            ctx.fail(f"No such option: {word} (did you mean {meant}?)")


class Group(TyperGroup):
    """A group of commands (``goal``, ``sprint``, …) whose "No such command" lists them,
    and whose commands' help lines are wrapped, not cut (``whole_help``)."""

    def resolve_command(
        self, ctx: "Context", args: list[str]
    ) -> "tuple[str | None, Any, list[str]]":
        try:
            return super().resolve_command(ctx, args)
        except exceptions.UsageError as error:
            if not args or args[0] in self.commands:
                raise
            # (Typer's "Did you mean" stays; the list says what there is to run.)
            known = ", ".join(self.list_commands(ctx))
            said = error.message.rstrip(".")
            error.message = (
                f"{said}{' ' if said.endswith('?') else '. '}The commands of "
                f"`{ctx.command_path}` are: {known} (see `{ctx.command_path} --help`)"
            )
            raise

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
