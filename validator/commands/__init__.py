"""One module per subcommand; each has ``register(subparsers)`` setting ``run``."""

from __future__ import annotations

from . import response, schemas_cmd, template

COMMANDS = (response, schemas_cmd, template)
