"""Where the tests' inputs live: the repository, the recorded fixtures, the example sheets, the README."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"  # recorded API documents, valid and broken
DATA = TESTS / "data"  # files made elsewhere that the tests read (the SARIF schema, a LibreOffice workbook)
SAMPLES = ROOT / "samples_csv"  # the example sheets the README points at
README = ROOT / "README.md"
BROKEN_RECORDS = FIXTURES / "onecodex-metadata-broken.json"  # 6 errors and 1 warning, 2 records
VALID_RECORDS = FIXTURES / "onecodex-metadata-valid.json"
SAMPLECHECK = str(Path(sys.executable).parent / "samplecheck")  # the installed console script


def readme_text() -> str:
    """The README as text."""
    return README.read_text(encoding="utf-8")
