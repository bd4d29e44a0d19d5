"""The tables of ``/follow``: subscriptions, and the deliveries made to them.

Subscriptions name their company instead of pointing at its row: a reload may delete a
company nobody writes about and create it again later under a new id, and a foreign
key would make that load fail. Deliveries do reference releases, with ON DELETE
CASCADE, so a release removed by a load takes its delivery record along and a later
release that reuses its id is still news. Loads never write to either table.

Nothing outside ``bot.store`` sees these rows: ``subscriptions`` and ``deliveries``
hand out frozen values.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base


class SubscriptionRow(Base):
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


# A delivery's life: claimed ``pending`` (with a lease), then ``sent``, ``failed`` for
# good, or ``pending`` again with the time of its next try.
PENDING = "pending"
SENT = "sent"
FAILED = "failed"


class DeliveryRow(Base):
    """A release handed to Discord for a subscription; written before the send, so never twice."""

    __tablename__ = "deliveries"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    delivered_at: Mapped[datetime] = mapped_column(DateTime)  # first handed to Discord
    status: Mapped[str] = mapped_column(String(10), default=SENT)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    # Pending: when the delivery may be claimed again (next try, or the sender's lease ends).
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
