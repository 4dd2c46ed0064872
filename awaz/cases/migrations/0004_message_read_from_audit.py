"""Message.read_at goes: whether a message was read comes from the MESSAGE_READ audit
events (cases.selectors_messages), so opening the messages (a GET) writes nothing else.

No data to move: every read_at was set in the same transaction as the audit event that
lists the message (``message_ids`` for the reporter, ``newly_read`` for staff), which the
selector reads."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_reports_follow_their_case"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="message",
            name="read_at",
        ),
    ]
