"""The command reference (docs/reference.md) made from the commands' own help: run only to
regenerate it, with ``python -m sprintlog.cli.reference`` from the repository's root.

Each command's section is exactly what ``sprintlog … --help`` prints at a fixed width, so
the reference says what the commands say; tests/test_reference.py fails while the page is
stale.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from typer._click import Command, Context  # Typer's own copy of Click

WIDTH = 88  # the help as a terminal of this many columns shows it
PAGE = Path("docs") / "reference.md"

_HEAD = """\
# Command reference

Every command's `--help`, as sprintlog prints it. This page is generated from the
commands themselves (`python -m sprintlog.cli.reference`): do not edit it by hand. The
other pages say how the commands fit together.
"""


def _walk(
    command: Command, words: list[str], parent: Context | None
) -> Iterator[tuple[list[str], str]]:
    """Each command under ``command`` (itself first) with its help text, depth first."""
    context = Context(
        command,
        info_name=words[-1],
        parent=parent,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
    )
    yield words, command.get_help(context)
    subcommands = getattr(command, "commands", {})
    for name in subcommands:
        yield from _walk(subcommands[name], [*words, name], context)


def text() -> str:
    """The whole page: a section per command, in the order `--help` lists them."""
    from sprintlog.cli import app

    root = typer.main.get_command(app)
    parts = [_HEAD]
    for words, help_text in _walk(root, ["sprintlog"], None):
        level = "##" if len(words) <= 2 else "###"
        parts.append(f"{level} {' '.join(words)}\n\n```text\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> None:
    page = Path(sys.argv[1]) if len(sys.argv) > 1 else PAGE
    if not page.parent.is_dir():
        sys.exit(f"Error: no folder {page.parent} here: run this from the repository's root.")
    page.write_text(text(), encoding="utf-8")
    print(page)


if __name__ == "__main__":
    main()
