"""Output formats for code review tools: reviewdog's diagnostic format (``rdjson``) and
GitLab's Code Quality report (``gitlab``).

Imported only when one of them is chosen (``REPORTERS`` in reporters.py loads it lazily).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from awesome_lint import PROJECT_URL
from awesome_lint.docs import page_path, page_url
from awesome_lint.engine import Violation
from awesome_lint.identity import FindingKeys, Key
from awesome_lint.reporters import Report, Style
from awesome_lint.reporters_ci import repository_path, repository_root
from awesome_lint.rule import Edit, Rule, Severity

# How each severity is called by reviewdog (its proto enum) and by GitLab Code Quality.
_RDJSON_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
_GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
_GRAVITY = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _dump(data: object, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


# --- rdjson -------------------------------------------------------------------------------


def rdjson_reporter(report: Report, out: TextIO, style: Style) -> None:
    _dump(diagnostic_result(report), out)


def diagnostic_result(report: Report) -> dict[str, Any]:
    """reviewdog's ``DiagnosticResult``: one ``Diagnostic`` per violation, each fix as
    suggestions. Only fields of reviewdog's proto: it refuses unknown ones."""
    rules = {rule.code: rule for rule in report.rules}
    present = {v.severity for v in report.violations}
    gravest = next((s for s in _GRAVITY if s in present), None)
    return {
        "source": {"name": "awesome-lint", "url": PROJECT_URL},
        "severity": _RDJSON_SEVERITIES[gravest] if gravest else "UNKNOWN_SEVERITY",
        "diagnostics": [
            _diagnostic(v, report.sources.get(v.path, []), rules.get(v.code))
            for v in report.violations
        ],
    }


def _diagnostic(violation: Violation, lines: Sequence[str], rule: Rule | None) -> dict[str, Any]:
    code = {"value": violation.code}
    if rule is not None and page_path(rule) is not None:
        code["url"] = page_url(rule)
    diagnostic: dict[str, Any] = {
        "message": violation.message,
        "location": {"path": violation.path, "range": _range(lines, violation)},
        "severity": _RDJSON_SEVERITIES[violation.severity],
        "code": code,
    }
    if violation.fix is not None:
        diagnostic["suggestions"] = [
            {"range": _range(lines, edit), "text": edit.text} for edit in violation.fix.edits
        ]
    return diagnostic


def _range(lines: Sequence[str], span: Violation | Edit) -> dict[str, Any]:
    """An exclusive range; reviewdog counts columns in UTF-8 bytes, awesome-lint in
    characters."""
    return {
        "start": {"line": span.line, "column": _byte_column(lines, span.line, span.column)},
        "end": {
            "line": span.end_line,
            "column": _byte_column(lines, span.end_line, span.end_column),
        },
    }


def _byte_column(lines: Sequence[str], line: int, column: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    before = text[: column - 1]
    return len(before.encode("utf-8")) + 1 + (column - 1 - len(before))


# --- gitlab -------------------------------------------------------------------------------


def gitlab_reporter(report: Report, out: TextIO, style: Style) -> None:
    _dump(code_quality(report), out)


def code_quality(report: Report) -> list[dict[str, Any]]:
    """GitLab's Code Quality report: one issue per violation."""
    root = repository_root()
    return [
        {
            "description": f"{violation.code} {violation.message}",
            "check_name": violation.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITIES[violation.severity],
            "location": {
                "path": repository_path(violation.path, root) or violation.path,
                "lines": {"begin": violation.line},
            },
        }
        for violation, fingerprint in zip(
            report.violations, fingerprints(report, root), strict=True
        )
    ]


def fingerprints(report: Report, root: Path) -> list[str]:
    """A hash of each finding's identity (code, file, row content; see identity.py) and of
    its rank among the findings that share it: it stays when lines move, and is unique."""
    keys = FindingKeys(report.documents, root)
    seen: Counter[Key] = Counter()
    hashes = []
    for violation in report.violations:
        key = keys.of(violation)
        identity = json.dumps([*key, seen[key]])  # ASCII: escapes whatever a file name holds
        seen[key] += 1
        hashes.append(hashlib.sha256(identity.encode()).hexdigest())
    return hashes
