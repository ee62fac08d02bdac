"""``samplecheck rules [CODE]``: every rule code with its meaning, or one code explained."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from validator.errors import ConfigError
from validator.findings.rules import RULES, Rule
from validator.spec.suggest import closest


def _as_dict(rule: Rule) -> dict[str, Any]:
    out = asdict(rule)
    out["severity"] = str(rule.severity)
    return out


def _explain(rule: Rule) -> str:
    lines = [f"{rule.code}: {rule.title}", "",
             f"Default severity: {rule.severity}", f"Family: {rule.family}", "", rule.summary]
    if rule.fix:
        lines += ["", f"How to fix: {rule.fix}"]
    return "\n".join(lines) + "\n"


def _table(rules: list[Rule]) -> str:
    width = max(len(r.code) for r in rules)
    return "".join(f"{r.code:<{width}}  {r.severity!s:<7}  {r.title}\n" for r in rules)


def run(args: argparse.Namespace) -> int:
    if args.code is None:
        rules = sorted(RULES.values(), key=lambda r: (r.family, r.code))
        as_json = [_as_dict(r) for r in rules]
        print(json.dumps(as_json, indent=2) if args.format == "json" else _table(rules).rstrip("\n"))
        return 0
    rule = RULES.get(args.code)
    if rule is None:
        near = closest(args.code, list(RULES))
        raise ConfigError(f"unknown rule code {args.code!r}"
                          + (f"; did you mean {near!r}?" if near else "; see 'samplecheck rules'"))
    print(json.dumps(_as_dict(rule), indent=2) if args.format == "json" else _explain(rule).rstrip("\n"))
    return 0
