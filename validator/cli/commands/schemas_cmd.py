"""``samplecheck schemas list|build|check``: the generated JSON Schemas."""

from __future__ import annotations

import argparse
from pathlib import Path

from validator.spec import derive, schemas


def _dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    return args.openapi or schemas.openapi_dir(), args.schemas or schemas.schemas_dir()


def _list(args: argparse.Namespace) -> int:
    for name in schemas.names():
        print(name)
    return 0


def _build(args: argparse.Namespace) -> int:
    for path in derive.write(*_dirs(args)):
        print(f"wrote {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    stale = derive.drift(*_dirs(args))
    for name in stale:
        print(f"{name}: differs from what the OpenAPI documents generate "
              "(run 'samplecheck schemas build')")
    if not stale:
        print("schemas are up to date")
    return 1 if stale else 0


def run(args: argparse.Namespace) -> int:
    return {"list": _list, "build": _build, "check": _check}[args.action](args)
