"""JSON documents and configuration files written into a test's folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from support.paths import BROKEN_RECORDS, FIXTURES


def load_json(path: Path | str = BROKEN_RECORDS) -> Any:
    """A JSON file parsed: a path, or the name of a file in tests/fixtures (by default the broken
    metadata records)."""
    return json.loads((FIXTURES / path if isinstance(path, str) else path).read_text(encoding="utf-8"))


def copy_of(record: dict[str, Any], n: int, **changes: Any) -> dict[str, Any]:
    """Another record like ``record``: its own $uri and sample reference, with ``changes``."""
    return {**record, "$uri": f"/api/v1/metadata/copy{n:012d}",
            "sample": {"$ref": f"/api/v1/samples/copy{n:012d}"}, **changes}


def write_json(path: Path, obj: Any) -> Path:
    """``obj`` as indented JSON at ``path`` (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2), encoding="utf-8")
    return path


def copy_fixture(dest: Path, source: Path = BROKEN_RECORDS) -> Path:
    """A copy of a fixture at ``dest`` (folders made as needed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    return dest


def write_config(folder: Path, body: str, name: str = "samplecheck.toml") -> Path:
    """A configuration file; for pyproject.toml the body goes under [tool.samplecheck]."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "pyproject.toml" and "[tool.samplecheck]" not in body:
        body = re.sub(r"^\[(?!tool\.)", "[tool.samplecheck.", body, flags=re.MULTILINE)
        body = "[project]\nname = 'lab'\n\n[tool.samplecheck]\n" + body
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path
