"""Returning reporters: reference plus follow-up code (see ``views``)."""

from django.urls import path

from awaz.reporting.views.followup import views

urlpatterns = [
    path("follow-up/", views.followup_start, name="followup_start"),
    path("follow-up/your-report/", views.followup_report, name="followup_report"),
    path(
        "follow-up/add-information/",
        views.followup_add_information,
        name="followup_add_information",
    ),
    path("follow-up/consent/", views.followup_consent, name="followup_consent"),
    path("follow-up/sign-out/", views.followup_sign_out, name="followup_sign_out"),
    path("follow-up/lost-code/", views.followup_lost_code, name="followup_lost_code"),
    path(
        "follow-up/lost-code/sent/",
        views.followup_lost_code_sent,
        name="followup_lost_code_sent",
    ),
]
