"""How the partner API knows its caller: a bearer token, refused (401) when missing, unknown,
expired or revoked; a body over the limit refused (413) before it is read; and each token
limited to so many calls a minute (429 with ``Retry-After``), counted in the shared cache."""

from __future__ import annotations

import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer

from awaz.api_clients.exceptions import MSG_TOO_LARGE, BodyTooLarge, RateLimited, scope_missing
from awaz.api_clients.models import ApiClient
from awaz.api_clients.selectors import api_client_for_token

RATE_WINDOW = 60


def body_limit() -> int:
    return int(settings.AWAZ_API_MAX_BODY_BYTES)


def upload_limit() -> int:
    return int(settings.AWAZ_API_MAX_UPLOAD_BYTES)


def rate_limit() -> int:
    return int(settings.AWAZ_API_RATE_PER_MINUTE)


def _check_size(request: HttpRequest) -> None:
    limit = upload_limit() if request.path.rstrip("/").endswith("/imports") else body_limit()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise BodyTooLarge(MSG_TOO_LARGE % {"size": limit})


def _check_rate(client: ApiClient) -> None:
    """A fixed window per token: the first call of a window starts it."""
    now = time.time()
    window = int(now // RATE_WINDOW)
    key = f"awaz:api-rate:{client.pk}:{window}"
    cache.add(key, 0, timeout=RATE_WINDOW * 2)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=RATE_WINDOW * 2)
        count = 1
    if count > rate_limit():
        raise RateLimited(retry_after=max(1, math.ceil((window + 1) * RATE_WINDOW - now)))


class ClientToken(HttpBearer):
    """``Authorization: Bearer awz_...``: the client, or None (401)."""

    openapi_description = "An API client's token, made by an administrator of the organisation"

    def __call__(self, request: HttpRequest) -> Any:
        _check_size(request)  # before anything reads the body
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = api_client_for_token(token)
        if client is None:
            return None
        request.api_client = client  # type: ignore[attr-defined]
        _check_rate(client)
        return client


def require_scope(request: HttpRequest, scope: str) -> ApiClient:
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    if scope not in client.scopes:
        raise scope_missing(scope)
    return client
