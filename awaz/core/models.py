"""Shared base models and the custom user model.

The user model lives here, lowest in the app order, so every app may point at it. What a
user may do depends on their membership of an organisation (``awaz.partners``).
"""

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("Users must have an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff of a partner organisation. Reporters never have accounts."""

    email = models.EmailField(_("e-mail address"), unique=True, db_comment="Sign-in e-mail")
    full_name = models.CharField(_("full name"), max_length=200, db_comment="Display name")
    is_active = models.BooleanField(
        default=True, db_comment="False once the user has left; they can no longer sign in"
    )
    is_staff = models.BooleanField(default=False, db_comment="May use the Django admin")
    date_joined = models.DateTimeField(default=timezone.now, db_comment="When the account was made")
    deactivated_at = models.DateTimeField(
        null=True, blank=True, db_comment="When the user was marked as a leaver"
    )
    # Inherited fields, redeclared only to explain them in the schema.
    password = models.CharField(
        _("password"), max_length=128, db_comment="Argon2 hash of the password"
    )
    last_login = models.DateTimeField(
        _("last login"), blank=True, null=True, db_comment="When the user last signed in"
    )
    is_superuser = models.BooleanField(
        _("superuser status"),
        default=False,
        db_comment="Has every Django admin permission (technical administration only)",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        db_table_comment = "Staff users of partner organisations (reporters have no accounts)"

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class BaseModel(models.Model):
    """Every row says who made and last changed it, and when (data-hub's BaseModel)."""

    created_at = models.DateTimeField(auto_now_add=True, db_comment="When the row was created")
    modified_at = models.DateTimeField(auto_now=True, db_comment="When the row last changed")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user who created the row (empty for the public or the system)",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user who last changed the row",
    )

    class Meta:
        abstract = True
