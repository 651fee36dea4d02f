"""What a run imports: start-up is paid on every commit, so heavy modules are imported
only by the runs that need them (see DEVELOPERS.md, "Start-up"). Checked in a fresh
interpreter, without any timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = (
    "awesome_lint.conventions.infer",
    "awesome_lint.arxiv",
    "awesome_lint.links",  # its patterns: a tenth of a run on a file without tables
)
# A third of a run on a typical README: only for documents the block scanner declines.
MARKDOWN_IT = "markdown_it"
# Python's dataclasses module imports inspect, ast and dis: a quarter of a run on a file
# without tables (markdown-it-py imports it too). argparse imports shutil (with bz2 and
# lzma) for the terminal's width, needed only for help.
STANDARD_LIBRARY_HEAVY = ("dataclasses", "inspect", "shutil")
TABLE = (
    "| Date | Title | Link |\n|---|---|---|\n"
    "| 2024-04 | WavLLM | [paper](https://arxiv.org/abs/2404.00656) |\n"
)


def _imported_after(code: str, cwd: Path) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True
    )
    return set(result.stdout.split())


def test_loading_the_rules_imports_no_inference_and_no_parser(tmp_path: Path) -> None:
    modules = _imported_after(
        "from awesome_lint.registry import load_rules\nload_rules()", tmp_path
    )
    assert modules.isdisjoint(HEAVY)


def test_a_file_without_tables_is_checked_without_the_heavy_modules(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\n- a list, no table\n", encoding="utf-8")
    code = "from awesome_lint.cli import main\nmain(['-q', 'notes.md'])"
    modules = _imported_after(code, tmp_path)
    assert modules.isdisjoint((*HEAVY, MARKDOWN_IT, *STANDARD_LIBRARY_HEAVY))


def test_a_file_with_a_table_imports_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "papers.md").write_text(
        f"# Papers\n\n- [Models](#models)\n\n{TABLE}", encoding="utf-8"
    )
    code = "from awesome_lint.cli import main\nmain(['-q', 'papers.md'])"
    modules = _imported_after(code, tmp_path)
    assert set(HEAVY) <= modules
    assert modules.isdisjoint((MARKDOWN_IT, *STANDARD_LIBRARY_HEAVY))
    assert "awesome_lint.baseline" not in modules  # no baseline file: nothing to read


def test_a_table_in_a_list_item_is_read_by_markdown_it(tmp_path: Path) -> None:
    indented = "".join(f"  {line}\n" for line in TABLE.splitlines())
    (tmp_path / "papers.md").write_text(f"- Models\n\n{indented}", encoding="utf-8")
    code = "from awesome_lint.cli import main\nmain(['-q', 'papers.md'])"
    assert {*HEAVY, MARKDOWN_IT} <= _imported_after(code, tmp_path)


def test_every_name_the_conventions_package_exports_can_be_imported() -> None:
    import awesome_lint.conventions as package

    for name in package.__all__:  # the inference's names are imported on first use
        assert getattr(package, name) is not None, name
