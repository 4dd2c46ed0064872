"""Pages of imports, for administrators of the source's organisation."""
