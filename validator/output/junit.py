"""``--format junit``: JUnit XML, one test case per file (per sheet for workbooks).

Each finding at error severity is a ``<failure>`` of its test case (type = the
code); warnings do not fail a test case and are listed in its ``<system-out>``.
``tests`` counts test cases and ``failures`` the test cases that failed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from validator.findings.model import Finding, Report, Severity, Source
from validator.output.text import line


def _cases(source: Source) -> list[tuple[str, list[Finding]]]:
    name = source.path or "<object>"
    if not source.sheets:
        return [(name, list(source.findings))]
    cases = [(f"{name} [{sheet}]", [f for f in source.findings if f.sheet == sheet])
             for sheet in source.sheets]
    loose = [f for f in source.findings if f.sheet not in source.sheets]
    return [(name, loose), *cases] if loose else cases


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="samplecheck")
    suite = ET.SubElement(root, "testsuite", name="samplecheck")
    tests = failures = 0
    for source in report.sources:
        for name, found in _cases(source):
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=source.schema or "samplecheck", name=name)
            if source.path:
                case.set("file", source.path)
            errors = [f for f in found if f.severity is Severity.ERROR]
            failures += bool(errors)
            for f in errors:
                failure = ET.SubElement(case, "failure", type=f.code,
                                        message=f"{f.location}: {f.describe()}" if f.location
                                        else f.describe())
                failure.text = line(f)
            warnings = [line(f) for f in found if f.severity is Severity.WARNING]
            if warnings:
                ET.SubElement(case, "system-out").text = "\n".join(warnings)
    for node in (root, suite):
        node.set("tests", str(tests))
        node.set("failures", str(failures))
        node.set("errors", "0")
    suite.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
