"""The public reporting journey (one question per page)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def journey_start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/start.html")


urlpatterns = [path("", journey_start, name="journey_start")]
