"""The ``awesome-lint`` command."""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO, cast

from awesome_lint import __version__
from awesome_lint.config import ConfigError
from awesome_lint.engine import Engine, Profile, Violation
from awesome_lint.model import Document
from awesome_lint.options import DEFAULT_BASELINE, date, http_url
from awesome_lint.parser import InputError, decode
from awesome_lint.registry import SelectionError, load_rules
from awesome_lint.reporters import (
    HUMAN_FORMATS,
    REPORTERS,
    Report,
    Style,
    diff_summary,
    summary,
)
from awesome_lint.rule import Rule, Severity
from awesome_lint.safetext import one_line

if TYPE_CHECKING:
    from awesome_lint.discovery import Found
    from awesome_lint.gitdiff import Base
    from awesome_lint.pool import Checked, Documents

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line; exit 2."""


class _ValidatingFormatter(argparse.HelpFormatter):
    """What argparse formats each argument with while the parser is built (to validate it):
    a fixed width, so that building the parser does not import shutil for the terminal's."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-lint",
        description="Lint the paper tables of awesome lists: dates, duplicates, arXiv links, "
        "table structure.",
        epilog="To add papers to a table: awesome-lint add ARXIV ... (awesome-lint add --help).",
        formatter_class=_ValidatingFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="Markdown files or directories ('-' for stdin; default README.md)",
    )
    parser.add_argument(
        "--output-format",
        choices=sorted(REPORTERS),
        default=None,
        help="how to print violations (default: text; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--output-file",
        metavar="FILE",
        type=Path,
        help="write the report to FILE instead of standard output (the summary stays on "
        "standard error)",
    )
    parser.add_argument("--select", help="comma-separated rules to check (codes, names, prefixes)")
    parser.add_argument("--ignore", help="comma-separated rules not to check")
    parser.add_argument("--extend-select", help="comma-separated rules to add to the selection")
    parser.add_argument("--config", type=Path, help="use this configuration file only")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--stdin-filename", help="the name of standard input in reports")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="the date to take as today, for reproducible runs (future dates, DAT003); "
        "overrides the configured `today` and AWESOME_LINT_TODAY",
    )
    parser.add_argument(
        "--online",
        action="store_true",
        help="also check arXiv links against the arXiv API (ARX003-ARX005) and GitHub "
        "repository links against GitHub's API (LNK005-LNK008, with GITHUB_TOKEN)",
    )
    add_arxiv_arguments(parser)
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument(
        "--fix",
        action="store_true",
        help="repair what has one safe repair, then report what remains",
    )
    fixing.add_argument(
        "--diff",
        action="store_true",
        help="print the repairs --fix would make as a unified diff; write nothing",
    )
    parser.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only violations on lines added or changed since git REF "
        "(the working tree included)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when violations are found"
    )
    parser.add_argument(
        "--exclude",
        metavar="PATTERNS",
        action="append",
        default=[],
        help="comma-separated gitignore-style patterns of files to leave out, besides the "
        "configured exclude",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the exclusions to files named on the command line too (pre-commit does)",
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="leave out the findings recorded in FILE (default: .awesome-lint-baseline.json "
        "at the repository root, when it exists)",
    )
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="record every current finding in the baseline file and exit 0",
    )
    parser.add_argument("--no-baseline", action="store_true", help="ignore any baseline file")
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many violations each rule found instead of the violations",
    )
    parser.add_argument(
        "--show-tables",
        action="store_true",
        help="print what was inferred about each table (roles, date format, order, ...) "
        "instead of the violations",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print violations only")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--explain", metavar="CODE", help="explain a rule and exit")
    parser.add_argument(
        "--config-schema",
        action="store_true",
        help="print the JSON Schema of the configuration (with the options of installed "
        "plugins) and exit",
    )
    parser.add_argument("--version", action="version", version=f"awesome-lint {__version__}")
    parser.formatter_class = argparse.HelpFormatter  # help and errors fit the terminal
    return parser


def add_arxiv_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the arXiv client, shared with ``awesome-lint add``."""
    parser.add_argument(
        "--arxiv-api-url",
        metavar="URL",
        help="the arXiv query API or a mirror (default: export.arxiv.org)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where arXiv answers are cached (default: .awesome-lint-cache/ "
        "at the repository root)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


class Outcome:
    __slots__ = (
        "documents",
        "errors",
        "excluded",
        "files",
        "fixes_applied",
        "lines_trimmed",
        "profiles",
        "sources",
        "violations",
        "without_tables",
    )

    def __init__(self, excluded: int = 0) -> None:
        self.violations: list[Violation] = []
        self.files: list[str] = []
        self.sources: dict[str, list[str]] = {}
        self.errors: list[str] = []  # one line each, printed when they occur
        self.excluded = excluded  # files named on the command line but excluded (--force-exclude)
        self.without_tables: list[str] = []
        self.fixes_applied: dict[str, int] = {}
        self.lines_trimmed: dict[str, int] = {}
        self.documents: Mapping[str, Document] = {}
        self.profiles: dict[str, Profile] = {}


# A run allocates millions of small objects and hardly any cycles; collecting after
# every 700 allocations (Python's default) took a third of the time on large lists.
GC_THRESHOLDS = (100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints, escaped
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except (UsageError, ConfigError, SelectionError) as error:
        print_error(str(error))
        return EXIT_ERROR
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_ERROR
    except Exception as error:  # last resort: one line, never a traceback
        if os.environ.get("AWESOME_LINT_DEBUG"):
            raise
        print_error(f"internal error: {type(error).__name__}: {error} (please report this bug)")
        return EXIT_ERROR


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["add"]:
        from awesome_lint.addcmd import run_add

        return run_add(argv[1:])
    args = build_parser().parse_args(argv)
    rules = load_rules()
    if args.list_rules:
        _list_rules(rules, sys.stdout)
        return EXIT_OK
    if args.explain:
        sys.stdout.write(explain(rules, args.explain))
        return EXIT_OK
    if args.config_schema:
        from awesome_lint.configschema import render

        sys.stdout.write(render(rules))
        return EXIT_OK
    output_format = args.output_format or _default_format()
    try:
        return _lint(args, rules, output_format)
    except (UsageError, ConfigError, SelectionError) as error:
        if output_format == "github":  # the step fails: say why where people look
            from awesome_lint.reporters_ci import github_failure

            github_failure(str(error), sys.stdout)
        raise


def _lint(args: argparse.Namespace, rules: list[Rule], output_format: str) -> int:
    if args.output_file is not None and (args.diff or args.write_baseline):
        raise UsageError("--output-file: --diff and --write-baseline write no report")
    engine = Engine(rules, _overrides(args), config_path=args.config, isolated=args.isolated)
    paths = args.paths or (["-"] if args.stdin_filename else ["README.md"])
    mode = "diff" if args.diff else "fix" if args.fix else None
    base = _diff_base(args.diff_base, paths) if args.diff_base else None
    outcome = lint_paths(engine, _find_files(engine, paths, args), args.stdin_filename, mode)
    if args.write_baseline:
        return _write_baseline(outcome, args)
    baseline_note = _apply_baseline(outcome, args) if not args.no_baseline else None
    if base is not None:
        outcome.violations = _only_changed(outcome, base)
    report = _report(outcome, rules)
    if args.diff:
        if not args.quiet:
            sys.stderr.write(diff_summary(report) + "\n")
        return _diff_exit_code(outcome, args.exit_zero)
    # With --fix, standard input's fixed text goes to stdout, so the report goes to stderr.
    out = sys.stderr if args.fix and "-" in paths else sys.stdout
    # Rendered first and written once: many small writes are slow on an unbuffered stdout.
    rendered = io.StringIO()
    color = args.output_file is None and _use_color(out)
    if args.show_tables:
        _show_tables(outcome, rendered)
    elif args.statistics:
        from awesome_lint.statistics import write_statistics

        write_statistics(report.violations, rendered, as_json=output_format == "json")
    else:
        REPORTERS[output_format](report, rendered, Style(color))
    if args.output_file is not None:
        _write_report(args.output_file, rendered.getvalue())
    else:
        out.write(rendered.getvalue())
    # A report written to a file leaves standard error free for people, whatever its format.
    human = output_format in HUMAN_FORMATS or args.output_file is not None
    if human and not args.quiet:
        sys.stderr.write(summary(report) + "\n")
        if baseline_note:
            sys.stderr.write(baseline_note + "\n")
    return _exit_code(outcome, args.exit_zero, args.fail_on)


def _report(outcome: Outcome, rules: list[Rule]) -> Report:
    return Report(
        outcome.violations,
        outcome.files,
        sources=outcome.sources,
        fixes_applied=outcome.fixes_applied,
        lines_trimmed=outcome.lines_trimmed,
        rules=rules,
        documents=outcome.documents,
        input_errors=outcome.errors,
        without_tables=outcome.without_tables,
        excluded=outcome.excluded,
        idle=bool(outcome.profiles) and all(p.idle for p in outcome.profiles.values()),
    )


def _write_report(path: Path, text: str) -> None:
    """``--output-file``: the report replaces ``path`` in one rename (its directories are
    made if needed), so a reader never sees half a report."""
    from awesome_lint.safewrite import WriteRefused, write_atomic

    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
        write_atomic(path, text.encode("utf-8", "backslashreplace"), create=True)
    except WriteRefused as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write the report: {error.strerror or error}") from None


def _baseline_path(outcome: Outcome, args: argparse.Namespace) -> tuple[Path, Path, bool]:
    """The baseline file (``--baseline``, else ``baseline:`` of the configuration, else the
    default at the repository root), the repository root, and whether it was named."""
    from awesome_lint.discovery import repository_root

    root = repository_root()
    if args.baseline is not None:
        return Path(args.baseline), root, True
    configured = next(
        (p.settings["baseline"] for p in outcome.profiles.values() if p.settings["baseline"]),
        None,
    )
    return root / (configured or DEFAULT_BASELINE), root, bool(configured)


def _write_baseline(outcome: Outcome, args: argparse.Namespace) -> int:
    from awesome_lint.baseline import write

    path, root, _ = _baseline_path(outcome, args)
    try:
        count = write(path, outcome.violations, outcome.documents, root)
    except OSError as error:
        raise UsageError(f"{path}: cannot write the baseline: {error.strerror or error}") from None
    if not args.quiet:
        findings = len(outcome.violations)
        sys.stderr.write(
            f"Wrote {findings} finding{'s' * (findings != 1)} to {path} ({count} entries).\n"
        )
    return EXIT_ERROR if outcome.errors else EXIT_OK


def _apply_baseline(outcome: Outcome, args: argparse.Namespace) -> str | None:
    """Leave out the findings the baseline knows; a note on what it left out, or None."""
    path, root, named = _baseline_path(outcome, args)
    if not named and not _exists(path):  # the default baseline is optional
        return None
    from awesome_lint.baseline import BaselineError, leave_out, load

    try:
        known = load(path, required=named)
    except BaselineError as error:
        raise UsageError(str(error)) from None
    if not known:
        return None
    filtered = leave_out(outcome.violations, outcome.documents, known, root)
    outcome.violations = filtered.violations
    note = f"{filtered.known} known finding{'s' * (filtered.known != 1)} left out ({path})"
    if filtered.stale:
        note += (
            f"; {filtered.stale} baseline entr{'ies' if filtered.stale != 1 else 'y'} no longer "
            "match (fixed: --write-baseline drops them)"
        )
    return note + "."


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # unreadable: load() says why
        return True


def _show_tables(outcome: Outcome, out: io.StringIO) -> None:
    from awesome_lint.conventions import conventions
    from awesome_lint.showtables import write_tables

    for path, document in outcome.documents.items():
        write_tables(conventions(document, outcome.profiles[path].context), outcome.violations, out)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _diff_base(ref: str, paths: Sequence[str]) -> Base:
    """The commit --diff-base names, checked before anything is linted or fixed."""
    from awesome_lint.gitdiff import GitDiffError, resolve

    if "-" in paths:
        raise UsageError("--diff-base: standard input has no git history; name the files")
    try:
        return resolve(ref)
    except GitDiffError as error:
        raise UsageError(f"--diff-base: {error}") from None


def _only_changed(outcome: Outcome, base: Base) -> list[Violation]:
    from awesome_lint.gitdiff import GitDiffError, only_changed

    try:
        return only_changed(outcome.violations, outcome.documents, base)
    except GitDiffError as error:
        raise UsageError(f"--diff-base: {error}") from None


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for key in ("select", "ignore", "extend_select"):
        value = getattr(args, key)
        if value is not None:
            overrides[key.replace("_", "-")] = tuple(
                part.strip() for part in value.split(",") if part.strip()
            )
    if args.today is not None:
        try:
            overrides["today"] = date(args.today)
        except ValueError as error:
            raise UsageError(f"--today: {error}") from None
    overrides.update(online_overrides(args))
    return overrides


def online_overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if args.online:
        overrides["online"] = True
    if args.arxiv_api_url is not None:
        try:
            overrides["arxiv-api-url"] = http_url(args.arxiv_api_url)
        except ValueError as error:
            raise UsageError(f"--arxiv-api-url: {error}") from None
    if args.cache_dir is not None:
        overrides["cache-dir"] = os.path.abspath(args.cache_dir)
    if args.no_cache:
        overrides["cache"] = False
    return overrides


class Loaded(NamedTuple):
    document: Document | None  # None: a worker checked it (``checked``)
    path: Path | None  # None: standard input
    source: str  # the decoded text as read (line endings kept, BOM removed)
    checked: Checked | None = None


def _find_files(engine: Engine, paths: Sequence[str], args: argparse.Namespace) -> Found:
    from awesome_lint.discovery import Patterns, configured_patterns, find_files

    given = [p.strip() for value in args.exclude for p in value.split(",") if p.strip()]
    from_command_line = Patterns(given, Path.cwd().absolute())
    configured: dict[int, Patterns] = {}

    def excluded(path: Path, directory: bool) -> bool:
        profile = engine.profile_for(path / "-" if directory else path)
        patterns = configured.get(id(profile))
        if patterns is None:
            patterns = configured[id(profile)] = configured_patterns(
                profile.settings, profile.directory
            )
        return patterns.match(path, directory) or from_command_line.match(path, directory)

    return find_files(paths, excluded, args.force_exclude)


def lint_paths(
    engine: Engine, found: Found, stdin_name: str | None, mode: str | None = None
) -> Outcome:
    """Lint the files found; ``mode`` "fix" or "diff" fixes each file first (see
    fixer.fix_file). Many files may be checked by worker processes first (pool.py); the
    run is then the same, taking their results."""
    outcome = Outcome(excluded=found.excluded)
    for error in found.errors:
        _input_error(outcome, error)
    results, documents = _check_in_workers(engine, found.files, mode)
    outcome.documents = documents
    loaded: list[Loaded] = []
    for path, checked in zip(found.files, results, strict=True):
        item = _load(engine, path, stdin_name, outcome, checked)
        if item is not None:
            loaded.append(item)
    groups: dict[int, tuple[Profile, list[Loaded]]] = {}
    notes: set[str] = set()
    for item in loaded:
        profile = engine.profile_for(_config_anchor(item.path, stdin_name))
        groups.setdefault(id(profile), (profile, []))[1].append(item)
    for profile, items in groups.values():
        if profile.prepares:  # its rules see every Document in this process
            items = [_parsed(engine, item) for item in items]
            engine.prepare([item.document for item in items if item.document is not None], profile)
        for message in profile.context.errors:  # the environment failed a rule's preparation
            _input_error(outcome, message)
        for note in profile.context.notes:  # a check skipped on purpose, said once per run
            if note not in notes:
                notes.add(note)
                sys.stderr.write(f"awesome-lint: note: {one_line(note)}\n")
        for item in items:
            _check(engine, profile, item, mode, outcome, documents)
    for warning in dict.fromkeys(engine.warnings):
        sys.stderr.write(f"awesome-lint: warning: {one_line(warning)}\n")
    return outcome


def _check_in_workers(
    engine: Engine, paths: list[str], mode: str | None
) -> tuple[list[Checked | None], dict[str, Document] | Documents]:
    """Each file's result from the worker processes (None: this process does it), and
    where the run keeps its documents."""
    if mode is not None or "-" in paths or len(paths) < 2:
        return [None] * len(paths), {}
    from awesome_lint import pool  # only for many files

    count = pool.worker_count(paths)
    if not count:
        return [None] * len(paths), {}
    return pool.check_in_workers(engine, paths, count), pool.Documents(engine)


def _parsed(engine: Engine, item: Loaded) -> Loaded:
    """``item`` with its Document, to be checked in this process."""
    if item.checked is None:
        return item
    document = engine.parse(item.source, item.checked.path, bom=item.checked.bom)
    return Loaded(document, item.path, item.source)


def _check(
    engine: Engine,
    profile: Profile,
    item: Loaded,
    mode: str | None,
    outcome: Outcome,
    documents: dict[str, Document] | Documents,
) -> None:
    if item.checked is not None:
        checked = item.checked
        engine.warnings.extend(checked.warnings)
        cast("Documents", documents)[checked.path] = checked  # parsed again if asked for
        _keep(
            outcome, checked.path, checked.lines, checked.violations, profile, checked.paper_table
        )
        return
    assert item.document is not None
    if mode is None:
        document, violations = item.document, engine.check(item.document, profile)
    else:
        document, violations = _fix(engine, profile, item.document, item, mode == "diff", outcome)
    documents[document.path] = document
    paper_table = has_paper_table(document, profile)
    _keep(outcome, document.path, document.lines, violations, profile, paper_table)


def _keep(
    outcome: Outcome,
    path: str,
    lines: list[str],
    violations: list[Violation],
    profile: Profile,
    paper_table: bool,
) -> None:
    outcome.violations.extend(violations)
    outcome.sources[path] = lines
    outcome.profiles[path] = profile
    if not paper_table:
        outcome.without_tables.append(path)


def has_paper_table(document: Document, profile: Profile) -> bool:
    from awesome_lint.conventions import conventions

    if not document.tables:
        return False
    return next(conventions(document, profile.context).paper_tables(), None) is not None


def _fix(
    engine: Engine,
    profile: Profile,
    document: Document,
    item: Loaded,
    diff: bool,
    outcome: Outcome,
) -> tuple[Document, list[Violation]]:
    from awesome_lint.fixer import UnsafeFixError, fix_file
    from awesome_lint.safewrite import WriteRefused

    try:
        result = fix_file(
            document, item.source, item.path, engine, profile, diff=diff, stdout=sys.stdout
        )
    except (UnsafeFixError, WriteRefused) as error:
        _input_error(outcome, str(error))
        return document, engine.check(document, profile)
    except BrokenPipeError:
        raise
    except OSError as error:
        _input_error(outcome, f"{document.path}: cannot write: {error.strerror or error}")
        return document, engine.check(document, profile)
    if result.changed:
        outcome.fixes_applied[document.path] = result.applied
        outcome.lines_trimmed[document.path] = result.trimmed
    return result.document, result.violations


def _config_anchor(path: Path | None, stdin_name: str | None) -> Path | None:
    """Where configuration is looked for: the file, or --stdin-filename for stdin."""
    return Path(stdin_name) if path is None and stdin_name else path


def _load(
    engine: Engine, path: str, stdin_name: str | None, outcome: Outcome, checked: Checked | None
) -> Loaded | None:
    display = (stdin_name or "-") if path == "-" else path
    if checked is not None:
        outcome.files.append(display)
        return Loaded(None, Path(path), checked.source, checked)
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        text, bom = decode(data, display)
        document = engine.parse(text, display, bom=bom)
    except InputError as error:
        _input_error(outcome, str(error))
        return None
    except OSError as error:
        _input_error(outcome, f"{display}: cannot read: {error.strerror or error}")
        return None
    outcome.files.append(display)
    return Loaded(document, None if path == "-" else Path(path), text)


def _input_error(outcome: Outcome, message: str) -> None:
    outcome.errors.append(message)
    print_error(message)


def print_error(message: str) -> None:
    """One line, whatever the message holds (file names and texts are escaped, cut long)."""
    sys.stderr.write(f"awesome-lint: error: {one_line(message)}\n")


def _exit_code(outcome: Outcome, exit_zero: bool, fail_on: str) -> int:
    if outcome.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = {Severity.ERROR, Severity.WARNING} if fail_on == "warning" else {Severity.ERROR}
    return EXIT_VIOLATIONS if any(v.severity in failing for v in outcome.violations) else EXIT_OK


def _diff_exit_code(outcome: Outcome, exit_zero: bool) -> int:
    if outcome.errors:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if outcome.fixes_applied and not exit_zero else EXIT_OK


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
