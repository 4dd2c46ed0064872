"""The JSON API (django-ninja). Each app adds its router here; errors render as JSON."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema

from awaz.api_clients.api import router as partner_router
from awaz.api_clients.exceptions import (
    AnswersInvalid,
    BodyTooLarge,
    IdempotencyKeyReused,
    RateLimited,
)
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.partners.services import access_denied_audit
from awaz.reporting.api import router as reporting_router

api = NinjaAPI(
    title="Awaz API",
    version="1",
    description=(
        "JSON API of Awaz. Staff endpoints need a signed-in session; the partner API "
        "(/api/v1/) an API client's bearer token."
    ),
    urls_namespace="api",
)


class Health(Schema):
    status: str


@api.get("/health", response=Health, auth=None, summary="Is the service up?")
def health(request: HttpRequest) -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}


api.add_router("/reports/", reporting_router)
api.add_router("/v1/", partner_router)


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    access_denied_audit(request=request, exception=exc)
    return api.create_response(request, {"detail": str(exc.message)}, status=404)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message)}, status=403)


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc.message), "extra": exc.extra}, status=400
    )


@api.exception_handler(IdempotencyKeyReused)
def _key_reused(request: HttpRequest, exc: IdempotencyKeyReused) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message)}, status=409)


@api.exception_handler(BodyTooLarge)
def _too_large(request: HttpRequest, exc: BodyTooLarge) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message)}, status=413)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc.message)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AnswersInvalid)
def _answers_invalid(request: HttpRequest, exc: AnswersInvalid) -> HttpResponse:
    detail = [
        {"loc": ["body", "payload", field], "msg": message, "type": "answer_invalid"}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail}, status=422)
