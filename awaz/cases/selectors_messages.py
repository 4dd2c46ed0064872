"""Whether, and when, a message was read: read from the ``MESSAGE_READ`` audit events that
opening the messages writes, so opening them (a GET) writes nothing but that event.

- The reporter read a caseworker's message when an event about their report
  (``reporting.report``, ``by: reporter``) lists it in ``message_ids``.
- Staff read the reporter's message when an event about the case (``cases.case``,
  ``by: staff``) lists it in ``newly_read``.

The first such event gives the time. Each opening lists only the messages not read before,
so an event names a message once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from awaz.audit.events import AuditEventType
from awaz.audit.selectors import audit_events_about
from awaz.cases.models import Message, MessageDirection

# who read -> (what the event is about, the details key listing the messages read)
READERS = {
    "reporter": ("reporting.report", "message_ids"),
    "staff": ("cases.case", "newly_read"),
}


@dataclass(frozen=True)
class ThreadMessage:
    """A message as a page shows it: for one to the reporter, when they read it (or None)."""

    message: Message
    read_at: datetime.datetime | None


def _read_times(
    *, by: str, target_ids: set[int], messages: list[Message]
) -> dict[int, datetime.datetime]:
    if not messages:
        return {}
    target_type, key = READERS[by]
    wanted = {message.pk for message in messages}
    times: dict[int, datetime.datetime] = {}
    events = audit_events_about(
        event_type=AuditEventType.MESSAGE_READ,
        target_type=target_type,
        target_ids=target_ids,
        since=min(message.sent_at for message in messages),
    )
    for event in events:
        details = event.details if isinstance(event.details, dict) else {}
        if details.get("by") != by:
            continue
        for message_id in details.get(key) or []:
            if message_id in wanted:
                times.setdefault(message_id, event.occurred_at)
    return times


def message_read_times(*, messages: Iterable[Message]) -> dict[int, datetime.datetime]:
    """When each of ``messages`` was first read by the other side (message id -> time);
    unread ones are missing."""
    listed = list(messages)
    to_reporter = [m for m in listed if m.direction == MessageDirection.TO_REPORTER]
    from_reporter = [m for m in listed if m.direction == MessageDirection.FROM_REPORTER]
    return {
        **_read_times(
            by="reporter", target_ids={m.report_id for m in to_reporter}, messages=to_reporter
        ),
        **_read_times(
            by="staff", target_ids={m.case_id for m in from_reporter}, messages=from_reporter
        ),
    }


def messages_unread(*, messages: Iterable[Message]) -> list[Message]:
    """Those of ``messages`` the other side has not read yet."""
    listed = list(messages)
    read = message_read_times(messages=listed)
    return [message for message in listed if message.pk not in read]


def thread_with_read_times(*, messages: Iterable[Message]) -> list[ThreadMessage]:
    listed = list(messages)
    read = message_read_times(messages=listed)
    return [ThreadMessage(message=message, read_at=read.get(message.pk)) for message in listed]
