"""One module per subcommand; each has ``register(subparsers)`` setting ``run``."""

from __future__ import annotations

from . import response, rules, schemas_cmd

COMMANDS = (response, rules, schemas_cmd)
