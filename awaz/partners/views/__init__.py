"""Partners' pages: staff management for administrators, accepting an invitation, and the
allauth multi-factor pages Awaz wraps to audit them."""
