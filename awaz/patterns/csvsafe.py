"""CSV downloads a spreadsheet cannot turn into formulas: moved to ``awaz.core.csvsafe`` so
apps below patterns (imports' error lists) use the same cells; re-exported here."""

from awaz.core.csvsafe import csv_response, safe_cell

__all__ = ["csv_response", "safe_cell"]
