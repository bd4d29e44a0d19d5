"""``/follow`` subscriptions and what was delivered to them: tables and every statement.

Subscriptions name their company instead of pointing at its row: a reload may delete a
company nobody writes about and create it again later under a new id, and a foreign
key would make that load fail. Deliveries do reference releases, with ON DELETE
CASCADE, so a release removed by a load takes its delivery record along and a later
release that reuses its id is still news. Loads never write to either table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, selectinload

from bot.store.models import Base, Company, Release, utc_now
from bot.store.service import Store

# What a post shows: the company name, the first quote and the sources' links.
_POST_DETAIL = (
    selectinload(Release.company),
    selectinload(Release.quotes),
    selectinload(Release.sources),
)


class Subscription(Base):
    """One channel following one company, optionally only releases with certain words."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    company_name: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Releases with an id up to this one existed when the channel (re)followed: not news.
    watermark_release_id: Mapped[int] = mapped_column(Integer, default=0)
    broken_reason: Mapped[str | None] = mapped_column(Text)
    broken_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("channel_id", "company_name", name="uq_subscriptions_channel_company"),
    )


class Delivery(Base):
    """A release handed to Discord for a subscription; written before the send, so never twice."""

    __tablename__ = "deliveries"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    delivered_at: Mapped[datetime] = mapped_column(DateTime)


class SubscriptionStore:
    """The reads and writes of ``/follow``; each method is its own short transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def follow(
        self, *, guild_id: int, channel_id: int, company: str, keywords: str, user_id: int
    ) -> tuple[Subscription, bool]:
        """Create or renew a subscription; True when it is new.

        Renewing (a changed filter, or repairing a broken one) starts afresh from the
        releases stored now, so a channel that was broken for weeks is not flooded.
        """
        with self.store.session() as session, session.begin():
            watermark = session.scalar(select(func.max(Release.id))) or 0
            subscription = session.scalars(
                select(Subscription).where(
                    Subscription.channel_id == channel_id, Subscription.company_name == company
                )
            ).one_or_none()
            created = subscription is None
            if subscription is None:
                subscription = Subscription(
                    guild_id=guild_id, channel_id=channel_id, company_name=company
                )
                session.add(subscription)
            subscription.keywords = keywords
            subscription.created_by = user_id
            subscription.created_at = utc_now()
            subscription.watermark_release_id = watermark
            subscription.broken_reason = None
            subscription.broken_at = None
        return subscription, created

    def for_guild(self, guild_id: int) -> list[Subscription]:
        with self.store.session() as session:
            return list(
                session.scalars(
                    select(Subscription)
                    .where(Subscription.guild_id == guild_id)
                    .order_by(Subscription.company_name, Subscription.channel_id)
                )
            )

    def remove(self, subscription_id: int) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(delete(Subscription).where(Subscription.id == subscription_id))

    def remove_guild(self, guild_id: int) -> int:
        """Forget a server the bot has left; returns how many subscriptions went."""
        with self.store.engine.begin() as conn:
            return conn.execute(
                delete(Subscription).where(Subscription.guild_id == guild_id)
            ).rowcount

    def mark_broken(self, channel_id: int, reason: str) -> None:
        """Stop posting to a channel; admins see the reason in ``/following``."""
        with self.store.engine.begin() as conn:
            conn.execute(
                update(Subscription)
                .where(Subscription.channel_id == channel_id, Subscription.broken_reason.is_(None))
                .values(broken_reason=reason, broken_at=utc_now())
            )

    def pending(self) -> list[tuple[Subscription, Release]]:
        """Every working subscription with each release of its company that is new to it."""
        delivered = exists().where(
            Delivery.subscription_id == Subscription.id, Delivery.release_id == Release.id
        )
        query = (
            select(Subscription, Release)
            .join(Company, Company.name == Subscription.company_name)
            .join(Release, Release.company_id == Company.id)
            .where(
                Subscription.broken_reason.is_(None),
                Release.id > Subscription.watermark_release_id,
                ~delivered,
            )
            .options(*_POST_DETAIL)
        )
        with self.store.session() as session:
            return [(subscription, release) for subscription, release in session.execute(query)]

    def latest(self, company: str, limit: int) -> list[Release]:
        """A company's newest releases, newest first: the candidates for a backfill."""
        with self.store.session() as session:
            return list(
                session.scalars(
                    select(Release)
                    .join(Company, Company.id == Release.company_id)
                    .where(Company.name == company)
                    .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
                    .limit(limit)
                    .options(*_POST_DETAIL)
                )
            )

    def claim(self, subscription_id: int, release_id: int) -> bool:
        """Record a delivery before sending it; False when it is recorded already.

        The primary key makes this the one place where "at most once" is decided, even
        with two rounds (or two processes) racing. False also when the subscription or
        the release was deleted meanwhile.
        """
        try:
            with self.store.engine.begin() as conn:
                conn.execute(
                    insert(Delivery).values(
                        subscription_id=subscription_id,
                        release_id=release_id,
                        delivered_at=utc_now(),
                    )
                )
        except IntegrityError:
            return False
        return True
