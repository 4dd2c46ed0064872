"""Staff management: invitations, leavers."""

from django.urls import path

from awaz.partners import views

app_name = "partners"

urlpatterns = [path("people/", views.staff_list, name="staff_list")]
