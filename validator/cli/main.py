"""The ``samplecheck`` command: subcommands, output and exit codes.

Exit codes follow ruff and pytest: 0 nothing at error severity, 1 findings at
error severity, 2 usage, configuration or unreadable input (one line on
standard error, never a traceback).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from validator.cli.parser import EXIT_USAGE, build_parser
from validator.errors import SamplecheckError

EXIT_CLEAN, EXIT_FINDINGS = 0, 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:  # the subcommand's module is imported only now, and only it
        return importlib.import_module(f"validator.cli.commands.{args.command}").run(args)
    except SamplecheckError as exc:
        print(f"samplecheck: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("samplecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
