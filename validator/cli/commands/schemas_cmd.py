"""``samplecheck schemas list|build|check``: the generated JSON Schemas."""

from __future__ import annotations

import argparse
from pathlib import Path

from validator.spec import derive, schemas


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schemas", help="list, build or drift-check the generated JSON Schemas")
    action = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    action.add_parser("list", help="print every schema name").set_defaults(run=_list)
    for name, func, text in (("build", _build, "regenerate schemas/ from openapi/"),
                             ("check", _check, "exit 1 when schemas/ differs from openapi/")):
        q = action.add_parser(name, help=text)
        q.add_argument("--openapi", type=Path, default=None, help="folder of OpenAPI documents")
        q.add_argument("--schemas", type=Path, default=None, help="folder of schema files")
        q.set_defaults(run=func)


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
