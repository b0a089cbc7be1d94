"""A journal on a PostgreSQL server (run with SPRINTLOG_TEST_DATABASE_URL set)."""

import socket
import threading
import time
from pathlib import Path

import pytest
from helpers import SERVER_URL, JournalUnderTest, Run

from sprintlog.storage.revision import HEAD

pytestmark = pytest.mark.server_only


def _execute(url: str, *statements: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _with_database(journal: JournalUnderTest, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(journal.url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def empty_database(journal: JournalUnderTest) -> str:
    """The URL of a new, empty database (no journal in it yet)."""
    name = journal.url.rsplit("/", 1)[1] + "_empty"
    _execute(SERVER_URL, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    yield _with_database(journal, name)
    _execute(SERVER_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_empty_database_is_never_migrated_automatically(
    run: Run, ok: Run, empty_database: str
) -> None:
    result = run("--db", empty_database, "log", "x")
    assert result.exit_code == 1
    assert result.stderr.endswith("holds no journal yet; create it with `sprintlog db upgrade`\n")
    assert "Revision: (empty)" in ok("--db", empty_database, "db", "current").stdout
    assert ok("--db", empty_database, "db", "upgrade").stderr == (
        f"The journal database is at revision {HEAD}.\n"
    )
    ok("--db", empty_database, "log", "now it works")


def test_a_journal_from_a_newer_sprintlog_is_refused(
    run: Run, ok: Run, journal: JournalUnderTest
) -> None:
    ok("log", "before")
    _execute(journal.url, "UPDATE alembic_version SET version_num = '9999'")
    for command in (("log", "x"), ("entries",), ("db", "upgrade")):
        result = run(*command)
        assert result.exit_code == 1, command
        assert "revision 9999" in result.stderr and "upgrade sprintlog" in result.stderr
    assert journal.query("SELECT text FROM entry") == [("before",)]
    assert journal.query("SELECT version_num FROM alembic_version") == [("9999",)]


def test_a_database_with_clashing_tables_is_refused(run: Run, empty_database: str) -> None:
    _execute(empty_database, "CREATE TABLE entry (id integer)")
    result = run("--db", empty_database, "db", "upgrade")
    assert result.exit_code == 1
    assert "has tables named entry but is not a sprintlog journal" in result.stderr


def test_the_password_never_appears(run: Run, ok: Run, journal: JournalUnderTest) -> None:
    from sqlalchemy.engine import make_url

    # The test server trusts the postgres role, so any password is accepted.
    url = make_url(journal.url).set(password="S3cret-pw").render_as_string(hide_password=False)
    outputs = [
        ok("--db", url, "db", "current"),
        ok("--db", url, "log", "x"),
        run("--db", url, "db", "backup"),
        run("--db", url.replace(journal.url.rsplit("/", 1)[1], "no_such_db"), "entries"),
    ]
    for result in outputs:
        assert "S3cret-pw" not in result.stdout + result.stderr
    assert "***" in outputs[0].stdout


def test_backup_points_to_the_servers_tools(run: Run) -> None:
    result = run("db", "backup")
    assert result.exit_code == 1
    assert "pg_dump" in result.stderr


def _port_of(url: str) -> int:
    from sqlalchemy.engine import make_url

    return make_url(url).port or 5432


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"port": 1}, "Connection refused"),
        ({"database": "no_such_journal"}, 'database "no_such_journal" does not exist'),
        ({"query": {"sslmode": "require"}}, "server does not support SSL, but SSL was required"),
    ],
    ids=["server-down", "unknown-database", "tls-required"],
)
def test_connection_problems_are_one_line_errors(
    run: Run, journal: JournalUnderTest, change, message
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(journal.url).set(**change).render_as_string(hide_password=False)
    started = time.monotonic()
    result = run("--db", url, "entries")
    assert time.monotonic() - started < 8
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot use the journal database ")
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_wrong_password(run: Run, journal: JournalUnderTest) -> None:
    from sqlalchemy.engine import make_url

    _execute(
        SERVER_URL,
        "DROP ROLE IF EXISTS sprintlog_pw_test",
        "CREATE ROLE sprintlog_pw_test LOGIN PASSWORD 'right-one'",
    )
    url = make_url(journal.url).set(username="sprintlog_pw_test", password="wrong-one")
    result = run("--db", url.render_as_string(hide_password=False), "entries")
    if result.exit_code == 0 or "password authentication failed" not in result.stderr:
        pytest.skip("this server does not ask sprintlog_pw_test for a password")
    assert result.exit_code == 1
    assert "wrong-one" not in result.stderr and result.stderr.count("\n") == 1


def test_a_server_that_never_answers_times_out(run: Run) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    port = listener.getsockname()[1]
    started = time.monotonic()
    try:
        result = run("--db", f"postgresql+psycopg://me:pw@127.0.0.1:{port}/journal", "entries")
    finally:
        for connection in accepted:
            connection.close()
        listener.close()
    assert 3 < time.monotonic() - started < 9
    assert result.exit_code == 1
    assert "timeout" in result.stderr and result.stderr.count("\n") == 1


TEXTS = ["unicode ∀ε 日本語 🐙", "CRLF\r\nline", "# md | pipe [bold]x[/bold]", "\x1b[31mred"]


def _fill(ok: Run, db: str) -> None:
    ok("--db", db, "sprint", "start", "--start", "2026-01-05", "--length", "14", "--title", "Ü")
    ok("--db", db, "goal", "add", "3", "Math", "-t", "Email", "-t", "Topoi")
    for number, text in enumerate(TEXTS):
        ok("--db", db, "log", text, "--date", f"2026-01-0{number + 5}", "-g", "3b", "-m", "15")
    ok("--db", db, "log", "-", "--date", "2026-01-09", input="x" * 1_000_000)
    ok("--db", db, "config", "set", "prefix", "LRN")


def _everything(ok: Run, db: str) -> tuple:
    return (
        ok("--db", db, "sprint", "show", "1", "--json").json(),
        ok("--db", db, "config", "list", "--json").json(),
    )


def test_copy_sqlite_to_server_and_back(
    ok: Run, run: Run, tmp_path: Path, empty_database: str
) -> None:
    source = tmp_path / "laptop.db"
    _fill(ok, str(source))
    before = source.read_bytes()
    copied = ok("--db", str(source), "db", "copy", "--to", empty_database)
    assert copied.stderr.endswith(
        ": 1 sprint, 1 goal, 2 tasks, 5 entries, 4 goal links, 1 setting, "
        "0 reading items, 0 acronyms, 0 questions, 0 tags, 0 breaks, "
        "0 running timers, 0 imported rows, 0 removals, 0 merge records.\n"
    )
    assert source.read_bytes() == before  # the source is never modified
    assert _everything(ok, empty_database) == _everything(ok, str(source))

    back = tmp_path / "back.db"
    ok("--db", empty_database, "db", "copy", "--to", str(back))
    assert _everything(ok, str(back)) == _everything(ok, str(source))
    ok("--db", empty_database, "log", "new on the server")  # ids continue after the copied ones
    assert [e["id"] for e in ok("--db", empty_database, "entries", "--json").json()][-1] == 6

    again = run("--db", str(source), "db", "copy", "--to", empty_database)
    assert again.exit_code == 1 and "already holds a journal" in again.stderr
