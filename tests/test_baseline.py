"""The baseline (``--write-baseline``, ``--baseline``): old findings left out, new ones
reported, whatever happens to the list in between."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_cli
from tests.git_helpers import init_repo

HEADER = "| Date | Model | Title | Link |\n| --- | --- | --- | --- |\n"
OLD = [
    "| 2024-03 | A | Alpha: One | [paper](https://arxiv.org/abs/2403.00001) |\n",
    "| 2024-02 | B | Beta: Two | [paper](https://arxiv.org/abs/2402.00002) |\n",
    "| 2024-02 | B | Beta: Two | [paper](https://arxiv.org/abs/2402.00002) |\n",  # repeat
]
NEW = "| 2024-04 | C | Gamma: Three | [paper](https://arxiv.org/abs/2404.00003) |\n"


def lint(repo: Path, *args: str) -> tuple[int, list[str], str]:
    result = run_cli("--output-format", "text", *args, "README.md", cwd=repo)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path, {"README.md": HEADER + "".join(OLD)})


def test_known_findings_survive_rows_added_above_and_re_padding(repo: Path) -> None:
    code, found, _ = lint(repo)
    assert code == 1 and [line.split(": ")[1][:6] for line in found] == ["DUP002"]
    code, _, stderr = lint(repo, "--write-baseline")
    assert code == 0 and "Wrote 1 finding" in stderr

    padded = "".join(line.replace(" | ", "  |  ") for line in OLD)
    (repo / "README.md").write_text(HEADER + NEW + padded, encoding="utf-8")
    code, found, stderr = lint(repo)

    assert (code, found) == (0, [])
    assert "1 known finding left out" in stderr


def test_a_pair_is_known_whichever_of_its_rows_comes_first(repo: Path) -> None:
    """Reversing the table reports the repeat on the other row: still the same pair."""
    again = OLD[1].replace("2024-02", "2024-01")  # the same paper, another date
    (repo / "README.md").write_text(HEADER + OLD[1] + again, encoding="utf-8")
    assert lint(repo, "--write-baseline")[0] == 0
    (repo / "README.md").write_text(HEADER + again + OLD[1], encoding="utf-8")
    code, found, stderr = lint(repo)
    assert (code, found) == (0, [])
    assert "1 known finding left out" in stderr


def test_new_findings_are_reported_and_fixed_ones_go_stale(repo: Path) -> None:
    lint(repo, "--write-baseline")
    other_repeat = OLD[1].replace("| B | Beta: Two |", "| C | Gamma: Three |")  # wrong link
    (repo / "README.md").write_text(HEADER + "".join(OLD[:2]) + other_repeat, encoding="utf-8")

    code, found, stderr = lint(repo)

    # Another paper's link is a new finding; the old repeat is gone: its entry is stale.
    assert code == 1 and len(found) == 1 and "DUP002" in found[0]
    assert "1 baseline entry no longer match" in stderr
    lint(repo, "--write-baseline")
    entries = json.loads((repo / ".awesome-lint-baseline.json").read_text())["findings"]
    # A pair is stored in sorted order, whichever row the finding is on.
    assert [(entry["row"], entry["related"]) for entry in entries] == [
        (OLD[1].strip(" |\n"), other_repeat.strip(" |\n"))
    ]


def test_the_file_is_stable_sorted_json_and_an_option_or_setting_moves_it(repo: Path) -> None:
    (repo / ".awesome-lint.yaml").write_text("baseline: lint/known.json\n")
    (repo / "lint").mkdir()
    lint(repo, "--write-baseline")
    first = (repo / "lint" / "known.json").read_text(encoding="utf-8")
    lint(repo, "--write-baseline")
    assert (repo / "lint" / "known.json").read_text(encoding="utf-8") == first
    assert json.loads(first)["version"] == 1
    assert lint(repo)[0] == 0
    assert lint(repo, "--no-baseline")[0] == 1
    code, _, stderr = lint(repo, "--baseline", "elsewhere.json")
    assert (code, stderr) == (2, "awesome-lint: error: elsewhere.json: no such baseline file\n")


def test_a_broken_baseline_is_one_line_and_exit_2(repo: Path) -> None:
    (repo / ".awesome-lint-baseline.json").write_text("{not json")
    code, _, stderr = lint(repo)
    assert code == 2
    assert stderr.startswith("awesome-lint: error: ")
    assert "not a baseline (invalid JSON" in stderr.splitlines()[0]


SPEECH_TRIDENT = CORPUS / "history" / "speech-trident" / "011_8804c59.md"


@pytest.mark.skipif(not SPEECH_TRIDENT.is_file(), reason="../shared/corpus is not there")
def test_a_real_list_re_sorted_and_re_padded_keeps_its_baseline(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {".gitignore": ".awesome-lint-cache/\n"})
    readme = repo / "README.md"
    shutil.copyfile(SPEECH_TRIDENT, readme)
    readme.chmod(0o644)
    assert lint(repo)[0] == 1
    lint(repo, "--write-baseline")
    (repo / ".awesome-lint.yaml").write_text("table-style: aligned\n")
    fixed = run_cli("--fix", "--select", "TAB003,DAT002", "README.md", cwd=repo)
    assert fixed.returncode in (0, 1), fixed.stderr
    (repo / ".awesome-lint.yaml").unlink()
    code, found, stderr = lint(repo)
    assert (code, found) == (0, []), found
    assert "known finding" in stderr
