"""The "Import boundaries" page of the Area admin: upload, preview, confirm.

1. Upload a file with the options. It is read and checked at once; a file that cannot be
   used is refused on the form. Otherwise it is kept under ``var/geo-imports/`` with a
   random name (the session holds that name and the options, never the browser).
2. Preview: the kept file is read again and a dry run shows every feature (code, name,
   level, parent found, area in km2, valid or why not). Nothing is saved.
3. Confirm: the kept file is read and checked once more and imported, all or nothing, if the
   confirmation names the upload the session holds.

Only users with Django's ``geo.add_area`` permission (superusers have it) may use it.
Kept files are deleted on confirmation or cancellation, and after a day in any case.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from awaz.audit.services import Actor
from awaz.core.exceptions import ApplicationError
from awaz.geo.forms import BoundaryOptionsForm, BoundaryUploadForm
from awaz.geo.importers import BOUNDARY_SUFFIXES, boundary_file_read
from awaz.geo.models import AreaLevel
from awaz.geo.services import PLACE_REPORTS_HINT, BoundaryImportResult, boundaries_import

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

SESSION_KEY = "geo_boundary_import"
PERMISSION = "geo.add_area"
KEEP_SECONDS = 24 * 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_OPTION_FIELDS = ("level", "parent_mode", "parent_code", "code_field", "name_field", "repair")


def can_import(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(PERMISSION))


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "geo-imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _clear_old(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _kept_path(pending: dict[str, Any]) -> Path | None:
    """The kept file named in the session, if the name is one we made and it still exists."""
    token, suffix = str(pending.get("token", "")), str(pending.get("suffix", ""))
    if not _TOKEN.fullmatch(token) or suffix not in BOUNDARY_SUFFIXES:
        return None
    path = _folder() / f"{token}{suffix}"
    return path if path.is_file() else None


def _discard(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if isinstance(pending, dict):
        path = _kept_path(pending)
        if path is not None:
            path.unlink(missing_ok=True)


def _run(
    content: bytes, *, filename: str, options: BoundaryOptionsForm, dry_run: bool, user: Any
) -> BoundaryImportResult:
    data = options.cleaned_data
    boundary_file = boundary_file_read(
        content,
        filename=filename,
        level=data["level"],
        code_field=data.get("code_field", "").strip(),
        name_field=data.get("name_field", "").strip(),
        repair=bool(data.get("repair")),
    )
    return boundaries_import(
        boundary_file=boundary_file,
        level=AreaLevel(data["level"]),
        parent_code=options.chosen_parent_code,
        parent_by_containment=options.chosen_containment,
        dry_run=dry_run,
        actor=Actor(user=user),
    )


def _context(model_admin: ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import boundaries"),
        "changelist_url": reverse("admin:geo_area_changelist"),
        "import_url": reverse("admin:geo_area_import"),
        **extra,
    }


def _upload(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    form = BoundaryUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        filename = PurePosixPath(upload.name).name[:100]
        content = upload.read()
        try:
            _run(content, filename=filename, options=form, dry_run=True, user=request.user)
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            _discard(request)
            folder = _folder()
            _clear_old(folder)
            token = secrets.token_urlsafe(24)
            suffix = PurePosixPath(filename.lower()).suffix
            (folder / f"{token}{suffix}").write_bytes(content)
            request.session[SESSION_KEY] = {
                "token": token,
                "suffix": suffix,
                "filename": filename,
                "options": {name: form.cleaned_data.get(name) for name in _OPTION_FIELDS},
            }
            return HttpResponseRedirect(reverse("admin:geo_area_import") + "?step=preview")
    return TemplateResponse(
        request, "admin/geo/area/import_boundaries.html", _context(model_admin, request, form=form)
    )


def _pending(request: HttpRequest) -> tuple[dict[str, Any], Path, BoundaryOptionsForm] | None:
    """The upload the session holds, its kept file and its options (validated again)."""
    pending = request.session.get(SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    path = _kept_path(pending)
    options = BoundaryOptionsForm(data=pending.get("options") or {})
    if path is None or not options.is_valid():
        _discard(request)
        return None
    return pending, path, options


def _preview_or_confirm(
    model_admin: ModelAdmin, request: HttpRequest, *, confirm: bool
) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.warning(request, _("That upload has expired: upload the file again."))
        return HttpResponseRedirect(reverse("admin:geo_area_import"))
    pending, path, options = found
    if confirm and not secrets.compare_digest(
        str(request.POST.get("token", "")), str(pending["token"])
    ):
        messages.warning(
            request, _("Another file was uploaded since that preview: check this one.")
        )
        return HttpResponseRedirect(reverse("admin:geo_area_import") + "?step=preview")
    try:
        result = _run(
            path.read_bytes(),
            filename=pending["filename"],
            options=options,
            dry_run=not confirm,
            user=request.user,
        )
    except ApplicationError as exc:
        _discard(request)
        messages.error(request, str(exc.message))
        return HttpResponseRedirect(reverse("admin:geo_area_import"))
    if result.saved:
        _discard(request)
        messages.success(
            request,
            _("Imported %(file)s: %(created)s areas created, %(updated)s updated.")
            % {"file": result.filename, "created": result.created, "updated": result.updated},
        )
        messages.info(request, PLACE_REPORTS_HINT)
        return HttpResponseRedirect(reverse("admin:geo_area_changelist"))
    return TemplateResponse(
        request,
        "admin/geo/area/import_preview.html",
        _context(
            model_admin,
            request,
            result=result,
            token=pending["token"],
            level_label=AreaLevel(result.level).label,
        ),
    )


def boundary_import_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "upload":
            return _upload(model_admin, request)
        if step == "confirm":
            return _preview_or_confirm(model_admin, request, confirm=True)
        if step == "cancel":
            _discard(request)
            messages.info(request, _("Import cancelled: nothing was saved."))
        return HttpResponseRedirect(reverse("admin:geo_area_import"))
    if request.GET.get("step") == "preview":
        return _preview_or_confirm(model_admin, request, confirm=False)
    return TemplateResponse(
        request,
        "admin/geo/area/import_boundaries.html",
        _context(model_admin, request, form=BoundaryUploadForm()),
    )
