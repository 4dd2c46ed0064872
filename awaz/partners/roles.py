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
