"""TAB completion for bash, zsh and fish, answered before Typer (and pydantic) are imported.

A shell asks for completions on every TAB, so this path imports nothing but the standard
library: the command tree comes from ``tree.json`` beside it (data generated from the Typer
app by ``python -m sprintlog.completion``; a test keeps the two equal) and goal references
from a read-only look at an SQLite journal. The shells' scripts (cli/shells.py, installed
by ``--install-completion [SHELL]``) run ``sprintlog`` with
``_SPRINTLOG_COMPLETE=complete_<shell>`` and the words typed, as Typer's do, and this
module answers in the form each script reads. Any other shell falls through to Typer,
which says it is not supported.
"""

import json
import os
import re
import shlex
import sqlite3
import sys
from pathlib import Path

from sprintlog.errors import JournalError
from sprintlog.storage.places import default_journal
from sprintlog.storage.sqlite import plain_connect, writable

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every TAB
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import TypedDict

    from typer._click import Command  # Typer's own copy of Click

    Environ = Mapping[str, str]

    class Node(TypedDict):
        """One command: its subcommands, the kinds of its options and arguments."""

        commands: list[str]
        options: dict[str, str]
        arguments: list[str]


VARIABLE = "_SPRINTLOG_COMPLETE"
# setting_specs.SPECS["prefix"].default, written out: importing that module would add
# a quarter of this path's time to every TAB (tests/test_completion.py keeps them equal).
DEFAULT_PREFIX = "SSJ"
# The command tree, kept as data: regenerate with python -m sprintlog.completion.
TREE_FILE = Path(__file__).with_name("tree.json")
TREE: "dict[str, Node]" = json.loads(TREE_FILE.read_text(encoding="utf-8"))


def answer(environ: "Environ" = os.environ) -> int | None:
    """Print the completions and return the exit code; None for a shell this does not know."""
    shell = environ.get(VARIABLE, "").removeprefix("complete_")
    if shell not in _ANSWERS:
        return None
    try:
        args, incomplete = _bash_words(environ) if shell == "bash" else _typed(environ)
        found = complete(args, incomplete, environ)
    except ValueError:  # an unclosed quote (in a TEXT being typed): nothing of ours to offer
        found = []
    return _ANSWERS[shell](found, environ)


def _bash_words(environ: "Environ") -> tuple[list[str], str]:
    words = shlex.split(environ.get("COMP_WORDS", ""))
    current = int(environ.get("COMP_CWORD", "0"))
    return words[1:current], words[current] if current < len(words) else ""


def _typed(environ: "Environ") -> tuple[list[str], str]:
    """The words before the cursor and the one being typed, from the zsh and fish scripts."""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = shlex.split(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _answer_bash(found: list[str], environ: "Environ") -> int:
    """One per line; with none, the script's ``complete -o default`` offers file names.

    A ``#tag`` goes in as ``\\#tag``: bash would read a word that starts with ``#`` as a
    comment, and drop it from the command without a word (zsh and fish escape it themselves).
    """
    _write([f"\\{item}" if item.startswith("#") else item for item in found])
    return 0


def _answer_zsh(found: list[str], environ: "Environ") -> int:
    """zsh evaluates what is printed: ``_arguments`` with the choices, or ``_files``."""
    if not found:  # nothing of ours to offer: file names, as bash's script does
        sys.stdout.write("_files\n")
    else:
        choices = "\n".join(f'"{_zsh_escaped(item)}"' for item in found)
        sys.stdout.write(f"_arguments '*: :(({choices}))'\n")
    sys.stdout.flush()
    return 0


def _zsh_escaped(value: str) -> str:
    """A value inside the quoted, then evaluated, ``_arguments`` line (as Typer escapes it)."""
    for plain, escaped in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        value = value.replace(plain, escaped)
    return value


def _answer_fish(found: list[str], environ: "Environ") -> int:
    """fish asks twice: ``is-args`` (is there anything? the exit code says) and ``get-args``."""
    if environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return 0 if found else 1  # 1: fish offers file names instead
    _write(found)
    return 0


_ANSWERS = {"bash": _answer_bash, "zsh": _answer_zsh, "fish": _answer_fish}


def _write(found: list[str]) -> None:
    sys.stdout.write("".join(f"{item}\n" for item in found))
    sys.stdout.flush()


def complete(args: list[str], incomplete: str, environ: "Environ") -> list[str]:
    walked = _walk(args)
    incomplete = incomplete.removeprefix("\\")  # bash's \#tag, as _answer_bash wrote it
    node = TREE[walked.path]
    arguments = node["arguments"]
    wants_ref = walked.expecting == "ref" or (
        walked.expecting is None
        and not incomplete.startswith("-")
        and walked.positionals < len(arguments)
        and arguments[walked.positionals] == "ref"
    )
    if wants_ref:
        refs = goal_refs(walked.db, environ, walked.sprint)
        return [ref for ref in refs if ref.lower().startswith(incomplete.lower())]
    if walked.expecting == "tag" or (walked.expecting is None and incomplete.startswith("#")):
        sigil = "#" if incomplete.startswith("#") else ""
        typed = incomplete.removeprefix("#").lower()
        return [sigil + tag for tag in tags_in_use(walked.db, environ) if tag.startswith(typed)]
    if walked.expecting is not None:
        return []  # the value of some other option: nothing to offer
    if incomplete.startswith("-"):
        return sorted(name for name in node["options"] if name.startswith(incomplete))
    return [name for name in node["commands"] if name.startswith(incomplete)]


class _Walked:
    """Where the typed words lead: the command, what the last word expects, and so on."""

    def __init__(self) -> None:
        self.path = ""
        self.expecting: str | None = None  # "value", "ref" or "db": an option's value is next
        self.db: str | None = None
        self.sprint: int | None = None  # --sprint N: the references are that sprint's
        self.positionals = 0  # arguments of the command itself typed so far
        self.option = ""  # the option whose value is next


def _walk(args: list[str]) -> _Walked:
    walked = _Walked()
    for word in args:
        if walked.expecting is not None:
            if walked.expecting == "db":
                walked.db = word
            _take_sprint(walked, walked.option, word)
            walked.expecting = None
        elif word.startswith("-"):
            name, _, value = word.partition("=")
            kind = TREE[walked.path]["options"].get(name)
            if kind == "db" and value:
                walked.db = value
            _take_sprint(walked, name, value)
            walked.option = name
            walked.expecting = kind if kind not in (None, "flag") and not value else None
        elif walked.positionals == 0 and f"{walked.path} {word}".strip() in TREE:
            walked.path = f"{walked.path} {word}".strip()
        else:
            walked.positionals += 1
    return walked


def _take_sprint(walked: _Walked, option: str, value: str) -> None:
    if option in ("--sprint", "-s") and value.isascii() and value.isdigit():
        walked.sprint = int(value)


def goal_refs(db: str | None, environ: "Environ", sprint: int | None = None) -> list[str]:
    """References of the goals and tasks of sprint ``sprint`` (else the current one): 3,
    3a, SSJ--3a (SQLite only)."""
    return _looked_up(db, environ, lambda connection: _refs(connection, sprint))


def tags_in_use(db: str | None, environ: "Environ") -> list[str]:
    """The journal's tags, the most used first (SQLite only)."""
    from sprintlog.storage.reader import SqliteReader
    from sprintlog.storage.sql import tags

    return _looked_up(
        db,
        environ,
        lambda connection: [tag for (tag,) in SqliteReader(connection).rows(tags.IN_USE)],
    )


def _looked_up(
    db: str | None, environ: "Environ", look: "Callable[[sqlite3.Connection], list[str]]"
) -> list[str]:
    """What ``look`` finds in the journal, read-only; nothing when it cannot be read at once."""
    path = _journal_path(db or environ.get("SPRINTLOG_DB"), environ)
    if path is None or not path.is_file():
        return []  # never create a journal to answer a TAB
    try:
        # A short wait: a TAB that cannot read the journal at once offers nothing.
        real = path.resolve()
        connection = plain_connect(real, read_only=not writable(real), timeout=1)
        try:
            return look(connection)
        finally:
            connection.close()
    except (sqlite3.Error, JournalError):
        return []


def _refs(connection: sqlite3.Connection, number: int | None) -> list[str]:
    """The sprint's references, found as every command finds it (sprint_reads)."""
    from datetime import UTC, datetime

    from sprintlog.errors import NotFound
    from sprintlog.rules.dates import local_day
    from sprintlog.services import sprint_reads
    from sprintlog.storage.reader import SqliteReader
    from sprintlog.storage.sql import settings

    reader = SqliteReader(connection)
    try:
        sprint = sprint_reads.resolve(reader, number=number, today=local_day(datetime.now(UTC)))
    except NotFound:
        return []
    short: list[str] = []
    for goal in sprint_reads.goals_of(reader, sprint_id=sprint.id):
        for ref in [str(goal.number)] + [f"{goal.number}{task.letter}" for task in goal.tasks]:
            if ref not in short:
                short.append(ref)
    stored: dict[str, str] = dict(reader.rows(settings.SETTINGS))
    prefix = stored.get("prefix", DEFAULT_PREFIX)
    return short + [f"{prefix}--{ref}" for ref in short]


def _journal_path(value: str | None, environ: "Environ") -> Path | None:
    if not value:
        return default_journal(environ)
    if "://" not in value:
        return Path(value).expanduser()
    match = re.fullmatch(r"sqlite:///(.+)", value.strip())
    return Path(match.group(1)).expanduser() if match else None


def tree_of(
    command: "Command", path: str = "", tree: "dict[str, Node] | None" = None
) -> "dict[str, Node]":
    """The completion tree of a Click command (what tree.json holds)."""
    from typer.core import TyperOption  # (generating the tree: Typer is loaded)

    tree = {} if tree is None else tree
    options: dict[str, str] = {"--help": "flag", "-h": "flag"}  # Click adds these itself
    arguments: list[str] = []
    for param in command.params:
        if not isinstance(param, TyperOption):  # a TyperArgument, the other kind
            arguments.append("ref" if param.metavar in ("REF", "GOAL") else "value")
            continue
        kind = "flag" if param.is_flag or param.count else "value"
        if param.metavar == "REF":
            kind = "ref"
        if param.metavar == "TAG":
            kind = "tag"
        if param.name == "db_option":
            kind = "db"
        for name in (*param.opts, *param.secondary_opts):
            options[name] = kind
    commands = list(getattr(command, "commands", {}))
    tree[path] = {"commands": commands, "options": options, "arguments": arguments}
    for name, sub in getattr(command, "commands", {}).items():
        tree_of(sub, f"{path} {name}".strip(), tree)
    return tree
