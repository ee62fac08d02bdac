"""One module per subcommand; each has ``register(subparsers)`` setting ``run``."""

from __future__ import annotations

from validator.cli.commands import check, fix, replay, response, rules, schemas_cmd, template

COMMANDS = (check, response, replay, rules, schemas_cmd, template, fix)
