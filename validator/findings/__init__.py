"""The findings layer: the Finding and Report model, the rule table and the messages."""

from validator.findings.model import RULES, Finding, Report, Rule, Severity, Source, register_rules

__all__ = ["RULES", "Finding", "Report", "Rule", "Severity", "Source", "register_rules"]
