"""Third-party rules: a tiny plugin distribution made in a temporary directory (a module
and a ``*.dist-info`` with the ``awesome_lint.rules`` entry point) is put on the
``PYTHONPATH`` of a subprocess, exactly as an installed plugin would be found."""

from __future__ import annotations

import textwrap
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import run_cli

PLUGIN = """\
from awesome_lint.model import Document
from awesome_lint.rule import Context, Finding, Option, Rule, Severity


def check(document: Document, context: Context):
    word = context.settings["todo-word"]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if word in cell.plain:
                    yield Finding.at(cell, f"{word} left in a table cell")


RULE = Rule(
    code="XTD001",
    name="no-todo",
    severity=Severity.ERROR,
    summary="A table cell still says TODO.",
    check=check,
    options=(Option("todo-word", "TODO", str, "The word to look for."),),
)
"""

LIST = """\
| Date | Model Name | Paper Title | Link |
|---|---|---|---|
| 2024-01 | A | TODO | [p](https://arxiv.org/abs/2401.00001) |
| 2024-02 | B | Done | [p](https://arxiv.org/abs/2402.00002) |
| 2024-03 | C | TODO too | [p](https://arxiv.org/abs/2403.00003) |
"""
FINDINGS = [
    "list.md:3:17: XTD001 TODO left in a table cell (error)",
    "list.md:5:17: XTD001 TODO left in a table cell (error)",
]


def make_plugin(site: Path, module: str, source: str, entry_point: str) -> Path:
    """A distribution named after ``module`` whose entry point is ``entry_point``."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 0.1\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        f"[awesome_lint.rules]\n{entry_point}\n", encoding="utf-8"
    )
    return site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "list.md").write_text(LIST, encoding="utf-8")
    make_plugin(tmp_path / "site", "xtd_plugin", PLUGIN, "XTD001 = xtd_plugin:RULE")
    return root


def run(project: Path, *args: str, site: str = "site") -> CompletedProcess[str]:
    result = run_cli(*args, cwd=project, env={"PYTHONPATH": str(project.parent / site)})
    assert "Traceback" not in result.stderr
    return result


def test_plugin_rule_runs_by_default_next_to_the_built_in_ones(project: Path) -> None:
    result = run(project, "--ignore", "DAT,DUP,ARX", "list.md")
    assert result.stdout.splitlines() == FINDINGS
    assert result.returncode == 1
    listed = run(project, "--list-rules").stdout.splitlines()
    assert "XTD001   no-todo                    error    on      no" in listed
    assert any(line.startswith("TAB001 ") for line in listed)


def test_plugin_rule_can_be_selected_by_code_name_or_prefix(project: Path) -> None:
    for selector in ("XTD001", "no-todo", "XTD"):
        assert run(project, "--select", selector, "list.md").stdout.splitlines() == FINDINGS


def test_plugin_rule_can_be_ignored(project: Path) -> None:
    result = run(project, "--select", "TAB,XTD", "--ignore", "no-todo", "list.md")
    assert (result.stdout, result.returncode) == ("", 0)


def test_plugin_rule_can_be_suppressed_and_configured(project: Path) -> None:
    (project / "list.md").write_text(
        LIST.replace("| B |", "| B <!-- awesome-lint-disable-next-line no-todo --> |")
        + "\n| Date | Model Name | Paper Title | Link |\n|---|---|---|---|\n"
        "| 2024-04 | D | TODO | [p](https://arxiv.org/abs/2404.00004) |\n"
        "| 2024-04 | E | FIXME | [p](https://arxiv.org/abs/2404.00005) |\n"
        "| 2024-04 | F | TODO <!-- awesome-lint-disable-line XTD001 --> | [p](https://a.b) |\n",
        encoding="utf-8",
    )
    (project / ".awesome-lint.yaml").write_text(
        "select: [XTD001]\nper-row-ignores: {no-todo: [D]}\n", encoding="utf-8"
    )
    assert run(project, "list.md").stdout.splitlines() == [FINDINGS[0]]
    # The plugin's own option is a known configuration key.
    (project / ".awesome-lint.yaml").write_text(
        "select: [XTD001]\ntodo-word: FIXME\n", encoding="utf-8"
    )
    assert run(project, "list.md").stdout.splitlines() == [
        "list.md:10:17: XTD001 FIXME left in a table cell (error)"
    ]
    (project / ".awesome-lint.yaml").write_text("select: [XTD001]\n", encoding="utf-8")
    (project / "list.md").write_text(
        "<!-- awesome-lint-disable-file XTD -->\n\n" + LIST, encoding="utf-8"
    )
    assert run(project, "list.md").stdout == ""


def test_plugin_rule_page_is_generated_for_explain(project: Path) -> None:
    result = run(project, "--explain", "no-todo")
    assert result.returncode == 0
    assert result.stdout.startswith("# XTD001 no-todo\n\nA table cell still says TODO.\n")
    assert "`todo-word` (default `TODO`): The word to look for." in result.stdout


def test_without_the_plugin_its_option_is_unknown(project: Path) -> None:
    (project / ".awesome-lint.yaml").write_text("todo-word: FIXME\n", encoding="utf-8")
    result = run(project, "list.md", site="elsewhere")
    assert result.returncode == 2
    assert result.stderr == (
        f"awesome-lint: error: {project / '.awesome-lint.yaml'}:1: unknown key 'todo-word'\n"
    )


@pytest.mark.parametrize(
    ("source", "entry_point", "message"),
    [
        (
            "raise ImportError('needs numpy')\n",
            "BRK001 = broken_plugin:RULE",
            "rule plugin 'broken_plugin:RULE' cannot be loaded: needs numpy",
        ),
        (
            "RULE = 42\n",
            "BRK001 = broken_plugin:RULE",
            "rule plugin 'broken_plugin:RULE' is not an awesome_lint.rule.Rule",
        ),
        (
            "",
            "BRK001 = broken_plugin:MISSING",
            "rule plugin 'broken_plugin:MISSING' cannot be loaded: ",
        ),
        (
            PLUGIN.replace('code="XTD001"', 'code="bad"'),
            "BRK001 = broken_plugin:RULE",
            "rule plugin 'broken_plugin:RULE': code must look like ABC001",
        ),
        (
            PLUGIN.replace('code="XTD001"', 'code="TAB001"'),
            "TAB001 = broken_plugin:RULE",
            "rule plugins 'awesome_lint.rules.tab001_column_count:RULE' and "
            "'broken_plugin:RULE' both define TAB001",
        ),
    ],
    ids=["import-error", "not-a-rule", "missing-attribute", "bad-code", "duplicate-code"],
)
def test_a_broken_plugin_is_one_line_and_exit_2(
    tmp_path: Path, source: str, entry_point: str, message: str
) -> None:
    make_plugin(tmp_path / "broken", "broken_plugin", source, entry_point)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    result = run_cli("list.md", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "broken")})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"awesome-lint: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_readme_plugin_example_is_complete(tmp_path: Path) -> None:
    """The plugin shown in README.md works as printed."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a plugin rule")[1]
    module = section.split("```python\n")[1].split("```")[0]
    toml_line = section.split("```toml\n")[1].split("```")[0].strip().splitlines()[-1]
    entry = toml_line.replace('"', "")  # entry_points.txt holds it unquoted
    name = module.splitlines()[0].removeprefix("# ").removesuffix(".py")
    make_plugin(tmp_path / "site", name, module, entry)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    result = run_cli("--select", "XTD001", "list.md", cwd=tmp_path,
                     env={"PYTHONPATH": str(tmp_path / "site")})  # fmt: skip
    assert textwrap.dedent(result.stdout).splitlines() == [
        "list.md:3:17: XTD001 TODO left in a table cell (warning)",
        "list.md:5:17: XTD001 TODO left in a table cell (warning)",
    ]
    assert result.returncode == 0  # the README's rule is a warning
