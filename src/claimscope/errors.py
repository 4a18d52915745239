"""Exception types for errors a user can cause; the CLI prints them without a traceback."""


class ClaimscopeError(Exception):
    """Base class for errors that carry a message meant for the user."""


class InputError(ClaimscopeError):
    """An input (file, feed entry, record) that cannot be read; the message names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(ClaimscopeError):
    """A spaCy pipeline that cannot be loaded or lacks a needed component."""


class StoreError(ClaimscopeError):
    """A database that cannot be opened or is not a claimscope store."""
