"""TAB completion for bash, zsh and fish, answered before Typer (and pydantic) are imported.

A shell asks for completions on every TAB, so this path imports nothing but the standard
library: the command tree comes from ``tree.json`` beside it (data generated from the Typer
app by ``python -m sprintlog.completion``, with what each command, option and value means;
a test keeps the two equal), goal references and tags from a read-only look at an SQLite
journal. What is offered: subcommands; options (after ``-``, or where a command takes no
more arguments); the values of an option or argument that takes one of a few (``report
--by``, ``config set KEY``); goal references and tags, the most used first; file names only
where a file or folder is asked for, and nothing where free text is.

The shells' scripts (cli/shells.py, installed by ``--install-completion [SHELL]``) run
``sprintlog`` with ``_SPRINTLOG_COMPLETE=complete_<shell>`` and the words typed, as Typer's
do, and this module answers in the form each script reads: values with what each means
(zsh and fish show it), in our order, or exit code 1 for file names. Any other shell
falls through to Typer, which says it is not supported.
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
    from typing import TypeVar

    from sprintlog.completion.tree import Node

    Environ = Mapping[str, str]
    V = TypeVar("V")
    Offer = list[tuple[str, str]]  # (value, what it means; "" when nothing is said)


VARIABLE = "_SPRINTLOG_COMPLETE"
# setting_specs.SPECS["prefix"].default, written out: importing that module would add
# a quarter of this path's time to every TAB (tests/test_completion.py keeps them equal).
DEFAULT_PREFIX = "SSJ"
# The command tree, kept as data: regenerate with python -m sprintlog.completion.
TREE_FILE = Path(__file__).with_name("tree.json")
TREE: "dict[str, Node]" = json.loads(TREE_FILE.read_text(encoding="utf-8"))
FILES = 1  # the exit code that asks the shell's script for file names instead


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


def _answer_bash(found: "Offer | None", environ: "Environ") -> int:
    """One value per line (bash shows no descriptions); exit code 1 for file names.

    A ``#tag`` goes in as ``\\#tag``: bash would read a word that starts with ``#`` as a
    comment, and drop it from the command without a word (zsh and fish escape it themselves).
    A script installed by an earlier version (``complete -o default``) offers file names for any
    empty answer, as it always did.
    """
    if found is None:
        return FILES
    _write([f"\\{value}" if value.startswith("#") else value for value, _ in found])
    return 0


def _answer_zsh(found: "Offer | None", environ: "Environ") -> int:
    """zsh evaluates what is printed: ``_describe`` with the values in our order, ``_files``,
    or nothing at all."""
    if found is None:
        sys.stdout.write("_files\n")
    elif found:
        pairs = " ".join(_zsh_quoted(_zsh_item(value, help)) for value, help in found)
        # -V: in the order given (most used tags first), not sorted.
        sys.stdout.write(f"local -a _sprintlog_offer; _sprintlog_offer=({pairs}); ")
        sys.stdout.write("_describe -V values _sprintlog_offer\n")
    sys.stdout.flush()
    return 0


def _zsh_item(value: str, help: str) -> str:
    """``value:help`` as _describe reads it (a colon in the value escaped)."""
    value = value.replace("\\", "\\\\").replace(":", "\\:")
    return f"{value}:{help}" if help else value


def _zsh_quoted(text: str) -> str:
    """A word for the script's ``eval $(…)``: single-quoted, whitespace as single spaces
    (the unquoted $(…) splits the text at whitespace and eval joins the words again)."""
    return "'" + " ".join(text.split()).replace("'", "'\\''") + "'"


def _answer_fish(found: "Offer | None", environ: "Environ") -> int:
    """fish asks twice: ``is-args`` (exit code 1: offer file names instead) and
    ``get-args`` (``value<TAB>description`` lines)."""
    if found is None:
        return FILES
    if environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return 0  # ours (possibly nothing at all: free text is not a file name)
    _write([f"{value}\t{' '.join(help.split())}" if help else value for value, help in found])
    return 0


_ANSWERS = {"bash": _answer_bash, "zsh": _answer_zsh, "fish": _answer_fish}


def _write(found: list[str]) -> None:
    sys.stdout.write("".join(f"{item}\n" for item in found))
    sys.stdout.flush()


def complete(args: list[str], incomplete: str, environ: "Environ") -> "Offer | None":
    """What to offer for the word ``incomplete`` after ``args``; None: file names."""
    walked = _walk(args)
    incomplete = incomplete.removeprefix("\\")  # bash's \#tag, as _answer_bash wrote it
    node = TREE[walked.path]
    if walked.expecting is not None:  # an option's value ("=": bash's word of --by=)
        typed = "" if incomplete == "=" else incomplete
        return _values(walked, node, walked.option, walked.expecting, typed, environ)
    if incomplete.startswith("-") and "=" in incomplete:  # --by=w, as zsh and fish pass it
        name, _, typed = incomplete.partition("=")
        found = _values(walked, node, name, node["options"].get(name, "flag"), typed, environ)
        return None if found is None else [(f"{name}={value}", h) for value, h in found]
    arguments = node["arguments"]
    argument = arguments[walked.positionals] if walked.positionals < len(arguments) else None
    if argument == "ref" and not incomplete.startswith("-"):
        return _values(walked, node, "", "ref", incomplete, environ)
    if incomplete.startswith("#"):
        tags = _values(walked, node, "", "tag", incomplete[1:], environ) or []
        return [("#" + tag, help) for tag, help in tags]
    if incomplete.startswith("-"):
        return _options(node, lambda name: name.startswith(incomplete))
    if node["commands"] and walked.positionals == 0:
        offer = [(name, node["help"].get(name, "")) for name in node["commands"]]
        return [(name, help) for name, help in offer if name.startswith(incomplete)]
    if argument is None:  # no more arguments: what is left to type is an option
        return _options(node, lambda name: name.startswith("--")) if not incomplete else []
    return _values(walked, node, str(walked.positionals), argument, incomplete, environ)


def _options(node: "Node", wanted: "Callable[[str], bool]") -> "Offer":
    return [(name, node["help"].get(name, "")) for name in sorted(node["options"]) if wanted(name)]


def _values(
    walked: "_Walked", node: "Node", key: str, kind: str, typed: str, environ: "Environ"
) -> "Offer | None":
    """The values of option (or argument number) ``key``, of kind ``kind``, that start
    with ``typed``; None where file names are asked for."""
    if kind in ("file", "db"):
        return None
    if kind == "ref":
        offer = _looked_up(walked.db, environ, lambda connection: _refs(connection, walked.sprint))
    elif kind == "tag":
        offer = [(tag, "") for tag in tags_in_use(walked.db, environ)]
    elif kind == "choice":
        offer = [(value, help) for value, help in node["values"].get(key, [])]
    else:
        return []  # free text, a number, a date: nothing to offer, and no file names
    return [(value, help) for value, help in offer if value.lower().startswith(typed.lower())]


class _Walked:
    """Where the typed words lead: the command, what the last word expects, and so on."""

    def __init__(self) -> None:
        self.path = ""
        self.expecting: str | None = None  # the kind of the value next (of option `option`)
        self.db: str | None = None
        self.sprint: int | None = None  # --sprint N: the references are that sprint's
        self.positionals = 0  # arguments of the command itself typed so far
        self.option = ""  # the option whose value is next


def _walk(args: list[str]) -> _Walked:
    walked = _Walked()
    for word in args:
        if walked.expecting is not None:
            if word == "=":  # bash makes a word of the = in --by=week
                continue
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
    return [ref for ref, _ in _looked_up(db, environ, lambda found: _refs(found, sprint))]


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
    db: str | None, environ: "Environ", look: "Callable[[sqlite3.Connection], list[V]]"
) -> "list[V]":
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


def _refs(connection: sqlite3.Connection, number: int | None) -> "Offer":
    """The sprint's references, each with its goal's title or its task's text, found as
    every command finds it (sprint_reads)."""
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
    short: dict[str, str] = {}
    for goal in sprint_reads.goals_of(reader, sprint_id=sprint.id):
        short.setdefault(str(goal.number), goal.title)
        for task in goal.tasks:
            short.setdefault(f"{goal.number}{task.letter}", task.text)
    stored: dict[str, str] = dict(reader.rows(settings.SETTINGS))
    prefix = stored.get("prefix", DEFAULT_PREFIX)
    described = [(ref, _shown(text)) for ref, text in short.items()]
    return described + [(f"{prefix}--{ref}", text) for ref, text in described]


def _shown(text: str) -> str:
    """A title or task as a TAB's description: one line, control characters escaped (the
    one terminal sanitizer), at most 60 characters."""
    from sprintlog.rules.text import for_terminal

    line = for_terminal(" ".join(text.split()))
    return line if len(line) <= 60 else line[:59] + "…"


def _journal_path(value: str | None, environ: "Environ") -> Path | None:
    if not value:
        return default_journal(environ)
    if "://" not in value:
        return Path(value).expanduser()
    match = re.fullmatch(r"sqlite:///(.+)", value.strip())
    return Path(match.group(1)).expanduser() if match else None
