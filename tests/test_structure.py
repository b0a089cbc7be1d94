"""The shape of the CLI: help everywhere, nothing heavy or connected on the way to --help."""

import os
import subprocess
import sys

import pytest
import typer

import sprintlog
from sprintlog.cli import COMMANDS, app

# One backend: the CLI's help and usage, which open no journal (the tests given a
# journal run on both: what its URL makes a command import)
one_backend = pytest.mark.one_backend


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


ALL = list(_commands(typer.main.get_command(app)))


@one_backend
@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) or "root" for p, _ in ALL])
def test_every_command_and_option_has_help(path, command) -> None:
    assert (command.help or "").strip(), path
    for param in command.params:
        if param.param_type_name == "option" and param.name not in {"help"}:
            assert (param.help or "").strip(), (path, param.name)
        if param.param_type_name == "argument":
            assert (getattr(param, "help", "") or "").strip(), (path, param.name)


def _run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=60
    )


@one_backend
def test_python_dash_m_and_version() -> None:
    result = _run("-m", "sprintlog", "--version")
    assert (result.returncode, result.stdout) == (0, f"sprintlog {sprintlog.__version__}\n")


# pydantic: Typer 0.29 imports it to check any non-bool parameter (pyproject keeps Typer
# below 0.29), about 80 ms on every command.
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "rich", "pydantic")


@pytest.mark.parametrize(
    "argv", [["--help"], ["log", "--help"], ["goal", "add", "--help"], ["--version"]]
)
def test_help_imports_no_database_layer_and_opens_no_journal(argv, journal) -> None:
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        f"try:\n    app({argv!r}, prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = _run("-c", code, env_extra={"SPRINTLOG_DB": journal.url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    if journal.path:
        assert not journal.path.exists()


@pytest.mark.parametrize(
    "argv", [["log", "x", "--bogus"], ["streak", "--weeks", "x"], ["entry", "show", "0"]]
)
def test_a_usage_error_imports_no_database_layer_and_opens_no_journal(argv, journal) -> None:
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        f"try:\n    app({argv!r}, prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code == 2, exit.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = _run("-c", code, env_extra={"SPRINTLOG_DB": journal.url})
    assert result.returncode == 0, result.stderr
    assert "Error: " in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    if journal.path:
        assert not journal.path.exists()


@pytest.mark.sqlite_only
def test_logging_to_an_sqlite_journal_imports_no_database_layer(journal) -> None:
    """The everyday write goes through sqlite3 alone (services/daylog.py)."""
    env = {"SPRINTLOG_DB": journal.url}
    for argv in (["sprint", "start"], ["goal", "add", "2", "Read", "--task", "Topoi"]):
        assert _run("-m", "sprintlog", *argv, env_extra=env).returncode == 0
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        "try:\n    app(['log', 'a day', '--goal', '2a'], prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = _run("-c", code, env_extra=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert result.stderr.endswith("(SSJ--2a).\n")
    listed = _run("-m", "sprintlog", "entries", "--json", env_extra=env)
    assert '"a day"' in listed.stdout and '"SSJ--2a"' in listed.stdout


@one_backend
def test_no_args_shows_help() -> None:
    result = _run("-m", "sprintlog")
    assert "Usage: sprintlog" in result.stdout + result.stderr


@one_backend
def test_unknown_option_is_a_usage_error() -> None:
    result = _run("-m", "sprintlog", "log", "x", "--bogus")
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_command_keeps_exit_codes_and_output(journal) -> None:
    """The entry point exits early (no teardown): output and the journal must be complete."""
    env = {"SPRINTLOG_DB": journal.url}
    logged = _run("-m", "sprintlog", "log", "through the entry point", env_extra=env)
    assert logged.returncode == 0
    assert logged.stderr.splitlines()[-1].startswith("Logged #1 for ")
    listed = _run("-m", "sprintlog", "entries", "--json", env_extra=env)
    assert '"through the entry point"' in listed.stdout
    bad = _run("-m", "sprintlog", "log", "x", "--date", "2024-02-30", env_extra=env)
    assert bad.returncode == 2 and bad.stderr.endswith("day is out of range for month\n")
    missing = _run("-m", "sprintlog", "entry", "rm", "99", "--yes", env_extra=env)
    assert (missing.returncode, missing.stderr) == (
        1,
        "Error: there is no entry #99 (see `sprintlog entries`)\n",
    )
    usage = _run("-m", "sprintlog", "log", "--bogus", env_extra=env)
    assert usage.returncode == 2


def test_output_into_a_closed_pipe_is_not_an_error(journal) -> None:
    env = {**os.environ, "SPRINTLOG_DB": journal.url}
    for text in ("one", "two", "three"):
        subprocess.run(
            [sys.executable, "-m", "sprintlog", "log", text],
            env=env,
            check=True,
            capture_output=True,
        )
    piped = subprocess.run(
        f'"{sys.executable}" -m sprintlog entries | head -c 1',
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in piped.stderr


# The modules of the root's commands (sprintlog.cli.COMMANDS): each imported only to run
# (or show the help of) one of its own commands.
COMMAND_MODULES = sorted({f"sprintlog.cli.{listed.module}" for listed in COMMANDS.values()})


def _modules_after(argv: list[str], journal) -> list[str]:
    """The command modules that running ``sprintlog ARGV`` in a fresh process imported."""
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        f"try:\n    app({argv!r}, prog_name='sprintlog')\n"
        "except SystemExit:\n    pass\n"
        f"print(*sorted(m for m in {COMMAND_MODULES!r} if m in sys.modules))\n"
    )
    result = _run("-c", code, env_extra={"SPRINTLOG_DB": journal.url})
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_the_root_help_lists_every_command_as_its_groups_do_and_imports_none(journal) -> None:
    from sprintlog.cli.display.usage import Group

    root = typer.main.get_command(app)
    with typer.Context(root, info_name="sprintlog") as ctx:
        listed, loaded = ctx.make_formatter(), ctx.make_formatter()
        root.format_commands(ctx, listed)  # from the table
        Group.format_commands(root, ctx, loaded)  # from each command, imported
    assert listed.getvalue() == loaded.getvalue()
    # A help line too long for the screen goes on under itself (indented past the names).
    names = [line.split()[0] for line in listed.getvalue().splitlines()[1:] if line[2] != " "]
    assert names == list(COMMANDS)
    for name, command in root.commands.items():
        assert command.help == COMMANDS[name].help, name
    result = _run("-m", "sprintlog", "--help", env_extra={"SPRINTLOG_DB": journal.url})
    assert all(f"\n  {name} " in result.stdout for name in COMMANDS)
    assert _modules_after(["--help"], journal) == []


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["log", "a day"], "log"),
        (["status"], "progress"),
        (["goal", "add", "--help"], "goals"),
        (["render", "--bogus"], "render"),
    ],
)
def test_a_command_imports_only_its_own_module(argv, module, journal) -> None:
    assert _modules_after(argv, journal) == [f"sprintlog.cli.{module}"]


@one_backend
def test_every_command_of_the_root_is_in_its_table() -> None:
    """One registered on ``app`` directly would work, but be imported for every command."""
    assert (app.registered_commands, app.registered_groups) == ([], [])
    assert list(typer.main.get_command(app).commands) == list(COMMANDS)
