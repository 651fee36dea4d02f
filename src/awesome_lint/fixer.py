"""Apply the rules' fixes to a document without losing anything.

One pass: collect the fixes of the fixable violations, order them narrowest first
(fewest lines, then fewest characters: a date or link rewrite inside one cell comes
before the re-sort of a table's rows, which comes before re-padding the table),
apply every fix that overlaps none chosen before it, re-parse, re-check. A fix that
overlaps waits for the next pass, where it is computed again on the new text. Passes
repeat until nothing changes (at most ``MAX_PASSES``). Trailing blanks after a table
row are removed at the start of every pass; they are never a violation.

Every re-parse is checked against the document before it: the same number of tables,
and per table the same rows with the same cells (as a multiset: sorting moves rows),
except the cells that an edit inside that cell changed on purpose. At the end, every
line outside tables must be identical to the original. Any difference raises
:class:`UnsafeFixError` and nothing is written. Rows cut off from the table above by
blank lines (``Document.stray_rows`` with ``after_table``) count as that table's, and
those blank lines as its lines: the fix that deletes the blank lines (TAB006) moves the
rows into the table, the only fix that removes lines. The line endings of the lines
kept are carried through the passes (``FixResult.endings``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from awesome_lint.model import Cell, Document, Row, RowKind
from awesome_lint.parser import BOM, line_starts, parse
from awesome_lint.rule import Edit, Fix
from awesome_lint.safewrite import write_atomic

if TYPE_CHECKING:
    from awesome_lint.engine import Engine, Profile, Violation

MAX_PASSES = 10
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

RowKey = tuple[str, tuple[object, ...]]
Span = tuple[int, int]  # offsets in the normalised text, end exclusive


class UnsafeFixError(Exception):
    """Fixing would lose or corrupt content (a bug in a rule's fix); nothing is written."""


@dataclass(frozen=True, slots=True)
class FixResult:
    original: Document
    document: Document  # the fixed document
    violations: list[Violation]  # what remains after fixing
    applied: int  # fixes applied, over all passes
    trimmed: int  # table lines whose trailing blanks were removed
    # Per line of the fixed text, the line of the original whose line ending it keeps
    # (-1: a line a fix added, which gets the file's first ending).
    endings: list[int]

    @property
    def changed(self) -> bool:
        return self.document.text != self.original.text


def fix_document(document: Document, engine: Engine, profile: Profile) -> FixResult:
    """Fix ``document`` as far as its fixes go; raises UnsafeFixError instead of losing text."""
    current, applied, trimmed = document, 0, 0
    endings = list(range(len(document.lines)))
    for _ in range(MAX_PASSES):
        trims = _trailing_blanks(current)
        if trims:
            current = _reparse(current, trims, profile)
            trimmed += len(trims)
        violations = engine.check(current, profile)
        fixes = select_fixes(current, violations)
        edits = [edit for fix in fixes for edit in fix.edits]
        fixed = _reparse(current, edits, profile)
        if fixed.text == current.text:
            _check_outside_tables(document, current)
            return FixResult(document, current, violations, applied, trimmed, endings)
        current, applied = fixed, applied + len(fixes)
        _carry_endings(endings, edits)
    raise UnsafeFixError(
        f"{document.path}: refusing to fix: the fixes did not settle after {MAX_PASSES} "
        "passes (nothing was written; please report this bug)"
    )


def _reparse(current: Document, edits: list[Edit], profile: Profile) -> Document:
    """The document with ``edits`` applied, checked against ``current``."""
    if not edits:
        return current
    text = apply_edits(current, edits)
    if text == current.text:
        return current
    fixed = parse(text, current.path, bom=current.bom)
    _check_tables(current, _cell_changes(current, edits), fixed)
    return fixed


def _carry_endings(endings: list[int], edits: list[Edit]) -> None:
    """Update ``endings`` (per line, the original line whose ending it keeps) for edits
    that add or remove lines: the line breaks inside an edit's span are its first line
    breaks, its last line keeps the ending of the span's last line."""
    for edit in sorted(edits, reverse=True):  # bottom first: the lines above stay put
        breaks = edit.text.count("\n")
        inside = endings[edit.line - 1 : edit.end_line - 1]
        if breaks != len(inside):
            endings[edit.line - 1 : edit.end_line - 1] = (inside + [-1] * breaks)[:breaks]


def _trailing_blanks(document: Document) -> list[Edit]:
    """Edits removing the blanks after the table text of each table line."""
    return [
        Edit(row.line, row.content_end + 1, row.line, len(row.raw) + 1, "")
        for table in document.tables
        for row in table.all_rows()
        if len(row.raw) > row.content_end and not row.raw[row.content_end :].strip(" \t")
    ]


# Choosing and applying fixes ---------------------------------------------------------


def select_fixes(document: Document, violations: Iterable[Violation]) -> list[Fix]:
    """The fixes to apply in one pass: narrowest first, skipping any that overlaps a chosen one."""
    starts = line_starts(document.lines)
    candidates = []
    for violation in violations:
        if violation.fix is not None and violation.fix.edits:
            spans = [_span(document, starts, edit) for edit in violation.fix.edits]
            candidates.append((_breadth(violation.fix, spans), violation.fix, spans))
    candidates.sort(key=lambda candidate: candidate[0])
    taken = _Taken()
    chosen = []
    for _key, fix, spans in candidates:
        if taken.free(fix, spans):
            taken.add(fix, spans)
            chosen.append(fix)
    return chosen


def _breadth(fix: Fix, spans: list[Span]) -> tuple[int, int, int]:
    lines = max(edit.end_line for edit in fix.edits) - min(edit.line for edit in fix.edits)
    start = min(span[0] for span in spans)
    return (lines, max(span[1] for span in spans) - start, start)


class _Taken:
    """The spans already chosen in this pass, bucketed by line for linear-time overlap tests."""

    def __init__(self) -> None:
        self.by_line: dict[int, list[Span]] = {}

    def free(self, fix: Fix, spans: list[Span]) -> bool:
        if _overlapping(sorted(spans)):
            return False  # a fix whose own edits overlap is a bug: never applied
        return not any(
            _overlap(span, other)
            for edit, span in zip(fix.edits, spans, strict=True)
            for line in range(edit.line, edit.end_line + 1)
            for other in self.by_line.get(line, ())
        )

    def add(self, fix: Fix, spans: list[Span]) -> None:
        for edit, span in zip(fix.edits, spans, strict=True):
            for line in range(edit.line, edit.end_line + 1):
                self.by_line.setdefault(line, []).append(span)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def _overlapping(spans: list[Span]) -> bool:
    return any(_overlap(a, b) for a, b in pairwise(spans))


def apply_edits(document: Document, edits: list[Edit]) -> str:
    """The normalised text with non-overlapping ``edits`` applied."""
    starts = line_starts(document.lines)
    ordered = sorted((_span(document, starts, edit), edit.text) for edit in edits)
    pieces, position = [], 0
    for (start, end), text in ordered:
        pieces += [document.text[position:start], text]
        position = end
    pieces.append(document.text[position:])
    return "".join(pieces)


def _span(document: Document, starts: list[int], edit: Edit) -> Span:
    start = _offset(document, starts, edit.line, edit.column)
    end = _offset(document, starts, edit.end_line, edit.end_column)
    if end < start:
        raise UnsafeFixError(f"{document.path}:{edit.line}: a fix ends before it starts ({edit})")
    return start, end


def _offset(document: Document, starts: list[int], line: int, column: int) -> int:
    if not 0 < line <= len(document.lines) or not 0 < column <= len(document.lines[line - 1]) + 1:
        raise UnsafeFixError(
            f"{document.path}:{line}: a fix points outside the text (column {column})"
        )
    return starts[line - 1] + column - 1


# Safety checks -----------------------------------------------------------------------


def _cell_changes(document: Document, edits: list[Edit]) -> dict[int, list[str]]:
    """The intended cell texts of every row that an edit inside one of its cells changes.
    An edit that writes one character of a row as a lone '|' means a cell boundary (a
    full-width '｜' written as '|'): that row's cells are the row, edited, split anew.
    Any other edit is held to its cell, so a '|' slipped into a cell's text still shows."""
    rows = {row.line: row for table in document.tables for row in table.all_rows()}
    resplit = {
        edit.line for edit in edits if edit.line in rows and _is_boundary(rows[edit.line], edit)
    }
    changes: dict[int, list[str]] = {}
    for edit in sorted(edits, key=lambda edit: -edit.column):  # right to left: offsets stay valid
        row = rows.get(edit.line)
        cell = _enclosing_cell(row, edit) if row is not None else None
        if row is None or cell is None or row.line in resplit:
            continue
        texts = changes.setdefault(row.line, [c.text for c in row.cells])
        text = texts[cell.index]
        start, end = edit.column - cell.column, edit.end_column - cell.column
        texts[cell.index] = text[:start] + edit.text + text[end:]
    for line in resplit:
        changes[line] = _split_edited(rows[line], [edit for edit in edits if edit.line == line])
    return {line: [text.strip(" \t") for text in texts] for line, texts in changes.items()}


def _is_boundary(row: Row, edit: Edit) -> bool:
    return (
        edit.text == "|"
        and edit.end_line == edit.line
        and edit.end_column == edit.column + 1
        and row.content_start < edit.column <= row.content_end
    )


def _split_edited(row: Row, edits: list[Edit]) -> list[str]:
    """The cell texts of ``row`` with ``edits`` (all on its line, inside its content)."""
    from awesome_lint.cells import split_row

    raw, end = row.raw, row.content_end
    for edit in sorted(edits, key=lambda edit: -edit.column):
        raw = raw[: edit.column - 1] + edit.text + raw[edit.end_column - 1 :]
        end += len(edit.text) - (edit.end_column - edit.column)
    return [cell.text for cell in split_row(raw, row.line, row.content_start, end, row.kind).cells]


def _enclosing_cell(row: Row, edit: Edit) -> Cell | None:
    if edit.end_line != edit.line:
        return None
    for cell in row.cells:
        if cell.column <= edit.column and edit.end_column <= cell.end_column:
            return cell
    return None


def _check_tables(before: Document, changes: dict[int, list[str]], after: Document) -> None:
    if len(before.tables) != len(after.tables):
        _refuse(
            after,
            f"the number of tables would change from {len(before.tables)} to {len(after.tables)}",
        )
    cut_before, cut_after = _cut_off_rows(before), _cut_off_rows(after)
    for old, new in zip(before.tables, after.tables, strict=True):
        expected = Counter(_key(row, changes.get(row.line)) for row in old.all_rows())
        expected.update(_key(row, None) for row in cut_before.get(old.index, ()))
        actual = Counter(_key(row, None) for row in new.all_rows())
        actual.update(_key(row, None) for row in cut_after.get(new.index, ()))
        if expected != actual:
            missing = list((expected - actual).elements())
            kind, cells = (missing or list((actual - expected).elements()))[0]
            verb = "lose" if missing else "gain"
            _refuse(
                after,
                f"the table at line {old.line} would {verb} the {kind} row "
                f"{' | '.join(map(str, cells))!r}",
            )


def _cut_off_rows(document: Document) -> dict[int, list[Row]]:
    """Per table index, the stray rows that follow it after blank lines only."""
    if not any(run.after_table is not None for run in document.stray_rows):
        return {}
    from awesome_lint.cells import split_stray_rows

    rows: dict[int, list[Row]] = {}
    for run in document.stray_rows:
        if run.after_table is not None:
            rows.setdefault(run.after_table, []).extend(split_stray_rows(run))
    return rows


def _key(row: Row, texts: list[str] | None) -> RowKey:
    cells = texts if texts is not None else [cell.text for cell in row.cells]
    if row.kind is RowKind.DELIMITER:
        return row.kind.value, tuple((text.startswith(":"), text.endswith(":")) for text in cells)
    return row.kind.value, tuple(cells)


def check_added_rows(before: Document, after: Document, added: dict[int, list[Row]]) -> None:
    """``after`` holds every table row of ``before``, plus the rows ``added`` (by table
    index) and nothing else, and every line outside the tables as it was (rows may be
    re-padded: cells are compared as GFM reads them)."""
    if len(before.tables) != len(after.tables):
        _refuse(after, "the number of tables would change", "add")
    for old, new in zip(before.tables, after.tables, strict=True):
        expected = Counter(_key(row, None) for row in old.all_rows())
        expected.update(_key(row, None) for row in added.get(old.index, []))
        if expected != Counter(_key(row, None) for row in new.all_rows()):
            _refuse(
                after, f"the table at line {old.line} would change beyond the added rows", "add"
            )
    if [line for _, line in _outside_tables(before)] != [
        line for _, line in _outside_tables(after)
    ]:
        _refuse(after, "the lines outside the tables would change", "add")


def _check_outside_tables(original: Document, fixed: Document) -> None:
    before, after = _outside_tables(original), _outside_tables(fixed)
    if [line for _, line in before] == [line for _, line in after]:
        return
    for (number, line), (_, other) in zip(before, after, strict=False):
        if line != other:
            _refuse(fixed, f"line {number} outside the tables would change")
    _refuse(fixed, "the lines outside the tables would change")


def _outside_tables(document: Document) -> list[tuple[int, str]]:
    """The lines outside tables, the rows cut off from a table and the blank lines that
    cut them off counting as the table's."""
    inside = {
        number for table in document.tables for number in range(table.line, table.end_line + 1)
    }
    for run in document.stray_rows:
        if run.after_table is not None:
            inside.update(range(run.blank_lines.start, run.rows[-1].line + 1))
    return [
        (number, line)
        for number, line in enumerate(document.lines, start=1)
        if number not in inside
    ]


def _refuse(document: Document, reason: str, action: str = "fix") -> NoReturn:
    raise UnsafeFixError(
        f"{document.path}: refusing to {action}: {reason} "
        "(nothing was written; please report this bug)"
    )


# Writing -----------------------------------------------------------------------------


def fix_file(
    document: Document,
    source: str,
    path: Path | None,
    engine: Engine,
    profile: Profile,
    *,
    diff: bool,
    stdout: TextIO,
) -> FixResult:
    """Fix a loaded file (``path`` None: standard input; ``source``: its decoded text) and
    emit the result: its diff when ``diff``, else the fixed text on ``stdout`` for
    standard input (the unchanged text if fixing is refused), else the file rewritten
    in place if it changed."""
    try:
        result = fix_document(document, engine, profile)
    except UnsafeFixError:
        if path is None and not diff:
            _write_bytes(stdout, render(document, source))
        raise
    after = render(result.document, source, result.endings)
    if diff:
        if result.changed:
            stdout.write(unified_diff(document.path, render(document, source), after))
    elif path is None:
        _write_bytes(stdout, after)
    elif result.changed:
        write_atomic(path, after, expected=render(document, source))
    return result


def _write_bytes(stdout: TextIO, data: bytes) -> None:
    stdout.flush()
    stdout.buffer.write(data)
    stdout.buffer.flush()


def render(document: Document, source: str, kept: list[int] | None = None) -> bytes:
    """The bytes of ``document`` with the BOM and every line ending of ``source`` (the
    decoded original) kept: line N ends as line ``kept[N]`` of the original ended (as
    line N did, without ``kept``), the last line as it did."""
    endings = [match.group() for match in _LINE_BREAK.finditer(source)]
    default = endings[0] if endings else "\n"
    pieces = document.text.split("\n")
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        origin = index if kept is None or index >= len(kept) else kept[index]
        out += [endings[origin] if 0 <= origin < len(endings) else default, piece]
    return ((BOM if document.bom else "") + "".join(out)).encode("utf-8")


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    """A unified diff of two versions of a file, ``\\ No newline at end of file`` included."""
    import difflib

    old = before.decode("utf-8").removeprefix(BOM).splitlines(keepends=True)
    new = after.decode("utf-8").removeprefix(BOM).splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, fromfile=name, tofile=name)
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
