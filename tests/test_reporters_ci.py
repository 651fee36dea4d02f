"""The CI output formats: github (workflow commands + step summary), sarif, junit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from awesome_lint import PROJECT_URL, reporters_ci
from awesome_lint.docs import page_path
from awesome_lint.engine import Violation
from awesome_lint.registry import load_rules
from awesome_lint.reporters import Report
from awesome_lint.rule import Severity
from tests.conftest import ROOT, run_cli
from tests.git_helpers import init_repo

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# Lines 5-6: a repeated row (one DUP002 on line 6, related to 5); 7: TAB001; 8: TAB005.
DEFECTIVE = """\
# Papers

| Date | Model | Title | Link |
| --- | --- | --- | --- |
| 2024-04 | WavLLM | WavLLM: Towards Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |
| 2024-04 | WavLLM | WavLLM: Towards Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |
| 2023-10 | SALMONN | SALMONN: Towards Generic Hearing |
| 2023-09 | Qwen-Audio | Qwen-Audio: Advancing Audio | no link |
"""
CLEAN = """\
| Date    | Model  | Title                         | Link                                      |
| ------- | ------ | ----------------------------- | ----------------------------------------- |
| 2024-04 | WavLLM | WavLLM: Towards Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |
"""
NO_GITHUB = {"GITHUB_STEP_SUMMARY": "", "GITHUB_SERVER_URL": ""}
GITHUB_RUN = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "someone/awesome-papers",
    "GITHUB_SHA": "0123abcd",
}


def violation(message: str, path: str = "README.md", **changes: object) -> Violation:
    fields: dict[str, object] = {
        "path": path,
        "line": 3,
        "column": 2,
        "end_line": 3,
        "end_column": 9,
        "code": "TAB001",
        "name": "table-column-count",
        "severity": Severity.ERROR,
        "message": message,
    }
    fields.update(changes)
    return Violation(**fields)  # type: ignore[arg-type]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the defective list in docs/ and a clean one at the root."""
    return init_repo(tmp_path / "repo", {"docs/papers.md": DEFECTIVE, "README.md": CLEAN})


# --- github -------------------------------------------------------------------------------


def test_workflow_command_escapes_data_and_properties() -> None:
    found = violation("100% sure\r\nsecond line: a, b", path="a,b:c%.md")
    assert reporters_ci.workflow_command(found, found.path) == (
        "::error file=a%2Cb%3Ac%25.md,line=3,endLine=3,col=2,endColumn=9,"
        "title=TAB001 table-column-count::100%25 sure%0D%0Asecond line: a, b"
    )


def test_workflow_command_for_a_warning_escapes_the_title() -> None:
    found = violation("m", code="XTD001", name="a:b,c", severity=Severity.WARNING)
    assert reporters_ci.workflow_command(found, "R.md") == (
        "::warning file=R.md,line=3,endLine=3,col=2,endColumn=9,title=XTD001 a%3Ab%2Cc::m"
    )


def test_github_format_paths_are_relative_to_the_repository_root(repo: Path) -> None:
    result = run_cli("--output-format", "github", "papers.md", cwd=repo / "docs", env=NO_GITHUB)
    assert result.returncode == 1
    commands = result.stdout.splitlines()
    assert [c.split(",")[:2] for c in commands] == [
        ["::error file=docs/papers.md", "line=6"],
        ["::error file=docs/papers.md", "line=7"],
        ["::warning file=docs/papers.md", "line=8"],
    ]
    assert "title=TAB001 table-column-count::row has 3 cells" in commands[1]
    assert "Found 2 errors and 1 warning in 1 file." in result.stderr


def test_github_actions_environment_selects_the_github_format(repo: Path) -> None:
    env = {**NO_GITHUB, "GITHUB_ACTIONS": "true"}
    automatic = run_cli("docs/papers.md", cwd=repo, env=env)
    assert automatic.stdout.startswith("::error file=docs/papers.md,line=6,")
    chosen = run_cli("--output-format", "text", "docs/papers.md", cwd=repo, env=env)
    assert chosen.stdout.startswith("docs/papers.md:6:54: DUP002")


def test_step_summary_is_appended_with_counts_and_links(repo: Path) -> None:
    summary = repo.parent / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {**GITHUB_RUN, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_cli("--output-format", "github", "docs/papers.md", "README.md", cwd=repo, env=env)
    assert result.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "earlier step\n## awesome-lint\n\nFound 2 errors and 1 warning in 1 file."
    )
    pages = f"{PROJECT_URL}/blob/main/rules"
    assert f"| [TAB001 table-column-count]({pages}/TAB001-table-column-count.md) | 1 | 0 |" in text
    assert f"| [TAB005 missing-link]({pages}/TAB005-missing-link.md) | 0 | 1 |" in text
    blob = "https://github.com/someone/awesome-papers/blob/0123abcd/docs/papers.md"
    assert f"- **error** [docs/papers.md:7:1]({blob}#L7) `TAB001` row has 3 cells" in text
    assert f"- **warning** [docs/papers.md:8:56]({blob}#L8) `TAB005`" in text
    assert text.count("\n- **") == 3


def test_step_summary_without_findings(repo: Path) -> None:
    summary = repo.parent / "summary.md"
    result = run_cli(
        "--output-format", "github", "README.md", cwd=repo,
        env={**NO_GITHUB, "GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "")
    assert summary.read_text(encoding="utf-8") == (
        "## awesome-lint\n\nAll checks passed (1 file).\n\n"
    )


def test_step_summary_escapes_markdown_and_links_nothing_outside_actions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in GITHUB_RUN:
        monkeypatch.delenv(name, raising=False)
    report = Report([violation("cell '<b>a|b</b>' has *stars*")], ["README.md"])
    text = reporters_ci.step_summary(report, tmp_path)
    assert "- **error** README.md:3:2 `TAB001` cell '\\<b\\>a\\|b\\</b\\>' has \\*stars\\*" in text
    assert "| TAB001 table-column-count | 1 | 0 |" in text  # no rules given: no page link


def test_step_summary_stays_within_githubs_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(reporters_ci, "SUMMARY_BUDGET", 300)
    report = Report([violation(f"problem {n}", line=n) for n in range(1, 11)], ["README.md"])
    lines = reporters_ci.step_summary(report, tmp_path).rstrip().splitlines()
    findings = [line for line in lines if line.startswith("- **error**")]
    assert 0 < len(findings) < 10
    assert lines[-1] == f"… and {10 - len(findings)} more (the summary is limited to 1 MiB)."


# --- sarif --------------------------------------------------------------------------------


def sarif_of(repo: Path, *args: str) -> dict:
    result = run_cli("--output-format", "sarif", *args, cwd=repo / "docs", env=NO_GITHUB)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(
    not SARIF_SCHEMA.is_file(),
    reason=f"the SARIF schema of ../shared is not there ({SARIF_SCHEMA})",
)
def test_sarif_is_valid_against_the_official_schema(repo: Path) -> None:
    log = sarif_of(repo, "papers.md")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert log["version"] == "2.1.0"


def test_sarif_describes_every_rule(repo: Path) -> None:
    driver = sarif_of(repo, "papers.md")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "awesome-lint"
    rules = load_rules()
    assert [entry["id"] for entry in driver["rules"]] == [rule.code for rule in rules]
    for entry, rule in zip(driver["rules"], rules, strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"]
        level = {"info": "note"}.get(rule.severity.value, rule.severity.value)  # SARIF's word
        assert entry["defaultConfiguration"]["level"] == level
        if page_path(rule) is not None:
            assert entry["helpUri"] == f"{PROJECT_URL}/blob/main/rules/{rule.code}-{rule.name}.md"
            assert entry["help"]["markdown"] == page_path(rule).read_text(encoding="utf-8")


def test_sarif_results_have_regions_and_repository_relative_paths(repo: Path) -> None:
    run = sarif_of(repo, "papers.md")["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("DUP002", "error"), ("TAB001", "error"), ("TAB005", "warning"),
    ]  # fmt: skip
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "docs/papers.md", "uriBaseId": "%SRCROOT%"}
    tab005 = results[-1]
    assert tab005["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 8, "startColumn": 56, "endLine": 8, "endColumn": 63,
    }  # fmt: skip
    assert tab005["message"]["text"] == "no link in the Link cell 'no link'"
    related = results[0]["relatedLocations"][0]["physicalLocation"]
    assert related["region"] == {"startLine": 5}


def test_sarif_uses_absolute_uris_outside_the_repository(tmp_path: Path, repo: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(DEFECTIVE, encoding="utf-8")
    location = sarif_of(repo, str(outside))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": outside.as_uri()}


# --- junit --------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file_and_one_failure_per_violation(repo: Path) -> None:
    result = run_cli("--output-format", "junit", "docs/papers.md", "README.md", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = ET.fromstring(result.stdout)
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suites.get("tests"), suites.get("failures")) == ("2", "1")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == ["docs/papers.md", "README.md"]
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == ["DUP002", "TAB001", "TAB005"]
    assert failures[2].get("message") == "no link in the Link cell 'no link'"
    assert failures[2].text == (
        "docs/papers.md:8:56: TAB005 missing-link (warning): no link in the Link cell 'no link'"
    )
    assert cases[1].findall("failure") == []


def test_junit_replaces_characters_xml_cannot_carry() -> None:
    from io import StringIO

    out = StringIO()
    reporters_ci.junit_reporter(
        Report([violation("bell \x07 <&>")], ["README.md"]),
        out,
        style=None,  # type: ignore[arg-type]
    )
    failure = ET.fromstring(out.getvalue()).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "bell \\x07 <&>"


# --- imports ------------------------------------------------------------------------------


def test_a_text_run_imports_no_ci_reporter_nor_json(repo: Path) -> None:
    code = (
        "import sys\n"
        "from awesome_lint.cli import main\n"
        "main(['--quiet', 'README.md'])\n"
        "print(sorted({'json', 'awesome_lint.reporters_ci', 'awesome_lint.gitdiff'}"
        " & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


# --- hostile file names and texts (issue 15, item 5) ----------------------------------------


@pytest.mark.parametrize("output_format", ["text", "full", "github", "json", "sarif", "junit"])
def test_hostile_file_names_cannot_inject_workflow_commands(
    tmp_path: Path, output_format: str
) -> None:
    name = "a\n::add-mask::secret\n::error file=x::\x1b[2J\u202eevil.md"
    (tmp_path / name).write_text(
        "| Date | Link |\n|---|---|\n| 2024-01 | nolink\u202e\x1b[31m |\n", encoding="utf-8"
    )
    result = run_cli(
        "--output-format", output_format, name, "missing\n::warning::x.md", cwd=tmp_path
    )
    assert result.returncode == 2  # the missing file
    for stream in (result.stdout, result.stderr):
        lines = stream.splitlines()
        assert not any(line.startswith("::add-mask::") for line in lines)
        assert not any(line.startswith(("::error file=x", "::warning::x")) for line in lines)
        assert "\x1b" not in stream
        if output_format not in ("json", "sarif"):  # data there, JSON-escaped
            assert "\u202e" not in stream
    assert "awesome-lint: error: missing\\n::warning::x.md: no such file" in result.stderr


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit"])
def test_a_file_name_that_is_not_utf8_is_reported(tmp_path: Path, output_format: str) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / name).write_text("| Date | Link |\n|---|---|\n| 2024-01 | x |\n")
    result = run_cli("--output-format", output_format, name, cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.returncode == 0, result.stderr
    shown = ("caf\\xe9.md", "caf%E9.md", "caf\\udce9.md")  # escaped as each format does
    assert not result.stdout or any(name in result.stdout for name in shown)
