"""One module per subcommand; each has ``register(subparsers)`` setting ``run``."""

from __future__ import annotations

from . import check, response, schemas_cmd

COMMANDS = (check, response, schemas_cmd)
