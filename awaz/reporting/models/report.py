"""Reports as submitted, the strands they name, and the choices their answers use.

Personal data (names, contact details, free text about people, exact place) is encrypted at
rest (``Encrypted*Field``). Analysis uses only the generalised place (a 50 m grid square of
the British National Grid and the area) and the categorical answers. Matching on contact
details uses blind indexes (``*_index``), never plaintext.
"""

from __future__ import annotations

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
    # A record from a partner's own system (a police extract, a partner's spreadsheet),
    # brought in by ``awaz.imports``; ``recorded_by_organisation`` is that partner.
    IMPORTED = "imported", _("From a partner's own records (imported)")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("Being looked at")
    PASSED_TO_SUPPORT = "passed_to_support", _("Passed to support")
    IN_SUPPORT = "in_support", _("Being supported")
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


class AgeConfirmed(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    ADULT = "18_or_over", _("18 or over")


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
        db_comment="Reporting centre that recorded an assisted report, or the partner an "
        "imported record came from",
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
    age_confirmed = models.CharField(
        max_length=12,
        choices=AgeConfirmed.choices,
        blank=True,
        db_comment="When the victim's answers about their age disagreed: which they confirmed",
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
    contact_address = EncryptedTextField(
        blank=True, db_comment="Encrypted: postal address, to contact by letter"
    )
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
        indexes = [
            models.Index(fields=["receiving_organisation", "status", "submitted_at"]),
            # Repeat places: a bounding box on the 50 m grid square centres.
            models.Index(fields=["grid_easting", "grid_northing"], name="report_grid_square"),
        ]

    def __str__(self) -> str:
        return self.reference
