"""What a lab adds to the metadata schema: required fields, custom keys, extra header aliases.

The checks read a :class:`LabSpec`; :mod:`validator.policy.config` builds one
(its :class:`~validator.policy.config.Config` is a ``LabSpec``) from
``[tool.samplecheck]`` or ``samplecheck.toml``, validating every key there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CustomKey:
    """A key a lab requires in ``custom``: its type (one of :data:`~validator.spec.fields.CUSTOM_TYPES`)
    and allowed values, when given."""

    name: str
    type: str | None = None
    values: tuple[Any, ...] | None = None
    required: bool = True


@dataclass(frozen=True)
class LabSpec:
    """A lab's additions to the schema; the default (none) adds nothing."""

    path: Path | None = None
    required: tuple[str, ...] = ()
    column_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    custom: Mapping[str, CustomKey] = field(default_factory=dict)

    @property
    def lab_rules(self) -> bool:
        """True when it asks for checks beyond the schema (required fields, custom keys)."""
        return bool(self.required or self.custom)

    @property
    def origin(self) -> str:
        """Who asks, as findings say it: ``by samplecheck.toml`` or ``by the configuration``."""
        return f"by {self.path.name}" if self.path else "by the configuration"
