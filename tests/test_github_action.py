"""The GitHub Action (action.yml, action/run.sh) and the example workflow of the README."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY, ROOT
from tests.git_helpers import GIT_ENV, commit, git, init_repo, write

ACTION = ROOT / "action.yml"
RUN_SCRIPT = ROOT / "action" / "run.sh"
WORKFLOWS = [
    ROOT / "examples" / name for name in ("pull-request-workflow.yml", "scheduled-workflow.yml")
]
ADD_WORKFLOW = ROOT / "examples" / "add-papers-workflow.yml"
ADD_FORM = ROOT / "examples" / "add-papers-issue-form.yml"

HEADER = "| Date | Model | Title | Link |\n| --- | --- | --- | --- |\n"
GOOD = "| 2024-04 | WavLLM | WavLLM: Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |\n"
OLD_ERROR = "| 2023-10 | SALMONN | SALMONN: Generic Hearing |\n"  # TAB001
NEW_WARNING = "| 2023-09 | Qwen-Audio | Qwen-Audio: Advancing Audio | no link |\n"  # TAB005


def tool(name: str) -> str:
    """A command installed with the test extras (in this interpreter's environment)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def check(*command: str, cwd: Path = ROOT) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- metadata and workflow ----------------------------------------------------------------


@pytest.mark.slow
def test_action_metadata_matches_githubs_schema() -> None:
    check(tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION))


@pytest.mark.slow
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.stem)
def test_example_workflow_matches_githubs_schema_and_passes_actionlint(workflow: Path) -> None:
    check(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow))
    check(tool("actionlint"), "-no-color", str(workflow))


@pytest.mark.slow
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.stem)
def test_example_workflow_passes_only_inputs_the_action_has(tmp_path: Path, workflow: Path) -> None:
    """actionlint checks the inputs of a local action: use this one as ``./``."""
    shutil.copy(ACTION, tmp_path / "action.yml")
    local = workflow.read_text(encoding="utf-8").replace("awesome-lint/awesome-lint@main", "./")
    assert "uses: ./ " in local
    write(tmp_path, {".github/workflows/lint.yml": local})
    init_repo(tmp_path, {})
    check(tool("actionlint"), "-no-color", cwd=tmp_path)


def test_the_pull_request_example_is_fork_safe() -> None:
    """A fork's pull request gets a read-only token and no secrets: the example asks for
    no write permission, uses no secret and uploads nothing."""
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    assert "pull_request_target" not in text and "secrets." not in text
    assert ": write" not in text and "upload-sarif" not in text


@pytest.mark.slow
def test_add_papers_example_passes_actionlint_and_the_schemas() -> None:
    check(
        tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(ADD_WORKFLOW)
    )
    check(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(ADD_FORM))
    check(tool("actionlint"), "-no-color", str(ADD_WORKFLOW))


def test_readme_shows_the_add_papers_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for example in (ADD_WORKFLOW, ADD_FORM):
        assert f"```yaml\n{example.read_text(encoding='utf-8')}```\n" in readme


def test_readme_shows_the_example_workflows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for workflow in WORKFLOWS:
        assert f"```yaml\n{workflow.read_text(encoding='utf-8')}```\n" in readme


def test_every_input_reaches_the_run_step() -> None:
    text = ACTION.read_text(encoding="utf-8")
    inputs = re.findall(r"^  ([a-z-]+):\n    description:", text, re.MULTILINE)
    assert inputs == [
        "files", "args", "online", "github-token", "only-changed", "fail-on", "sarif-file",
        "python-version",
    ]  # fmt: skip
    for name in inputs:
        assert f"${{{{ inputs.{name} }}}}" in text, name


@pytest.mark.slow
def test_run_script_passes_shellcheck() -> None:
    check(tool("shellcheck"), str(RUN_SCRIPT))


# --- action/run.sh, run as the action runs it ---------------------------------------------


def run_action(repo: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_ENV,
        "AWESOME_LINT_PYTHON": sys.executable,
        "AWESOME_LINT_TODAY": FIXED_TODAY,
        "GITHUB_STEP_SUMMARY": inputs.pop("step_summary", ""),
        "BASE_SHA": inputs.pop("base_sha", ""),
    }
    env.update({f"INPUT_{name.upper()}": value for name, value in inputs.items()})
    return subprocess.run(
        ["bash", str(RUN_SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose last commit (the pull request) adds a warning to a list with an
    old error; returns it and the base commit."""
    repo = init_repo(tmp_path, {"README.md": HEADER + GOOD + OLD_ERROR, "docs/x.md": HEADER})
    base = git(repo, "rev-parse", "HEAD")
    write(repo, {"README.md": HEADER + GOOD + OLD_ERROR + NEW_WARNING})
    commit(repo, "pull request")
    return repo, base


def test_action_reports_everything_outside_pull_requests(pull_request: tuple[Path, str]) -> None:
    repo, _ = pull_request
    result = run_action(repo, files="README.md", only_changed="true")
    assert result.returncode == 1
    assert [line.split(",")[:2] for line in result.stdout.splitlines()] == [
        ["::error file=README.md", "line=4"],
        ["::warning file=README.md", "line=5"],
    ]


def test_action_reports_only_the_changes_of_a_pull_request(
    pull_request: tuple[Path, str], tmp_path: Path
) -> None:
    repo, base = pull_request
    sarif = tmp_path / "out.sarif"
    result = run_action(repo, base_sha=base, only_changed="true", sarif_file=str(sarif))
    assert result.returncode == 0  # the pull request adds a warning only
    assert result.stdout.startswith("::warning file=README.md,line=5,")
    assert len(result.stdout.splitlines()) == 1
    # The SARIF report has every finding: code scanning tells new from old itself.
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["TAB001", "TAB005"]


def test_action_can_check_everything_on_a_pull_request(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request
    result = run_action(repo, base_sha=base, only_changed="false")
    assert (result.returncode, len(result.stdout.splitlines())) == (1, 2)


def test_action_fails_on_warnings_when_asked(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request
    result = run_action(repo, base_sha=base, fail_on="warning")
    assert result.returncode == 1
    assert result.stdout.startswith("::warning file=README.md,line=5,")


def test_action_passes_files_and_args(pull_request: tuple[Path, str]) -> None:
    repo, _ = pull_request
    result = run_action(repo, files="README.md docs", args="--select TAB005 --quiet")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("::warning file=README.md,line=5,")
    wrong = run_action(repo, fail_on="sometimes")
    assert wrong.returncode == 2
    assert "--fail-on: invalid choice: 'sometimes'" in wrong.stderr


def test_multi_line_inputs_are_whole_lists_with_globs_and_quotes(
    pull_request: tuple[Path, str],
) -> None:
    repo, _ = pull_request
    write(repo, {"docs/deep/y.md": HEADER + NEW_WARNING})
    result = run_action(
        repo,
        files="README.md\n  docs/**/*.md\n",
        args='--select "TAB005"\n--quiet',
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "::warning file=README.md",
        "::warning file=docs/deep/y.md",
    ]


def test_a_glob_that_matches_nothing_or_broken_quotes_fail_the_step(
    pull_request: tuple[Path, str],
) -> None:
    repo, _ = pull_request
    nothing = run_action(repo, files="*.markdown")
    assert nothing.returncode == 2
    assert "*.markdown: no such file or directory" in nothing.stderr
    quotes = run_action(repo, args='--select "DAT')
    assert quotes.returncode == 2
    assert "input 'args': No closing quotation" in quotes.stderr


# --- what the step shows: annotations, the job summary, input errors --------------------


def test_a_pull_request_with_many_findings_annotates_errors_first_within_githubs_caps(
    tmp_path: Path,
) -> None:
    """24 findings: 12 errors (TAB001) and 12 warnings (TAB005). GitHub shows 10 of each
    kind: the rest are log lines, and the summary lists all of them and says so."""
    repo = init_repo(tmp_path / "repo", {"README.md": HEADER + GOOD})
    base = git(repo, "rev-parse", "HEAD")
    rows = [f"| 2023-{m:02} | M{m} | T{m} | no link |\n" for m in range(12, 0, -1)]
    rows += [f"| 2022-{m:02} | N{m} | U{m} |\n" for m in range(12, 0, -1)]
    write(repo, {"README.md": HEADER + GOOD + "".join(rows)})
    commit(repo, "pull request")
    summary = tmp_path / "summary.md"
    result = run_action(repo, base_sha=base, step_summary=str(summary))

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    kinds = [line.split(" ")[0] for line in lines]
    assert kinds[:20] == ["::error"] * 10 + ["::warning"] * 10
    # Errors (TAB001, the rows of 2022 on lines 16-27) first, each kind in file order.
    assert [line.split(",")[1] for line in lines[:10]] == [f"line={n}" for n in range(16, 26)]
    assert [line.split(",")[1] for line in lines[10:20]] == [f"line={n}" for n in range(4, 14)]
    assert len(lines) == 24  # four plain lines after the annotations
    assert all(not line.startswith("::") for line in lines[20:])
    expected = ["TAB001", "TAB001", "TAB005", "TAB005"]
    assert sorted(line.split(" ")[1] for line in lines[20:]) == expected
    text = summary.read_text(encoding="utf-8")
    assert "Found 12 errors and 12 warnings in 1 file." in text
    assert "4 of the findings are not shown as annotations" in text
    assert text.count("\n- **") == 24  # every finding listed


def test_input_errors_are_annotations_and_in_the_summary(
    pull_request: tuple[Path, str], tmp_path: Path
) -> None:
    repo, _ = pull_request
    summary = tmp_path / "summary.md"
    result = run_action(repo, files="README.md missing.md", step_summary=str(summary))
    assert result.returncode == 2
    assert result.stdout.splitlines()[0] == (
        "::error title=awesome-lint::missing.md: no such file or directory"
    )
    text = summary.read_text(encoding="utf-8")
    assert "All checks passed" not in text
    assert "1 input error (listed below)." in text
    assert "### Could not check\n\n- missing.md: no such file or directory" in text


def test_a_broken_configuration_is_an_annotation_and_the_summary_says_why(
    pull_request: tuple[Path, str], tmp_path: Path
) -> None:
    repo, _ = pull_request
    write(repo, {".awesome-lint.yaml": "select: [NOPE]\n"})
    summary = tmp_path / "summary.md"
    result = run_action(repo, step_summary=str(summary))
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=awesome-lint::")
    assert result.stdout.endswith(".awesome-lint.yaml: unknown rule or prefix 'NOPE'\n")
    assert summary.read_text(encoding="utf-8").startswith("## awesome-lint\n\n**Could not run:**")
