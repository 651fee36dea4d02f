"""Configuration: discovery, precedence, validation errors, and what the keys do.

Runs the command in this process (the ``lint`` fixture) with the working directory in
a temporary repository; a few cases go through a subprocess as users run it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import run_cli

Lint = Callable[..., CompletedProcess[str]]

# Line 5: TAB004 (empty date, error). Line 6: TAB005 (no link, warning).
# The delimiter row is padded in neither style: TAB003 reports it when configured.
LIST = """\
# Papers

| Date | Model Name | Paper Title | Link |
|---|---|---|---|
|  | A | T | [p](https://arxiv.org/abs/2401.00001) |
| 2024-01 | B | U | nolink |
"""


def codes(result: CompletedProcess[str]) -> list[str]:
    """The rule codes reported on stdout (text format), in order."""
    return [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines()]


def error_line(result: CompletedProcess[str]) -> str:
    """The one error line on stderr (the summary line after it is allowed)."""
    errors = [line for line in result.stderr.splitlines() if line.startswith("awesome-lint:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return errors[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with README.md (LIST) at its root and in docs/sub/."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "README.md").write_text(LIST, encoding="utf-8")
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "docs" / "sub" / "list.md").write_text(LIST, encoding="utf-8")
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ---------------------------------------------------------------------------


def test_defaults_without_configuration(lint: Lint, repo: Path) -> None:
    result = lint("README.md", cwd=repo)
    assert codes(result) == ["TAB004", "TAB005"]
    assert result.returncode == 1


@pytest.mark.parametrize("name", [".awesome-lint.yaml", ".awesome-lint.yml"])
def test_yaml_at_the_repository_root_applies_to_files_below(
    lint: Lint, repo: Path, name: str
) -> None:
    write(repo / name, "ignore: [TAB004]\n")
    result = lint("docs/sub/list.md", cwd=repo)
    assert codes(result) == ["TAB005"]
    assert result.returncode == 0


def test_pyproject_tool_table_applies(lint: Lint, repo: Path) -> None:
    write(
        repo / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.awesome-lint]\nignore = ["TAB005"]\n',
    )
    assert codes(lint("docs/sub/list.md", cwd=repo)) == ["TAB004"]


def test_pyproject_sub_table_alone_counts_as_configuration(lint: Lint, repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.awesome-lint.severity]\nTAB004 = "warning"\n')
    result = lint("README.md", cwd=repo)
    assert codes(result) == ["TAB004", "TAB005"]
    assert result.returncode == 0  # both are warnings now


def test_yaml_beats_pyproject_in_the_same_directory(lint: Lint, repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.awesome-lint]\nignore = ["TAB005"]\n')
    write(repo / ".awesome-lint.yaml", "ignore: [TAB004]\n")
    assert codes(lint("README.md", cwd=repo)) == ["TAB005"]


def test_pyproject_without_the_tool_table_is_skipped(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: [TAB004]\n")
    write(
        repo / "docs" / "pyproject.toml",
        '[project]\nname = "docs"\n\n[tool.ruff]\nline-length = 1\n',
    )
    assert codes(lint("docs/sub/list.md", cwd=repo)) == ["TAB005"]


def test_the_nearest_configuration_wins_without_merging(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: [TAB004]\n")
    write(repo / "docs" / ".awesome-lint.yaml", "ignore: [TAB005]\n")
    result = lint("README.md", "docs/sub/list.md", cwd=repo)
    assert result.stdout.splitlines() == [
        "README.md:6:21: TAB005 no link in the Link cell 'nolink' (warning)",
        "docs/sub/list.md:5:2: TAB004 empty Date cell (error)",
    ]


def test_discovery_stops_at_the_repository_root(lint: Lint, repo: Path) -> None:
    write(repo.parent / ".awesome-lint.yaml", "ignore: [TAB004, TAB005]\n")
    assert codes(lint("docs/sub/list.md", cwd=repo)) == ["TAB004", "TAB005"]
    (repo / ".git").rmdir()  # outside a repository it walks on up
    assert codes(lint("docs/sub/list.md", cwd=repo)) == []


def test_discovery_starts_at_the_file_not_the_working_directory(lint: Lint, repo: Path) -> None:
    write(repo / "docs" / ".awesome-lint.yaml", "ignore: [TAB004]\n")
    assert codes(lint(str(repo / "docs" / "sub" / "list.md"), cwd=repo.parent)) == ["TAB005"]


def test_explicit_config_replaces_discovery(lint: Lint, repo: Path, tmp_path: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: [TAB004]\n")
    other = write(tmp_path / "elsewhere.yaml", "ignore: [TAB005]\n")
    assert codes(lint("--config", str(other), "README.md", cwd=repo)) == ["TAB004"]
    toml = write(tmp_path / "cfg.toml", '[tool.awesome-lint]\nselect = ["TAB005"]\n')
    assert codes(lint("--config", str(toml), "README.md", cwd=repo)) == ["TAB005"]


def test_isolated_ignores_configuration_files(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: [TAB004, TAB005]\n")
    assert codes(lint("--isolated", "README.md", cwd=repo)) == ["TAB004", "TAB005"]
    write(repo / ".awesome-lint.yaml", "bogus: 1\n")  # not even read
    assert lint("--isolated", "README.md", cwd=repo).returncode == 1


def test_missing_explicit_config_is_an_error(lint: Lint, repo: Path) -> None:
    result = lint("--config", "nope.yaml", "README.md", cwd=repo)
    assert result.returncode == 2
    assert error_line(result).startswith("awesome-lint: error: nope.yaml: cannot read")
    assert result.stdout == ""


# --- validation errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("select: [TAB]\nbogus: 1\n", ":2: unknown key 'bogus'"),
        ("ignroe: [TAB005]\n", ":1: unknown key 'ignroe' (did you mean 'ignore'?)"),
        ("select: [TAB]\nignore: 5\n", ":2: ignore: expected a list of strings; got 5"),
        ("severity:\n  TAB004: fatal\n", ":1: severity: TAB004: expected one of error, warning"),
        ("severity: [TAB004]\n", ":1: severity: expected a mapping"),
        ("columns: {author: Who}\n", ":1: columns: unknown column role 'author'"),
        ("table-style: pretty\n", ":1: table-style: expected one of aligned, compact"),
        ("header: Date\n", ":1: header: expected a list of column names"),
        ("placeholders: [1, 2]\n", ":1: placeholders: expected a list of strings"),
        ("today: soon\n", ":1: today: expected a date YYYY-MM-DD"),
        ("per-row-ignores: [LTU]\n", ":1: per-row-ignores: expected a mapping"),
        ("- select\n", ":1: expected a mapping of settings"),
    ],
)
def test_yaml_errors_name_file_and_line(lint: Lint, repo: Path, text: str, message: str) -> None:
    config = write(repo / ".awesome-lint.yaml", text)
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    line = error_line(result)
    assert line.startswith(f"awesome-lint: error: {config}{message}"), line
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ignore: [TAB005\n", ":2: invalid YAML: "),
        ("select: [TAB]\n  bad indent: 1\n", ":2: invalid YAML: "),
        ("ignore: []\nignore: []\n", ':2: invalid YAML: found duplicate key "ignore"'),
        ("select: *nothing\n", ":1: invalid YAML: "),
    ],
)
def test_broken_yaml_names_file_and_line(lint: Lint, repo: Path, text: str, message: str) -> None:
    config = write(repo / ".awesome-lint.yaml", text)
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    assert error_line(result).startswith(f"awesome-lint: error: {config}{message}")


def alias_bomb(levels: int) -> str:
    """A "billion laughs" in a known key: each level nine aliases of the one before."""
    lines = ["placeholders:", "  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"  - &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (alias_bomb(6), 3),
        ("select: &codes [TAB004]\nignore: *codes\n", 2),
        ("base: &base {TAB004: warning}\nseverity:\n  <<: *base\n", 3),
    ],
    ids=["bomb", "alias", "merge-key"],
)
def test_yaml_aliases_are_refused(lint: Lint, repo: Path, text: str, line: int) -> None:
    config = write(repo / ".awesome-lint.yaml", text)
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    assert error_line(result).startswith(
        f"awesome-lint: error: {config}:{line}: invalid YAML: aliases (*"
    )
    assert len(result.stderr) < 1000


def test_an_anchor_without_alias_is_harmless(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: &skipped [TAB005]\n")
    result = lint("README.md", cwd=repo)
    assert codes(result) == ["TAB004"]


def test_yaml_that_is_not_utf8_is_an_error(lint: Lint, repo: Path) -> None:
    config = repo / ".awesome-lint.yaml"
    config.write_bytes(b"ignore: [\xff]\n")
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    assert error_line(result).startswith(f"awesome-lint: error: {config}: cannot read")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.awesome-lint]\nbogus = 1\n", ": [tool.awesome-lint]: unknown key 'bogus'"),
        (
            "[tool.awesome-lint]\nselect = 5\n",
            ": [tool.awesome-lint]: select: expected a list of strings; got 5",
        ),
        (
            "[tool.awesome-lint.severity]\nTAB004 = 1\n",
            ": [tool.awesome-lint]: severity: TAB004: expected one of error, warning, info; got 1",
        ),
        ("[tool]\nawesome-lint = 5\n", ": [tool.awesome-lint]: expected a mapping of settings"),
        ("[tool.awesome-lint\nselect = []\n", ": invalid TOML: "),
        ('[tool.awesome-lint]\nselect = ["TAB"\n', ": invalid TOML: "),
    ],
)
def test_toml_errors_name_file_and_key(lint: Lint, repo: Path, text: str, message: str) -> None:
    config = write(repo / "pyproject.toml", text)
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    line = error_line(result)
    assert line.startswith(f"awesome-lint: error: {config}{message}"), line


def test_unknown_rule_in_configuration_names_the_file(lint: Lint, repo: Path) -> None:
    config = write(repo / ".awesome-lint.yaml", "select: [TAB, XYZ]\n")
    result = lint("README.md", cwd=repo)
    assert result.returncode == 2
    assert error_line(result) == f"awesome-lint: error: {config}: unknown rule or prefix 'XYZ'"


def test_configuration_error_through_a_subprocess(repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "ignore: [TAB005\n")
    result = run_cli("README.md", cwd=repo)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"awesome-lint: error: {repo / '.awesome-lint.yaml'}:2: invalid YAML: "
    )
    assert len(result.stderr.splitlines()) == 1


# --- what the keys do --------------------------------------------------------------------


def test_severity_override_changes_exit_code_and_reports(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "severity: {TAB004: warning, missing-link: error}\n")
    result = lint("--output-format", "json", "README.md", cwd=repo)
    import json

    assert [(v["code"], v["severity"]) for v in json.loads(result.stdout)] == [
        ("TAB004", "warning"),
        ("TAB005", "error"),
    ]
    assert result.returncode == 1
    write(repo / ".awesome-lint.yaml", "severity: {TAB: warning}\n")
    assert lint("README.md", cwd=repo).returncode == 0


@pytest.mark.parametrize(
    ("config", "arguments", "expected"),
    [
        ("select: [TAB005]\n", [], ["TAB005"]),
        ("select: [empty-cell]\n", [], ["TAB004"]),
        ("ignore: [TAB]\n", [], []),
        # TAB003 without table-style checks nothing:
        ("extend-select: [TAB003]\n", [], ["TAB004", "TAB005"]),
        ("table-style: compact\n", [], ["TAB003", "TAB004", "TAB005"]),
        ("table-style: compact\nignore: [table-style]\n", [], ["TAB004", "TAB005"]),
        # The command line's --select replaces the configured select ...
        ("select: [TAB005]\n", ["--select", "TAB004"], ["TAB004"]),
        # ... its --ignore and --extend-select add to the configured ones ...
        ("ignore: [TAB005]\n", ["--ignore", "TAB004"], []),
        ("table-style: compact\nignore: [TAB005]\n", ["--ignore", "TAB004"], ["TAB003"]),
        ("select: [TAB004]\n", ["--extend-select", "TAB005"], ["TAB004", "TAB005"]),
        ("select: [TAB004]\nextend-select: [TAB005]\n", ["--ignore", "TAB004"], ["TAB005"]),
        # ... and a rule named on the command line is not dropped by the configured ignore.
        ("ignore: [TAB005]\n", ["--select", "TAB005"], ["TAB005"]),
        ("ignore: [TAB]\n", ["--extend-select", "missing-link"], ["TAB005"]),
        # --ignore on the command line has the last word.
        ("", ["--select", "TAB", "--ignore", "TAB004"], ["TAB005"]),
    ],
)
def test_selection_from_configuration_and_command_line(
    lint: Lint, repo: Path, config: str, arguments: list[str], expected: list[str]
) -> None:
    write(repo / ".awesome-lint.yaml", config)
    result = lint(*arguments, "README.md", cwd=repo)
    assert sorted(set(codes(result))) == expected
    assert result.returncode == (1 if "TAB004" in expected else 0)


def test_header_enables_tab002(lint: Lint, repo: Path) -> None:
    write(repo / ".awesome-lint.yaml", "header: [Date, Model, Title, Link]\nselect: [TAB002]\n")
    result = lint("README.md", cwd=repo)
    assert result.stdout == (
        "README.md:3:1: TAB002 header is 'Date | Model Name | Paper Title | Link', "
        "expected 'Date | Model | Title | Link' (error)\n"
    )


def test_columns_set_roles(lint: Lint, repo: Path) -> None:
    # "Work" is no title column by its header: no paper table, nothing to check.
    write(
        repo / "odd.md", "| Shipped | Work |\n|---|---|\n| 2024-01 | Same |\n| 2024-02 | Same |\n"
    )
    assert codes(lint("odd.md", cwd=repo)) == []
    write(repo / ".awesome-lint.yaml", "columns: {title: work}\n")
    assert lint("odd.md", cwd=repo).stdout == (
        "odd.md:4:13: DUP003 repeats line 3: same title; keep one of the two rows (error)\n"
    )


def test_placeholders_are_configurable(lint: Lint, repo: Path) -> None:
    rows = (
        "| 2024-02 | unknown | [a](https://a.b/1) |\n| 2024-01 | unknown | [b](https://a.b/2) |\n"
    )
    write(repo / "p.md", "| Date | Model | Link |\n|---|---|---|\n" + rows)
    assert codes(lint("p.md", cwd=repo)) == ["DUP001"]  # "unknown" is a name here
    write(repo / ".awesome-lint.yaml", "placeholders: [unknown]\n")
    assert codes(lint("p.md", cwd=repo)) == []


def test_same_keys_in_yaml_and_toml(lint: Lint, repo: Path) -> None:
    yaml = (
        "select: [TAB]\nignore: [TAB005]\nextend-select: []\nseverity: {TAB004: warning}\n"
        "columns: {date: Date}\nheader: [Date, Model Name, Paper Title, Link]\n"
        "placeholders: ['-']\ntable-style: compact\nper-row-ignores: {TAB003: [A]}\n"
        "today: 2026-11-24\n"
    )
    toml = (
        '[tool.awesome-lint]\nselect = ["TAB"]\nignore = ["TAB005"]\nextend-select = []\n'
        'columns = {date = "Date"}\nheader = ["Date", "Model Name", "Paper Title", "Link"]\n'
        'placeholders = ["-"]\ntable-style = "compact"\ntoday = 2026-11-24\n'
        '[tool.awesome-lint.severity]\nTAB004 = "warning"\n'
        '[tool.awesome-lint.per-row-ignores]\nTAB003 = ["A"]\n'
    )
    write(repo / ".awesome-lint.yaml", yaml)
    from_yaml = lint("README.md", cwd=repo)
    (repo / ".awesome-lint.yaml").unlink()
    write(repo / "pyproject.toml", toml)
    from_toml = lint("README.md", cwd=repo)
    assert (from_yaml.returncode, from_yaml.stdout) == (from_toml.returncode, from_toml.stdout)
    assert codes(from_yaml) == ["TAB003", "TAB004"]
    assert from_yaml.returncode == 0
