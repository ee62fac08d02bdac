"""Old import path of the CI helpers, kept while branches still use it: use ``support``."""

from __future__ import annotations

import json
from typing import Any

from support.documents import copy_fixture, copy_of, write_config, write_json
from support.documents import load_json as records
from support.paths import BROKEN_RECORDS as BROKEN
from support.paths import FIXTURES
from support.paths import VALID_RECORDS as VALID

__all__ = ["BROKEN", "FIXTURES", "VALID", "codes", "copy_fixture", "copy_of", "records", "run_json",
           "write_config", "write_json"]


def run_json(main, capsys, *argv: str) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def codes(report: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(f["code"], f["pointer"], f["severity"]) for s in report["files"] for f in s["findings"]]
