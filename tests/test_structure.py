"""The shape of the CLI: help everywhere, nothing heavy or connected on the way to --help."""

import os
import subprocess
import sys

import pytest
import typer

import sprintlog
from sprintlog.cli import app


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


ALL = list(_commands(typer.main.get_command(app)))


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


def test_python_dash_m_and_version() -> None:
    result = _run("-m", "sprintlog", "--version")
    assert (result.returncode, result.stdout) == (0, f"sprintlog {sprintlog.__version__}\n")


HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "rich")


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


def test_no_args_shows_help() -> None:
    result = _run("-m", "sprintlog")
    assert "Usage: sprintlog" in result.stdout + result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = _run("-m", "sprintlog", "log", "x", "--bogus")
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr
    assert "Traceback" not in result.stderr
