"""The info severity: reported everywhere, a failure nowhere (exit code, JUnit), and named
as each CI format names it (GitHub's notice, SARIF's note)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LIST = """\
| Date    | Paper Title | Link                                             |
| ------- | ----------- | ------------------------------------------------ |
| 2024-04 | WavLLM      | [paper](https://paperswithcode.com/paper/wavllm) |
"""
CONFIG = "severity: {LNK001: info}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    (tmp_path / ".awesome-lint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_text_names_it_and_it_never_fails_the_run(lint, project: Path) -> None:
    result = lint("README.md", "--fail-on", "warning", cwd=project)

    assert result.returncode == 0
    assert result.stdout.startswith("README.md:3:27: LNK001 link to paperswithcode.com")
    assert result.stdout.endswith(" (info)\n")
    assert result.stderr == "Found 0 errors, 0 warnings and 1 info in 1 file.\n"


def test_configured_as_info_in_json(lint, project: Path) -> None:
    result = lint("README.md", "--output-format", "json", cwd=project)

    [finding] = json.loads(result.stdout)
    assert (finding["code"], finding["severity"]) == ("LNK001", "info")


def test_github_calls_it_a_notice(lint, project: Path) -> None:
    result = lint("README.md", "--output-format", "github", cwd=project)

    assert result.stdout.startswith("::notice file=README.md,line=3,")


def test_sarif_calls_it_a_note(lint, project: Path) -> None:
    result = lint("README.md", "--output-format", "sarif", cwd=project)

    [found] = json.loads(result.stdout)["runs"][0]["results"]
    assert found["level"] == "note"


def test_junit_leaves_it_out(lint, project: Path) -> None:
    result = lint("README.md", "--output-format", "junit", cwd=project)

    assert 'failures="0"' in result.stdout and "<failure" not in result.stdout


def test_the_step_summary_counts_it(
    lint, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    lint("README.md", "--output-format", "github", cwd=project)

    text = summary.read_text(encoding="utf-8")
    assert "| Rule | Errors | Warnings | Info |" in text
    assert "LNK001 dead-service-link" in text and "| 0 | 0 | 1 |" in text
    assert "- **info** " in text
