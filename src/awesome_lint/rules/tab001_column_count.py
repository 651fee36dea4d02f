"""TAB001 table-column-count: a row with more or fewer cells than the table's rows have.

The expected count is the header's, unless most rows share another one (a hidden
comment cell at the end of every row, a generator that always drops a cell): that is
the table's convention, reported once on the header, and rows are compared with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from awesome_lint.conventions import TableSpec, conventions
from awesome_lint.model import Cell, Document, Row
from awesome_lint.parser import split_row
from awesome_lint.rule import Context, Finding, Rule, Severity

FULL_WIDTH_PIPE = "｜"
# Cells that hold nothing to read: empty, an HTML comment or a Markdown "comment" link.
_HIDDEN = re.compile(r"(?:<!--.*-->|\[//\]:?\s*#.*)?", re.DOTALL)


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).tables:
        if spec.usual_width != spec.width:
            yield _convention(spec)
        for row in spec.table.rows:
            if len(row.cells) not in (spec.width, spec.usual_width):
                yield Finding.at(row, _message(spec, row))


def _convention(spec: TableSpec) -> Finding:
    count = sum(1 for row in spec.table.rows if len(row.cells) == spec.usual_width)
    extra = spec.usual_width > spec.width and all(
        _hidden(row.cells[spec.width :])
        for row in spec.table.rows
        if len(row.cells) == spec.usual_width
    )
    note = " (a hidden cell at the end of each row)" if extra else ""
    # The table's convention, not a broken row: a warning.
    return Finding.at(
        spec.table.header,
        f"{count} of {len(spec.table.rows)} rows have {spec.usual_width} cells, the header has "
        f"{spec.width}{note}: give the header as many cells, or the rows as many as the header",
        severity=Severity.WARNING,
    )


def _message(spec: TableSpec, row: Row) -> str:
    found, expected = len(row.cells), spec.width
    message = f"row has {found} cell{'s' if found != 1 else ''}, the header has {expected}"
    if spec.usual_width != expected:
        message += f" and most rows {spec.usual_width}"
    if FULL_WIDTH_PIPE in row.content and _count_with_ascii_pipes(row) == expected:
        message += " (a full-width '｜' is used where '|' was meant)"
    elif found > expected and not _hidden(row.cells[expected:]):
        message += " (an unescaped '|' inside a cell? write it as '\\|')"
    elif found > expected:
        message += " (remove the empty cell at the end)"
    return message


def _hidden(cells: list[Cell]) -> bool:
    return all(_HIDDEN.fullmatch(cell.text) for cell in cells)


def _count_with_ascii_pipes(row: Row) -> int:
    content = row.content.replace(FULL_WIDTH_PIPE, "|")
    return len(split_row(content, row.line, 0, len(content)).cells)


RULE = Rule(
    code="TAB001",
    name="table-column-count",
    severity=Severity.ERROR,
    summary="A table row has more or fewer cells than the header (or than most rows).",
    check=check,
)
