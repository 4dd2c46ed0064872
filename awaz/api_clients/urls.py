"""API clients of partner systems (administrators of the client's organisation)."""

from django.urls import path

from awaz.api_clients import views

app_name = "api_clients"

urlpatterns = [
    path("", views.client_list_view, name="client_list"),
    path("new/", views.client_create_view, name="client_create"),
    path("<int:client_id>/revoke/", views.client_revoke_view, name="client_revoke"),
]
