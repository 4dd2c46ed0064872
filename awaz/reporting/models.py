"""Reports of hate incidents and crimes, as the person reporting gave them.

Personal data (names, contact details, free text about people, exact place) is encrypted at
rest (``Encrypted*Field``). Analysis uses only the generalised place (a 50 m grid square of
the British National Grid and the area) and the categorical answers. Matching on contact
details uses blind indexes (``*_index``), never plaintext.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedJSONField, EncryptedTextField
from awaz.core.models import BaseModel


class Strand(BaseModel):
    """A monitored strand of hostility: the five national ones plus the partnership's own."""

    code = models.SlugField(max_length=40, unique=True, db_comment="Stable code, e.g. race")
    name = models.CharField(max_length=100, db_comment="Name shown to the public")
    description = models.TextField(blank=True, db_comment="Explanation shown on the start page")
    is_national = models.BooleanField(
        default=False, db_comment="One of the five centrally monitored strands"
    )
    is_active = models.BooleanField(default=True, db_comment="Offered on the reporting form")
    sort_order = models.PositiveSmallIntegerField(default=100, db_comment="Order on the form")

    class Meta:
        db_table_comment = "Strands of hostility (five national, plus locally monitored ones)"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class IncidentType(models.TextChoices):
    VERBAL_ABUSE = "verbal_abuse", _("Verbal abuse, insults or name-calling")
    THREATS = "threats", _("Threats")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    HARASSMENT = "harassment", _("Harassment or intimidation")
    CRIMINAL_DAMAGE = "criminal_damage", _("Damage to property")
    GRAFFITI = "graffiti", _("Graffiti")
    ONLINE_ABUSE = "online_abuse", _("Online abuse")
    OTHER = "other", _("Something else")


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("I am the victim")
    WITNESS = "witness", _("I saw it happen (witness)")
    ON_BEHALF = "on_behalf", _("I am reporting for someone else")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone, through a reporting centre")
    IN_PERSON = "in_person", _("In person, at a reporting centre")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("Being looked at")
    PASSED_TO_SUPPORT = "passed_to_support", _("Passed to support")
    CLOSED = "closed", _("Closed")


class PerceptionBy(models.TextChoices):
    VICTIM = "victim", _("The victim")
    REPORTER = "reporter", _("The person reporting")
    BOTH = "both", _("Both the victim and the person reporting")
    OTHER = "other", _("Someone else")


class PoliceTold(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("I'm not sure")


class LocationSource(models.TextChoices):
    NONE = "none", _("Not given")
    POSTCODE = "postcode", _("From the postcode")
    DEVICE = "device", _("From the reporter's device")
    STAFF = "staff", _("Placed by staff")


class Report(BaseModel):
    """One report, from the moment it is submitted. Drafts are ``ReportDraft`` rows."""

    reference = models.CharField(
        max_length=12, unique=True, db_comment="Public reference, e.g. HC-7KQ4-2M9X"
    )
    followup_code_hash = models.CharField(
        max_length=64, db_comment="Keyed hash of the secret follow-up code (never the code)"
    )
    followup_code_issued_at = models.DateTimeField(db_comment="When the current code was issued")
    submission_key = models.CharField(
        max_length=64, unique=True, db_comment="Hash of the draft token: one report per draft"
    )
    status = models.CharField(
        max_length=24,
        choices=ReportStatus.choices,
        default=ReportStatus.RECEIVED,
        db_comment="Status in plain words, as the reporter sees it",
    )
    submitted_at = models.DateTimeField(db_index=True, db_comment="When the report was committed")
    channel = models.CharField(max_length=16, choices=Channel.choices, db_comment="How it came in")
    recorded_by_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Reporting centre that recorded an assisted report",
    )
    receiving_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="received_reports",
        db_comment="Organisation whose triage inbox holds the report",
    )

    # Who is reporting
    reporter_role = models.CharField(
        max_length=16, choices=ReporterRole.choices, db_comment="Victim, witness or on behalf"
    )
    reporter_relationship = EncryptedTextField(
        blank=True, db_comment="Encrypted: relationship to the victim when reporting for them"
    )
    reporter_is_under_18 = models.BooleanField(
        default=False, db_comment="The reporter said they are under 18 (safeguarding)"
    )
    is_anonymous = models.BooleanField(
        default=False, db_comment="No contact details given; nobody can contact the reporter"
    )

    # What happened
    incident_types = models.JSONField(default=list, db_comment="List of IncidentType codes")
    incident_type_other = EncryptedTextField(
        blank=True, db_comment="Encrypted: what else happened, when 'something else' was chosen"
    )
    what_happened = EncryptedTextField(db_comment="Encrypted: the account in the reporter's words")

    # When
    incident_date = models.DateField(null=True, blank=True, db_comment="Date, if one day")
    incident_time = models.TimeField(null=True, blank=True, db_comment="Approximate time, if given")
    is_ongoing = models.BooleanField(default=False, db_comment="It is still happening")

    # Where
    location_description = EncryptedTextField(
        blank=True, db_comment="Encrypted: where it happened in the reporter's words"
    )
    postcode = EncryptedTextField(blank=True, db_comment="Encrypted: full postcode, if given")
    postcode_district = models.CharField(
        max_length=4, blank=True, db_comment="Outward code only (e.g. CA2), for analysis"
    )
    location_point = EncryptedJSONField(
        db_comment="Encrypted: exact point {lat, lon} (WGS84), if known"
    )
    location_source = models.CharField(
        max_length=12,
        choices=LocationSource.choices,
        default=LocationSource.NONE,
        db_comment="Where the point came from",
    )
    grid_easting = models.IntegerField(
        null=True, blank=True, db_comment="Centre of the 50 m British National Grid square"
    )
    grid_northing = models.IntegerField(
        null=True, blank=True, db_comment="Centre of the 50 m British National Grid square"
    )
    area = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Smallest known area containing the place",
    )

    # Why: the perception test
    strands = models.ManyToManyField(Strand, blank=True, related_name="reports")
    strand_not_sure = models.BooleanField(
        default=False, db_comment="The reporter was not sure of the motivation"
    )
    strand_other = EncryptedTextField(
        blank=True, db_comment="Encrypted: another motivation in the reporter's words"
    )
    perception_by = models.CharField(
        max_length=12, choices=PerceptionBy.choices, blank=True, db_comment="Whose perception"
    )

    # About the victim (all optional, "prefer not to say" allowed)
    victim_details = EncryptedJSONField(
        db_comment="Encrypted: age band, gender, ethnicity, disability, religion, orientation"
    )
    communication_needs = EncryptedJSONField(
        db_comment="Encrypted: language, interpreter, BSL, easy read"
    )
    offender_details = EncryptedJSONField(
        db_comment="Encrypted: how many, known to the victim, description"
    )
    witnesses = EncryptedTextField(blank=True, db_comment="Encrypted: witnesses, in words")

    # Police and support
    police_told = models.CharField(
        max_length=10, choices=PoliceTold.choices, blank=True, db_comment="Were the police told"
    )
    police_reference = EncryptedTextField(blank=True, db_comment="Encrypted: crime reference")
    support_wanted = models.JSONField(default=list, db_comment="List of support kinds wanted")

    # Contact (encrypted), with blind indexes for exact matching
    contact_name = EncryptedTextField(blank=True, db_comment="Encrypted: name to use")
    contact_email = EncryptedTextField(blank=True, db_comment="Encrypted: e-mail address")
    contact_phone = EncryptedTextField(blank=True, db_comment="Encrypted: phone number")
    contact_methods = models.JSONField(default=list, db_comment="Ways it is safe to contact")
    contact_safe_times = EncryptedTextField(
        blank=True, db_comment="Encrypted: when and how it is safe to make contact"
    )
    email_index = models.CharField(
        max_length=64, blank=True, db_index=True, db_comment="Blind index of the e-mail"
    )
    phone_index = models.CharField(
        max_length=64, blank=True, db_index=True, db_comment="Blind index of the phone number"
    )
    name_index = models.CharField(
        max_length=64, blank=True, db_index=True, db_comment="Blind index of the name"
    )

    class Meta:
        db_table_comment = "Reports of hate incidents and crimes, as submitted"
        constraints = [
            models.CheckConstraint(
                condition=Q(reference__regex=r"^HC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"),
                name="report_reference_format",
            ),
            models.CheckConstraint(
                condition=~Q(channel="online") | Q(recorded_by_organisation__isnull=True),
                name="report_online_has_no_centre",
            ),
            models.CheckConstraint(
                condition=Q(channel="online") | Q(recorded_by_organisation__isnull=False),
                name="report_assisted_has_centre",
            ),
        ]
        indexes = [models.Index(fields=["receiving_organisation", "status", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference


class ConsentPurpose(models.TextChoices):
    SHARE = "share", _("Share my report")
    CONTACT = "contact", _("Contact me")


class RecipientKind(models.TextChoices):
    POLICE = "police", _("The police")
    VICTIM_SUPPORT = "victim_support", _("Victim support services")
    COUNCIL = "council", _("The council")
    HOUSING = "housing", _("Housing providers")
    HEALTH = "health", _("Health services")
    RECEIVING_ORGANISATION = "receiving", _("The organisation that receives my report")


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


class ConsentRecord(models.Model):
    """One decision about consent. Append-only: the newest row per (purpose, recipient kind)
    is in force; a withdrawal is a new row with ``granted`` false."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="consents", db_comment="The report"
    )
    purpose = models.CharField(max_length=16, choices=ConsentPurpose.choices, db_comment="Purpose")
    recipient_kind = models.CharField(
        max_length=20, choices=RecipientKind.choices, db_comment="Kind of recipient"
    )
    granted = models.BooleanField(db_comment="True: consent given; False: refused or withdrawn")
    method = models.CharField(
        max_length=12, choices=ConsentMethod.choices, db_comment="How the decision was made"
    )
    given_by = models.CharField(
        max_length=16, choices=ReporterRole.choices, db_comment="Who decided (their role)"
    )
    recorded_at = models.DateTimeField(db_comment="When the decision was recorded")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user who recorded it (empty when the reporter did it online)",
    )
    expires_at = models.DateTimeField(null=True, blank=True, db_comment="Consent lapses after")
    is_withdrawal = models.BooleanField(
        default=False, db_comment="This row withdraws consent given earlier"
    )

    class Meta:
        db_table_comment = "Consent decisions per purpose and recipient kind (append-only)"
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["report", "purpose", "recipient_kind", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.report_id} {self.purpose}/{self.recipient_kind}: {self.granted}"


class EntryKind(models.TextChoices):
    SUBMITTED = "submitted", _("Report submitted")
    INFORMATION_ADDED = "information_added", _("Information added by the reporter")
    CONSENT_CHANGED = "consent_changed", _("Consent changed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CODE_REISSUED = "code_reissued", _("Follow-up code re-issued")


class ReportEntry(models.Model):
    """The report's own timeline: what the reporter added and what changed, oldest first."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="entries", db_comment="The report"
    )
    kind = models.CharField(max_length=24, choices=EntryKind.choices, db_comment="What happened")
    text = EncryptedTextField(blank=True, db_comment="Encrypted: text added, if any")
    by_reporter = models.BooleanField(default=False, db_comment="Added by the reporter")
    created_at = models.DateTimeField(db_comment="When")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user, if staff made the entry",
    )

    class Meta:
        db_table_comment = "Timeline of a report: additions by the reporter and changes"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportDraft(models.Model):
    """Answers in progress, encrypted, keyed by a random token held in the browser session.

    Expires two hours after the last answer. After submission it keeps, for 30 minutes,
    the report and its follow-up code (encrypted) so the same browser sees the same
    reference and code again instead of a second report.
    """

    token_hash = models.CharField(max_length=64, unique=True, db_comment="SHA-256 of the token")
    data = EncryptedJSONField(db_comment="Encrypted: the answers so far")
    is_assisted = models.BooleanField(
        default=False, db_comment="Recorded by reporting-centre staff for someone"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="Staff user recording an assisted report",
    )
    expires_at = models.DateTimeField(db_index=True, db_comment="Deleted after this")
    report = models.OneToOneField(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="The report this draft became",
    )
    followup_code = EncryptedTextField(
        blank=True, db_comment="Encrypted: code shown again to the same browser for 30 minutes"
    )

    class Meta:
        db_table_comment = "Reporting answers in progress (encrypted, expire after two hours)"

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Evidence(models.Model):
    """A file the reporter gave: content-checked, metadata stripped, encrypted on disk
    outside the web root. Belongs to a draft until the report is submitted."""

    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
        db_comment="The report, once submitted",
    )
    draft = models.ForeignKey(
        ReportDraft,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        db_comment="The draft it was uploaded to",
    )
    entry = models.ForeignKey(
        ReportEntry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        db_comment="Timeline entry it came with, when added later",
    )
    original_name = EncryptedTextField(db_comment="Encrypted: the file's name as uploaded")
    content_type = models.CharField(max_length=64, db_comment="Detected from the content")
    size_bytes = models.PositiveIntegerField(db_comment="Size after metadata was stripped")
    storage_name = models.CharField(
        max_length=64, unique=True, db_comment="Random file name in EVIDENCE_ROOT"
    )
    created_at = models.DateTimeField(db_comment="When it was uploaded")

    class Meta:
        db_table_comment = "Evidence files (encrypted on disk, outside the web root)"
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False) | Q(draft__isnull=False),
                name="evidence_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.storage_name


class ReportingHub(BaseModel):
    """Which organisation receives online and anonymous reports from an area.

    The row with no area is the default for places outside every configured area."""

    area = models.OneToOneField(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="Area served (empty: the default hub)",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+", db_comment="Hub"
    )
    is_default = models.BooleanField(
        default=False, db_comment="Receives reports from places outside every configured area"
    )

    class Meta:
        db_table_comment = "Routing of online reports to a hub organisation by area"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_hub"
            ),
            models.CheckConstraint(
                condition=Q(is_default=True, area__isnull=True)
                | Q(is_default=False, area__isnull=False),
                name="hub_default_xor_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.area or 'default'})"
