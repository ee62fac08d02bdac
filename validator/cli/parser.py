"""The ``samplecheck`` command line: every subcommand's name and options, and nothing else.

Building the parser is cheap: no checker is imported. Each subcommand records the
module that does its work (``validator.cli.commands.<module>``, with a ``run(args)``
function); :func:`validator.cli.main.main` imports that one module only when the
subcommand runs, so ``samplecheck response`` never loads what ``check`` needs (pandas).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from validator.findings.model import MAX_FINDINGS
from validator.output import RENDERERS
from validator.spec.fields import CUSTOM_TYPES
from validator.version import __version__

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep it to one line
        self.exit(EXIT_USAGE, f"samplecheck: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand; ``args.command`` names the module under ``validator.cli.commands``."""
    parser = _Parser(prog="samplecheck",
                     description="Validate and lint microbial-genomics sample metadata.")
    parser.add_argument("--version", action="version", version=f"samplecheck {__version__}")
    sub = parser.add_subparsers(dest="subcommand", metavar="COMMAND", parser_class=_Parser)
    for add in (_check, _response, _replay, _rules, _schemas, _template, _fix):
        add(sub)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check lab spreadsheets (CSV, TSV, XLSX, Parquet) before upload",
                       description="Check sample metadata sheets before upload: every problem, "
                                   "at its cell, with a fix where there is one. Directories are "
                                   "searched recursively.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a .csv, .tsv, .txt, .xlsx or .parquet file, or a directory")
    p.add_argument("--sheet", metavar="NAME", help="check only this sheet of each workbook")
    p.add_argument("--max-findings", type=_positive, default=MAX_FINDINGS, metavar="N",
                   help=f"findings listed per rule code and file (default {MAX_FINDINGS:,}); "
                        "past it they are counted, not listed")
    add_output_options(p)
    p.add_argument("--annotate", metavar="OUT.xlsx",
                   help="also write a copy of the sheet (CSV becomes XLSX) with failing cells "
                        "filled and commented and a first sheet listing the findings")
    p.set_defaults(command="check")


def _response(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("response", help="check JSON API responses or records against a schema",
                       description="Check JSON documents (API responses, records) against a "
                                   "schema. Use - for standard input.")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON file, or - for standard input")
    p.add_argument("--schema", default="auto",
                   help="schema name (see 'samplecheck schemas list') or auto (default)")
    p.add_argument("--pair", metavar="FILE",
                   help="a metadata list (or sample list) to cross-check with the one FILE: each "
                        "sample's metadata and each record's sample must point at each other")
    add_output_options(p)
    p.set_defaults(command="response")


def _replay(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay", help="check recorded API traffic (HAR files, VCR.py / pytest-recording cassettes)",
        description="Check every recorded exchange (request, status, headers, body) against the "
                    "OpenAPI documents, walk recorded pages, and print which operations and statuses "
                    "the traffic covered. Folders are searched for .har, .yaml and .yml files.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a HAR file, a cassette, or a folder of them")
    p.add_argument("--api", default=None, choices=("onecodex", "sample-platform"),
                   help="the API the traffic belongs to, when the recorded hosts do not tell")
    add_output_options(p)
    p.set_defaults(command="replay")


def _rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list every rule code, or explain one",
                       description="List every rule code with its meaning, or explain one code.")
    p.add_argument("code", nargs="?", metavar="CODE", help="the code to explain, e.g. enum")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(command="rules")


def _schemas(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schemas", help="list, build or drift-check the generated JSON Schemas")
    action = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    action.add_parser("list", help="print every schema name")
    for name, text in (("build", "regenerate schemas/ from openapi/"),
                       ("check", "exit 1 when schemas/ differs from openapi/")):
        q = action.add_parser(name, help=text)
        q.add_argument("--openapi", type=Path, default=None, help="folder of OpenAPI documents")
        q.add_argument("--schemas", type=Path, default=None, help="folder of schema files")
    p.set_defaults(command="schemas_cmd")


def _template(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="write an upload template with dropdowns from the schemas",
                       description="Write an upload template: one column per metadata field, a "
                                   "header comment explaining it, dropdowns for every list, range, "
                                   "length and date checks, and a README sheet.")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="where to write it")
    p.add_argument("--format", choices=("xlsx", "csv"), default=None,
                   help="xlsx (default, unless PATH ends in .csv) or csv (the header row only)")
    p.add_argument("--custom", action="append", default=[], metavar="KEY[:TYPE]",
                   help=f"add a custom.KEY column; TYPE is one of {', '.join(CUSTOM_TYPES)} "
                        "(default text); repeatable")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(command="template")


def _fix(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help="write a copy of a sheet with the safe fixes applied",
                       description="Apply only fixes that cannot change meaning (spaces, enum case "
                                   "and documented aliases, decimal commas, unambiguous dates) and "
                                   "write a copy in the input's format. Prints every change, then "
                                   "the findings that remain.")
    p.add_argument("file", metavar="IN", help="CSV, TSV or XLSX sheet (never modified)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="where to write the fixed copy")
    target.add_argument("--dry-run", action="store_true",
                        help="print the changes as a diff and write nothing")
    p.add_argument("--sheet", default=None, help="XLSX: the sheet to fix (default: every data sheet)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when findings at error severity remain")
    p.set_defaults(command="fix")


def _known_format(name: str) -> str:
    """argparse converts a string default too, so this also checks SAMPLECHECK_OUTPUT_FORMAT."""
    if name not in RENDERERS:
        raise argparse.ArgumentTypeError(
            f"unknown format {name!r} (from --format or SAMPLECHECK_OUTPUT_FORMAT); "
            f"choose from {', '.join(RENDERERS)}")
    return name


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The report options of the checking subcommands (format, output, configuration, baseline)."""
    parser.add_argument("--format", choices=list(RENDERERS), type=_known_format,
                        default=os.environ.get("SAMPLECHECK_OUTPUT_FORMAT", "text"),
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write the report to PATH; the terminal keeps the text summary")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only the findings and no progress")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when there are findings at error severity")
    conf = parser.add_argument_group("configuration")
    where = conf.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="PATH",
                       help="use this samplecheck.toml or pyproject.toml instead of discovering one")
    where.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    conf.add_argument("--select", action="append", metavar="CODES",
                      help="report only these rule codes (comma-separated; replaces 'select')")
    conf.add_argument("--ignore", action="append", metavar="CODES",
                      help="do not report these rule codes (comma-separated; adds to 'ignore')")
    base = conf.add_mutually_exclusive_group()
    base.add_argument("--baseline", metavar="PATH",
                      help="report only findings that this baseline file does not record")
    base.add_argument("--write-baseline", metavar="PATH",
                      help="record every current finding in a baseline file, and exit 0")
