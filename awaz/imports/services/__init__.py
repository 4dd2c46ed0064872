"""Imports services (all writes). Public names are re-exported here."""

from awaz.imports.services.runs import (
    import_cancel,
    import_confirm,
    import_files_purge,
    import_run_execute,
    import_upload,
)
from awaz.imports.services.sources import (
    SourceSettings,
    import_source_change,
    import_source_create,
)

__all__ = [
    "SourceSettings",
    "import_cancel",
    "import_confirm",
    "import_files_purge",
    "import_run_execute",
    "import_source_change",
    "import_source_create",
    "import_upload",
]
