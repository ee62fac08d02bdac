"""The ``samplecheck`` command: subcommands, output and exit codes.

Exit codes follow ruff and pytest: 0 nothing at error severity, 1 findings at
error severity, 2 usage, configuration or unreadable input (one line on
standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from validator.cli.commands import COMMANDS
from validator.errors import SamplecheckError
from validator.version import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep it to one line
        self.exit(EXIT_USAGE, f"samplecheck: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="samplecheck",
                     description="Validate and lint microbial-genomics sample metadata.")
    parser.add_argument("--version", action="version", version=f"samplecheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except SamplecheckError as exc:
        print(f"samplecheck: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("samplecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
