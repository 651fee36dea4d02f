"""The code's own bar (DEVELOPERS.md): ruff-clean, ruff-formatted, and typed (mypy).

Each runs as a developer runs it, on the whole package, with the settings of
``pyproject.toml``; a failure prints the tool's own report.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
    "ruff format": [
        sys.executable,
        "-m",
        "ruff",
        "format",
        "--check",
        "src",
        "tests",
        "benchmarks",
    ],
    "mypy": [sys.executable, "-m", "mypy"],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", CHECKS)
def test_the_code_passes(name: str) -> None:
    result = subprocess.run(CHECKS[name], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}{result.stderr}"
