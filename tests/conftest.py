"""Shared test helpers: running the command as users do, and the rule fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
FIXED_TODAY = "2026-11-24"


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``awesome-lint`` in a subprocess, as a user would."""
    full_env = {**os.environ, "AWESOME_LINT_TODAY": FIXED_TODAY, "NO_COLOR": "1"}
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode,
        result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def cli():
    return run_cli
