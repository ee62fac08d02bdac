"""The package's version (layer 0: imports nothing of ours), as ``pyproject.toml`` gives it."""

__version__ = "0.1.0"
