"""What users install: the wheel (with the rule pages) and the pre-commit hooks.

Both build from a snapshot of this working tree committed to a temporary repository,
as CI's clone would hold it, so they also work before the lead commits new files.
They reach PyPI (build requirements, dependencies), so they are marked slow.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY, ROOT
from tests.git_helpers import GIT_ENV, init_repo, snapshot_project

Result = subprocess.CompletedProcess[str]

CLEAN = """\
# Papers

| Date | Model | Title | Link |
| --- | --- | --- | --- |
| 2024-04 | WavLLM | WavLLM: Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |
"""
# Line 5: a PDF link (ARX002, fixable); line 6: a missing cell (TAB001, not fixable).
DEFECTIVE = CLEAN.replace("/abs/", "/pdf/") + "| 2023-10 | SALMONN | SALMONN: Generic Hearing |\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot_project(tmp_path_factory.mktemp("project"))


def run(*command: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    environment = {**os.environ, **GIT_ENV, "AWESOME_LINT_TODAY": FIXED_TODAY, "NO_COLOR": "1"}
    environment.pop("GITHUB_ACTIONS", None)
    environment.update(env or {})
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600
    )


def test_the_hooks_manifest_is_valid() -> None:
    manifest = ROOT / ".pre-commit-hooks.yaml"
    result = run(sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_pre_commit_hooks_fail_on_a_defective_list_and_pass_a_clean_one(
    project: Path, tmp_path: Path
) -> None:
    """Both hooks (try-repo without a hook id runs all); each try-repo installs afresh."""
    lists = init_repo(
        tmp_path,
        {"README.md": DEFECTIVE, "docs/clean.md": CLEAN, "CONTRIBUTING.md": DEFECTIVE},
    )
    try_repo = (sys.executable, "-m", "pre_commit", "try-repo", str(project))
    options = ("--color", "never")

    failing = run(*try_repo, "--all-files", *options, cwd=lists)
    output = failing.stdout
    assert failing.returncode == 1, output + failing.stderr
    assert re.search(r"^awesome-lint\.+Failed$", output, re.MULTILINE), output
    assert re.search(r"^awesome-lint \(fix\)\.+Failed$", output, re.MULTILINE), output
    assert "README.md:5:46: ARX002 [*] arXiv link is not canonical" in output  # then fixed
    assert output.count("README.md:6:1: TAB001 row has 3 cells, the header has 4") == 2
    assert "files were modified by this hook" in output
    assert "docs/clean.md" not in output
    assert "CONTRIBUTING.md" not in output  # excluded by default, and the hooks force it
    fixed = CLEAN + "| 2023-10 | SALMONN | SALMONN: Generic Hearing |\n"
    assert (lists / "README.md").read_text(encoding="utf-8") == fixed

    passing = run(*try_repo, "--files", "docs/clean.md", *options, cwd=lists)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert passing.stdout.count("Passed") == 2


@pytest.mark.slow
def test_the_wheel_ships_the_rule_pages_and_explain_reads_them(
    project: Path, tmp_path: Path
) -> None:
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
        str(tmp_path / "dist"), str(project), cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("awesome_lint-*.whl")
    pages = sorted((project / "rules").glob("*.md"))
    assert pages, "no rule pages"
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name.removeprefix("awesome_lint/rule_docs/"): archive.read(name)
            for name in archive.namelist()
            if name.startswith("awesome_lint/rule_docs/") and name.endswith(".md")
        }
        archive.extractall(tmp_path / "site")
    assert shipped == {page.name: page.read_bytes() for page in pages}

    # The extracted wheel comes first on the path, away from any source checkout.
    env = {"PYTHONPATH": str(tmp_path / "site")}
    where = run(sys.executable, "-c", "import awesome_lint; print(awesome_lint.__file__)",
                cwd=tmp_path, env=env)  # fmt: skip
    assert where.stdout.startswith(str(tmp_path / "site")), where.stdout + where.stderr
    rule_code = pages[0].name.split("-", 1)[0]
    explained = run(sys.executable, "-m", "awesome_lint", "--explain", rule_code,
                    cwd=tmp_path, env=env)  # fmt: skip
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout == pages[0].read_text(encoding="utf-8")
    # The configuration's schema ships too, the one --config-schema prints.
    shipped_schema = (tmp_path / "site" / "awesome_lint" / "config.schema.json").read_text()
    assert shipped_schema == (project / "src" / "awesome_lint" / "config.schema.json").read_text()
    printed = run(sys.executable, "-m", "awesome_lint", "--config-schema", cwd=tmp_path, env=env)
    assert printed.stdout == shipped_schema
