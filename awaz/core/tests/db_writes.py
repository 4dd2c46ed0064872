"""A test helper: which tables a block of code writes to, apart from the audit log and
session bookkeeping. "No GET writes anything but an audit event" is then one assertion:

    with tables_written() as written:
        client.get(url)
    assert written == set()
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Writes a view may make without changing anything the service holds: the audit log (a
# view of personal data is recorded) and who is signed in where.
ALLOWED = frozenset(
    {
        "audit_auditevent",
        "audit_auditchainhead",
        "django_session",
        "usersessions_usersession",
    }
)


@contextmanager
def tables_written(*, allowed: frozenset[str] = ALLOWED) -> Iterator[set[str]]:
    """The tables written inside the block (other than ``allowed``), filled as it runs."""
    written: set[str] = set()

    def watch(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        match = _WRITE.match(sql)
        if match and match.group(1) not in allowed:
            written.add(match.group(1))
        return execute(sql, *args)

    with connection.execute_wrapper(watch):
        yield written
