"""The ``awesome-lint add`` command: look papers up, write their rows, check the result.

Exit status: 0 when every paper was added, 1 when a paper was refused (the table already
has it, or arXiv has no such paper; the others are still added), 2 when nothing could be
done (bad input, no such table, not enough known to write the row).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from awesome_lint.add import (
    AddError,
    Paper,
    already_there,
    choose_table,
    compose,
    describe_table,
    id_month,
    insertion_line,
    paper_id,
)
from awesome_lint.cells import split_row
from awesome_lint.cli import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_VIOLATIONS,
    UsageError,
    add_arxiv_arguments,
    online_overrides,
    print_error,
)
from awesome_lint.config import ConfigError
from awesome_lint.conventions import Conventions, TableSpec, conventions
from awesome_lint.dates import CellDate, parse_date
from awesome_lint.engine import Engine, Profile
from awesome_lint.model import Document, Row
from awesome_lint.parser import InputError, decode, parse
from awesome_lint.registry import SelectionError, load_rules

if TYPE_CHECKING:
    from awesome_lint.online.client import Lookup

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-lint add",
        description="Add papers to a table, written in the table's own conventions "
        "and placed where its order puts them.",
    )
    parser.add_argument("papers", nargs="+", metavar="ARXIV", help="arXiv IDs or links")
    parser.add_argument(
        "--to", type=Path, default=Path("README.md"), metavar="FILE", help="default README.md"
    )
    parser.add_argument(
        "--table",
        metavar="TEXT",
        help="the table whose heading or header contains TEXT (needed when the file "
        "has several paper tables)",
    )
    parser.add_argument(
        "--model", help="the model name (default: the title's head, where the table does so)"
    )
    parser.add_argument("--title", help="the title (default: arXiv's; needed offline)")
    parser.add_argument("--date", help="the date (default: the day of the first version)")
    parser.add_argument(
        "--diff", action="store_true", help="print the change as a unified diff; write nothing"
    )
    parser.add_argument(
        "--offline", action="store_true", help="do not ask arXiv (the date is the ID's month)"
    )
    parser.add_argument("--config", type=Path, help="use this configuration file only")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    add_arxiv_arguments(parser)
    return parser


@dataclass
class _Run:
    """The file being edited: its text as read, and as it is after each added paper."""

    path: Path
    original: bytes
    source: str  # decoded, line endings kept, BOM removed
    document: Document
    added: dict[int, list[Row]] = field(default_factory=dict)
    papers: list[str] = field(default_factory=list)  # the IDs added
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_add(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _add(args)
    except (AddError, InputError, ConfigError, SelectionError, UsageError) as error:
        print_error(str(error))
        return EXIT_ERROR


def _add(args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(paper_id(argument) for argument in args.papers))
    if len(ids) > 1 and (args.title or args.model or args.date):
        raise AddError("--title, --model and --date describe one paper; add papers one by one")
    run = _read(args.to)
    args.online = not args.offline
    engine = Engine(load_rules(), online_overrides(args), args.config, isolated=args.isolated)
    profile = engine.profile_for(args.to)
    found = conventions(run.document, profile.context)
    spec = choose_table(found, args.table)
    ids = [
        paper
        for paper in ids
        if not _linked_already(run, found, _scope(found, spec, profile), paper)
    ]
    papers = _papers(ids, args, run, profile) if ids else []
    for paper in papers:
        _add_one(run, profile, spec.table.index, paper)
    _finish(run, args, spec, engine, profile)
    return EXIT_VIOLATIONS if run.refused else EXIT_OK


def _linked_already(run: _Run, found: Conventions, scope: list[TableSpec], paper: str) -> bool:
    """Refuse a paper the tables link already before asking arXiv about it."""
    line = next(
        (row.line for spec in scope for row in spec.table.rows if paper in found.rows[row].ids),
        None,
    )
    if line is not None:
        run.refused.append(
            f"{run.path}: {paper}: line {line} already links arXiv paper {paper}: not added"
        )
    return line is not None


def _read(path: Path) -> _Run:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AddError(f"{path}: cannot read: {error.strerror or error}") from None
    source, bom = decode(data, str(path))
    return _Run(path, data, source, parse(source, str(path), bom=bom))


# --- the papers ----------------------------------------------------------------------------


def _papers(ids: list[str], args: argparse.Namespace, run: _Run, profile: Profile) -> list[Paper]:
    given_date = _given_date(args.date)
    if args.offline:
        answers: dict[str, Lookup] = {}
        why = "offline"
    else:
        from awesome_lint.rules.online_common import look_up

        answers, unreachable = look_up(ids, [run.document], profile.context)
        why = unreachable or ""
    papers = []
    for paper in ids:
        paper_or_none = _paper(paper, answers.get(paper), why, args, given_date, run)
        if paper_or_none is not None:
            papers.append(paper_or_none)
    return papers


def _paper(
    paper: str,
    answer: object,
    why: str,
    args: argparse.Namespace,
    given_date: CellDate | None,
    run: _Run,
) -> Paper | None:
    from awesome_lint.online.client import Found, NotFound, Unverified

    if isinstance(answer, NotFound):
        run.refused.append(f"arXiv has no paper {paper}: not added")
        return None
    title = args.title or (answer.title if isinstance(answer, Found) else None)
    if title is None:
        reason = answer.reason if isinstance(answer, Unverified) else why
        asked = "not asked (--offline)" if reason == "offline" else f"could not be asked ({reason})"
        raise AddError(f"{paper}: arXiv {asked}: give the paper's title with --title")
    published = answer.published if isinstance(answer, Found) else None
    date = given_date or (_day(published) if published else id_month(paper))
    return Paper(paper, title, date, args.model)


def _given_date(text: str | None) -> CellDate | None:
    if text is None:
        return None
    date = parse_date(text.strip())
    if date is None:
        raise AddError(f"--date: {text!r} is not a date (for example 2024-04-01 or 2024-04)")
    return date


def _day(published: str) -> CellDate:
    year, month, day = (int(part) for part in published.split("-"))
    return CellDate(year, month, day, "YYYY-MM-DD")


# --- writing the rows ----------------------------------------------------------------------


def _add_one(run: _Run, profile: Profile, index: int, paper: Paper) -> None:
    found = conventions(run.document, profile.context)
    spec = found.tables[index]
    duplicate = already_there(found, _scope(found, spec, profile), paper)
    if duplicate is not None:
        run.refused.append(f"{run.path}: {paper.paper_id}: {duplicate}: not added")
        return
    composed = compose(found, spec, paper)
    run.notes.extend(f"{run.path}: {paper.paper_id}: {note}" for note in composed.notes)
    after = insertion_line(found, spec, paper)
    prefix, content = _row_text(spec, after, composed.cells)
    before = run.document
    run.source = _insert_line(run.source, after, prefix + content, before.newline)
    document = parse(run.source, before.path, bom=before.bom)
    widths = _aligned_widths(spec)
    if widths is not None:
        document = _realign(run, document, index, widths)
    row = split_row(prefix + content, after + 1, len(prefix), len(prefix) + len(content))
    run.added.setdefault(index, []).append(row)
    run.papers.append(paper.paper_id)
    run.document = document


def _scope(found: Conventions, spec: TableSpec, profile: Profile) -> list[TableSpec]:
    """Where a paper counts as already there: as the duplicate rules look (``duplicate-scope``)."""
    if profile.context.settings["duplicate-scope"] == "file":
        return list(found.paper_tables())
    return [spec]


def _row_text(spec: TableSpec, after: int, cells: list[str]) -> tuple[str, str]:
    """The new line: the prefix (list indent, ``>``) of the row it follows, pipes as most
    rows have them, one space around each cell."""
    rows = spec.table.rows or [spec.table.header]
    neighbour = next((row for row in rows if row.line == after), rows[-1])
    prefix = neighbour.raw[: neighbour.content_start]
    leading = sum(row.leading_pipe for row in rows) * 2 >= len(rows)
    trailing = sum(row.trailing_pipe for row in rows) * 2 >= len(rows)
    body = " | ".join(cells)
    return prefix, ("| " if leading else "") + body + (" |" if trailing else "")


def _insert_line(source: str, after: int, text: str, newline: str) -> str:
    """``source`` with ``text`` as a new line after line ``after`` (1-based); the new line
    ends as the line before it does, every other byte stays."""
    parts = _LINE_BREAK.split(source)  # line, ending, line, ending, ..., last piece
    lines, endings = parts[0::2], parts[1::2]
    ending = endings[after - 1] if after - 1 < len(endings) else newline
    if after - 1 < len(endings):
        lines.insert(after, text)
        endings.insert(after - 1, ending)
    else:  # after the last line, which has no line ending
        lines.append(text)
        endings.append(ending)
    pieces = [lines[0]]
    for number, line in enumerate(lines[1:]):
        pieces += [endings[number], line]
    return "".join(pieces)


def _aligned_widths(spec: TableSpec) -> list[int] | None:
    """The width of each column when every pipe of the table lines up (one space of
    padding around each cell, pipes at both ends), else None."""
    rows = spec.table.all_rows()
    pipes = {_pipe_columns(row.content) for row in rows}
    if (
        len(rows) < 3
        or len(pipes) != 1
        or not all(r.leading_pipe and r.trailing_pipe for r in rows)
    ):
        return None
    columns = pipes.pop()
    return [right - left - 3 for left, right in pairwise(columns)]


def _pipe_columns(content: str) -> tuple[int, ...]:
    """The display columns of the unescaped pipes of a table line."""
    from awesome_lint.textwidth import display_width

    found, column, previous = [], 0, ""
    for character in content:
        if character == "|" and previous != "\\":
            found.append(column)
        column += display_width(character)
        previous = character
    return tuple(found)


def _realign(run: _Run, document: Document, index: int, widths: list[int]) -> Document:
    """Pad the new row as the table is aligned; re-pad every row if it is wider."""
    from awesome_lint.fixer import apply_edits, render
    from awesome_lint.rule import Edit
    from awesome_lint.rules.tab003_style import render as render_table

    table = document.tables[index]
    edits = [
        Edit(row.line, row.content_start + 1, row.line, row.content_end + 1, text)
        for row, text in zip(table.all_rows(), render_table(table, "aligned", widths), strict=True)
        if row.content != text
    ]
    padded = parse(apply_edits(document, edits), document.path, bom=document.bom)
    run.source = render(padded, run.source).decode("utf-8").removeprefix("\ufeff")
    return padded


def _finish(
    run: _Run, args: argparse.Namespace, spec: TableSpec, engine: Engine, profile: Profile
) -> None:
    from awesome_lint.fixer import check_added_rows, render, unified_diff

    for message in run.refused:
        print_error(message)
    if not run.added:
        return
    source, _bom = decode(run.original, str(run.path))
    check_added_rows(parse(source, str(run.path)), run.document, run.added)
    data = render(run.document, run.source)
    if args.diff:
        sys.stdout.write(unified_diff(str(run.path), run.original, data))
    else:
        _write(run, data)
    where = describe_table(run.document, spec)
    added = _added_lines(run, profile)
    for line, paper in added.items():
        sys.stderr.write(f"{run.path}:{line}: added arXiv {paper} to {where}\n")
    findings = [
        f"{run.path}:{violation.line}: {violation.code} {violation.message}"
        for violation in engine.check(run.document, profile)
        if violation.line in added
    ]
    for message in run.notes + findings:
        sys.stderr.write(f"note: {message}\n")


def _write(run: _Run, data: bytes) -> None:
    """Replace the file, unless it changed since it was read (see safewrite)."""
    from awesome_lint.safewrite import WriteRefused, write_atomic

    try:
        write_atomic(run.path, data, expected=run.original)
    except WriteRefused as error:
        raise AddError(str(error)) from None
    except OSError as error:
        raise AddError(f"{run.path}: cannot write: {error.strerror or error}") from None


def _added_lines(run: _Run, profile: Profile) -> dict[int, str]:
    """The line of each added paper's row in the result."""
    found = conventions(run.document, profile.context)
    wanted = set(run.papers)
    return {
        row.line: paper
        for index in run.added
        for row in run.document.tables[index].rows
        for paper in found.rows[row].ids[:1]
        if paper in wanted
    }
