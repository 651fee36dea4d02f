"""TAB001 table-column-count: a row with more or fewer cells than the table's rows have.

The expected count is the header's, unless most rows share another one (a hidden
comment cell at the end of every row, a generator that always drops a cell): that is
the table's convention, reported once on the header, and rows are compared with it.

A row broken across two lines (a line break typed inside a cell) is one finding, on its
first line. A row that GitHub shows as intended is left alone: one that only lacks cells at the
end which the table often leaves empty (GitHub shows them empty), or whose extra cells
hold nothing (GitHub drops them). A row that loses text (extra cells with text in
them) or lacks a cell the table always fills (its cells have moved) is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.lazyre import LazyPattern
from awesome_lint.model import Role
from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity, quoted

if TYPE_CHECKING:
    from awesome_lint.conventions import TableSpec
    from awesome_lint.model import Cell, Document, Row
    from awesome_lint.rule import Context

FULL_WIDTH_PIPE = "｜"
# Cells that hold nothing to read: empty, an HTML comment or a Markdown "comment" link.
_HIDDEN = LazyPattern(r"(?:<!--.*-->|\[//\]:?\s*#.*)?", re.DOTALL)


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).tables:
        # Most rows short: GitHub shows their last cells empty, nothing is lost.
        if spec.usual_width > spec.width and not _hidden_convention(spec):
            yield _convention(spec)
        continuations = set(spec.broken.values())
        for row in spec.table.rows:
            if row in continuations:
                continue  # reported with the row it continues
            if row in spec.broken:
                yield _broken(spec, row, spec.broken[row])
            elif len(row.cells) not in (spec.width, spec.usual_width) and not _shown_as_meant(
                spec, row
            ):
                yield _count_finding(spec, row)


def _broken(spec: TableSpec, row: Row, continued: Row) -> Finding:
    index = len(row.cells) - 1
    column = spec.columns[index].header or str(index + 1)
    return Finding.at(
        row,
        f"row broken across lines {row.line} and {continued.line} (a line break inside "
        f"its '{column}' cell): GitHub shows two rows; join the two lines",
    )


def _shown_as_meant(spec: TableSpec, row: Row) -> bool:
    """GitHub pads a short row with empty cells and drops the cells past the header's."""
    count = len(row.cells)
    if count > spec.width:
        return _blank(spec, row.cells[spec.width :])
    return not any(column.required for column in spec.columns[count:])


def _severity(spec: TableSpec, row: Row) -> Severity | None:
    """A short row that lacks no date, title, model or link cell shows all it says: the
    missing cell is a value left out (a warning), not a broken paper row."""
    if len(row.cells) > spec.width or FULL_WIDTH_PIPE in row.content:
        return None  # text past the last column (GitHub does not show it), or no columns
    missing = range(len(row.cells), spec.width)
    return None if set(spec.roles.values()).intersection(missing) else Severity.WARNING


def _blank(spec: TableSpec, cells: list[Cell]) -> bool:
    return all(_HIDDEN().fullmatch(cell.text) or spec.is_placeholder(cell) for cell in cells)


def _hidden_convention(spec: TableSpec) -> bool:
    """Most rows end with a cell past the header that shows nothing (a comment kept on
    purpose, ``[//]: # ...``): GitHub drops it, nothing to report."""
    return spec.usual_width > spec.width and all(
        _blank(spec, row.cells[spec.width :])
        for row in spec.table.rows
        if len(row.cells) == spec.usual_width
    )


def _convention(spec: TableSpec) -> Finding:
    count = sum(1 for row in spec.table.rows if len(row.cells) == spec.usual_width)
    # The table's convention, not a broken row: a warning.
    return Finding.at(
        spec.table.header,
        f"{count} of {len(spec.table.rows)} rows have {spec.usual_width} cells, the header has "
        f"{spec.width}: give the header as many cells, or the rows as many as the header",
        severity=Severity.WARNING,
    )


def _count_finding(spec: TableSpec, row: Row) -> Finding:
    # Its full-width pipes are the missing ones: written as '|', the row is whole.
    full_width = FULL_WIDTH_PIPE in row.content and _count_with_ascii_pipes(row) == spec.width
    finding = Finding.at(row, _message(spec, row, full_width), severity=_severity(spec, row))
    return finding._replace(fix=_ascii_pipes(row)) if full_width else finding


def _ascii_pipes(row: Row) -> Fix:
    """Each full-width pipe of the row written as '|'."""
    edits = tuple(
        Edit(row.line, offset + 1, row.line, offset + 2, "|")
        for offset in range(row.content_start, row.content_end)
        if row.raw[offset] == FULL_WIDTH_PIPE
    )
    return Fix(edits, f"write each '{FULL_WIDTH_PIPE}' as '|'")


def _message(spec: TableSpec, row: Row, full_width_pipes: bool) -> str:
    found, expected = len(row.cells), spec.width
    message = f"row has {found} cell{'s' if found != 1 else ''}, the header has {expected}"
    if spec.usual_width != expected:
        message += f" and most rows {spec.usual_width}"
    if full_width_pipes:
        message += " (a full-width '｜' is used where '|' was meant)"
    elif found > expected and _pipe_inside_span(row.content):
        message += " (an unescaped '|' inside a cell? write it as '\\|')"
    elif found > expected and (shifted := _shifted_date(spec, row)) is not None:
        message += shifted
    elif found > expected:
        shown_nowhere = row.cells[expected:]
        hidden = " | ".join(c.text for c in shown_nowhere if not _HIDDEN().fullmatch(c.text))
        message += (
            f": {quoted(hidden, 40)}, past the last column, is not shown (a '|' meant as text? "
            "write it as '\\|'; or a cell too many)"
        )
    else:
        missing = [c.header or str(c.index + 1) for c in spec.columns[found:] if c.required]
        if missing:
            message += f": the '{missing[0]}' cell is missing (or two cells were merged)"
    return message


def _shifted_date(spec: TableSpec, row: Row) -> str | None:
    """A row with a cell too many before its date: the date sits one column right of the
    date column, and every cell from there on is one column off."""
    from awesome_lint.dates import parse_date  # only for a row with cells too many

    index = spec.roles.get(Role.DATE)
    if index is None or index + 1 >= len(row.cells) or index + 1 >= spec.width:
        return None
    here, next_one = row.cells[index].plain, row.cells[index + 1].plain
    if parse_date(here) is not None or parse_date(next_one) is None:
        return None
    header = spec.table.header.cells
    return (
        f": a cell too many before the '{header[index].plain}' column (the date is under "
        f"'{header[index + 1].plain}'), so every cell from there on is one column off and "
        "the last one is not shown"
    )


def _pipe_inside_span(content: str) -> bool:
    """Whether a '|' sits inside a code span, $math$ or a link's text: meant as text."""
    for delimiter in ("`", "$"):
        if any("|" in part for part in content.split(delimiter)[1:-1:2]):
            return True
    start = content.find("[")
    while start != -1:
        end = content.find("](", start)
        if end == -1:
            return False
        if "|" in content[start:end]:
            return True
        start = content.find("[", end)
    return False


def _count_with_ascii_pipes(row: Row) -> int:
    from awesome_lint.cells import split_row  # rows with full-width pipes only

    content = row.content.replace(FULL_WIDTH_PIPE, "|")
    return len(split_row(content, row.line, 0, len(content)).cells)


RULE = Rule(
    code="TAB001",
    name="table-column-count",
    severity=Severity.ERROR,
    summary="A table row has more or fewer cells than the header (or than most rows).",
    check=check,
    fixable=True,
)
