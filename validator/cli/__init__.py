"""The ``samplecheck`` command."""

from validator.cli.main import main

__all__ = ["main"]
