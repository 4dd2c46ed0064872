"""The triage inbox and report detail for staff of the receiving organisation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def triage_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/start.html")


urlpatterns = [path("inbox/", triage_inbox, name="triage_inbox")]
