"""back-fill entry_tag from the entries' texts

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-12 10:00:00

What it does to existing rows: revision 0004 created ``entry_tag`` empty, so a journal
upgraded from 0001 to 0003 had no tags although its texts held ``#words``. For every entry,
each tag its text holds (read by the one tag parser, ``sprintlog.rules.tags.found_in``,
as ``log`` reads it) that ``entry_tag`` lacks is added. Nothing is removed or changed:
tags given with ``--tag`` stay, and so do the entries, their texts and ``updated_at``
(the tags were theirs all along). A journal made at 0004 gets only what it lacks, which
is nothing unless its entries were written by another tool. No change to the schema.
Downgrading leaves the tags, which revision 0004 holds as its own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sprintlog.rules import tags

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500  # entries read at a time: memory stays bounded however long the journal is


def upgrade() -> None:
    connection = op.get_bind()
    read = sa.text("SELECT id, text FROM entry WHERE id > :last ORDER BY id LIMIT :chunk")
    have = sa.text("SELECT tag FROM entry_tag WHERE entry_id = :entry_id")
    add = sa.text("INSERT INTO entry_tag (entry_id, tag) VALUES (:entry_id, :tag)")
    last = 0
    while True:
        rows = connection.execute(read, {"last": last, "chunk": CHUNK}).all()
        if not rows:
            return
        missing = []
        for entry_id, text in rows:
            found = tags.found_in(text) if isinstance(text, str) else []
            if found:
                stored = set(connection.execute(have, {"entry_id": entry_id}).scalars())
                missing += [{"entry_id": entry_id, "tag": t} for t in found if t not in stored]
        if missing:
            connection.execute(add, missing)
        last = rows[-1][0]


def downgrade() -> None:
    pass  # the tags are rows revision 0004 holds as its own
