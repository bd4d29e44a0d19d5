"""Near-duplicate anchors in their own table, indexed by anchor: a load of a few pages
(a poll, a small reload) finds the releases sharing its anchors with one lookup each,
where the text column they were kept in had to be read whole for every such load.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_BATCH = 10_000


def upgrade() -> None:
    anchors = op.create_table(
        "release_anchors",
        sa.Column("anchor", sa.BigInteger, primary_key=True),
        sa.Column(
            "release_id",
            sa.Integer,
            sa.ForeignKey("releases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_release_anchors_release", "release_anchors", ["release_id", "anchor"])
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, anchors FROM releases WHERE anchors <> ''"))
    batch: list[dict[str, int]] = []
    for release_id, text in rows:
        batch.extend(
            {"anchor": anchor, "release_id": release_id}
            for anchor in dict.fromkeys(int(word) for word in text.split())
        )
        if len(batch) >= _BATCH:
            op.bulk_insert(anchors, batch)
            batch = []
    if batch:
        op.bulk_insert(anchors, batch)
    op.drop_column("releases", "anchors")


def downgrade() -> None:
    op.add_column("releases", sa.Column("anchors", sa.Text, nullable=False, server_default=""))
    bind = op.get_bind()
    by_release: dict[int, list[str]] = {}
    for release_id, anchor in bind.execute(
        sa.text("SELECT release_id, anchor FROM release_anchors ORDER BY release_id, anchor")
    ):
        by_release.setdefault(release_id, []).append(str(anchor))
    if by_release:
        bind.execute(
            sa.text("UPDATE releases SET anchors = :anchors WHERE id = :id"),
            [{"id": rid, "anchors": " ".join(words)} for rid, words in by_release.items()],
        )
    op.drop_table("release_anchors")
