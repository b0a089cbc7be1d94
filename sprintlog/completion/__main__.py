"""Regenerate the command tree TAB completion answers from: python -m sprintlog.completion.

Writes ``tree.json`` beside this module from the Typer app (tests/test_completion.py fails
until the two agree again).
"""

import json

import typer

from sprintlog.cli import app
from sprintlog.completion import TREE_FILE, tree_of


def main() -> None:
    tree = tree_of(typer.main.get_command(app))
    TREE_FILE.write_text(json.dumps(tree, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TREE_FILE}")


if __name__ == "__main__":
    main()
