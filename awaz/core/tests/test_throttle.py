"""Attempt counters shared by the sign-in and follow-up throttles."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from awaz.core.throttle import Counter, throttle_address, throttle_exceeded, throttle_hit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_ipv6_address_counts_as_its_64_network():
    assert throttle_address("2001:db8:1:2:aaaa::1") == throttle_address("2001:db8:1:2:bbbb::9")
    assert throttle_address("2001:db8:1:2::1") != throttle_address("2001:db8:1:3::1")
    assert throttle_address("192.0.2.7") == "192.0.2.7"
    assert throttle_address("") == "unknown"


def test_each_counter_has_its_own_limit():
    tight = Counter("test:tight", limit=2, window=60)
    ceiling = Counter("test:ceiling", limit=5, window=60)
    assert throttle_hit([tight, ceiling]) == [1, 1]
    assert not throttle_exceeded([tight, ceiling])
    throttle_hit([tight, ceiling])
    assert throttle_exceeded([tight, ceiling])  # the tight one is used up
    assert not throttle_exceeded([ceiling])
