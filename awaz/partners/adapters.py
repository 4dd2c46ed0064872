"""django-allauth adapter: staff join by invitation only; nobody signs up."""

from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
