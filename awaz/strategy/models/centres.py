"""The register of third-party reporting centres (strand 2): the reporting-centre
organisations from ``partners``, with what a victim needs to know before going there and
what the partnership checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class ReportingCentre(BaseModel):
    """A reporting centre's public details and its checks. An organisation's address and
    opening hours are public information, not personal data."""

    organisation = models.OneToOneField(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="centre",
        db_comment="The reporting-centre organisation",
    )
    address = models.TextField(_("address"), db_comment="Street address shown to the public")
    postcode = models.CharField(_("postcode"), max_length=8, blank=True, db_comment="Postcode")
    area = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Area it is in",
    )
    lat = models.FloatField(null=True, blank=True, db_comment="Map position, latitude (WGS84)")
    lon = models.FloatField(null=True, blank=True, db_comment="Map position, longitude (WGS84)")
    phone = models.CharField(_("phone"), max_length=40, blank=True, db_comment="Public phone")
    email = models.EmailField(_("email"), blank=True, db_comment="Public e-mail address")
    website = models.URLField(_("website"), blank=True, db_comment="Public web page")
    opening_hours = models.TextField(_("opening hours"), db_comment="When someone can call in")
    languages = models.CharField(
        _("languages"), max_length=300, blank=True, db_comment="Languages spoken, comma-separated"
    )
    accessibility = models.TextField(
        _("accessibility"), blank=True, db_comment="Step-free access, hearing loop, BSL ..."
    )
    has_private_space = models.BooleanField(
        _("private space available"), default=False, db_comment="A private room to talk"
    )
    trained_staff = models.PositiveSmallIntegerField(
        _("trained staff"), default=0, db_comment="Staff trained to take reports now"
    )
    is_listed = models.BooleanField(
        _("listed publicly"),
        default=True,
        db_comment="Shown on the public page while verified (the centre agrees to be listed)",
    )
    last_verified_on = models.DateField(
        _("last verified"), null=True, blank=True, db_comment="When its details were checked"
    )
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who checked them",
    )

    class Meta:
        db_table_comment = "Register of third-party reporting centres and their checks"
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)


class CentreTraining(models.Model):
    """A training session for a centre's staff (append-only)."""

    centre = models.ForeignKey(
        ReportingCentre, on_delete=models.CASCADE, related_name="trainings", db_comment="Centre"
    )
    trained_on = models.DateField(_("date"), db_comment="Date of the training")
    people_trained = models.PositiveSmallIntegerField(
        _("people trained"), db_comment="How many of the centre's staff took part"
    )
    course = models.CharField(_("course"), max_length=200, db_comment="What the training was")
    recorded_at = models.DateTimeField(db_comment="When it was recorded")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who recorded it",
    )

    class Meta:
        db_table_comment = "Training sessions for reporting centres' staff"
        ordering = ["centre", "-trained_on"]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.trained_on}"
