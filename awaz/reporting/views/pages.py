"""Public information pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
