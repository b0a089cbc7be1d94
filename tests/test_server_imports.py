"""On a PostgreSQL journal the daily commands pay only for the driver (psycopg).

SQLAlchemy's core alone costs a server command ~0.19 s, and the models, its ORM (and
pydantic with SQLModel) and Alembic more (issue 22, item 3): a command that does not need
them must not import them. (tests/test_queries.py checks every daily and edit command the
same way, on both backends.)
"""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.server_only

UNNEEDED = ("sprintlog.models", "sqlalchemy", "sqlmodel", "sqlalchemy.orm", "alembic", "pydantic")


def _run(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SPRINTLOG_DB": url}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    "argv",
    [["log", "a day", "--goal", "2a"], ["status"], ["goal", "list"]],
    ids=["log", "status", "goal list"],
)
def test_daily_commands_on_a_server_import_no_sqlalchemy_models_or_alembic(journal, argv) -> None:
    for setup in (["sprint", "start"], ["goal", "add", "2", "Read", "--task", "Topoi"]):
        assert _run("-m", "sprintlog", *setup, url=journal.url).returncode == 0
    code = (
        "import sys\n"
        "from sprintlog.cli import app\n"
        f"try:\n    app({argv!r}, prog_name='sprintlog')\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        f"print(sorted(m for m in {UNNEEDED!r} if m in sys.modules))\n"
    )
    result = _run("-c", code, url=journal.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
