"""Response headers every page needs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
