"""Public information pages, and "Exit this page"."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from awaz.reporting.models import Strand


def start(request: HttpRequest) -> HttpResponse:
    strands = Strand.objects.filter(is_active=True)
    return render(
        request,
        "reporting/pages/start.html",
        {
            "national_strands": [s for s in strands if s.is_national],
            "local_strands": [s for s in strands if not s.is_national],
        },
    )


def urgent_help(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/urgent_help.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/accessibility.html")


@require_GET
def exit_this_page(request: HttpRequest) -> HttpResponse:
    """ "Exit this page": end this browser's session on the server, then leave for the
    neutral site (``AWAZ_EXIT_URL``).

    The session holds the reporting draft's token and a returning reporter's access, so
    after the flush neither the answers nor the confirmation (reference and code) can be
    opened again from this browser, even with "back" or by typing the address. The draft
    itself is unreachable (the database keeps only the token's hash) and is deleted by the
    purge job when it expires.

    This is a GET on purpose, the one exception to "no GET writes" (ADR 0007): the GOV.UK
    component is a link, its script leaves by ``window.location.href = button.href``, and
    without JavaScript the link is all there is. It only ends the visitor's own session: it
    writes no record of the service and changes nothing anyone else sees, so a forged or
    repeated request can do no more than sign this browser out of its report.
    """
    request.session.flush()
    response = HttpResponseRedirect(settings.AWAZ_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    return response
