"""Areas as a hierarchy: county > local authority > ward or neighbourhood."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class AreaLevel(models.TextChoices):
    COUNTY = "county", _("County")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    WARD = "ward", _("Ward")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


# Depth of each level: a point is assigned to the deepest area that contains it.
LEVEL_DEPTH = {
    AreaLevel.COUNTY: 0,
    AreaLevel.LOCAL_AUTHORITY: 1,
    AreaLevel.WARD: 2,
    AreaLevel.NEIGHBOURHOOD: 3,
}


class Area(BaseModel):
    """An area with its boundary as GeoJSON (WGS84 longitude, latitude)."""

    code = models.CharField(max_length=20, unique=True, db_comment="e.g. an ONS GSS code")
    name = models.CharField(max_length=200, db_comment="Name shown to users")
    level = models.CharField(max_length=20, choices=AreaLevel.choices, db_comment="Level")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        db_comment="Containing area",
    )
    geometry = models.JSONField(
        null=True, blank=True, db_comment="GeoJSON Polygon or MultiPolygon, WGS84"
    )
    min_lon = models.FloatField(null=True, blank=True, db_comment="Bounding box west")
    min_lat = models.FloatField(null=True, blank=True, db_comment="Bounding box south")
    max_lon = models.FloatField(null=True, blank=True, db_comment="Bounding box east")
    max_lat = models.FloatField(null=True, blank=True, db_comment="Bounding box north")
    population = models.PositiveIntegerField(
        null=True, blank=True, db_comment="Residents, from the imported population table"
    )
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, db_comment="Year the population figure is for"
    )
    is_demo = models.BooleanField(default=False, db_comment="Generated for the demonstration")

    class Meta:
        db_table_comment = "Areas (county, local authority, ward, neighbourhood) with boundaries"
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="county") | Q(parent__isnull=False),
                name="area_below_county_has_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PostcodeUnit(models.Model):
    """A postcode's centroid, imported from the ONS postcode directory or OS Code-Point Open
    (the demo generates its own small lookup). Used to place a report when only a postcode
    is known."""

    postcode = models.CharField(
        max_length=8, unique=True, db_comment="Normalised: upper case, one space (CA1 1AA)"
    )
    lat = models.FloatField(db_comment="Centroid latitude (WGS84)")
    lon = models.FloatField(db_comment="Centroid longitude (WGS84)")
    is_demo = models.BooleanField(default=False, db_comment="Generated for the demonstration")

    class Meta:
        db_table_comment = "Postcode centroids for placing reports given only a postcode"

    def __str__(self) -> str:
        return self.postcode
