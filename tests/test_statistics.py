"""``--statistics``: one ``count  CODE  [*] name`` line per rule, most frequent first."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

LIST = """\
| Date | Model Name | Paper Title | Link |
|---|---|---|---|
| 2024-03 | A | One | [p](https://arxiv.org/pdf/2403.00001) |
| 2024-02 | B | Two | nolink |
| 2024-01 | C | Three | nolink |
| 2024-01 |  | Four | [p](https://arxiv.org/abs/2401.00004) |
"""


def _lint(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    result = run_cli("--isolated", "--statistics", *args, "list.md", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def test_counts_per_rule_sorted_by_count_with_fixable_marked(tmp_path: Path) -> None:
    code, out, err = _lint(tmp_path)
    assert out.splitlines() == [
        "2  TAB005  [ ] missing-link",
        "1  ARX002  [*] arxiv-noncanonical",
        "1  TAB004  [ ] empty-cell",
    ]
    assert code == 1  # TAB004 is an error
    assert err.startswith("Found 1 error and 3 warnings")


def test_json_statistics(tmp_path: Path) -> None:
    code, out, _ = _lint(tmp_path, "--output-format", "json")
    assert json.loads(out)[0] == {
        "code": "TAB005", "name": "missing-link", "count": 2, "fixable": False,
    }  # fmt: skip
    assert code == 1


def test_no_violations_print_nothing(tmp_path: Path) -> None:
    code, out, _ = _lint(tmp_path, "--select", "DUP")
    assert (code, out) == (0, "")
