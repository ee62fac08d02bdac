"""The pre-commit hooks run as pre-commit runs them, in a git repository made by the test.

pre-commit itself would build a fresh environment and install samplecheck with every dependency
from the package index for each hook, which is too slow for a test; the command it would then run
is the hook's ``entry`` + ``args`` + the staged files that match ``files``, and that is what
:func:`run_hook` runs.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from support.paths import ROOT

HOOKS: dict[str, dict[str, Any]] = {
    h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> str:
    """``git *args`` in ``repo``; its stdout (fails the test if git fails)."""
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def run_hook(repo: Path, hook_id: str, *extra_args: str) -> subprocess.CompletedProcess[str]:
    """pre-commit's run: entry + args + the staged files the hook's ``files`` pattern selects."""
    hook = HOOKS[hook_id]
    git(repo, "add", "-A")
    staged = git(repo, "diff", "--cached", "--name-only").split()
    files = [f for f in staged if re.search(hook["files"], f)
             and not re.search(hook.get("exclude", "^$"), f)]
    command = shlex.split(hook["entry"])
    command[0] = str(BIN / command[0])  # the console script pre-commit would install
    return subprocess.run([*command, *hook.get("args", []), *extra_args, *files], cwd=repo,
                          capture_output=True, text=True, check=False)
