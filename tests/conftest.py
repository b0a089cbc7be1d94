"""Shared fixtures: every test gets a journal of its own.

By default the journal is an SQLite file in a temporary directory, not there yet: the
first command creates it, as it would for a new user. Creating it copies a template that
the migrations built once for the session instead of running them again (tests marked
``migrations`` run them for every new journal). With SPRINTLOG_TEST_DATABASE_URL set to
a PostgreSQL server (a URL whose user may create databases), every test gets a new
database there instead, cloned from a template that the migrations built once; tests
marked ``sqlite_only`` (about the SQLite file itself) skip.
"""

import itertools
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import review_journal
from helpers import ON_SERVER, SERVER_URL, JournalUnderTest, Result, Run, copy_journal
from typer.testing import CliRunner

from sprintlog.cli import app

_numbers = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    # A shell without job control starts a background command (`pytest &`, as .ci/run
    # does) with Ctrl-C ignored, and the sprintlogs the tests start would inherit that:
    # the Ctrl-C tests would then test nothing, or hang. Python's own handler instead,
    # which children reset to the default when they start.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    config.addinivalue_line("markers", "sqlite_only: about the SQLite journal file itself")
    config.addinivalue_line("markers", "server_only: about a journal on a database server")
    config.addinivalue_line(
        "markers",
        "one_backend: what it tests does not depend on the database (run once, on SQLite)",
    )
    config.addinivalue_line(
        "markers", "migrations: every new SQLite journal is built by the migrations, not copied"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if ON_SERVER and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="about SQLite journal files"))
        if ON_SERVER and item.get_closest_marker("one_backend"):
            item.add_marker(pytest.mark.skip(reason="the same on every backend: run on SQLite"))
        if not ON_SERVER and item.get_closest_marker("server_only"):
            item.add_marker(pytest.mark.skip(reason="needs SPRINTLOG_TEST_DATABASE_URL"))


@pytest.fixture(scope="session")
def server_admin() -> Iterator[Any]:
    """The administrator's engine, one for the session (PostgreSQL runs only): an engine
    made for each test cost it two new connections, for its CREATE and its DROP DATABASE
    (pre_ping: a test may have ended the server's connections)."""
    if not ON_SERVER:
        yield None
        return
    from sqlalchemy import create_engine

    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    yield admin
    admin.dispose()


def _database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_template(server_admin: Any) -> Iterator[str | None]:
    """A database at the newest revision, cloned for each test (PostgreSQL runs only)."""
    if not ON_SERVER:
        yield None
        return
    from sqlalchemy import text

    from sprintlog.storage.journal import make_engine
    from sprintlog.storage.location import locate
    from sprintlog.storage.upgrade import upgrade_server

    name = f"sprintlog_template_{os.getpid()}"
    admin = server_admin
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
    location = locate(_database_url(name), default_dir=Path.cwd())
    engine = make_engine(location)
    upgrade_server(engine, location)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A new SQLite journal, made once by the migrations as sprintlog makes every new one."""
    if ON_SERVER:
        return None
    from sprintlog.storage import files
    from sprintlog.storage import journal as journals
    from sprintlog.storage.revision import HEAD
    from sprintlog.storage.schema_check import read_revision

    path = tmp_path_factory.mktemp("template") / "journal.db"
    assert files.create_journal_file(path, build=journals._build_new_journal)
    assert read_revision(path) == HEAD
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # closed: no -wal, no -shm
    return path


def _environment(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    # Drafts and the default journal's place: never the real home's.
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))


def _new_journals_from(template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new journal this process makes (the test's, and any other it names with --db)
    is a copy of ``template``; processes the test starts build their own."""
    from sprintlog.storage import journal as journals

    monkeypatch.setattr(journals, "_build_new_journal", lambda path: copy_journal(template, path))


@pytest.fixture(autouse=True)
def journal(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    server_template: str | None,
    sqlite_template: Path | None,
    server_admin: Any,
) -> Iterator[JournalUnderTest]:
    _environment(monkeypatch, tmp_path)
    if server_template is None:
        if sqlite_template is not None and not request.node.get_closest_marker("migrations"):
            _new_journals_from(sqlite_template, monkeypatch)
        path = tmp_path / "journal" / "journal.db"
        monkeypatch.setenv("SPRINTLOG_DB", str(path))
        yield JournalUnderTest(str(path), path)
        return
    from sqlalchemy import text

    name = f"sprintlog_test_{os.getpid()}_{next(_numbers)}"
    admin = server_admin
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{server_template}"'))
    url = _database_url(name)
    monkeypatch.setenv("SPRINTLOG_DB", url)
    yield JournalUnderTest(url, None)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def journal_path(journal: JournalUnderTest) -> Path:
    """The SQLite journal file (for tests marked sqlite_only)."""
    assert journal.path is not None, "mark this test sqlite_only"
    return journal.path


def _run(*args: str, input: str | bytes | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), input=input, prog_name="sprintlog")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


def _ok(*args: str, input: str | bytes | None = None) -> Result:
    result = _run(*args, input=input)
    assert result.exit_code == 0, (args, result.stderr)
    return result


@pytest.fixture
def run() -> Run:
    """Run sprintlog in-process: run("log", "text", input=None) -> Result."""
    return _run


@pytest.fixture
def ok(run: Run) -> Run:
    """Like run, but the command must succeed."""
    return _ok


@pytest.fixture(scope="session")
def review_template(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path | None
) -> Path | None:
    """review_journal.build's journal, built once by its commands (SQLite runs only).

    Before any test's own fixtures, in an environment of its own (as the journal fixture
    gives each test), so nothing a test changes can leak into it.
    """
    if sqlite_template is None:
        return None
    folder = tmp_path_factory.mktemp("review")
    path = folder / "journal" / "journal.db"
    with pytest.MonkeyPatch.context() as monkeypatch:
        _environment(monkeypatch, folder)
        _new_journals_from(sqlite_template, monkeypatch)
        monkeypatch.setenv("SPRINTLOG_DB", str(path))
        review_journal.build(_ok, str(path))
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # closed: no -wal, no -shm
    return path


@pytest.fixture
def sprint(ok: Run) -> None:
    """A running sprint 1 (started 3 days ago) with goals 1 (no tasks) and 3 (tasks a, b)."""
    ok("sprint", "start", "--start", "-3d", "--length", "14")
    ok("goal", "add", "1", "Write", "--description", "Finish the essay draft")
    ok("goal", "add", "3", "Math", "--task", "Email two professors", "--task", "Topoi ch.1")


@pytest.fixture
def db(journal: JournalUnderTest) -> Callable[[str], list[tuple]]:
    return journal.query
