"""The findings layer: the rule table, the Finding and Report model, the messages."""

from validator.findings.model import Finding, Report, Source
from validator.findings.rules import RULES, Rule, Severity

__all__ = ["RULES", "Finding", "Report", "Rule", "Severity", "Source"]
