"""Migrations: the only thing that builds the schema, in step with models.py."""

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import Run, copy_journal
from sqlmodel import SQLModel

import sprintlog
from sprintlog.storage import backups, files
from sprintlog.storage.journal import make_engine
from sprintlog.storage.location import locate
from sprintlog.storage.migration_scripts import known_revisions, migrations_dir, script_directory
from sprintlog.storage.revision import HEAD
from sprintlog.storage.schema_check import read_revision, schema_rows

REVISIONS = Path(__file__).parent / "revisions"

# Every new journal here is built by the migrations themselves (see conftest.py).
pytestmark = pytest.mark.migrations


def test_head_constant_is_alembics_head() -> None:
    assert script_directory().get_heads() == [HEAD]
    assert known_revisions()[-1] == HEAD


def test_models_and_migrations_agree(ok: Run, journal) -> None:
    ok("sprint", "list")  # a new journal, built by the migrations
    engine = make_engine(locate(journal.url, default_dir=Path.cwd()))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    package = Path(sprintlog.__file__).parent
    found = migrations_dir()
    if "site-packages" in str(package):
        assert found == package / "migrations"
    assert (found / "env.py").is_file()
    assert (found / "script.py.mako").is_file()


@pytest.mark.sqlite_only
def test_an_empty_sqlite_database_is_built_at_head(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    ok("--db", str(path), "log", "first")
    assert read_revision(path) == HEAD


def _build(revision: str, path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript((REVISIONS / f"{revision}.sql").read_text(encoding="utf-8"))
    connection.execute("PRAGMA journal_mode = WAL")
    connection.commit()
    connection.close()


def _snapshot(path: Path) -> dict[str, list[dict]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] != "alembic_version"
        ]
        return {
            table: [dict(row) for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1')]
            for table in tables
        }
    finally:
        connection.close()


def test_every_revision_has_a_golden_journal() -> None:
    assert sorted(p.stem for p in REVISIONS.glob("*.sql")) == known_revisions()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("revision", known_revisions())
def test_upgrade_from_every_revision_keeps_every_row(
    ok: Run, tmp_path: Path, revision: str
) -> None:
    path = tmp_path / f"at-{revision}.db"
    _build(revision, path)
    before = _snapshot(path)
    assert len(before["entry"][2]["text"]) == 1_000_000

    result = ok("--db", str(path), "entries", "--json")

    assert read_revision(path) == HEAD
    after = _snapshot(path)
    for table, rows in before.items():
        kept = [{key: row[key] for key in rows[0]} for row in after[table]] if rows else []
        if table == "setting":  # revision 0003 gives every journal an id of its own
            kept = [row for row in kept if row["key"] != "journal_id" or revision >= "0003"]
        if table == "entry_tag":  # revision 0005 adds the tags of the texts, removes none
            kept = [row for row in kept if row in rows]
        assert kept == rows, table
    texts = [entry["text"] for entry in result.json()]
    assert texts[0] == "CRLF line\r\nline two"
    # The #words of the texts are tags, whichever revision the journal came from (0005),
    # shown as the text writes them (0008: "#Topoi") and matched lower-cased.
    tagged = {tag["tag"]: tag["entries"] for tag in ok("--db", str(path), "tags", "--json").json()}
    assert tagged["Topoi"] == 1 and tagged["ελληνικά"] == 1
    assert ok("--db", str(path), "entries", "--tag", "topoi", "--json").json()[0]["id"] == 2
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


@pytest.mark.sqlite_only
def test_upgrading_makes_a_verified_backup_first(ok: Run, tmp_path: Path) -> None:
    oldest = known_revisions()[0]
    path = tmp_path / "old.db"
    _build(oldest, path)
    result = ok("--db", str(path), "entries", "--json")
    [backup] = backups.backup_dir(path).iterdir()
    assert result.stderr == (
        f"Upgraded the journal from revision {oldest} to {HEAD}; the backup is {backup}\n"
    )
    assert backup.stat().st_mode & 0o777 == 0o600
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(oldest,)]
    assert _snapshot(backup) == _snapshot_of_script(oldest, tmp_path)
    copy.close()
    again = ok("--db", str(path), "entries", "--json")
    assert again.stderr == ""  # upgraded once, and only once
    assert len(list(backups.backup_dir(path).iterdir())) == 1


@pytest.mark.sqlite_only
def test_each_upgraded_journal_gets_an_id_of_its_own(ok: Run, tmp_path: Path) -> None:
    ids = set()
    for name in ("one", "two"):
        path = tmp_path / f"{name}.db"
        _build("0002", path)
        ok("--db", str(path), "entries")
        connection = sqlite3.connect(path)
        [(journal_id,)] = connection.execute(
            "SELECT value FROM setting WHERE key = 'journal_id'"
        ).fetchall()
        connection.close()
        assert len(journal_id) == 32
        ids.add(journal_id)
    assert len(ids) == 2


@pytest.mark.sqlite_only
def test_the_tests_template_is_a_journal_as_the_migrations_build_it(
    ok: Run, journal_path: Path, sqlite_template: Path, tmp_path: Path
) -> None:
    """Other tests' new journals are copies of conftest's template: the same new journal."""
    ok("sprint", "list")  # a new journal, built by the migrations (this module's mark)
    copied = tmp_path / "copied" / "journal.db"
    assert files.create_journal_file(copied, build=lambda new: copy_journal(sqlite_template, new))
    assert copied.stat().st_mode & 0o777 == journal_path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in copied.parent.iterdir()) == [copied.name]
    built, copy = sqlite3.connect(journal_path), sqlite3.connect(copied)
    try:
        for connection in (built, copy):
            connection.execute("PRAGMA query_only = ON")
        for pragma in ("journal_mode", "page_size", "auto_vacuum", "encoding", "user_version"):
            query = f"PRAGMA {pragma}"
            assert copy.execute(query).fetchall() == built.execute(query).fetchall(), pragma
        # (normalized: Alembic's batch rebuilds list a table's constraints in any order)
        assert schema_rows(copy) == schema_rows(built)
        ids = "SELECT value FROM setting WHERE key = 'journal_id'"
        assert copy.execute(ids).fetchone() != built.execute(ids).fetchone()  # one id each
    finally:
        built.close()
        copy.close()
    same = {table: rows for table, rows in _snapshot(copied).items() if table != "setting"}
    assert same == {t: r for t, r in _snapshot(journal_path).items() if t != "setting"}
    assert read_revision(copied) == HEAD


def _snapshot_of_script(revision: str, folder: Path) -> dict:
    fresh = folder / f"fresh-{revision}.db"
    _build(revision, fresh)
    return _snapshot(fresh)
