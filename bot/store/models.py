"""Typed SQLAlchemy models: companies, releases with their quotes, figures and sources, load history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)

from bot.records import Quote


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    ticker: Mapped[str | None] = mapped_column(String(40))
    exchange: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    aliases: Mapped[list[CompanyAlias]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="CompanyAlias.id"
    )


class CompanyAlias(Base):
    __tablename__ = "company_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(200))
    company: Mapped[Company] = relationship(back_populates="aliases")


class Release(Base):
    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    title_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    company_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    # The partial ISO date as published, plus the day range it stands for, so that
    # "2021" finds day-, month- and year-precise releases and undated ones never match.
    date_text: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    quotes_text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    company: Mapped[Company] = relationship()
    quotes: Mapped[list[QuoteRow]] = relationship(
        back_populates="release",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuoteRow.position",
    )
    figures: Mapped[list[FigureRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="FigureRow.position"
    )
    sources: Mapped[list[SourceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SourceRow.id"
    )

    __table_args__ = (Index("ix_releases_date", "date_start", "date_end"),)


class ReleaseAnchor(Base):
    """One of a release's near-duplicate anchors (a hash of one of its longest sentences),
    by anchor: a load of a few pages finds the releases sharing theirs without reading
    every release's."""

    __tablename__ = "release_anchors"

    anchor: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True
    )

    # By release too: its anchors are replaced when it is, and read in id order whole.
    # On SQLite the rows live in their key's b-tree, without a rowid tree beside it.
    __table_args__ = (
        Index("ix_release_anchors_release", "release_id", "anchor"),
        {"sqlite_with_rowid": False},
    )


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    release: Mapped[Release] = relationship(back_populates="quotes")


class FigureRow(Base):
    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    """Where a release was read from; one release may have several (the same news on two sites)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    record_index: Mapped[int] = mapped_column(Integer, default=0)
    file_hash: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    # The file's stamp when it was last read (see ``bot.file_stamps.FileStamp``): a file whose
    # stamp is unchanged is skipped before it is read. None: read it next time.
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    file_mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    read_with: Mapped[str | None] = mapped_column(String(32))
    # The keys of the page's short lines, one per line of text, as its folder's boilerplate
    # is learned from them: a reload that learns the folder again counts these instead of
    # reading the page. Valid while the stamp is. None: read the page when needed.
    line_keys: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ux_sources_path", "path", "record_index", unique=True),)


class LoadRun(Base):
    """Load history. Never touched by a load's data swap, so it survives every reload."""

    __tablename__ = "loads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    merged: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    failures_json: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text)


class MetaRow(Base):
    """Small key/value facts about the data: schema version and data version."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def date_range(iso: str | None) -> tuple[date | None, date | None]:
    """The first and last day a partial ISO date (``2021``, ``2021-10``, ``2021-10-11``) covers."""
    if not iso:
        return None, None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    day = date(*parts)
    return day, day


def as_date(value: object) -> date | None:
    """A date read back from an aggregate: SQLite hands ``min``/``max`` of dates back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def quotes_search_text(quotes: Sequence[Quote]) -> str:
    """What the full-text index sees of a release's quotes: the words and who said them."""
    return "\n".join(" ".join(part for part in (q.text, q.speaker, q.role) if part) for q in quotes)


def utc_now() -> datetime:
    """Naive UTC, as stored: SQLite keeps no time zones."""
    return datetime.now(UTC).replace(tzinfo=None)
