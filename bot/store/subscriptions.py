"""``/follow`` subscriptions: which channel follows which company, with what words.

Each method is its own short transaction and hands out frozen ``Subscription`` values;
what was delivered to them is ``bot.store.deliveries``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute

from bot.store.follow_tables import SubscriptionRow
from bot.store.models import Release, utc_now
from bot.store.service import Store


@dataclass(frozen=True, slots=True)
class Subscription:
    """One channel following one company; ``broken_reason`` says why it stopped posting."""

    id: int
    guild_id: int
    channel_id: int
    company_name: str
    keywords: str
    broken_reason: str | None
    broken_at: datetime | None


# The columns a ``Subscription`` is made of, in its fields' order (so by construction).
SUBSCRIPTION_COLUMNS: tuple[InstrumentedAttribute[Any], ...] = tuple(
    getattr(SubscriptionRow, field.name) for field in fields(Subscription)
)


def subscription_of(row: Sequence[Any]) -> Subscription:
    """A ``Subscription`` from a row that starts with ``SUBSCRIPTION_COLUMNS``."""
    return Subscription(*row[: len(SUBSCRIPTION_COLUMNS)])


class SubscriptionStore:
    """The subscriptions' reads and writes; each method is its own short transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def follow(
        self, *, guild_id: int, channel_id: int, company: str, keywords: str, user_id: int
    ) -> tuple[Subscription, bool]:
        """Create or renew a subscription; True when it is new.

        Renewing (a changed filter, or repairing a broken one) starts afresh from the
        releases stored now, so a channel that was broken for weeks is not flooded.
        """
        mine = (SubscriptionRow.channel_id == channel_id, SubscriptionRow.company_name == company)
        with self.store.engine.begin() as conn:
            renewal = {
                "keywords": keywords,
                "created_by": user_id,
                "created_at": utc_now(),
                "watermark_release_id": conn.scalar(select(func.max(Release.id))) or 0,
                "broken_reason": None,
                "broken_at": None,
            }
            existing = conn.scalar(select(SubscriptionRow.id).where(*mine))
            if existing is None:
                conn.execute(
                    insert(SubscriptionRow).values(
                        guild_id=guild_id, channel_id=channel_id, company_name=company, **renewal
                    )
                )
            else:
                conn.execute(
                    update(SubscriptionRow).where(SubscriptionRow.id == existing).values(**renewal)
                )
            row = conn.execute(select(*SUBSCRIPTION_COLUMNS).where(*mine)).one()
        return subscription_of(row), existing is None

    def for_guild(self, guild_id: int) -> list[Subscription]:
        query = (
            select(*SUBSCRIPTION_COLUMNS)
            .where(SubscriptionRow.guild_id == guild_id)
            .order_by(SubscriptionRow.company_name, SubscriptionRow.channel_id)
        )
        with self.store.engine.connect() as conn:
            return [subscription_of(row) for row in conn.execute(query)]

    def remove(self, subscription_id: int) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(delete(SubscriptionRow).where(SubscriptionRow.id == subscription_id))

    def remove_guild(self, guild_id: int) -> int:
        """Forget a server the bot has left; returns how many subscriptions went."""
        with self.store.engine.begin() as conn:
            return conn.execute(
                delete(SubscriptionRow).where(SubscriptionRow.guild_id == guild_id)
            ).rowcount

    def mark_broken(self, channel_id: int, reason: str) -> None:
        """Stop posting to a channel; admins see the reason in ``/following``."""
        with self.store.engine.begin() as conn:
            conn.execute(
                update(SubscriptionRow)
                .where(
                    SubscriptionRow.channel_id == channel_id,
                    SubscriptionRow.broken_reason.is_(None),
                )
                .values(broken_reason=reason, broken_at=utc_now())
            )
