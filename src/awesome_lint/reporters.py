"""Output formats. A reporter sees violations and file facts, never rule internals."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Mapping
from typing import NamedTuple, TextIO

from awesome_lint.engine import Violation
from awesome_lint.model import Document
from awesome_lint.rule import Rule, Severity
from awesome_lint.safetext import printable


class Report:
    __slots__ = (
        "documents",
        "excluded",
        "files",
        "fixes_applied",
        "idle",
        "input_errors",
        "lines_trimmed",
        "rules",
        "sources",
        "violations",
        "without_tables",
    )

    def __init__(
        self,
        violations: list[Violation],
        files: list[str],
        *,
        sources: dict[str, list[str]] | None = None,
        fixes_applied: dict[str, int] | None = None,
        lines_trimmed: dict[str, int] | None = None,
        rules: list[Rule] | None = None,
        documents: Mapping[str, Document] | None = None,
        input_errors: list[str] | None = None,
        without_tables: list[str] | None = None,
        excluded: int = 0,
        idle: bool = False,
    ) -> None:
        self.violations = violations
        self.files = files
        self.sources = sources or {}
        # Per changed file: fixes applied, and table lines whose trailing blanks were
        # removed (not a violation, so not counted as a fix).
        self.fixes_applied = fixes_applied or {}
        self.lines_trimmed = lines_trimmed or {}
        # Every loaded rule, for formats that describe them (SARIF, the GitHub summary).
        self.rules = rules or []
        # The parsed files, for formats that identify a finding by its row (gitlab).
        self.documents = documents or {}
        # What kept the run from checking everything: files that could not be read (or a
        # service that failed), files without a paper table, files named but excluded.
        self.input_errors = input_errors or []
        self.without_tables = without_tables or []
        self.excluded = excluded
        self.idle = idle  # every selected rule waits for a setting


class Style(NamedTuple):
    color: bool

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def severity(self, text: str, severity: Severity) -> str:
        return self.paint(text, _COLORS[severity])


_COLORS = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


Reporter = Callable[[Report, TextIO, Style], None]


def location(violation: Violation, style: Style) -> str:
    """``path:line:col: CODE [*] message (severity)``: the severity in words, not only in
    colour, so CI logs and pre-commit output tell errors from warnings."""
    marker = " [*]" if violation.fixable else ""
    code = style.severity(violation.code, violation.severity)
    return (
        f"{style.bold(printable(violation.path))}:{violation.line}:{violation.column}: "
        f"{code}{marker} {printable(violation.message)} ({violation.severity.value})"
    )


def text_reporter(report: Report, out: TextIO, style: Style) -> None:
    for violation in report.violations:
        out.write(location(violation, style) + "\n")


def full_reporter(report: Report, out: TextIO, style: Style) -> None:
    for violation in report.violations:
        out.write(location(violation, style) + "\n")
        lines = report.sources.get(violation.path, [])
        if 0 < violation.line <= len(lines):
            source = printable(lines[violation.line - 1].replace("\t", " "))
            width = max(
                1,
                (violation.end_column - violation.column)
                if violation.end_line == violation.line
                else 1,
            )
            gutter = f"{violation.line} | "
            out.write(f"{gutter}{source}\n")
            caret = style.severity("^" * width, violation.severity)
            out.write(" " * (len(gutter) + violation.column - 1) + caret + "\n")
        out.write("\n")


def json_reporter(report: Report, out: TextIO, style: Style) -> None:
    import json

    items = [
        {
            "path": v.path,
            "line": v.line,
            "column": v.column,
            "end_line": v.end_line,
            "end_column": v.end_column,
            "code": v.code,
            "name": v.name,
            "severity": v.severity.value,
            "message": v.message,
            "fixable": v.fixable,
        }
        for v in report.violations
    ]
    json.dump(items, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _lazy(module: str, name: str) -> Reporter:
    """A reporter imported from ``module`` only when it is used."""

    def reporter(report: Report, out: TextIO, style: Style) -> None:
        getattr(importlib.import_module(module), name)(report, out, style)

    return reporter


REPORTERS: dict[str, Reporter] = {
    "text": text_reporter,
    "full": full_reporter,
    "json": json_reporter,
    "github": _lazy("awesome_lint.reporters_ci", "github_reporter"),
    "sarif": _lazy("awesome_lint.reporters_ci", "sarif_reporter"),
    "junit": _lazy("awesome_lint.reporters_ci", "junit_reporter"),
    "rdjson": _lazy("awesome_lint.reporters_review", "rdjson_reporter"),
    "gitlab": _lazy("awesome_lint.reporters_review", "gitlab_reporter"),
}

# Formats that print a human summary on stderr after the list (a CI log is read by people).
HUMAN_FORMATS = frozenset({"text", "full", "github"})


def summary(report: Report, errors_are: str = "see above") -> str:
    fixed = sum(report.fixes_applied.values())
    parts = [f"Fixed {_plural(fixed, 'problem')}."] if fixed else []
    if report.violations:
        parts.append(_found(report))
    elif report.input_errors:
        parts.append(f"No violations in {_plural(len(report.files), 'file')};")
    else:
        parts.append(_nothing_found(report))
    if report.input_errors:
        parts.append(f"{_plural(len(report.input_errors), 'input error')} ({errors_are}).")
    return "\n".join([*fix_notes(report, would=False), " ".join(parts)])


def _found(report: Report) -> str:
    counts = Counter(v.severity for v in report.violations)
    files = len({v.path for v in report.violations})
    found = f"Found {_plural(counts[Severity.ERROR], 'error')}"
    warnings = _plural(counts[Severity.WARNING], "warning")
    infos = counts[Severity.INFO]
    found += f", {warnings} and {infos} info" if infos else f" and {warnings}"
    fixable = sum(1 for v in report.violations if v.fixable)
    return f"{found} in {_plural(files, 'file')}." + (
        f" [*] {fixable} fixable with --fix." if fixable else ""
    )


def _nothing_found(report: Report) -> str:
    """'All checks passed' only when something was checked."""
    if not report.files:
        excluded = f" ({report.excluded} excluded)" if report.excluded else ""
        return f"Nothing checked: no files{excluded}."
    if report.idle:
        return "Nothing checked: the selected rules need settings (see the warnings above)."
    without = f"no paper table in {_names(report.without_tables)}"
    if len(report.without_tables) == len(report.files):
        return f"Nothing checked: {without}."
    passed = f"All checks passed ({_plural(len(report.files), 'file')})"
    return f"{passed}; {without}." if report.without_tables else f"{passed}."


def _names(paths: list[str], shown: int = 3) -> str:
    names = ", ".join(printable(path) for path in paths[:shown])
    return names + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def diff_summary(report: Report) -> str:
    changed = len(report.fixes_applied)
    return "\n".join(
        [*fix_notes(report, would=True), f"{_plural(changed, 'file')} would be changed."]
    )


def fix_notes(report: Report, would: bool) -> list[str]:
    """One line per changed file: the fixes applied and the table lines trimmed."""
    apply, remove = ("would apply", "would remove") if would else ("applied", "removed")
    notes = []
    for path, fixes in report.fixes_applied.items():
        parts = [f"{apply} {fixes} fix{'' if fixes == 1 else 'es'}"] if fixes else []
        trimmed = report.lines_trimmed.get(path, 0)
        if trimmed:
            parts.append(f"{remove} trailing whitespace from {_plural(trimmed, 'table line')}")
        notes.append(f"{path}: " + "; ".join(parts))
    return notes


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
