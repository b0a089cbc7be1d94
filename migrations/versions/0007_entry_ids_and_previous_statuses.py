"""entry ids never reused, and the statuses a goal's drop/defer/done replaced

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-08 00:30:00

- ``entry``: on SQLite the table is rebuilt as ``AUTOINCREMENT``, so the id of a removed
  entry is never given to a later one (a note or script that says #6 keeps meaning the
  same entry). Every row is copied with its id; the counter starts at the highest id
  kept, so an id removed above it before the upgrade may still be given once more.
  PostgreSQL's ``SERIAL`` already draws from a sequence that never goes back: no change.
- ``goal.previous_status`` and ``task.previous_status``: the status a status change
  replaced, so that ``goal reopen`` restores it (issue 26). Existing rows get NULL
  (nothing to restore: ``reopen`` opens them, as before).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("goal", "task"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("previous_status", sa.String(length=16), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "entry", recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "entry", recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
    for table in ("task", "goal"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("previous_status")
