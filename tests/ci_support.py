"""Shared helpers for the CI-integration tests: sample repositories in tmp_path."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "onecodex-metadata-broken.json"
VALID = FIXTURES / "onecodex-metadata-valid.json"


def records(name: Path = BROKEN) -> list[dict[str, Any]]:
    return json.loads(name.read_text(encoding="utf-8"))


def copy_of(record: dict[str, Any], n: int, **changes: Any) -> dict[str, Any]:
    """Another record like ``record``: its own $uri and sample reference, with ``changes``."""
    return {**record, "$uri": f"/api/v1/metadata/copy{n:012d}",
            "sample": {"$ref": f"/api/v1/samples/copy{n:012d}"}, **changes}


def write_json(path: Path, obj: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2), encoding="utf-8")
    return path


def copy_fixture(dest: Path, name: Path = BROKEN) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(name, dest)
    return dest


def write_config(folder: Path, body: str, name: str = "samplecheck.toml") -> Path:
    """A config file; for pyproject.toml the body goes under [tool.samplecheck]."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "pyproject.toml" and "[tool.samplecheck]" not in body:
        body = re.sub(r"^\[(?!tool\.)", "[tool.samplecheck.", body, flags=re.MULTILINE)
        body = "[project]\nname = 'lab'\n\n[tool.samplecheck]\n" + body
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def run_json(main, capsys, *argv: str) -> tuple[int, dict[str, Any]]:
    """Run the CLI with --format json; the exit code and the parsed report."""
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def codes(report: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(f["code"], f["pointer"], f["severity"]) for s in report["files"] for f in s["findings"]]
