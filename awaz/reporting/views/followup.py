"""Returning reporters: reference plus follow-up code."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def followup_start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/start.html")


urlpatterns = [path("follow-up/", followup_start, name="followup_start")]
