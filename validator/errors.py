"""Exceptions that end a run with one clear line and exit status 2.

Anything the user can get wrong before a check starts (a path, a schema name,
a config key, a file that is not what it claims to be) raises one of these; the
CLI prints ``samplecheck: <message>`` and never a traceback.
"""

from __future__ import annotations


class SamplecheckError(Exception):
    """Base class: the message is one line meant for the user."""


class InputError(SamplecheckError):
    """An input cannot be read: missing, a directory, not JSON, binary junk."""


class UnknownSchemaError(SamplecheckError, KeyError):
    """A schema name that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class DetectError(SamplecheckError):
    """``--schema auto`` could not tell which schema a document follows."""


class ConfigError(SamplecheckError):
    """A configuration file or option that is not valid."""
