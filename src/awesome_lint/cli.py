"""The ``awesome-lint`` command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from awesome_lint import __version__
from awesome_lint.config import ConfigError
from awesome_lint.engine import Engine, Violation
from awesome_lint.model import Document
from awesome_lint.parser import InputError, decode
from awesome_lint.registry import SelectionError, load_rules
from awesome_lint.reporters import HUMAN_FORMATS, REPORTERS, Report, Style, summary
from awesome_lint.rule import Rule, Severity

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
SKIPPED_DIRECTORIES = frozenset({"node_modules"})


class UsageError(Exception):
    """A problem with the command line; exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-lint",
        description="Lint the paper tables of awesome lists: dates, duplicates, arXiv links, "
        "table structure.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown files or directories ('-' for stdin; default README.md)")
    parser.add_argument("--output-format", choices=sorted(REPORTERS), default=None,
                        help="how to print violations (default: text)")
    parser.add_argument("--select", help="comma-separated rules to check (codes, names, prefixes)")
    parser.add_argument("--ignore", help="comma-separated rules not to check")
    parser.add_argument("--extend-select", help="comma-separated rules to add to the selection")
    parser.add_argument("--config", type=Path, help="use this configuration file only")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--stdin-filename", help="the name of standard input in reports")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when violations are found")
    parser.add_argument("-q", "--quiet", action="store_true", help="print violations only")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--explain", metavar="CODE", help="explain a rule and exit")
    parser.add_argument("--version", action="version", version=f"awesome-lint {__version__}")
    return parser


@dataclass
class Outcome:
    violations: list[Violation] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    errors: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except (UsageError, ConfigError, SelectionError) as error:
        _error(str(error))
        return EXIT_ERROR
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_ERROR
    except Exception as error:  # last resort: one line, never a traceback
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        _error(f"internal error: {type(error).__name__}: {error} (please report this bug)")
        return EXIT_ERROR


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    rules = load_rules()
    if args.list_rules:
        _list_rules(rules, sys.stdout)
        return EXIT_OK
    if args.explain:
        sys.stdout.write(explain(rules, args.explain))
        return EXIT_OK
    output_format = args.output_format or "text"
    engine = Engine(rules, _overrides(args), config_path=args.config, isolated=args.isolated)
    outcome = lint_paths(engine, args.paths or ["README.md"], args.stdin_filename)
    report = Report(outcome.violations, outcome.files, outcome.sources)
    REPORTERS[output_format](report, sys.stdout, Style(_use_color(sys.stdout)))
    if output_format in HUMAN_FORMATS and not args.quiet:
        sys.stderr.write(summary(report) + "\n")
    return _exit_code(outcome, args.exit_zero)


def _overrides(args: argparse.Namespace) -> dict[str, tuple[str, ...]]:
    overrides = {}
    for key in ("select", "ignore", "extend_select"):
        value = getattr(args, key)
        if value is not None:
            overrides[key.replace("_", "-")] = tuple(
                part.strip() for part in value.split(",") if part.strip()
            )
    return overrides


def lint_paths(engine: Engine, paths: Sequence[str], stdin_name: str | None) -> Outcome:
    outcome = Outcome()
    loaded: list[tuple[Document, Path | None]] = []
    for path in _expand(paths, outcome):
        document = _load(engine, path, stdin_name, outcome)
        if document is not None:
            loaded.append((document, None if path == "-" else Path(path)))
    groups: dict[int, tuple[object, list[Document]]] = {}
    for document, path in loaded:
        profile = engine.profile_for(path)
        groups.setdefault(id(profile), (profile, []))[1].append(document)
    for profile, documents in groups.values():
        engine.prepare(documents, profile)  # type: ignore[arg-type]
        for document in documents:
            outcome.violations.extend(engine.check(document, profile))  # type: ignore[arg-type]
            outcome.sources[document.path] = document.lines
    return outcome


def _expand(paths: Sequence[str], outcome: Outcome) -> Iterator[str]:
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = sorted(_markdown_files(Path(path)))
            if not found:
                _input_error(outcome, f"{path}: directory contains no Markdown (*.md) files")
            yield from (str(file) for file in found)
        elif os.path.exists(path):
            yield path
        else:
            _input_error(outcome, f"{path}: no such file or directory")


def _markdown_files(root: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name for name in subdirectories
            if not name.startswith(".") and name not in SKIPPED_DIRECTORIES
        )
        for name in files:
            if name.lower().endswith(".md"):
                yield Path(directory) / name


def _load(engine: Engine, path: str, stdin_name: str | None, outcome: Outcome
          ) -> Document | None:
    display = (stdin_name or "-") if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        text, bom = decode(data, display)
        config_anchor = Path(stdin_name) if path == "-" and stdin_name else (
            None if path == "-" else Path(path))
        document = engine.parse(text, display, config_anchor, bom=bom)
    except InputError as error:
        _input_error(outcome, str(error))
        return None
    except OSError as error:
        _input_error(outcome, f"{display}: cannot read: {error.strerror or error}")
        return None
    outcome.files.append(display)
    return document


def _input_error(outcome: Outcome, message: str) -> None:
    outcome.errors += 1
    _error(message)


def _error(message: str) -> None:
    sys.stderr.write(f"awesome-lint: error: {message}\n")


def _exit_code(outcome: Outcome, exit_zero: bool) -> int:
    if outcome.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = any(v.severity is Severity.ERROR for v in outcome.violations)
    return EXIT_VIOLATIONS if failing else EXIT_OK


def _use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _list_rules(rules: list[Rule], out: TextIO) -> None:
    out.write(f"{'code':<8} {'name':<26} {'severity':<8} {'default':<7} fixable\n")
    for rule in rules:
        default = "on" if rule.enabled_by_default and not rule.enabled_by_option else "off"
        fixable = "yes" if rule.fixable else "no"
        out.write(
            f"{rule.code:<8} {rule.name:<26} {rule.severity.value:<8} {default:<7} {fixable}\n"
        )


def explain(rules: list[Rule], selector: str) -> str:
    from awesome_lint.docs import rule_page

    for rule in rules:
        if selector in (rule.code, rule.name):
            return rule_page(rule)
    raise UsageError(f"--explain: unknown rule {selector!r} (see --list-rules)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
