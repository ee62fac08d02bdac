"""``samplecheck replay PATH...``: check recorded API traffic (HAR files, VCR.py cassettes) offline."""

from __future__ import annotations

import argparse

from validator.cli.commands.output import add_output_options, emit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay", help="check recorded API traffic (HAR files, VCR.py / pytest-recording cassettes)",
        description="Check every recorded exchange (request, status, headers, body) against the "
                    "OpenAPI documents, walk recorded pages, and print which operations and statuses "
                    "the traffic covered. Folders are searched for .har, .yaml and .yml files.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a HAR file, a cassette, or a folder of them")
    p.add_argument("--api", default=None, choices=("onecodex", "sample-platform"),
                   help="the API the traffic belongs to, when the recorded hosts do not tell")
    add_output_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from validator.checks.contract.replay import replay

    done = replay(args.paths, api=args.api)
    return emit(done.report, args, inputs=[str(p) for p in args.paths])
