"""Audit every call to the partner API (``/api/v1/``), with the response's status: by its
client, or refused for its token. Nothing else is written, so a GET stays read-only."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from awaz.api_clients.selectors import api_client_refusal
from awaz.api_clients.services import api_call_record

PREFIX = "/api/v1/"


def _route(request: HttpRequest) -> str:
    match = request.resolver_match
    return "/" + match.route if match is not None and match.route else "(unknown)"


class ApiCallAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(PREFIX):
            return response
        client = getattr(request, "api_client", None)
        if client is not None:
            api_call_record(
                client=client,
                method=request.method or "",
                path=_route(request),
                status=response.status_code,
            )
        elif response.status_code == 401:
            header = request.headers.get("Authorization", "")
            scheme, _sep, token = header.partition(" ")
            api_call_record(
                client=None,
                method=request.method or "",
                path=_route(request),
                status=401,
                refusal=api_client_refusal(token.strip() if scheme.lower() == "bearer" else ""),
            )
        return response
