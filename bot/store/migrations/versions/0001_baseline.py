"""Baseline: the schema as ``create_all`` made it before migrations, plus full-text search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.fts5_index import SQLITE_FTS_DDL
from bot.store.postgres_index import POSTGRES_SEARCH_DDL

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _release_id() -> sa.Column[int]:
    return sa.Column(
        "release_id",
        sa.Integer,
        sa.ForeignKey("releases.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "companies",
        _id(),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("ticker", sa.String(40)),
        sa.Column("exchange", sa.String(40)),
        sa.Column("website", sa.String(300)),
        sa.Column("inferred", sa.Boolean, nullable=False),
    )
    op.create_table(
        "loads",
        _id(),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        *(
            sa.Column(name, sa.Integer, nullable=False)
            for name in ("added", "updated", "unchanged", "merged", "removed", "failed")
        ),
        sa.Column("failures_json", sa.Text, nullable=False),
        sa.Column("error", sa.Text),
    )
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "company_aliases",
        _id(),
        sa.Column(
            "company_id",
            sa.Integer,
            sa.ForeignKey("companies.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("alias", sa.String(200), nullable=False),
    )
    op.create_table(
        "releases",
        _id(),
        sa.Column(
            "company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False, index=True
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_derived", sa.Boolean, nullable=False),
        sa.Column("company_inferred", sa.Boolean, nullable=False),
        sa.Column("date_text", sa.String(10)),
        sa.Column("date_precision", sa.String(5)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("quotes_text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("anchors", sa.Text, nullable=False),
        sa.Column("loaded_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Index("ix_releases_date", "date_start", "date_end"),
    )
    op.create_table(
        "figures",
        _id(),
        _release_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "quotes",
        _id(),
        _release_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(200)),
        sa.Column("role", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "sources",
        _id(),
        _release_id(),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("record_index", sa.Integer, nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Index("ux_sources_path", "path", "record_index", unique=True),
    )
    op.bulk_insert(meta, [{"key": "schema", "value": "1"}, {"key": "data_version", "value": "0"}])
    bind = op.get_bind()
    for statement in {"sqlite": SQLITE_FTS_DDL, "postgresql": POSTGRES_SEARCH_DDL}[
        bind.dialect.name
    ]:
        # Driver SQL: the DDL's punctuation (":" included) must not be read as bind parameters.
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    raise NotImplementedError("the baseline cannot be downgraded: drop the database instead")
