"""Per-repository configuration: ``[tool.samplecheck]`` or ``samplecheck.toml``.

Discovery works as ruff's does: from the checked file's folder upwards, the
closest ``samplecheck.toml``, or ``pyproject.toml`` that has a
``[tool.samplecheck]`` table, wins (``samplecheck.toml`` first in one folder);
files are never merged. ``--config PATH`` names one file for every input.

Every key and every rule code is validated; anything unknown is a
:class:`~validator.errors.ConfigError` naming it (the CLI prints one line and
exits 2).
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from validator.errors import ConfigError
from validator.findings.rules import RULES, Severity
from validator.spec import fields
from validator.spec.fields import CUSTOM, CUSTOM_TYPES, custom_type_ok
from validator.spec.lab import CustomKey, LabSpec
from validator.spec.suggest import closest

CONFIG_NAMES = ("samplecheck.toml", "pyproject.toml")
_KEYS = ("select", "ignore", "severity", "fail-on", "required", "column-aliases", "custom",
         "per-file-ignores")
_CUSTOM_KEYS = ("type", "values", "required")


@dataclass(frozen=True)
class Config(LabSpec):
    """One configuration: the lab's additions to the schema and the report's policy.

    The default (no file) changes nothing.
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def root(self) -> Path:
        """The folder per-file-ignores patterns are relative to."""
        return self.path.parent if self.path else Path.cwd()


def relative(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root``, with ``/`` separators (as given when on another drive)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _hint(word: str, known: list[str]) -> str:
    near = closest(word, known)
    return f"; did you mean {near!r}?" if near else ""


def unknown_code(key: str, code: str) -> str:
    return f"{key}: unknown rule code {code!r}{_hint(code, list(RULES))} (see 'samplecheck rules')"


def option_codes(option: str, codes: list[str]) -> frozenset[str]:
    """Codes given on the command line (``--select enum,type``), validated."""
    out = frozenset(c.strip() for text in codes for c in text.split(",") if c.strip())
    if option == "--select" and not out:  # an empty --select "$CODES" would silence every code
        raise ConfigError("--select names no rule code (leave it out to report every code)")
    for code in sorted(out):
        if code not in RULES:
            raise ConfigError(unknown_code(option, code))
    return out


class _Reader:
    """Validates one parsed table, naming the file and key in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {message}")

    def strings(self, key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key} must be a list of strings")
        return value

    def table_of(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{key} must be a table")
        return value

    def codes(self, key: str, value: Any) -> frozenset[str]:
        out = self.strings(key, value)
        for code in out:
            self.code(key, code)
        return frozenset(out)

    def code(self, key: str, code: str) -> str:
        if code not in RULES:
            raise self.fail(unknown_code(key, code))
        return code

    def level(self, key: str, value: Any) -> Severity:
        if value not in (Severity.ERROR.value, Severity.WARNING.value):
            raise self.fail(f"{key} must be \"error\" or \"warning\", not {value!r}")
        return Severity(value)

    def metadata_field(self, key: str, name: str) -> str:
        known = metadata_fields()
        if name not in known:
            extra = " (custom keys go under [custom])" if name.startswith("custom") else ""
            raise self.fail(f"{key}: unknown field {name!r}{_hint(name, known)}{extra}")
        return name


@functools.cache
def metadata_fields() -> list[str]:
    """Metadata fields a lab may require or alias: the schema's, minus read-only ones and custom."""
    return [k for k in fields.writable() if k != CUSTOM]


def _custom(reader: _Reader, value: Any) -> dict[str, CustomKey]:
    out = {}
    for name, spec in reader.table_of("custom", value).items():
        where = f"custom.{name}"
        spec = reader.table_of(where, spec)
        for key in spec:
            if key not in _CUSTOM_KEYS:
                raise reader.fail(f"unknown key {key!r} in {where}{_hint(key, list(_CUSTOM_KEYS))}")
        kind = spec.get("type")
        if kind is not None and kind not in CUSTOM_TYPES:
            raise reader.fail(f"{where}.type must be one of {', '.join(CUSTOM_TYPES)}, not {kind!r}")
        values = spec.get("values")
        if values is not None:
            if not isinstance(values, list) or not values:
                raise reader.fail(f"{where}.values must be a non-empty list")
            if kind and not all(custom_type_ok(v, kind) for v in values):
                raise reader.fail(f"{where}.values must all be of type {kind}")
        required = spec.get("required", True)
        if not isinstance(required, bool):
            raise reader.fail(f"{where}.required must be true or false")
        out[name] = CustomKey(name, kind, tuple(values) if values is not None else None, required)
    return out


def _aliases(reader: _Reader, value: Any) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name, headers in reader.table_of("column-aliases", value).items():
        reader.metadata_field("column-aliases", name)
        out[name] = tuple(reader.strings(f"column-aliases.{name}", headers))
        for header in out[name]:
            key = header.strip().casefold()
            if key in owner and owner[key] != name:
                raise reader.fail(f"column-aliases: {header!r} is given for both {owner[key]!r} "
                                  f"and {name!r}")
            owner[key] = name
    return out


def _select(reader: _Reader, value: Any) -> frozenset[str]:
    codes = reader.codes("select", value)
    if not codes:  # reporting nothing at all is never what a lab means
        raise reader.fail("select names no rule code (leave it out to report every code)")
    return codes


def parse(data: Mapping[str, Any], path: Path) -> Config:
    """Validate the ``[tool.samplecheck]`` table (or a ``samplecheck.toml`` document)."""
    reader = _Reader(path)
    for key in data:
        if key not in _KEYS:
            raise reader.fail(f"unknown key {key!r}{_hint(key, list(_KEYS))}")
    severity = {reader.code("severity", code): reader.level(f"severity.{code}", level)
                for code, level in reader.table_of("severity", data.get("severity", {})).items()}
    per_file = tuple(
        (pattern, reader.codes(f"per-file-ignores.{pattern!r}", codes))
        for pattern, codes in reader.table_of("per-file-ignores", data.get("per-file-ignores", {})).items()
    )
    return Config(
        path=path,
        select=_select(reader, data["select"]) if "select" in data else None,
        ignore=reader.codes("ignore", data.get("ignore", [])),
        severity=severity,
        fail_on=reader.level("fail-on", data.get("fail-on", "error")),
        required=tuple(reader.metadata_field("required", f)
                       for f in reader.strings("required", data.get("required", []))),
        column_aliases=_aliases(reader, data.get("column-aliases", {})),
        custom=_custom(reader, data.get("custom", {})),
        per_file_ignores=per_file,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None


def _table(path: Path, doc: dict[str, Any]) -> dict[str, Any] | None:
    """The samplecheck table of a parsed file, or None when it has none."""
    tool = doc.get("tool")
    if path.name == "pyproject.toml" or (isinstance(tool, dict) and "samplecheck" in tool):
        table = tool.get("samplecheck") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else None
    return doc


def load(path: str | Path) -> Config:
    """The configuration in one file (``--config``)."""
    path = Path(path)
    table = _table(path, _read_toml(path))
    if table is None:
        raise ConfigError(f"{path}: has no [tool.samplecheck] table")
    return parse(table, path.resolve())


def _discover_in(folder: Path) -> Path | None:
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and _table(candidate, _read_toml(candidate)) is not None:
                return candidate
    return None


def discover(start: str | Path) -> Path | None:
    """The closest configuration file for a path, walking up from its folder."""
    p = Path(start).resolve()
    return _discover_in(p if p.is_dir() else p.parent)


class Settings:
    """The configuration for each checked path: the named file, or the discovered one."""

    def __init__(self, config_path: str | Path | None = None, *, isolated: bool = False,
                 select: list[str] | None = None, ignore: list[str] | None = None) -> None:
        self._select = option_codes("--select", select) if select else None
        self._ignore = option_codes("--ignore", ignore or [])
        self._fixed = load(config_path) if config_path else (Config() if isolated else None)
        self._named = Path(config_path) if config_path else None
        self._found: dict[Path, Path | None] = {}
        self._loaded: dict[Path, Config] = {}

    @property
    def files(self) -> list[Path]:
        """The configuration files read so far (the named one, or those discovered)."""
        return [self._named] if self._named else list(self._loaded)

    def for_path(self, path: str | None) -> Config:
        """The configuration for ``path``, with ``--select``/``--ignore`` applied over it."""
        config = self._find(path)
        if self._select is None and not self._ignore:
            return config
        return replace(config, select=self._select if self._select is not None else config.select,
                       ignore=config.ignore | self._ignore)

    def _find(self, path: str | None) -> Config:
        if self._fixed is not None:
            return self._fixed
        start = Path(path).resolve() if path and not path.startswith("<") else Path.cwd()
        folder = start if start.is_dir() else start.parent
        if folder not in self._found:
            self._found[folder] = _discover_in(folder)
        found = self._found[folder]
        if found is None:
            return Config()
        if found not in self._loaded:
            self._loaded[found] = parse(_table(found, _read_toml(found)) or {}, found)
        return self._loaded[found]
