"""Regenerate the command tree TAB completion answers from: python -m sprintlog.completion.

Writes ``tree.json`` beside this module from the Typer app (tests/test_completion.py fails
until the two agree again): after adding or changing a command, an option or its values,
and after a merge that did.
"""

import json

import typer

from sprintlog.cli import app
from sprintlog.completion import TREE_FILE
from sprintlog.completion.tree import tree_of


def main() -> None:
    tree = tree_of(typer.main.get_command(app))
    TREE_FILE.write_text(json.dumps(tree, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TREE_FILE}")


if __name__ == "__main__":
    main()
