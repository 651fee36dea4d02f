"""The command as users run it: a subprocess (``run_cli``), output formats, exit codes,
selection, inputs and input errors. Cases that need many runs use the in-process
``lint`` fixture."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from awesome_lint import __version__
from awesome_lint.docs import page_name
from awesome_lint.registry import load_rules
from tests.conftest import FIXTURES, ROOT, run_cli

Lint = Callable[..., CompletedProcess[str]]

LIST = """\
# Papers

| Date | Model Name | Paper Title | Link |
|---|---|---|---|
|  | 通义千问 | T | [p](https://arxiv.org/abs/2401.00001) |
| 2024-01 | B | U | nolink |
"""
TEXT_OUTPUT = [
    "list.md:5:2: TAB004 empty Date cell (error)",
    "list.md:6:21: TAB005 no link in the Link cell 'nolink' (warning)",
]
WARNING_ONLY = "| Date | Link |\n|---|---|\n| 2024-01 | nolink |\n"
CLEAN = "| Date | Link |\n|---|---|\n| 2024-01 | [p](https://arxiv.org/abs/2401.00001) |\n"
JSON_KEYS = [
    "path", "line", "column", "end_line", "end_column", "code", "name", "severity",
    "message", "fixable",
]  # fmt: skip


def run(*args: str, **kwargs: object) -> CompletedProcess[str]:
    """``run_cli`` restricted to the TAB rules, checking what every run must satisfy."""
    result = run_cli("--select", "TAB", *args, **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2)
    assert "\x1b[" not in result.stdout + result.stderr or "FORCE_COLOR" in str(kwargs)
    return result


def errors(result: CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("awesome-lint: ")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository holding list.md (two findings) and nothing else."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    return tmp_path


# --- formats -----------------------------------------------------------------------------


def test_text_format_and_summary(project: Path) -> None:
    result = run("list.md", cwd=project)
    assert result.stdout.splitlines() == TEXT_OUTPUT
    assert result.stderr == "Found 1 error and 1 warning in 1 file.\n"
    assert result.returncode == 1


def test_quiet_drops_the_summary(project: Path) -> None:
    result = run("-q", "list.md", cwd=project)
    assert (result.stdout.splitlines(), result.stderr) == (TEXT_OUTPUT, "")


def test_full_format_shows_the_line_and_a_caret(project: Path) -> None:
    result = run("--output-format", "full", "list.md", cwd=project)
    assert result.stdout.split("\n\n")[:2] == [
        "list.md:5:2: TAB004 empty Date cell (error)\n"
        "5 | |  | 通义千问 | T | [p](https://arxiv.org/abs/2401.00001) |\n"
        "     ^^",
        "list.md:6:21: TAB005 no link in the Link cell 'nolink' (warning)\n"
        "6 | | 2024-01 | B | U | nolink |\n"
        "                        ^^^^^^",
    ]


def test_json_format_has_exactly_the_documented_keys(project: Path) -> None:
    result = run("--output-format", "json", "list.md", cwd=project)
    items = json.loads(result.stdout)
    assert [list(item) for item in items] == [JSON_KEYS, JSON_KEYS]
    assert items[1] == {
        "path": "list.md",
        "line": 6,
        "column": 21,
        "end_line": 6,
        "end_column": 27,
        "code": "TAB005",
        "name": "missing-link",
        "severity": "warning",
        "message": "no link in the Link cell 'nolink'",
        "fixable": False,
    }
    assert (items[0]["code"], items[0]["severity"], items[0]["column"]) == ("TAB004", "error", 2)
    assert result.stderr == ""  # nothing but JSON, and no summary
    assert result.returncode == 1


def test_json_marks_fixable_findings(project: Path) -> None:
    (project / ".awesome-lint.yaml").write_text("table-style: aligned\n", encoding="utf-8")
    result = run("--output-format", "json", "--select", "TAB003", "list.md", cwd=project)
    (item,) = json.loads(result.stdout)
    assert (item["code"], item["fixable"], item["line"]) == ("TAB003", True, 3)
    assert json.loads(run("--output-format", "json", "-", stdin=b"", cwd=project).stdout) == []


def test_colour_only_when_forced_and_no_color_wins(project: Path) -> None:
    forced = run("list.md", cwd=project, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[1;31mTAB004\x1b[0m" in forced.stdout
    both = run("list.md", cwd=project, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert both.stdout.splitlines() == TEXT_OUTPUT


def test_output_file_takes_the_report_and_stderr_the_summary(project: Path) -> None:
    target = project / "reports" / "lint.sarif"
    result = run("--output-format", "sarif", "--output-file", "reports/lint.sarif", "list.md",
                 cwd=project)  # fmt: skip
    assert (result.stdout, result.stderr) == ("", "Found 1 error and 1 warning in 1 file.\n")
    assert result.returncode == 1
    log = json.loads(target.read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["TAB004", "TAB005"]
    assert os.listdir(target.parent) == ["lint.sarif"]  # no temporary left behind


def test_output_file_is_replaced_keeping_its_mode_and_has_no_colour(project: Path) -> None:
    target = project / "lint.txt"
    target.write_text("an older, longer report\n" * 10, encoding="utf-8")
    target.chmod(0o640)
    env = {"NO_COLOR": "", "FORCE_COLOR": "1"}
    result = run("-q", "--output-file", "lint.txt", "list.md", cwd=project, env=env)
    assert (result.stdout, result.stderr, result.returncode) == ("", "", 1)
    assert target.read_text(encoding="utf-8").splitlines() == TEXT_OUTPUT
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("target", "reason"),
    [("list.md/lint.json", "Not a directory"), (".git", "Is a directory")],
)
def test_output_file_that_cannot_be_written(project: Path, target: str, reason: str) -> None:
    result = run("--output-format", "json", "--output-file", target, "list.md", cwd=project)
    assert result.returncode == 2
    assert errors(result) == [f"awesome-lint: error: {target}: cannot write the report: {reason}"]
    assert sorted(os.listdir(project)) == [".git", "list.md"]


def test_output_file_with_fixed_standard_input_and_without_a_report(project: Path) -> None:
    (project / ".awesome-lint.yaml").write_text("table-style: aligned\n", encoding="utf-8")
    fixed = run("--fix", "--output-file", "r.txt", "-", stdin=LIST.encode(), cwd=project)
    assert fixed.stdout.splitlines()[3].startswith("| ------- | ---------- |")
    assert (project / "r.txt").read_text(encoding="utf-8").startswith("-:5:2: TAB004 ")
    for mode in ("--diff", "--write-baseline"):
        refused = run(mode, "--output-file", "r.txt", "list.md", cwd=project)
        assert refused.returncode == 2
        assert errors(refused) == [
            "awesome-lint: error: --output-file: --diff and --write-baseline write no report"
        ]


# --- exit codes ----------------------------------------------------------------------------


def test_exit_codes(lint: Lint, project: Path) -> None:
    (project / "warn.md").write_text(WARNING_ONLY, encoding="utf-8")
    (project / "clean.md").write_text(CLEAN, encoding="utf-8")
    assert lint("--select", "TAB", "list.md", cwd=project).returncode == 1
    warned = lint("--select", "TAB", "warn.md", cwd=project)
    assert (warned.returncode, warned.stderr) == (0, "Found 0 errors and 1 warning in 1 file.\n")
    clean = lint("--select", "TAB", "clean.md", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")
    assert clean.stderr == "All checks passed (1 file).\n"
    zero = lint("--select", "TAB", "--exit-zero", "list.md", cwd=project)
    assert (zero.returncode, zero.stdout.splitlines()) == (0, TEXT_OUTPUT)
    missing = lint("--select", "TAB", "--exit-zero", "nope.md", cwd=project)
    assert missing.returncode == 2  # input errors are not violations


# --- selection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "TAB004"], ["TAB004"]),
        (["--select", "empty-cell"], ["TAB004"]),
        (["--select", "TAB00"], ["TAB004", "TAB005"]),
        (["--select", "TAB004,missing-link"], ["TAB004", "TAB005"]),
        (["--select", " TAB004 , TAB005 "], ["TAB004", "TAB005"]),
        (["--select", "ALL", "--ignore", "DAT,DUP,ARX"], ["TAB004", "TAB005"]),
        (["--select", "TAB", "--ignore", "TAB005"], ["TAB004"]),
        (["--select", "TAB", "--ignore", "missing-link,empty-cell"], []),
        (["--select", "TAB004", "--extend-select", "TAB005"], ["TAB004", "TAB005"]),
        (["--select", "TAB004", "--extend-select", "missing-link"], ["TAB004", "TAB005"]),
    ],
)
def test_select_ignore_extend_select(
    lint: Lint, project: Path, args: list[str], expected: list[str]
) -> None:
    result = lint("--isolated", *args, "list.md", cwd=project)
    assert [line.split()[1] for line in result.stdout.splitlines()] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "TAB999"], "--select: unknown rule or prefix 'TAB999'"),
        (["--select", "TAB004,nope"], "--select: unknown rule or prefix 'nope'"),
        (["--ignore", "XYZ"], "--ignore: unknown rule or prefix 'XYZ'"),
        (["--extend-select", "tab004"], "--extend-select: unknown rule or prefix 'tab004'"),
    ],
)
def test_unknown_rule_on_the_command_line(
    lint: Lint, project: Path, args: list[str], message: str
) -> None:
    result = lint(*args, "list.md", cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"awesome-lint: error: {message}\n"


def test_unknown_rule_through_a_subprocess(project: Path) -> None:
    result = run_cli("--select", "NOPE1", "list.md", cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "awesome-lint: error: --select: unknown rule or prefix 'NOPE1'\n"


@pytest.mark.parametrize(
    ("today", "code"),
    [("2024-02-15", 1), ("2024-01-31", 1), ("2024-03-01", 0)],
)
def test_today_flag_decides_what_is_in_the_future(tmp_path: Path, today: str, code: int) -> None:
    """--today wins over AWESOME_LINT_TODAY and the configuration: a date of March 2024
    is in the future until March."""
    (tmp_path / "list.md").write_text(
        "| Date | Title | Link |\n|---|---|---|\n"
        "| 2024-03 | A | [p](https://arxiv.org/abs/2401.00001) |\n",
        encoding="utf-8",
    )
    (tmp_path / ".awesome-lint.yaml").write_text("today: 2030-01-01\n", encoding="utf-8")
    result = run_cli("--select", "DAT003", "--today", today, "list.md", cwd=tmp_path)
    assert result.returncode == code, result.stdout + result.stderr
    assert ("DAT003" in result.stdout) == (code == 1)


def test_today_flag_rejects_a_non_date(project: Path) -> None:
    result = run("--today", "2024-13-01", cwd=project)
    assert result.returncode == 2
    assert errors(result) == [
        "awesome-lint: error: --today: expected a date YYYY-MM-DD; got '2024-13-01'"
    ]


# --- information ----------------------------------------------------------------------------


def test_list_rules() -> None:
    result = run_cli("--list-rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "default", "fixable"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["TAB001"] == ["TAB001", "table-column-count", "error", "on", "yes"]
    assert rows["TAB002"] == ["TAB002", "table-header", "error", "off", "no"]
    assert rows["TAB003"] == ["TAB003", "table-style", "warning", "off", "yes"]
    assert rows["TAB004"] == ["TAB004", "empty-cell", "error", "on", "no"]
    assert rows["TAB005"] == ["TAB005", "missing-link", "warning", "on", "no"]
    assert list(rows) == sorted(rows)


def test_explain_by_code_and_by_name() -> None:
    page = (ROOT / "rules" / "TAB004-empty-cell.md").read_text(encoding="utf-8")
    by_code = run_cli("--explain", "TAB004")
    assert (by_code.returncode, by_code.stdout) == (0, page)
    assert run_cli("--explain", "missing-link").stdout.startswith("# TAB005 missing-link\n")


def test_version() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"awesome-lint {__version__}\n")


TAB_RULES = [rule for rule in load_rules() if rule.code.startswith("TAB")]


@pytest.mark.parametrize("rule", TAB_RULES, ids=[rule.code for rule in TAB_RULES])
def test_rule_page_examples_are_what_the_rule_reports(
    lint: Lint, tmp_path: Path, rule: object
) -> None:
    """The Example of each TAB page gives exactly the output shown; Use instead is clean."""
    page = (ROOT / "rules" / page_name(rule)).read_text(encoding="utf-8")  # type: ignore[arg-type]
    example = page.split("\n## Example\n")[1].split("\n## Use instead\n")[0]
    use_instead = page.split("\n## Use instead\n")[1].split("\n## Options\n")[0]
    blocks = re.findall(r"```(\w*)\n(.*?)```", example, re.DOTALL)
    (bad,) = [text for language, text in blocks if language == "markdown"]
    (shown,) = [text for language, text in blocks if language == ""]
    (good,) = re.findall(r"```markdown\n(.*?)```", use_instead, re.DOTALL)
    config = re.search(r"^With `(.*)`:$", example, re.MULTILINE)
    (tmp_path / "c.yaml").write_text(config.group(1) if config else "", encoding="utf-8")
    (tmp_path / "bad.md").write_text(bad, encoding="utf-8")
    (tmp_path / "good.md").write_text(good, encoding="utf-8")
    code = rule.code  # type: ignore[attr-defined]
    args = ("--config", "c.yaml", "--select", code, "-q")
    reported = lint(*args, "bad.md", cwd=tmp_path).stdout
    assert reported == "".join(f"bad.md:{line}\n" for line in shown.splitlines())
    assert lint(*args, "good.md", cwd=tmp_path).stdout == ""


# --- inputs ---------------------------------------------------------------------------------


def test_standard_input_with_a_name(project: Path) -> None:
    data = (project / "list.md").read_bytes()
    plain = run("-", stdin=data, cwd=project)
    assert plain.stdout.splitlines() == [line.replace("list.md", "-") for line in TEXT_OUTPUT]
    named = run("-", "--stdin-filename", "docs/x.md", stdin=data, cwd=project)
    assert named.stdout.splitlines() == [
        line.replace("list.md", "docs/x.md") for line in TEXT_OUTPUT
    ]
    implicit = run("--stdin-filename", "x.md", stdin=data, cwd=project)  # no PATH: stdin
    assert implicit.stdout.splitlines() == [line.replace("list.md", "x.md") for line in TEXT_OUTPUT]


def test_stdin_filename_decides_the_configuration(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / ".awesome-lint.yaml").write_text("ignore: [TAB004]\n", encoding="utf-8")
    data = (project / "list.md").read_bytes()
    result = run_cli("-", "--stdin-filename", "docs/x.md", stdin=data, cwd=project)
    assert result.stdout == "docs/x.md:6:21: TAB005 no link in the Link cell 'nolink' (warning)\n"


def test_readme_in_the_working_directory_by_default(project: Path) -> None:
    missing = run(cwd=project)
    assert errors(missing) == ["awesome-lint: error: README.md: no such file or directory"]
    assert missing.returncode == 2
    (project / "README.md").write_text(LIST, encoding="utf-8")
    found = run(cwd=project)
    assert found.stdout.splitlines() == [
        line.replace("list.md", "README.md") for line in TEXT_OUTPUT
    ]


def test_directories_skip_hidden_and_node_modules(lint: Lint, project: Path) -> None:
    for relative in (
        "docs/a.md", "docs/deep/B.MD", "docs/c.txt", ".github/x.md", "node_modules/p/README.md",
        "docs/.hidden/y.md",
    ):  # fmt: skip
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(WARNING_ONLY, encoding="utf-8")
    result = lint("--select", "TAB", ".", cwd=project)
    paths = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert paths == ["docs/a.md", "docs/deep/B.MD", "list.md", "list.md"]
    explicit = lint("--select", "TAB", ".github", cwd=project)  # named, so it is linted
    assert [line.split(":")[0] for line in explicit.stdout.splitlines()] == [".github/x.md"]


def test_each_file_is_linted_once(lint: Lint, project: Path) -> None:
    result = lint("--select", "TAB", "list.md", "list.md", cwd=project)
    assert result.stdout.splitlines() == TEXT_OUTPUT


def test_line_endings_and_bom_do_not_change_the_output(project: Path) -> None:
    data = LIST.encode()
    (project / "crlf.md").write_bytes(data.replace(b"\n", b"\r\n"))
    (project / "bom.md").write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    result = run("--output-format", "json", "list.md", "crlf.md", "bom.md", cwd=project)
    items = json.loads(result.stdout)
    by_path: dict[str, list[object]] = {}
    for item in items:
        by_path.setdefault(item.pop("path"), []).append(item)
    assert by_path["crlf.md"] == by_path["list.md"] == by_path["bom.md"]
    assert len(by_path["list.md"]) == 2


# --- bad input --------------------------------------------------------------------------------


def test_bad_inputs_are_reported_and_the_rest_is_linted(project: Path) -> None:
    (project / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (project / "latin1.md").write_bytes("| a |\n|---|\n| café |\n".encode("latin-1"))
    (project / "empty").mkdir()
    (project / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    (project / "dir").mkdir()
    (project / "dir" / "z.md").write_text(LIST, encoding="utf-8")
    os.symlink(project / "gone.md", project / "dir" / "broken.md")  # unreadable
    result = run("missing.md", "binary.md", "latin1.md", "empty", "dir", "list.md", cwd=project)
    assert errors(result) == [
        "awesome-lint: error: missing.md: no such file or directory",
        "awesome-lint: error: empty: directory contains no Markdown (*.md) files",
        "awesome-lint: error: binary.md: binary file (contains NUL bytes), not Markdown text",
        "awesome-lint: error: latin1.md:3: not valid UTF-8 (byte 0xe9 at offset 17)",
        "awesome-lint: error: dir/broken.md: cannot read: No such file or directory",
    ]
    assert (
        result.stdout.splitlines()
        == [line.replace("list.md", "dir/z.md") for line in TEXT_OUTPUT] + TEXT_OUTPUT
    )
    assert result.stderr.endswith(
        "Found 2 errors and 2 warnings in 2 files. 5 input errors (see above).\n"
    )
    assert result.returncode == 2


def test_only_bad_input_does_not_claim_success(project: Path) -> None:
    result = run("missing.md", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "No violations in 0 files; 1 input error (see above)."
    assert "passed" not in result.stderr


def test_invalid_utf8_on_stdin_names_the_stdin_filename(project: Path) -> None:
    result = run("-", "--stdin-filename", "in.md", stdin=b"ok\n\xc3(\n", cwd=project)
    assert errors(result) == [
        "awesome-lint: error: in.md:2: not valid UTF-8 (byte 0xc3 at offset 3)"
    ]
    assert result.returncode == 2


def test_usage_errors_are_one_line_without_traceback(project: Path) -> None:
    result = run("--output-format", "yaml", "list.md", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(
        "awesome-lint: error: argument --output-format"
    )


def test_show_tables_says_which_tables_follow_the_lists_link_habit() -> None:
    result = run_cli(
        "--isolated", "--show-tables", str(FIXTURES / "rules" / "ARX002" / "file_habit.md")
    )
    links = [
        line.split(":", 1)[1].strip()
        for line in result.stdout.splitlines()
        if "arXiv links:" in line
    ]
    habit = "5 of 7 of the file (the list's habit) written like https://arxiv.org/pdf/ID"
    assert links == [habit, habit, "-"]


def test_help_uses_the_terminal_width() -> None:
    """The parser is built with a fixed-width formatter (no shutil at start-up); help
    still wraps at the terminal's width."""
    from awesome_lint.cli import build_parser

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLUMNS", "140")
        text = build_parser().format_help()
    first_usage_line = text.splitlines()[0]  # as long as the terminal allows
    assert 80 < len(first_usage_line) <= 138
