"""Noticing a dead gateway connection: a heartbeat Discord never acknowledged."""

from __future__ import annotations

from typing import Any

import pytest

from bot.client import ZOMBIE_AFTER_INTERVALS, unacknowledged_for
from tests.helpers import MockGateway

INTERVAL = 41.25


def connection(*, last_send: float, last_ack: float, interval: float | None = INTERVAL) -> Any:
    return MockGateway(interval=interval, last_send=last_send, last_ack=last_ack)


def between_connections() -> Any:
    gateway = MockGateway()
    gateway._keep_alive = None
    return gateway


@pytest.mark.parametrize(
    ("ws", "now"),
    [
        (None, 100.0),  # not connected yet
        (between_connections(), 100.0),  # between connections
        (connection(last_send=100.0, last_ack=100.1), 140.0),  # acknowledged
        (connection(last_send=141.0, last_ack=100.1), 141.5),  # the next one is on its way
        (connection(last_send=100.0, last_ack=50.0, interval=None), 500.0),  # before HELLO
    ],
)
def test_a_healthy_connection_is_left_alone(ws: Any, now: float) -> None:
    assert unacknowledged_for(ws, now) is None


def test_a_missed_acknowledgement_is_noticed_before_the_second_is_due() -> None:
    ws = connection(last_send=141.25, last_ack=100.0)
    assert unacknowledged_for(ws, 100.0 + INTERVAL * ZOMBIE_AFTER_INTERVALS - 1) is None
    silence = unacknowledged_for(ws, 100.0 + INTERVAL * ZOMBIE_AFTER_INTERVALS + 1)
    assert silence is not None and silence < 2 * INTERVAL


def test_a_heartbeat_thread_that_sent_nothing_is_not_the_gateways_fault() -> None:
    assert unacknowledged_for(connection(last_send=100.0, last_ack=100.2), 1000.0) is None
