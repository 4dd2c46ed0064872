"""Reports recorded by reporting-centre staff for someone (phone or walk-in)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def assisted_start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/start.html")


urlpatterns = [path("assisted/", assisted_start, name="assisted_start")]
