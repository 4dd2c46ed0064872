"""Response headers every page needs."""

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def permissions_policy_header(policy: Mapping[str, Sequence[str]]) -> str:
    """``{"camera": [], "geolocation": ["self"]}`` as ``camera=(), geolocation=(self)``:
    an empty list switches the feature off everywhere, ``self`` allows this site only, and
    other origins are quoted as the header's structured-field syntax requires."""

    def allowlist(origins: Sequence[str]) -> str:
        items = [o if o in ("self", "*") else f'"{o}"' for o in origins]
        return "(" + " ".join(items) + ")" if items != ["*"] else "*"

    return ", ".join(f"{feature}={allowlist(origins)}" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (from ``AWAZ_PERMISSIONS_POLICY``) to every response, so
    no page, and nothing a page might frame or a script might be tricked into, can use a
    browser feature Awaz does not need: camera, microphone, payment, USB and the rest."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(settings.AWAZ_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class NoStoreMiddleware:
    """Pages may show personal data, and victims may share a device: tell browsers and
    proxies to keep no copy, so "back" after "Exit this page" shows nothing. Static files
    are served before this runs (WhiteNoise), so they stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class ApplicationErrorMiddleware:
    """Turns ``NotFound`` from an ``access_*`` helper into the ordinary 404 page, so a
    record that is missing and one that is not yours look exactly alike, and
    ``PermissionDenied`` (an action the role may not take) into a 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
        from django.http import Http404

        from awaz.core.exceptions import NotFound, PermissionDenied

        if isinstance(exception, NotFound):
            raise Http404() from exception
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied() from exception
