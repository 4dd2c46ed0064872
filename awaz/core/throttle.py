"""Attempt counters in the shared cache, for throttles that stop guessing without letting a
shared address lock everyone out.

An attempt counts against several counters at once, each with its own limit: typically
the thing being guessed (one account, one reference), the address and that thing together
(tight), and the address alone (a much higher ceiling, since a shared office or a
reporting-centre PC sends many honest attempts from one address). A counter's window starts
at its first attempt. Build keys from keyed hashes (``awaz.core.crypto.blind_index``), so
the cache holds no address, e-mail address or reference.

The cache must be shared by every process (``CACHES`` in ``config/settings/base.py``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache


def throttle_address(ip_address: str) -> str:
    """The client address as throttles count it: an IPv6 address by its /64 network (one
    home or office is given a whole /64, so single addresses are free to rotate)."""
    try:
        address = ipaddress.ip_address(ip_address)
    except ValueError:
        return ip_address or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


@dataclass(frozen=True)
class Counter:
    key: str  # cache key, made of keyed hashes only
    limit: int  # attempts allowed in the window
    window: int  # seconds, from the first attempt


def throttle_exceeded(counters: Sequence[Counter]) -> bool:
    """Whether any counter has used up its attempts in its current window."""
    counts = cache.get_many([counter.key for counter in counters])
    return any(int(counts.get(counter.key, 0)) >= counter.limit for counter in counters)


def throttle_hit(counters: Sequence[Counter]) -> list[int]:
    """Count one attempt against every counter; return their new counts, in order."""
    counts = []
    for counter in counters:
        cache.add(counter.key, 0, timeout=counter.window)
        try:
            counts.append(cache.incr(counter.key))
        except ValueError:  # expired between add and incr
            cache.set(counter.key, 1, timeout=counter.window)
            counts.append(1)
    return counts
