"""The completion tree (tree.json) made from the Typer app: run only to regenerate it.

One node per command: its subcommands, the kind of each option and argument (what TAB
offers for its value), what each subcommand and option means, and the values of those
that take one of a few with what each value means. The values come from the parameters
themselves (a Choice, or ``autocompletion=common.choices(...)``), so the CLI stays the one
source: a command or option added anywhere needs only ``python -m sprintlog.completion``.
"""

from typing import TypedDict

from typer._click import Command, Context, Parameter  # Typer's own copy of Click
from typer.core import TyperOption

# Metavars that name a file or folder: TAB offers file names for their values.
_PATH_WORDS = {"FILE", "DIR", "PATH", "BACKUP"}


class Node(TypedDict):
    commands: list[str]
    options: dict[str, str]
    arguments: list[str]
    help: dict[str, str]
    values: dict[str, list[list[str]]]


def tree_of(
    command: Command, path: str = "", tree: dict[str, Node] | None = None
) -> dict[str, Node]:
    """The completion tree of a Click command and its subcommands (what tree.json holds)."""
    tree = {} if tree is None else tree
    context = Context(command)
    help_option = "Show this message and exit."
    node: Node = {
        "commands": [],
        "options": {"--help": "flag", "-h": "flag"},  # Click adds these itself
        "arguments": [],
        "help": {"--help": help_option, "-h": help_option},
        "values": {},
    }
    for param in command.params:
        kind, values = _kind(param, context)
        if not isinstance(param, TyperOption):  # a TyperArgument, the other kind
            key = str(len(node["arguments"]))
            node["arguments"].append(kind)
        else:
            names = [*param.opts, *param.secondary_opts]
            key = param.opts[0]
            for name in names:
                node["options"][name] = kind
                node["help"][name] = _one_line(param.help or "")
            for name in param.opts[1:]:
                if values:
                    node["values"][name] = values
        if values:
            node["values"][key] = values
    subcommands = getattr(command, "commands", {})
    for name, sub in subcommands.items():
        node["commands"].append(name)
        node["help"][name] = _one_line(sub.get_short_help_str(limit=120))
    tree[path] = node
    for name, sub in subcommands.items():
        tree_of(sub, f"{path} {name}".strip(), tree)
    return tree


def _kind(param: Parameter, context: Context) -> tuple[str, list[list[str]]]:
    """What a parameter's value is, for TAB: flag, db, ref, tag, file, choice (with its
    values and what each means) or value (free text: nothing offered)."""
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return "flag", []
    if param.name == "db_option":
        return "db", []
    if param.metavar in ("REF", "GOAL"):
        return "ref", []
    if param.metavar == "TAG":
        return "tag", []
    items = param.shell_complete(context, "")
    if any(item.type in ("file", "dir") for item in items):
        return "file", []
    if items:
        return "choice", [[str(item.value), _one_line(item.help or "")] for item in items]
    if _PATH_WORDS & set((param.metavar or "").split("|")):
        return "file", []
    return "value", []


def _one_line(text: str) -> str:
    return " ".join(text.split())
