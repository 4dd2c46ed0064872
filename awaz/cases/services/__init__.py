"""Every write to cases goes through these services (re-exported by their modules)."""
