"""The findings layer: the rule table, the Finding and Report model, a finding's Place, the messages."""

from validator.findings.model import Finding, Report, Source
from validator.findings.place import Place
from validator.findings.rules import RULES, Rule, Severity

__all__ = ["RULES", "Finding", "Place", "Report", "Rule", "Severity", "Source"]
