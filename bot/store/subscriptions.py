"""``/follow`` subscriptions and what was delivered to them: tables and every statement.

Subscriptions name their company instead of pointing at its row: a reload may delete a
company nobody writes about and create it again later under a new id, and a foreign
key would make that load fail. Deliveries do reference releases, with ON DELETE
CASCADE, so a release removed by a load takes its delivery record along and a later
release that reuses its id is still news. Loads never write to either table.

A delivery is claimed before it is sent and then settled: sent, failed for good, or
left pending until a later try. A pending delivery is claimable again once its
``due_at`` has passed: that is both the retry time after a passing failure and the
lease a sender holds while sending, so a process killed mid-send strands nothing and
two processes on one database never send the same delivery at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
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


def _clock(conn: Connection) -> datetime:
    """Now, as deliveries' due times are kept: naive UTC from the database's clock on
    PostgreSQL, which processes on several machines share whatever their own clocks say;
    SQLite serves one machine, whose clock it is."""
    if conn.dialect.name == "postgresql":
        utc = func.timezone("UTC", func.clock_timestamp())
        now: datetime = conn.execute(select(utc)).scalar_one()
        return now
    return utc_now()


# ``pending`` compares with the clock read once for the whole query.
_CLOCK = bindparam("now", type_=DateTime)


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


# A delivery's life: claimed ``pending`` (with a lease), then ``sent``, ``failed`` for
# good, or ``pending`` again with the time of its next try.
PENDING = "pending"
SENT = "sent"
FAILED = "failed"


class Delivery(Base):
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


@dataclass(frozen=True, slots=True)
class UndeliveredRelease:
    """A release that could not be posted to a subscription's channel, and why."""

    subscription_id: int
    release_id: int
    title: str
    attempts: int
    reason: str


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
        """Every working subscription with each release of its company that is new to it,
        or whose delivery is due another try (a backfilled release included)."""
        query = (
            select(Subscription, Release)
            .join(Company, Company.name == Subscription.company_name)
            .join(Release, Release.company_id == Company.id)
            .outerjoin(
                Delivery,
                and_(
                    Delivery.subscription_id == Subscription.id, Delivery.release_id == Release.id
                ),
            )
            .where(
                Subscription.broken_reason.is_(None),
                or_(
                    and_(
                        Delivery.release_id.is_(None),
                        Release.id > Subscription.watermark_release_id,
                    ),
                    and_(Delivery.status == PENDING, Delivery.due_at <= _CLOCK),
                ),
            )
            .options(*_POST_DETAIL)
        )
        with self.store.session() as session:
            now = _clock(session.connection())
            rows = session.execute(query, {"now": now})
            return [(subscription, release) for subscription, release in rows]

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

    def claim(self, subscription_id: int, release_id: int, lease: timedelta) -> int:
        """Take a delivery to send it: returns which try this is, or 0 when it is not to be
        sent now (sent or failed already, due later, or another sender holds it).

        Recording the delivery before sending is what makes "at most once" hold across
        rounds and processes: the primary key admits one first claim, and taking over a
        due one is a single conditional UPDATE, which PostgreSQL runs one at a time per
        row. ``lease`` is how long the claim lasts if the sender never settles it (it
        died): then another sender may take it over. 0 also when the subscription or
        the release is gone.
        """
        mine = (Delivery.subscription_id == subscription_id, Delivery.release_id == release_id)
        with self.store.engine.begin() as conn:
            now = _clock(conn)
            taken_over = conn.execute(
                update(Delivery)
                .where(*mine, Delivery.status == PENDING, Delivery.due_at <= now)
                .values(attempts=Delivery.attempts + 1, due_at=now + lease)
            ).rowcount
            if taken_over:
                return conn.execute(select(Delivery.attempts).where(*mine)).scalar_one()
        return 1 if self._record_pending(subscription_id, release_id, attempts=1, wait=lease) else 0

    def queue(self, subscription_id: int, release_id: int, delay: float) -> None:
        """Hold a delivery until at least ``delay`` seconds from now, behind an earlier post
        to its channel that is due again then, so the channel keeps its order. A delivery
        not claimed before is recorded untried; one pending already only waits longer."""
        with self.store.engine.begin() as conn:
            due_at = _clock(conn) + timedelta(seconds=delay)
            if conn.execute(
                update(Delivery)
                .where(
                    Delivery.subscription_id == subscription_id,
                    Delivery.release_id == release_id,
                    Delivery.status == PENDING,
                    Delivery.due_at < due_at,
                )
                .values(due_at=due_at)
            ).rowcount:
                return
        self._record_pending(subscription_id, release_id, attempts=0, wait=timedelta(seconds=delay))

    def _record_pending(
        self, subscription_id: int, release_id: int, *, attempts: int, wait: timedelta
    ) -> bool:
        """A first record of a delivery, pending for ``wait``; False when one exists."""
        try:
            with self.store.engine.begin() as conn:
                now = _clock(conn)
                conn.execute(
                    insert(Delivery).values(
                        subscription_id=subscription_id,
                        release_id=release_id,
                        delivered_at=now,
                        status=PENDING,
                        attempts=attempts,
                        due_at=now + wait,
                    )
                )
        except IntegrityError:
            return False
        return True

    def mark_sent(self, subscription_id: int, release_id: int) -> None:
        self._settle(subscription_id, release_id, status=SENT, due_at=None, last_error=None)

    def retry_later(self, subscription_id: int, release_id: int, reason: str, delay: float) -> None:
        """Leave a delivery pending, to be claimed again ``delay`` seconds from now."""
        self._settle(subscription_id, release_id, status=PENDING, due_in=delay, last_error=reason)

    def give_up(self, subscription_id: int, release_id: int, reason: str) -> None:
        """Never try this delivery again; ``/following`` shows it with the reason."""
        self._settle(subscription_id, release_id, status=FAILED, due_at=None, last_error=reason)

    def _settle(
        self,
        subscription_id: int,
        release_id: int,
        *,
        due_in: float | None = None,
        **values: object,
    ) -> None:
        """Record how a try ended; ``due_in``: seconds until the next try."""
        with self.store.engine.begin() as conn:
            if due_in is not None:
                values["due_at"] = _clock(conn) + timedelta(seconds=due_in)
            conn.execute(
                update(Delivery)
                .where(
                    Delivery.subscription_id == subscription_id,
                    Delivery.release_id == release_id,
                )
                .values(**values)
            )

    def seconds_to_next_try(self) -> float | None:
        """How long until the earliest pending delivery of a working subscription may be
        tried again (0 or less: now); None when none is pending."""
        query = (
            select(func.min(Delivery.due_at))
            .join(Subscription, Subscription.id == Delivery.subscription_id)
            .where(Delivery.status == PENDING, Subscription.broken_reason.is_(None))
        )
        with self.store.engine.connect() as conn:
            due_at = conn.execute(query).scalar()
            return None if due_at is None else (due_at - _clock(conn)).total_seconds()

    def undelivered(self, guild_id: int) -> list[UndeliveredRelease]:
        """The releases given up on in a server's channels since each was last followed,
        oldest first."""
        query = (
            select(
                Delivery.subscription_id,
                Delivery.release_id,
                Release.title,
                Delivery.attempts,
                Delivery.last_error,
            )
            .join(Subscription, Subscription.id == Delivery.subscription_id)
            .join(Release, Release.id == Delivery.release_id)
            .where(
                Subscription.guild_id == guild_id,
                Delivery.status == FAILED,
                Delivery.delivered_at >= Subscription.created_at,  # following again clears them
            )
            .order_by(Delivery.delivered_at, Delivery.release_id)
        )
        with self.store.engine.connect() as conn:
            return [
                UndeliveredRelease(sub_id, release_id, title, attempts, reason or "")
                for sub_id, release_id, title, attempts, reason in conn.execute(query)
            ]
