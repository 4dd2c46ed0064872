"""Roles and multi-factor authentication.

Per-app permissions live in ``<app>/access.py`` (each maps actions to the roles allowed).
"""

from awaz.partners.models import Role

# Roles whose work shows them names, contact details or free text about people.
PERSONAL_DATA_ROLES = frozenset(
    {Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER, Role.ANALYST, Role.CHAIR}
)

# Roles that must use multi-factor authentication when AWAZ_MFA_REQUIRED is on (always in
# production). Every personal-data role, and the administrator too, because an administrator
# can invite users and so give anyone access.
MFA_ROLES = PERSONAL_DATA_ROLES | {Role.ADMINISTRATOR, Role.PCC_OFFICE}

# What the administrator role may do in the Django admin, which holds the one tool the Awaz
# pages do not: importing boundaries (Areas, "Import boundaries"; README, Geography
# imports). Administrators are ``is_staff`` with exactly these permissions, kept in step
# with their role (``services.accounts.admin_site_access_sync``); the admin's sign-in is
# allauth's, with the same password and MFA checks as every staff page.
ADMIN_SITE_PERMISSIONS = ("geo.view_area", "geo.add_area", "geo.view_postcodeunit")
