"""A journal's URL is shown and stored with every secret hidden (issue 23, item 4).

One function (storage/location.py ``hidden``) decides what of a URL may be shown: the
user-info password and every secret-carrying libpq parameter (``password``,
``sslpassword``, ...). A test per place that shows or stores a location: errors,
``db current``, ``db copy``, ``--help``; the copy's "unfinished copy" marker is in
tests/faults/test_server_faults.py, beside the killed copy it comes from.
"""

from pathlib import Path

import pytest
from helpers import JournalUnderTest, Run

from sprintlog.storage.location import hidden, locate, without_secrets

SECRETS = ("S3cret-pw", "Key-phrase", "Oauth-s3cret")
# The test server trusts the postgres role: libpq sends these and the server ignores them.
QUERY = "password=S3cret-pw&sslpassword=Key-phrase&sslmode=prefer&oauth_client_secret=Oauth-s3cret"


def _secret_url(url: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{QUERY}"


def _no_secret(*texts: str) -> None:
    for secret in SECRETS:
        assert all(secret not in text for text in texts), secret


@pytest.mark.one_backend
@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://me:pw@host/db", "postgresql+psycopg://me:***@host/db"),
        (
            "postgresql+psycopg://me@host:5433/db?sslmode=require&password=p%20w",
            "postgresql+psycopg://me@host:5433/db?sslmode=require&password=***",
        ),
        (
            "postgresql://me:a%40b@[::1]/db?sslpassword=k&PassWord=x&application_name=a",
            "postgresql://me:***@[::1]/db?sslpassword=***&PassWord=***&application_name=a",
        ),
        ("postgresql+psycopg://me@host/db", "postgresql+psycopg://me@host/db"),
        ("mysql://me:secret@localhost/journal", "mysql://me:***@localhost/journal"),
    ],
)
def test_one_function_hides_every_secret_part(url: str, shown: str) -> None:
    assert hidden(url) == shown


@pytest.mark.one_backend
def test_a_drivers_message_loses_the_secrets_however_written() -> None:
    url = "postgresql+psycopg://me:a%40b@h/db?password=p+w&sslpassword=k%2Fk&sslmode=require"
    message = "no: a@b, a%40b, p w, p+w, k/k, k%2Fk, require"
    assert without_secrets(message, url) == "no: ***, ***, ***, ***, ***, ***, require"


@pytest.mark.one_backend
def test_help_never_shows_the_journal_url(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPRINTLOG_DB", _secret_url("postgresql+psycopg://me:S3cret-pw@h/j"))
    for args in (["--help"], ["db", "--help"], ["db", "copy", "--help"], ["log", "--help"]):
        result = run(*args)
        assert result.exit_code == 0, args
        _no_secret(result.stdout, result.stderr)


@pytest.mark.one_backend
@pytest.mark.parametrize(
    "url",
    [
        "mysql://me@localhost/journal",  # a backend sprintlog does not keep journals in
        "postgresql+psycopg://me@[::1:5432/journal",  # an unclosed bracket: no port
    ],
)
def test_errors_about_the_url_hide_its_secrets(run: Run, url: str) -> None:
    result = run("--db", _secret_url(url), "entries")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    _no_secret(result.stderr)
    assert "password=***" in result.stderr


@pytest.mark.server_only
def test_a_connection_error_hides_the_secrets(run: Run, journal: JournalUnderTest) -> None:
    missing = journal.url.rsplit("/", 1)[0] + "/no_such_journal"
    result = run("--db", _secret_url(missing), "entries")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot use the journal database ")
    assert 'database "no_such_journal" does not exist' in result.stderr
    _no_secret(result.stderr)


@pytest.mark.server_only
def test_db_current_hides_the_secrets(ok: Run, journal: JournalUnderTest) -> None:
    result = ok("--db", _secret_url(journal.url), "db", "current")
    assert result.stdout.startswith(f"Journal:  {journal.url}?password=***&sslpassword=***&")
    _no_secret(result.stdout, result.stderr)


@pytest.mark.server_only
def test_db_copy_hides_the_secrets(ok: Run, journal: JournalUnderTest, tmp_path: Path) -> None:
    source = tmp_path / "from.db"
    ok("--db", str(source), "log", "copied")
    to_server = ok("--db", str(source), "db", "copy", "--to", _secret_url(journal.url))
    assert f"Copied the journal to {journal.url}?password=***" in to_server.stderr
    back = tmp_path / "back.db"
    to_file = ok("--db", _secret_url(journal.url), "db", "copy", "--to", str(back))
    _no_secret(to_server.stdout, to_server.stderr, to_file.stdout, to_file.stderr)
    assert locate(str(back), default_dir=tmp_path).path == back
    for secret in SECRETS:
        assert secret.encode() not in back.read_bytes()
