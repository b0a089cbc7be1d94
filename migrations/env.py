"""Alembic environment for sprintlog.

sprintlog passes its own connection (with the journal's SQLite settings) through
``config.attributes["connection"]``. A developer can also run ``alembic`` from the
checkout; then the journal named by SPRINTLOG_DB (or ``sqlalchemy.url``) is used.
"""

import os
import sqlite3
from pathlib import Path

from alembic import context
from sqlmodel import SQLModel

import sprintlog.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    # sprintlog's own upgrades arrive inside its transaction (holding the write lock, with
    # foreign keys already off: see sprintlog/storage/upgrade.py); Alembic then adds none
    # of its own.
    toggle_keys = sqlite and not connection.in_transaction()
    if toggle_keys:
        # A batch migration rebuilds a table (create, copy, drop, rename); with foreign
        # keys on, dropping the old table would cascade into its children. Off for the
        # migration, then checked by hand before committing. Must be set outside a
        # transaction, so it goes to the driver connection directly.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            transaction_per_migration=False,
            transactional_ddl=True,  # SQLite's DDL is transactional: one upgrade, one commit
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                _check_foreign_keys(connection)
    finally:
        if toggle_keys:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left {len(broken)} broken foreign keys: {broken[:5]}")


def _developer_connection():
    from sprintlog.storage.journal import make_engine
    from sprintlog.storage.location import locate

    url = os.environ.get("SPRINTLOG_DB") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set SPRINTLOG_DB (or sqlalchemy.url in alembic.ini) to a journal")
    location = locate(url, default_dir=Path.cwd())
    if location.path is not None and not location.path.exists():
        sqlite3.connect(location.path).close()  # sprintlog's own engine never creates files
    return make_engine(location).connect()


if context.is_offline_mode():
    raise SystemExit("sprintlog migrations run online only")

given = context.config.attributes.get("connection")
if given is not None:
    run_migrations(given)
else:
    with _developer_connection() as developer_connection:
        run_migrations(developer_connection.execution_options(sprintlog_write=True))
