"""The append-only, hash-chained audit log of every view and change of personal data."""

from django.db import models

from awaz.audit.events import AuditEventType


class AuditEvent(models.Model):
    """One past fact: who did what to which record, when.

    - ``actor_id`` / ``actor_label``: the staff user's id and name at the time, or empty for
      the public (a reporter) or the system. Plain values, not foreign keys: the log outlives
      users and organisations.
    - ``organisation_id`` / ``organisation_label``: the organisation the actor acted for.
    - ``event_type``: an ``AuditEventType`` number (1xx reporting, 3xx accounts ...).
    - ``target_type`` / ``target_id``: what was viewed or changed (``reporting.report``, 42).
    - ``details``: JSON with what changed (field names, never the personal data itself).
    - ``prev_hash``: the ``row_hash`` of the row before this one ("" for the first).
    - ``row_hash``: SHA-256 over this row's content and ``prev_hash``; ``audit_verify``
      recomputes the chain, so an edited, inserted or deleted row shows.
    """

    occurred_at = models.DateTimeField(db_index=True, db_comment="When it happened (UTC)")
    actor_id = models.BigIntegerField(null=True, blank=True, db_comment="Staff user id, if any")
    actor_label = models.CharField(max_length=300, blank=True, db_comment="Who, as shown then")
    organisation_id = models.BigIntegerField(
        null=True, blank=True, db_comment="Organisation the actor acted for"
    )
    organisation_label = models.CharField(
        max_length=300, blank=True, db_comment="Organisation name as shown then"
    )
    # No ``choices``: the enum grows with every feature, and the number is validated where it
    # is written (``audit_record`` takes only an ``AuditEventType``).
    event_type = models.PositiveIntegerField(db_comment="AuditEventType number")
    target_type = models.CharField(max_length=100, db_comment="app_label.model of the target")
    target_id = models.CharField(max_length=64, blank=True, db_comment="Primary key of target")
    details = models.JSONField(default=dict, blank=True, db_comment="What changed (no PII)")
    prev_hash = models.CharField(max_length=64, blank=True, db_comment="row_hash of predecessor")
    row_hash = models.CharField(max_length=64, unique=True, db_comment="SHA-256 of this row")

    class Meta:
        db_table_comment = "Append-only, hash-chained audit log of views and changes"
        indexes = [models.Index(fields=["target_type", "target_id"])]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_name}"

    @property
    def event_name(self) -> str:
        try:
            return AuditEventType(self.event_type).name
        except ValueError:
            return str(self.event_type)


class AuditChainHead(models.Model):
    """A single row naming the newest audit event; locked by each writer so the chain
    cannot fork when two transactions append at once."""

    id = models.PositiveSmallIntegerField(primary_key=True, db_comment="Always 1")
    last_event_id = models.BigIntegerField(null=True, db_comment="Newest AuditEvent id")
    last_hash = models.CharField(max_length=64, blank=True, db_comment="Its row_hash")

    class Meta:
        db_table_comment = "The head of the audit hash chain (one row, locked by writers)"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single")]

    def __str__(self) -> str:
        return f"audit chain head at event {self.last_event_id}"
