"""The code review formats: reviewdog's rdjson (with each fix as suggestions) and GitLab's
Code Quality report (with fingerprints that stay when lines move), each checked against
the structure its consumer documents (schemas in tests/fixtures/schemas)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from jsonschema import Draft7Validator

from tests.conftest import FIXTURES

Lint = Callable[..., CompletedProcess[str]]
SCHEMAS = FIXTURES / "schemas"

HEADER = "| Date | Model | Title | Link |\n| --- | --- | --- | --- |\n"
# Line 3: a PDF link (ARX002, fixable) after a model name of multi-byte characters;
# line 4: a date not in the column's format (DAT001, fixable); 5 and 6: the same row
# without a link (TAB005 twice, and DUP003 on 6 related to 5).
ROWS = [
    "| 2024-05 | Wé🦙 | Llama: Talk | [paper](https://arxiv.org/pdf/2405.00001) |\n",
    "| 2024/04 | B | Beta: Two | [paper](https://arxiv.org/abs/2404.00002) |\n",
    "| 2024-03 | C | Gamma | nolink |\n",
    "| 2024-03 | C | Gamma | nolink |\n",
]
NEW_ROW = "| 2024-06 | N | New: One | [paper](https://arxiv.org/abs/2406.00003) |\n"


def valid(document: object, schema_name: str) -> None:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return tmp_path


def report(lint: Lint, cwd: Path, output_format: str, *args: str) -> Any:
    result = lint("--output-format", output_format, *args, cwd=cwd)
    assert result.stderr == ""  # machine formats print no summary
    return json.loads(result.stdout)


# --- rdjson -------------------------------------------------------------------------------


def test_rdjson_is_reviewdogs_diagnostic_result(lint: Lint, project: Path) -> None:
    result = report(lint, project, "rdjson", "docs/list.md")

    valid(result, "rdjson.schema.json")
    assert result["source"] == {
        "name": "awesome-lint",
        "url": "https://github.com/awesome-lint/awesome-lint",
    }
    assert result["severity"] == "ERROR"  # the gravest of the diagnostics
    found = [(d["code"]["value"], d["severity"]) for d in result["diagnostics"]]
    assert found == [
        ("ARX002", "WARNING"), ("DAT001", "ERROR"), ("TAB005", "WARNING"),
        ("DUP003", "ERROR"), ("TAB005", "WARNING"),
    ]  # fmt: skip
    first = result["diagnostics"][0]
    assert first["location"]["path"] == "docs/list.md"  # as given: reviewdog resolves it
    assert first["code"]["url"].endswith("/rules/ARX002-arxiv-noncanonical.md")
    assert "suggestions" not in result["diagnostics"][2]  # TAB005 has no fix


def test_rdjson_columns_count_utf8_bytes(lint: Lint, project: Path) -> None:
    [arx002] = report(lint, project, "rdjson", "--select", "ARX002", "docs/list.md")["diagnostics"]
    line = ROWS[0]
    link = line.index("[paper]")
    assert arx002["location"]["range"] == {
        "start": {"line": 3, "column": len(line[:link].encode()) + 1},
        "end": {"line": 3, "column": len(line.rstrip(" |\n").encode()) + 1},
    }
    assert len(line[:link].encode()) == link + 4  # é is 2 bytes, 🦙 4: columns are bytes


def apply_suggestions(data: bytes, diagnostics: list[dict[str, Any]]) -> bytes:
    """The file with every suggestion applied, as reviewdog would (byte positions)."""
    starts = [0]
    for index, byte in enumerate(data):
        if byte == ord("\n"):
            starts.append(index + 1)

    def offset(position: dict[str, int]) -> int:
        return starts[position["line"] - 1] + position["column"] - 1

    edits = sorted(
        (offset(s["range"]["start"]), offset(s["range"]["end"]), s["text"].encode())
        for d in diagnostics
        for s in d.get("suggestions", [])
    )
    for start, end, text in reversed(edits):
        data = data[:start] + text + data[end:]
    return data


@pytest.mark.parametrize(
    ("config", "select"),
    [("", "ARX002,DAT001"), ("table-style: aligned\n", "TAB003")],
    ids=["cell-fixes", "re-padding-lines"],
)
def test_rdjson_suggestions_make_what_fix_writes(
    lint: Lint, project: Path, config: str, select: str
) -> None:
    (project / ".awesome-lint.yaml").write_text(config, encoding="utf-8")
    path = project / "docs" / "list.md"
    before = path.read_bytes()
    result = report(lint, project, "rdjson", "--select", select, "docs/list.md")
    assert all(d.get("suggestions") for d in result["diagnostics"])

    lint("--fix", "--select", select, "docs/list.md", cwd=project)

    assert apply_suggestions(before, result["diagnostics"]) == path.read_bytes() != before


def test_rdjson_info_and_an_empty_result(lint: Lint, project: Path) -> None:
    (project / ".awesome-lint.yaml").write_text("severity: {TAB005: info}\n", encoding="utf-8")
    result = report(lint, project, "rdjson", "--select", "TAB005", "docs/list.md")
    assert {d["severity"] for d in result["diagnostics"]} == {"INFO"} == {result["severity"]}

    empty = report(lint, project, "rdjson", "--select", "DAT003", "docs/list.md")
    valid(empty, "rdjson.schema.json")
    assert (empty["severity"], empty["diagnostics"]) == ("UNKNOWN_SEVERITY", [])


# --- gitlab -------------------------------------------------------------------------------


def test_gitlab_is_a_code_quality_report(lint: Lint, project: Path) -> None:
    (project / ".awesome-lint.yaml").write_text("severity: {ARX002: info}\n", encoding="utf-8")
    issues = report(lint, project / "docs", "gitlab", "list.md")

    valid(issues, "gitlab-code-quality.schema.json")
    assert issues[1] == {
        "description": "DAT001 date '2024/04' is not written as the column's dates are "
        "(YYYY-MM, zero-padded): write 2024-04",
        "check_name": "DAT001",
        "fingerprint": issues[1]["fingerprint"],
        "severity": "major",
        "location": {"path": "docs/list.md", "lines": {"begin": 4}},  # from the repository root
    }
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("ARX002", "info"), ("DAT001", "major"), ("TAB005", "minor"),
        ("DUP003", "major"), ("TAB005", "minor"),
    ]  # fmt: skip
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # the TAB005 pair too


def fingerprints(lint: Lint, project: Path) -> dict[tuple[str, int], str]:
    """Each issue's fingerprint by check name and its index among that check's issues."""
    issues = report(lint, project, "gitlab", "docs/list.md")
    seen: dict[str, int] = {}
    found = {}
    for issue in issues:
        rank = seen[issue["check_name"]] = seen.get(issue["check_name"], -1) + 1
        found[issue["check_name"], rank] = issue["fingerprint"]
    return found


def test_gitlab_fingerprints_stay_when_rows_are_added_above_and_padded(
    lint: Lint, project: Path
) -> None:
    before = fingerprints(lint, project)
    padded = [row.replace(" | ", "  |  ") for row in ROWS]
    (project / "docs" / "list.md").write_text(
        "# Papers\n\nSome words.\n\n" + HEADER + NEW_ROW + "".join(padded), encoding="utf-8"
    )

    assert fingerprints(lint, project) == before


def test_gitlab_fingerprints_change_with_the_finding(lint: Lint, project: Path) -> None:
    before = fingerprints(lint, project)
    changed = ROWS[1].replace("Beta: Two", "Beta: Two, revised")
    (project / "docs" / "list.md").write_text(
        HEADER + ROWS[0] + changed + "".join(ROWS[2:]), encoding="utf-8"
    )

    after = fingerprints(lint, project)

    assert after["DAT001", 0] != before["DAT001", 0]  # another row: another finding
    assert {k: v for k, v in after.items() if k[0] != "DAT001"} == {
        k: v for k, v in before.items() if k[0] != "DAT001"
    }
