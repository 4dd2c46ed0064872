"""Staff management pages for administrators."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/pages/start.html")
