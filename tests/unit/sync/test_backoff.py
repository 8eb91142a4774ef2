"""Backoff with full jitter and the retry loop, on a seeded random source and a fake sleep."""

from __future__ import annotations

import random

import pytest

from frontdesk.services.errors import ServerUnreachable
from frontdesk.sync.push import Backoff, PushResult, with_retries


def test_delays_grow_exponentially_up_to_the_cap_and_are_jittered() -> None:
    backoff = Backoff(base_s=0.5, cap_s=8.0)
    rng = random.Random(7)
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0)]:
        delays = [backoff.delay(attempt, rng=rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # spread over the whole range, not a fixed wait
        assert len(set(delays)) > 150


def test_retries_only_unreachable_and_sleeps_between_attempts() -> None:
    slept: list[float] = []
    calls = iter([ServerUnreachable("down"), ServerUnreachable("down"), PushResult(1, 5, 0)])

    def operation() -> PushResult:
        outcome = next(calls)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    result = with_retries(
        operation, attempts=5, backoff=Backoff(), sleep=slept.append, rng=random.Random(1)
    )
    assert result == PushResult(1, 5, 0)
    assert len(slept) == 2


def test_gives_up_after_the_last_attempt() -> None:
    def down() -> PushResult:
        raise ServerUnreachable("cannot reach the server")

    with pytest.raises(ServerUnreachable):
        with_retries(down, attempts=3, backoff=Backoff(), sleep=lambda _s: None)
