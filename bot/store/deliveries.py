"""``/follow`` deliveries: what is due to be posted, and how each try ended.

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
    Connection,
    DateTime,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.store.follow_tables import FAILED, PENDING, SENT, DeliveryRow, SubscriptionRow
from bot.store.followed_releases import FollowedRelease, followed_releases
from bot.store.models import Company, Release, utc_now
from bot.store.service import Store
from bot.store.subscriptions import SUBSCRIPTION_COLUMNS, Subscription, subscription_of


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


@dataclass(frozen=True, slots=True)
class UndeliveredRelease:
    """A release that could not be posted to a subscription's channel, and why."""

    subscription_id: int
    release_id: int
    title: str
    attempts: int
    reason: str


class DeliveryStore:
    """The reads and writes of delivery rounds; each method is its own short transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def pending(self) -> list[tuple[Subscription, FollowedRelease]]:
        """Every working subscription with each release of its company that is new to it,
        or whose delivery is due another try (a backfilled release included)."""
        query = (
            select(*SUBSCRIPTION_COLUMNS, Release.id.label("release_id"))
            .join(Company, Company.name == SubscriptionRow.company_name)
            .join(Release, Release.company_id == Company.id)
            .outerjoin(
                DeliveryRow,
                and_(
                    DeliveryRow.subscription_id == SubscriptionRow.id,
                    DeliveryRow.release_id == Release.id,
                ),
            )
            .where(
                SubscriptionRow.broken_reason.is_(None),
                or_(
                    and_(
                        DeliveryRow.release_id.is_(None),
                        Release.id > SubscriptionRow.watermark_release_id,
                    ),
                    and_(DeliveryRow.status == PENDING, DeliveryRow.due_at <= _CLOCK),
                ),
            )
        )
        with self.store.engine.connect() as conn:
            rows = conn.execute(query, {"now": _clock(conn)}).all()
            releases = followed_releases(conn, {row.release_id for row in rows})
        return [
            (subscription_of(row), releases[row.release_id])
            for row in rows
            if row.release_id in releases  # removed by a load in between: nothing to post
        ]

    def latest(self, company: str, limit: int) -> list[FollowedRelease]:
        """A company's newest releases, newest first: the candidates for a backfill."""
        query = (
            select(Release.id)
            .join(Company, Company.id == Release.company_id)
            .where(Company.name == company)
            .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
            .limit(limit)
        )
        with self.store.engine.connect() as conn:
            ids = list(conn.scalars(query))
            releases = followed_releases(conn, ids)
        return [releases[release_id] for release_id in ids if release_id in releases]

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
        mine = (
            DeliveryRow.subscription_id == subscription_id,
            DeliveryRow.release_id == release_id,
        )
        with self.store.engine.begin() as conn:
            now = _clock(conn)
            taken_over = conn.execute(
                update(DeliveryRow)
                .where(*mine, DeliveryRow.status == PENDING, DeliveryRow.due_at <= now)
                .values(attempts=DeliveryRow.attempts + 1, due_at=now + lease)
            ).rowcount
            if taken_over:
                return conn.execute(select(DeliveryRow.attempts).where(*mine)).scalar_one()
        return 1 if self._record_pending(subscription_id, release_id, attempts=1, wait=lease) else 0

    def queue(self, subscription_id: int, release_id: int, delay: float) -> None:
        """Hold a delivery until at least ``delay`` seconds from now, behind an earlier post
        to its channel that is due again then, so the channel keeps its order. A delivery
        not claimed before is recorded untried; one pending already only waits longer."""
        with self.store.engine.begin() as conn:
            due_at = _clock(conn) + timedelta(seconds=delay)
            if conn.execute(
                update(DeliveryRow)
                .where(
                    DeliveryRow.subscription_id == subscription_id,
                    DeliveryRow.release_id == release_id,
                    DeliveryRow.status == PENDING,
                    DeliveryRow.due_at < due_at,
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
                    insert(DeliveryRow).values(
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
                update(DeliveryRow)
                .where(
                    DeliveryRow.subscription_id == subscription_id,
                    DeliveryRow.release_id == release_id,
                )
                .values(**values)
            )

    def seconds_to_next_try(self) -> float | None:
        """How long until the earliest pending delivery of a working subscription may be
        tried again (0 or less: now); None when none is pending."""
        query = (
            select(func.min(DeliveryRow.due_at))
            .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
            .where(DeliveryRow.status == PENDING, SubscriptionRow.broken_reason.is_(None))
        )
        with self.store.engine.connect() as conn:
            due_at = conn.execute(query).scalar()
            return None if due_at is None else (due_at - _clock(conn)).total_seconds()

    def undelivered(self, guild_id: int) -> list[UndeliveredRelease]:
        """The releases given up on in a server's channels since each was last followed,
        oldest first."""
        query = (
            select(
                DeliveryRow.subscription_id,
                DeliveryRow.release_id,
                Release.title,
                DeliveryRow.attempts,
                DeliveryRow.last_error,
            )
            .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
            .join(Release, Release.id == DeliveryRow.release_id)
            .where(
                SubscriptionRow.guild_id == guild_id,
                DeliveryRow.status == FAILED,
                # following again clears them
                DeliveryRow.delivered_at >= SubscriptionRow.created_at,
            )
            .order_by(DeliveryRow.delivered_at, DeliveryRow.release_id)
        )
        with self.store.engine.connect() as conn:
            return [
                UndeliveredRelease(sub_id, release_id, title, attempts, reason or "")
                for sub_id, release_id, title, attempts, reason in conn.execute(query)
            ]
