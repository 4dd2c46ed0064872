"""Staff management (administrators) and accepting an invitation (public link)."""

from django.urls import path

from awaz.partners.views import invitations, staff

app_name = "partners"

urlpatterns = [
    path("people/", staff.staff_list, name="staff_list"),
    path("people/invite/", staff.staff_invite_view, name="staff_invite"),
    path(
        "people/<int:user_id>/deactivate/",
        staff.staff_deactivate_view,
        name="staff_deactivate",
    ),
    path("invitation/<str:token>/", invitations.invitation_accept_view, name="invitation_accept"),
]
