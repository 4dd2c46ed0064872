"""Analysis facts: one narrow row per report, written in the same transaction as the report.

Patterns, measures and open statistics read these tables instead of ``Report``: they hold
no personal data (no free text, no contact details, no exact place: only the 50 m grid
square and the area), and they are small enough to count a million incidents quickly. They
are never stale because ``report_submit`` writes them before it commits
(``services/facts.py``); ``manage.py incident_facts_rebuild`` re-derives them from the
reports, and a test checks that both ways agree.
"""

from django.db import models

from awaz.reporting.models.report import Report, Strand


class IncidentFact(models.Model):
    """What analysis may know about one report."""

    report = models.OneToOneField(
        Report,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="fact",
        db_comment="The report these facts come from",
    )
    occurred_on = models.DateField(
        db_comment="Date of the incident; the day it was reported when no date was given"
    )
    date_known = models.BooleanField(db_comment="The reporter gave the incident's date")
    reported_on = models.DateField(db_comment="Day the report was submitted (Europe/London)")
    month = models.DateField(db_comment="First day of the month of occurred_on")
    week = models.DateField(db_comment="Monday of the ISO week of occurred_on")
    weekday = models.PositiveSmallIntegerField(db_comment="0 Monday .. 6 Sunday of occurred_on")
    hour = models.PositiveSmallIntegerField(
        null=True, blank=True, db_comment="Hour of the incident, 0-23, if a time was given"
    )
    area = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Smallest known area containing the place",
    )
    local_authority = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Local authority containing the place",
    )
    type_mask = models.IntegerField(
        default=0, db_comment="Incident types as bits, in the order of INCIDENT_TYPE_BITS"
    )
    channel = models.CharField(max_length=16, db_comment="How the report came in")
    source = models.CharField(max_length=16, db_comment="Who reported: victim, witness, on behalf")
    strand_count = models.PositiveSmallIntegerField(
        default=0, db_comment="How many strands the reporter named"
    )
    grid_easting = models.IntegerField(
        null=True, blank=True, db_comment="Centre of the 50 m British National Grid square"
    )
    grid_northing = models.IntegerField(
        null=True, blank=True, db_comment="Centre of the 50 m British National Grid square"
    )

    class Meta:
        db_table_comment = "One row per report of what analysis may know (no personal data)"
        # The dashboard's counts (``awaz.patterns.selectors.dashboard``) read only indexes:
        # each holds every column a filter or a grouping needs (the report id too, for a
        # chosen strand's join), so no table row is read. SQLite reads the three indexes that
        # lead with a grouped column in group order (a skip-scan over its few values, then
        # the date range), so it needs no sort; PostgreSQL uses the first two.
        indexes = [
            models.Index(
                fields=[
                    "occurred_on",
                    "report",
                    "area",
                    "type_mask",
                    "channel",
                    "source",
                    "date_known",
                    "weekday",
                    "hour",
                ],
                name="fact_occurred_cover",
            ),
            models.Index(
                fields=[
                    "area",
                    "occurred_on",
                    "type_mask",
                    "channel",
                    "source",
                    "date_known",
                    "weekday",
                    "hour",
                    "report",
                ],
                name="fact_area_occurred",
            ),
            models.Index(
                fields=["channel", "source", "occurred_on", "area", "type_mask", "report"],
                name="fact_channel_source",
            ),
            models.Index(
                fields=["type_mask", "occurred_on", "area", "channel", "source", "report"],
                name="fact_type_mask",
            ),
            models.Index(
                fields=[
                    "weekday",
                    "hour",
                    "occurred_on",
                    "area",
                    "type_mask",
                    "channel",
                    "source",
                    "report",
                ],
                name="fact_day_hour",
            ),
            # Incidents without a date (a few per cent), counted apart on the headline.
            models.Index(
                fields=["occurred_on", "area", "type_mask", "channel", "source", "report"],
                condition=models.Q(date_known=False),
                name="fact_date_unknown",
            ),
            models.Index(fields=["reported_on"], name="fact_reported_on"),
        ]

    def __str__(self) -> str:
        return f"facts of report {self.report_id}"


class IncidentStrand(models.Model):
    """One strand named in a report (strands are counted as mentions: a report may name
    several). Every column of the fact that a dashboard filter or count reads is copied
    here, so counts for one strand, or strand counts under any filter, need no join: a
    report names a strand at most once, so a strand's rows count the same reports as the
    facts do."""

    fact = models.ForeignKey(
        IncidentFact,
        on_delete=models.CASCADE,
        related_name="strand_rows",
        db_comment="The report's facts",
    )
    strand = models.ForeignKey(
        Strand, on_delete=models.PROTECT, related_name="+", db_comment="A strand named"
    )
    occurred_on = models.DateField(db_comment="Copied from the fact")
    date_known = models.BooleanField(default=True, db_comment="Copied from the fact")
    month = models.DateField(db_comment="Copied from the fact")
    week = models.DateField(db_comment="Copied from the fact")
    weekday = models.PositiveSmallIntegerField(db_comment="Copied from the fact")
    hour = models.PositiveSmallIntegerField(
        null=True, blank=True, db_comment="Copied from the fact"
    )
    area = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Copied from the fact",
    )
    local_authority = models.ForeignKey(
        "geo.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Copied from the fact",
    )
    type_mask = models.IntegerField(default=0, db_comment="Copied from the fact")
    channel = models.CharField(max_length=16, db_comment="Copied from the fact")
    source = models.CharField(max_length=16, db_comment="Copied from the fact")

    class Meta:
        db_table_comment = "Strands named in each report, one row per mention"
        constraints = [
            models.UniqueConstraint(fields=["fact", "strand"], name="incident_strand_once")
        ]
        # Like the facts' indexes, each holds every column a filter or a count reads, so
        # the dashboard reads no table row: one strand's counts (and several strands' report
        # ids) from the first and the three grouped ones, every strand's mentions in a
        # period from the second.
        indexes = [
            models.Index(
                fields=[
                    "strand",
                    "occurred_on",
                    "area",
                    "type_mask",
                    "channel",
                    "source",
                    "date_known",
                    "weekday",
                    "hour",
                    "fact",
                ],
                name="strand_occurred_cover",
            ),
            models.Index(
                fields=["occurred_on", "strand", "area", "type_mask", "channel", "source"],
                name="strand_day_cover",
            ),
            # SQLite skip-scans the few values of the grouped columns, then reads the
            # strand's date range under each, in group order with no sort (as the facts'
            # ``fact_channel_source``, ``fact_type_mask`` and ``fact_day_hour``).
            models.Index(
                fields=["channel", "source", "strand", "occurred_on", "area", "type_mask"],
                name="strand_channel_source",
            ),
            models.Index(
                fields=["type_mask", "strand", "occurred_on", "area", "channel", "source"],
                name="strand_type_mask",
            ),
            models.Index(
                fields=[
                    "weekday",
                    "hour",
                    "strand",
                    "occurred_on",
                    "area",
                    "type_mask",
                    "channel",
                    "source",
                ],
                name="strand_day_hour",
            ),
            # One strand's incidents without a date, counted apart on the headline.
            models.Index(
                fields=["strand", "occurred_on", "area", "type_mask", "channel", "source"],
                condition=models.Q(date_known=False),
                name="strand_date_unknown",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact_id}: {self.strand_id}"


ALL_STRANDS = 0


class MonthlyCount(models.Model):
    """Incidents per month, area and strand (``strand_key`` 0: every report once), kept
    up to date in the report's transaction. The areas-of-concern baseline needs three
    years of these; reading them here costs thousands of rows, not a million."""

    month = models.DateField(db_comment="First day of the month")
    area_key = models.IntegerField(db_comment="Smallest known area id, or 0 when not placed")
    strand_key = models.IntegerField(db_comment="Strand id, or 0 for all reports (each once)")
    count = models.PositiveIntegerField(default=0, db_comment="Incidents")

    class Meta:
        db_table_comment = "Incidents per month, area and strand, for the areas-of-concern baseline"
        constraints = [
            models.UniqueConstraint(
                fields=["month", "area_key", "strand_key"], name="monthly_count_once"
            )
        ]
        # Holds the count too, so the dashboard and the areas of concern read only the index.
        indexes = [
            models.Index(
                fields=["strand_key", "month", "area_key", "count"], name="monthly_strand_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.area_key} {self.strand_key}: {self.count}"
