"""Lint every Markdown file under ``../shared/corpus/`` and print, per file, its rows,
tables and findings per rule, then the totals: the measure of a change's effect on
real lists. Run it before and after a change and read what changed:

    .venv/bin/python benchmarks/quality.py                        # the table
    .venv/bin/python benchmarks/quality.py --save before.json     # keep every finding
    .venv/bin/python benchmarks/quality.py --compare before.json  # what appeared or went
    .venv/bin/python benchmarks/quality.py lists2 --severity error

Files are linted in this process with the default rules and no configuration
(``--isolated``), offline, as a new user would run the command. ``today`` is fixed
(``--today``, default 2026-12-03) so that runs on different days compare.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "parts",
        nargs="*",
        default=["lists", "lists2", "history"],
        help="folders of the corpus to lint (default: lists lists2 history)",
    )
    parser.add_argument("--severity", choices=("error", "warning"), help="count only this one")
    parser.add_argument("--today", default="2026-12-03")
    parser.add_argument("--save", type=Path, help="write every finding to this JSON file")
    parser.add_argument("--compare", type=Path, help="print the findings that differ from FILE")
    parser.add_argument("--quiet", action="store_true", help="totals only, no per-file lines")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    os.environ["AWESOME_LINT_TODAY"] = args.today
    findings = lint(_files(args.parts), args.severity, args.quiet)
    if args.save:
        args.save.write_text(json.dumps(findings, indent=0, ensure_ascii=False) + "\n")
    if args.compare:
        compare(json.loads(args.compare.read_text()), findings)
    return 0


def _files(parts: list[str]) -> list[Path]:
    files: list[Path] = []
    for part in parts:
        files.extend(sorted((CORPUS / part).rglob("*.md")))
    return files


def lint(files: list[Path], severity: str | None, quiet: bool) -> list[dict[str, object]]:
    from awesome_lint.cli import lint_paths
    from awesome_lint.discovery import Found
    from awesome_lint.engine import Engine
    from awesome_lint.registry import load_rules

    engine = Engine(load_rules(), isolated=True)
    totals: Counter[str] = Counter()
    rows = tables = 0
    found: list[dict[str, object]] = []
    for file in files:
        outcome = lint_paths(engine, Found([str(file)]), None)
        document = next(iter(outcome.documents.values()), None)
        kept = [v for v in outcome.violations if severity in (None, v.severity.value)]
        per_rule = Counter(v.code for v in kept)
        totals.update(per_rule)
        file_rows = sum(len(t.rows) for t in document.tables) if document else 0
        file_tables = len(document.tables) if document else 0
        rows, tables = rows + file_rows, tables + file_tables
        name = str(file.relative_to(CORPUS))
        if not quiet:
            counts = " ".join(f"{code} {n}" for code, n in sorted(per_rule.items())) or "-"
            print(f"{name[:70]:<70} {file_rows:>6} rows {file_tables:>4} tables  {counts}")
        found.extend(
            {
                "file": name,
                "line": v.line,
                "column": v.column,
                "code": v.code,
                "severity": v.severity.value,
                "message": v.message,
            }
            for v in kept
        )
    print(f"\n{len(files)} files, {tables} tables, {rows} rows; {sum(totals.values())} findings")
    for code, count in sorted(totals.items()):
        print(f"  {code} {count}")
    return found


def compare(before: list[dict[str, object]], after: list[dict[str, object]]) -> None:
    """Findings that appeared or went, keyed by file, line, code and message."""

    def key(finding: dict[str, object]) -> tuple[object, ...]:
        return (finding["file"], finding["line"], finding["code"], finding["message"])

    old, new = Counter(map(key, before)), Counter(map(key, after))
    gone, came = old - new, new - old
    print(f"\n{sum(gone.values())} findings gone, {sum(came.values())} new")
    for sign, changed in (("-", gone), ("+", came)):
        for file, line, code, message in sorted(changed):
            print(f"{sign} {file}:{line}: {code} {message}")


if __name__ == "__main__":
    sys.exit(main())
