"""``samplecheck replay PATH...``: check recorded API traffic (HAR files, VCR.py cassettes) offline."""

from __future__ import annotations

import argparse

from validator.checks.contract.replay import replay
from validator.cli.commands.output import emit


def run(args: argparse.Namespace) -> int:
    done = replay(args.paths, api=args.api)
    return emit(done.report, args, inputs=[str(p) for p in args.paths])
