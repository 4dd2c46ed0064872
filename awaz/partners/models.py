"""Partner organisations, staff memberships and invitations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class OrganisationKind(models.TextChoices):
    POLICE = "police", _("Police")
    PROBATION = "probation", _("Probation")
    CSP = "csp", _("Community safety partnership")
    VICTIM_SUPPORT = "victim_support", _("Victim support")
    PCC_OFFICE = "pcc_office", _("Police and Crime Commissioner's office")
    COUNCIL = "council", _("Council")
    HEALTH = "health", _("Health")
    THIRD_SECTOR = "third_sector", _("Third sector")
    YOUTH = "youth", _("Youth")
    SUBJECT_EXPERT = "subject_expert", _("Subject-matter expert")
    REPORTING_CENTRE = "reporting_centre", _("Third-party reporting centre")


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200, unique=True, db_comment="Public name")
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, db_comment="Kind of partner"
    )
    is_demo = models.BooleanField(
        default=False, db_comment="True for the fictional demo organisations"
    )
    is_active = models.BooleanField(default=True, db_comment="False once it leaves the partnership")

    class Meta:
        db_table_comment = "Partner organisations of the hate crime partnership"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CENTRE_CASEWORKER = "centre_caseworker", _("Reporting-centre caseworker")
    PARTNER_CASEWORKER = "partner_caseworker", _("Partner caseworker")
    ANALYST = "analyst", _("Analyst")
    CHAIR = "chair", _("Partnership chair")
    PCC_OFFICE = "pcc_office", _("PCC office (oversight)")
    ADMINISTRATOR = "administrator", _("Administrator")


class LeaverReason(models.TextChoices):
    """Why a member of staff was deactivated: a fixed list, so the audit log holds no free
    text about a person."""

    LEFT_ORGANISATION = "left_organisation", _("They have left the organisation")
    CHANGED_JOB = "changed_job", _("They no longer need access for their job")
    SECURITY = "security", _("Their account may be at risk")
    OTHER = "other", _("Another reason")


class Membership(BaseModel):
    """A staff user's place in one organisation, with one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        db_comment="The staff user",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", db_comment="Employer"
    )
    role = models.CharField(max_length=32, choices=Role.choices, db_comment="What they may do")

    class Meta:
        db_table_comment = "Which organisation a staff user belongs to, and their role"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"


class Invitation(BaseModel):
    """An invitation to join as staff. Only the token's hash is stored."""

    email = models.EmailField(db_comment="Where the invitation was sent")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_comment="Joining organisation"
    )
    role = models.CharField(max_length=32, choices=Role.choices, db_comment="Role on joining")
    token_hash = models.CharField(max_length=64, unique=True, db_comment="SHA-256 of the token")
    expires_at = models.DateTimeField(db_comment="The link stops working after this")
    accepted_at = models.DateTimeField(null=True, blank=True, db_comment="When it was used")

    class Meta:
        db_table_comment = "Invitations for new staff users"

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()}, {self.organisation})"
