"""Output formats for CI: GitHub workflow commands, SARIF 2.1.0 and JUnit XML.

Imported only when one of them is chosen (``REPORTERS`` in reporters.py loads it lazily).
Paths are written relative to the repository root (the directory holding ``.git`` above
the current directory, else the current directory), as GitHub and code scanning expect.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from awesome_lint import PROJECT_URL, __version__
from awesome_lint.discovery import repository_path, repository_root
from awesome_lint.docs import page_path, page_url, rule_page, section
from awesome_lint.engine import Violation
from awesome_lint.reporters import Report, Style, location, summary
from awesome_lint.rule import Rule, Severity
from awesome_lint.safetext import one_line, printable

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# GitHub refuses a step summary over 1 MiB; leave room for the header and the note.
SUMMARY_BUDGET = 1_000_000

# Escaping of workflow commands, as in @actions/core (toCommandValue/escapeData/escapeProperty).
_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# How each severity is called by GitHub's workflow commands and by SARIF.
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Characters XML 1.0 cannot carry, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- github -------------------------------------------------------------------------------


# GitHub shows at most this many annotations of each kind (error, warning, notice) per step.
ANNOTATIONS_PER_KIND = 10


def github_reporter(report: Report, out: TextIO, style: Style) -> None:
    """Workflow commands: the input errors, then the findings, errors first. Past GitHub's
    10 annotations of a kind, findings are plain log lines (and all are in the summary)."""
    root = repository_root()
    for message in report.input_errors:
        out.write(_error_command(message) + "\n")
    annotated, unannotated = _annotations_first(report.violations)
    for violation in annotated:
        path = repository_path(violation.path, root) or violation.path
        out.write(workflow_command(violation, path) + "\n")
    for violation in unannotated:
        out.write(location(violation, style) + "\n")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(step_summary(report, root, len(unannotated)))


def github_failure(message: str, out: TextIO) -> None:
    """A run that could not start (a broken configuration): an annotation, and the reason
    in the step summary instead of any count."""
    out.write(_error_command(message) + "\n")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(
                f"## awesome-lint\n\n**Could not run:** {_markdown(one_line(message))}\n\n"
            )


def _error_command(message: str) -> str:
    text = one_line(message).translate(_DATA_ESCAPES)
    return f"::error title=awesome-lint::{text}"


def _annotations_first(violations: list[Violation]) -> tuple[list[Violation], list[Violation]]:
    """The findings GitHub will show as annotations (errors first, then warnings, then
    info; at most ANNOTATIONS_PER_KIND of each) and the rest, each in report order."""
    ranked = sorted(violations, key=lambda v: _SEVERITY_RANK[v.severity])
    shown: Counter[Severity] = Counter()
    annotated: list[Violation] = []
    rest: list[Violation] = []
    for violation in ranked:
        shown[violation.severity] += 1
        (annotated if shown[violation.severity] <= ANNOTATIONS_PER_KIND else rest).append(violation)
    return annotated, rest


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def workflow_command(violation: Violation, path: str) -> str:
    properties = {
        "file": printable(path, keep_line_breaks=True),
        "line": violation.line,
        "endLine": violation.end_line,
        "col": violation.column,
        "endColumn": violation.end_column,
        "title": f"{violation.code} {violation.name}",
    }
    joined = ",".join(
        f"{key}={str(value).translate(_PROPERTY_ESCAPES)}" for key, value in properties.items()
    )
    message = printable(violation.message, keep_line_breaks=True).translate(_DATA_ESCAPES)
    return f"::{_GITHUB_LEVELS[violation.severity]} {joined}::{message}"


def step_summary(report: Report, root: Path, unannotated: int = 0) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: the input errors, counts per rule, then
    every finding."""
    lines = ["## awesome-lint", "", _markdown(summary(report, errors_are="listed below"))]
    if report.input_errors:
        lines += ["", "### Could not check", ""]
        lines += [f"- {_markdown(one_line(message))}" for message in report.input_errors]
    if unannotated:
        lines += [
            "",
            f"{unannotated} of the findings are not shown as annotations (GitHub shows "
            f"{ANNOTATIONS_PER_KIND} of each kind per step): all are listed below, and in "
            "the log.",
        ]
    if report.violations:
        lines += ["", *_rule_table(report), "", "### Findings", ""]
        lines += _within_budget([_finding_line(v, root) for v in report.violations])
    return "\n".join(lines) + "\n\n"  # a blank line before what later steps append


def _rule_table(report: Report) -> list[str]:
    rules = {rule.code: rule for rule in report.rules}
    counts = Counter((v.code, v.name, v.severity) for v in report.violations)
    levels = [Severity.ERROR, Severity.WARNING]
    lines = ["| Rule | Errors | Warnings |", "| ---- | -----: | -------: |"]
    if any(v.severity is Severity.INFO for v in report.violations):
        levels.append(Severity.INFO)
        lines = [lines[0] + " Info |", lines[1] + " ---: |"]
    for code, name in sorted({(v.code, v.name) for v in report.violations}):
        label = f"{code} {name}"
        if code in rules and page_path(rules[code]) is not None:
            label = f"[{label}]({page_url(rules[code])})"
        cells = "".join(f" {counts[code, name, level]} |" for level in levels)
        lines.append(f"| {label} |{cells}")
    return lines


def _finding_line(violation: Violation, root: Path) -> str:
    path = repository_path(violation.path, root) or violation.path
    place = _markdown(printable(f"{path}:{violation.line}:{violation.column}"))
    url = _blob_url(path, violation.line)
    if url:
        place = f"[{place}]({url})"
    message = _markdown(printable(" ".join(violation.message.split())))
    return f"- **{violation.severity.value}** {place} `{violation.code}` {message}"


def _blob_url(path: str, line: int) -> str | None:
    """The line on GitHub, for the commit being checked (None outside GitHub Actions)."""
    parts = [os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")]
    if not all(parts):
        return None
    server, repository, sha = parts
    return f"{server}/{repository}/blob/{sha}/{quote(os.fsencode(path))}#L{line}"


def _within_budget(lines: list[str]) -> list[str]:
    used = 0
    for count, line in enumerate(lines):
        used += len(line.encode("utf-8")) + 1
        if used > SUMMARY_BUDGET:
            left = len(lines) - count
            return [*lines[:count], "", f"… and {left} more (the summary is limited to 1 MiB)."]
    return lines


def _markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# --- sarif --------------------------------------------------------------------------------


def sarif_reporter(report: Report, out: TextIO, style: Style) -> None:
    import json

    json.dump(sarif_log(report, repository_root()), out, indent=2, ensure_ascii=False)
    out.write("\n")


def sarif_log(report: Report, root: Path) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every loaded rule, one result per violation."""
    index = {rule.code: position for position, rule in enumerate(report.rules)}
    driver = {
        "name": "awesome-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URL,
        "rules": [_sarif_rule(rule) for rule in report.rules],
    }
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(v, index, root) for v in report.violations],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    page = rule_page(rule)
    # The first paragraph of "What it does": a fuller sentence than the summary.
    first = section(page, "What it does").split("\n\n")[0]
    entry: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(first.split()) or rule.summary},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
    }
    if page_path(rule) is not None:
        entry["helpUri"] = page_url(rule)
    return entry


def _sarif_result(violation: Violation, index: dict[str, int], root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": violation.code,
        "level": _SARIF_LEVELS[violation.severity],
        "message": {"text": violation.message},
        "locations": [_sarif_location(violation.path, root, _region(violation))],
    }
    if violation.code in index:
        result["ruleIndex"] = index[violation.code]
    if violation.related_line is not None:
        related = _sarif_location(violation.path, root, {"startLine": violation.related_line})
        related.update(id=0, message={"text": "the related row"})
        result["relatedLocations"] = [related]
    return result


def _region(violation: Violation) -> dict[str, int]:
    return {
        "startLine": violation.line,
        "startColumn": violation.column,
        "endLine": violation.end_line,
        "endColumn": violation.end_column,
    }


def _sarif_location(path: str, root: Path, region: dict[str, int]) -> dict[str, Any]:
    relative = repository_path(path, root)
    artifact = (
        {"uri": quote(os.fsencode(relative)), "uriBaseId": "%SRCROOT%"}
        if relative is not None
        else {"uri": Path(os.path.abspath(path)).as_uri()}
    )
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


# --- junit --------------------------------------------------------------------------------


def junit_reporter(report: Report, out: TextIO, style: Style) -> None:
    """JUnit XML: one test case per file, one failure per violation (info-level findings
    are not failures: they are left out)."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Violation]] = {path: [] for path in report.files}
    for violation in report.violations:
        if violation.severity is Severity.INFO:
            continue
        by_file.setdefault(violation.path, []).append(violation)
    failing = sum(1 for found in by_file.values() if found)
    counts = {"tests": str(len(by_file)), "failures": str(failing), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "awesome-lint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "awesome-lint", "skipped": "0", **counts})
    for path, found in by_file.items():
        case = ET.SubElement(
            suite, "testcase", name=_xml(path), classname="awesome-lint", file=_xml(path)
        )
        for violation in found:
            failure = ET.SubElement(
                case, "failure", message=_xml(violation.message), type=violation.code
            )
            failure.text = _xml(
                f"{violation.path}:{violation.line}:{violation.column}: {violation.code} "
                f"{violation.name} ({violation.severity.value}): {violation.message}"
            )
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode") + "\n")


def _xml(text: str) -> str:
    """Text for JUnit XML, which CI pages show: escaped as for a terminal, and valid XML."""
    return _XML_INVALID.sub("\ufffd", printable(text))
