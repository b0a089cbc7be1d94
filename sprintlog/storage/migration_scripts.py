"""Alembic's migration scripts: where they are, which revisions they know, running them."""

from pathlib import Path
from typing import TYPE_CHECKING

from sprintlog.errors import JournalError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection


def migrations_dir() -> Path:
    """Alembic's script directory: inside the installed package, or the checkout's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "migrations", package.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise JournalError("sprintlog is installed without its migrations; reinstall it")


def alembic_config(connection: "Connection | None" = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> list[str]:
    """Every revision this sprintlog knows, oldest first."""
    revisions = [rev.revision for rev in script_directory().walk_revisions()]
    return list(reversed(revisions))


def upgrade_connection(connection: "Connection", target: str = "head") -> None:
    """Run every pending migration on ``connection``, in one transaction (see env.py)."""
    from alembic import command

    command.upgrade(alembic_config(connection.execution_options(sprintlog_write=True)), target)
