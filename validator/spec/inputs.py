"""The input files samplecheck reads: sheet suffixes; JSON documents, with one clear error line each."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from validator.errors import InputError
from validator.spec.pointers import parse_float

STDIN = "-"
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
SUFFIXES = TEXT_SUFFIXES + XLSX_SUFFIXES + PARQUET_SUFFIXES  # the sheets `samplecheck check` reads


def existing_file(path: str | Path) -> Path:
    """``path`` when it names a file; otherwise one InputError line (a directory, nothing)."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if not p.exists():
        raise InputError(f"{path}: no such file")
    return p


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return existing_file(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_json(path: str) -> Any:
    """Parse one JSON document from a path, or standard input for ``-``."""
    data = read_bytes(path)
    name = "<stdin>" if path == STDIN else path
    if not data.strip():
        raise InputError(f"{name}: empty input, expected a JSON document")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not a JSON document")
    try:
        text = data.decode("utf-8-sig") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            else data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text, not a JSON document") from None
    def not_json(constant: str) -> None:  # Python's json reads these; JSON has no such numbers
        raise InputError(f"{name}: invalid JSON: {constant} is not a JSON number")

    try:
        return json.loads(text, parse_constant=not_json, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg}") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply") from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise InputError(f"{name}: invalid JSON: an integer with more than "
                         f"{sys.get_int_max_str_digits()} digits") from None
