"""The one error a reader raises when a whole file cannot be used."""

from awaz.core.exceptions import ApplicationError


class ImportFileError(ApplicationError):
    """The file as a whole is unusable (unreadable, unknown projection, no usable columns).
    The message names the file and says what to do."""
