"""Loading the demo's police extract: the force's administrator, its source, the files
under ``var/demo-imports/``, and one import of the CSV through the same services an
administrator's pages use (upload, confirm, the job), so it is checked, encrypted, counted
and audited like any other. Run after the rest of the demo (``make run``)."""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.imports.demo import (
    COLUMN_MAP,
    CSV_NAME,
    PER_YEAR,
    VALUE_MAPS,
    also_reported_through_awaz,
    demo_extract_rows,
    demo_extract_write,
)
from awaz.imports.models import ImportRun, ImportSource
from awaz.imports.services import (
    SourceSettings,
    import_confirm,
    import_run_execute,
    import_source_create,
    import_upload,
)
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.partners.services import staff_create
from awaz.reporting.demo import demo_password_read
from awaz.reporting.demo.partners import demo_email
from awaz.reporting.models import Report

ADMIN_LOCAL_PART = "police.admin"
ADMIN_NAME = "Ravi Placeholder"
SOURCE_NAME = "Monthly hate crime extract (demo)"
MSG_NO_POLICE = _("The demo has no police force: run `manage.py seed_demo` first.")


@dataclass(frozen=True)
class DemoImportSummary:
    run: ImportRun
    csv_path: Path
    xlsx_path: Path
    also_reported: int
    seconds: float


def demo_imports_present() -> bool:
    return ImportSource.objects.filter(organisation__is_demo=True).exists()


def _police() -> Organisation:
    police = (
        Organisation.objects.filter(kind=OrganisationKind.POLICE, is_demo=True)
        .order_by("pk")
        .first()
    )
    if police is None:
        raise ApplicationError(MSG_NO_POLICE)
    return police


def _administrator(police: Organisation) -> User:
    found = (
        Membership.objects.filter(organisation=police, role=Role.ADMINISTRATOR)
        .select_related("user")
        .first()
    )
    if found is not None:
        return found.user
    return staff_create(
        email=demo_email(ADMIN_LOCAL_PART),
        full_name=ADMIN_NAME,
        organisation=police,
        role=Role.ADMINISTRATOR,
        password=demo_password_read(),
        actor=None,
    )


def _start(today: datetime.date) -> datetime.date:
    first = Report.objects.filter(receiving_organisation__is_demo=True).order_by("submitted_at")
    earliest = first.values_list("submitted_at", flat=True).first()
    if earliest is None:
        return today - datetime.timedelta(days=3 * 365)
    return timezone.localtime(earliest).date()


def demo_imports_seed(*, seed: int = 42, per_year: int = PER_YEAR) -> DemoImportSummary:
    """The force's administrator defines its source and imports the demo extract (a full
    extract) once."""
    began = time.monotonic()
    police = _police()
    admin = _administrator(police)
    source = import_source_create(
        settings=SourceSettings(
            name=SOURCE_NAME,
            file_format="csv",
            column_map=dict(COLUMN_MAP),
            value_maps={kind: dict(mapping) for kind, mapping in VALUE_MAPS.items()},
            date_formats=["%d/%m/%Y"],
            full_extract=True,
        ),
        actor=admin,
    )
    today = timezone.localdate()
    also = also_reported_through_awaz(police)
    rows = demo_extract_rows(
        rng=random.Random(seed),
        start=_start(today),
        today=today,
        per_year=per_year,
        also_reported=also,
    )
    csv_path, xlsx_path = demo_extract_write(rows, today=today)
    run = import_upload(
        source=source,
        file_name=CSV_NAME,
        content=csv_path.read_bytes(),
        is_full_extract=True,
        actor=admin,
    )
    import_confirm(run=run, actor=admin, queue=False)
    import_run_execute(run.pk)
    run.refresh_from_db()
    return DemoImportSummary(
        run=run,
        csv_path=csv_path,
        xlsx_path=xlsx_path,
        also_reported=len(also),
        seconds=time.monotonic() - began,
    )
