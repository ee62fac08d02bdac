"""Applying the configuration to a report: the one place every checking command uses.

In order, per source: cell-comment suppressions (XLSX), ``select``/``ignore``
and ``per-file-ignores`` (findings dropped), ``severity`` overrides; then the
baseline drops findings it already records. :func:`failed` decides the exit
status with each file's ``fail-on``.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import PurePath

from validator.findings.model import Finding, Report, Severity, Source
from validator.policy import suppress
from validator.policy.baseline import Baseline
from validator.policy.config import Config, Settings, relative


def file_ignores(config: Config, path: str | None) -> frozenset[str]:
    """The codes ``per-file-ignores`` silences for ``path``.

    A pattern is a glob relative to the configuration file's folder; a pattern
    without ``/`` also matches the file name in any folder.
    """
    if not path or not config.per_file_ignores:
        return frozenset()
    rel = relative(path, config.root)
    name = PurePath(path).name
    out: set[str] = set()
    for pattern, codes in config.per_file_ignores:
        if fnmatch.fnmatch(rel, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern)):
            out |= codes
    return frozenset(out)


def _keep(finding: Finding, config: Config, silenced: frozenset[str]) -> bool:
    return _shown(finding.code, config, silenced)


def _shown(code: str, config: Config, silenced: frozenset[str]) -> bool:
    if config.select is not None and code not in config.select:
        return False
    return code not in config.ignore and code not in silenced


def apply_config(source: Source, config: Config) -> Source:
    """One source with its configuration applied (a new Source; the input is left as it was)."""
    silenced = file_ignores(config, source.path)
    kept = []
    for f in suppress.apply(source.path, source.findings):
        if _keep(f, config, silenced):
            level = config.severity.get(f.code)
            kept.append(f.at(severity=level) if level and level is not f.severity else f)
    not_held = {code: n for code, n in source.not_held.items() if _shown(code, config, silenced)}
    return dataclasses.replace(source, findings=kept, not_held=not_held)


def apply(report: Report, settings: Settings, baseline: Baseline | None = None) -> Report:
    """The report as the configuration (and an optional baseline) says it should be shown."""
    out = report.with_sources([apply_config(s, settings.for_path(s.path)) for s in report.sources])
    return baseline.filter(out) if baseline else out


def failed(report: Report, settings: Settings) -> bool:
    """True when a file has an error, or a warning where its ``fail-on`` is ``warning``."""
    for source in report.sources:
        on_warnings = settings.for_path(source.path).fail_on is Severity.WARNING
        if any(f.severity is Severity.ERROR or on_warnings for f in source.findings):
            return True
    return False
