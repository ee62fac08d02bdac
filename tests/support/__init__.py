"""What the tests share; import it as ``from support import ...``.

- paths: ``ROOT``, ``FIXTURES``, ``SAMPLES`` (samples_csv), ``README``, ``DATA``, ``BROKEN_RECORDS``,
  ``VALID_RECORDS``, ``SAMPLECHECK`` (the console script), ``readme_text()``.
- the CLI: ``run_cli(capsys, *argv)`` in this process, ``run_process(*argv, cwd=, input=, env=,
  script=)`` in a new one; both return a ``Run`` (``code``, ``out``, ``err``, ``json``, ``lines``).
  ``found(report, *keys)``: findings as tuples, of a ``Report`` or of the ``--format json`` document.
- sheets: ``write_csv(path, rows, encoding=, delimiter=)`` (``**UNICODE_TEXT``: Excel's UTF-16
  text); ``write_xlsx(path, {title: rows}, typed=, text=, header_row=, title_rows=, merged=,
  hidden=, comments=, fonts=, validations=)``; ``read_rows``; ``RED_BOLD`` / ``is_red_bold``;
  ``digest(path)``, ``snapshot(folder)``: to show inputs unchanged; ``as_saved_by_excel(path,
  cached)``: an openpyxl-written workbook rewritten as Excel saves it (shared strings, formula results).
- documents: ``load_json(path or fixture name)``, ``copy_of(record, n)``, ``write_json``,
  ``copy_fixture``, ``write_config``.
- hooks: ``git(repo, *args)``, ``run_hook(repo, hook_id)``, ``HOOKS``.
- HTTP: ``FakeAPI(recorded=[Exchange(method, path, status, body, headers)])`` a stdlib server on
  127.0.0.1 replaying recorded exchanges (the ``replay_server(*exchanges)`` fixture), or imitating
  both APIs well and badly (the ``api_server`` fixture); ``.requests`` lists what it was asked.

Fixtures (tests/conftest.py): ``fixture_path(name)``, ``api_server``, ``replay_server``.
"""

from __future__ import annotations

from support.cli import Run, found, run_cli, run_process
from support.documents import copy_fixture, copy_of, load_json, write_config, write_json
from support.excel import as_saved_by_excel
from support.hooks import HOOKS, git, run_hook
from support.paths import (
    BROKEN_RECORDS,
    DATA,
    FIXTURES,
    README,
    ROOT,
    SAMPLECHECK,
    SAMPLES,
    VALID_RECORDS,
    readme_text,
)
from support.server import Exchange, FakeAPI
from support.sheets import (
    RED_BOLD,
    UNICODE_TEXT,
    digest,
    is_red_bold,
    read_rows,
    snapshot,
    write_csv,
    write_xlsx,
)

__all__ = [
    "BROKEN_RECORDS",
    "DATA",
    "FIXTURES",
    "HOOKS",
    "README",
    "RED_BOLD",
    "ROOT",
    "SAMPLECHECK",
    "SAMPLES",
    "UNICODE_TEXT",
    "VALID_RECORDS",
    "Exchange",
    "FakeAPI",
    "Run",
    "as_saved_by_excel",
    "copy_fixture",
    "copy_of",
    "digest",
    "found",
    "git",
    "is_red_bold",
    "load_json",
    "read_rows",
    "readme_text",
    "run_cli",
    "run_hook",
    "run_process",
    "snapshot",
    "write_config",
    "write_csv",
    "write_json",
    "write_xlsx",
]
