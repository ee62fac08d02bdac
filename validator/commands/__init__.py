"""One module per subcommand; each has ``register(subparsers)`` setting ``run``."""

from __future__ import annotations

from . import check, response, rules, schemas_cmd

COMMANDS = (check, response, rules, schemas_cmd)
