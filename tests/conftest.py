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


def run_cli(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``awesome-lint`` in a subprocess, as a user would."""
    full_env = {**os.environ, "AWESOME_LINT_TODAY": FIXED_TODAY, "NO_COLOR": "1"}
    full_env.pop("GITHUB_ACTIONS", None)
    # Never a real token or GitHub's API: tests that want them pass a fake server's.
    full_env.pop("GITHUB_TOKEN", None)
    full_env.pop("GITHUB_GRAPHQL_URL", None)
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
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def lint(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Like ``run_cli`` but in this process (``awesome_lint.cli.main``): fast, for the many
    configuration and suppression cases. ``cwd`` is where the command runs."""
    from awesome_lint.cli import main

    monkeypatch.setenv("AWESOME_LINT_TODAY", FIXED_TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_GRAPHQL_URL", raising=False)

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return run
