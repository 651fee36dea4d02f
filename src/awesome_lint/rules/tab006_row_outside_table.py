"""TAB006 table-row-outside-table: lines that look like table rows but that GitHub shows
as a paragraph of text, cut off from their table.

The parser records these runs (``Document.stray_rows``); this rule judges which are
broken tables. Reported: rows that follow a table after blank lines only, most with its
cell count (a blank line cut the table: fixed by deleting it); a run holding a delimiter
row (a header and delimiter row that do not match); and a paragraph that starts with
two rows or more of the same cell count that are more than links (the header and
delimiter row are missing). Not reported: pipe text under a line of prose or of a list
item, a single row on its own, and rows of links or badges only (a navigation bar)
unless they continue the table above.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity
from awesome_lint.tablerule import TRIM, cell_count, delimiter_columns

if TYPE_CHECKING:
    from awesome_lint.model import Cell, Document, Row, StrayRows, Table
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    if not document.stray_rows:
        return
    from awesome_lint.cells import split_stray_rows  # links and visible text: rows were found

    cut_off: dict[int, _CutOff] = {}  # per table index, the runs cut off from it so far
    for run in document.stray_rows:
        rows = split_stray_rows(run)
        finding = None
        if run.after_table is not None:
            table = document.tables[run.after_table]
            cut = cut_off.setdefault(run.after_table, _CutOff())
            finding = _cut_from_table(document, table, cut, run, rows)
        finding = finding or _broken_table(document, run, rows)
        if finding is not None:
            yield finding


class _CutOff:
    """The runs of rows cut off from one table so far: the blank lines above each (the
    first and last line), how many blank lines in all, whether all rows have its cells."""

    __slots__ = ("blank_count", "blanks", "fit")

    def __init__(self) -> None:
        self.blanks: list[tuple[int, int]] = []
        self.blank_count = 0
        self.fit = True


def _cut_from_table(
    document: Document, table: Table, cut: _CutOff, run: StrayRows, rows: list[Row]
) -> Finding | None:
    """Rows after a table with only blank lines between (and other rows cut off from it),
    most with its cell count."""
    cut.blanks.append((run.blank_lines.start, run.blank_lines.stop - 1))
    cut.blank_count += len(run.blank_lines)
    fitting = sum(len(row.cells) == table.column_count for row in rows)
    cut.fit = cut.fit and fitting == len(rows)
    if 2 * fitting <= len(rows):
        return None
    where = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in cut.blanks[-3:])
    if len(cut.blanks) > 3:
        where = f"{cut.blanks[0][0]}, ..., {where}"
    if cut.blank_count == 1:
        reason = f"the blank line at {where} ends the table above; delete it"
    else:
        reason = f"the blank lines at {where} end the table above; delete them"
    message = f"{_rows(len(rows))} outside any table: {reason}"
    if fitting < len(rows):
        message += f" (and give every row the table's {table.column_count} cells)"
    fix = _joining_fix(document, cut.blanks[-1], rows) if cut.fit else None
    # A pull request that only adds the blank line changes none of the rows.
    blanks = run.blank_lines
    last = document.line_text(blanks[-1])
    alternate = Finding(blanks[0], 1, blanks[-1], len(last) + 1, message, fix=fix)
    return _at_run(rows, message, fix=fix, alternate=alternate)


def _joining_fix(document: Document, blanks: tuple[int, int], rows: list[Row]) -> Fix | None:
    """Delete the blank lines above the rows, when they are a paragraph of their own (a
    line of text under them would join the table too)."""
    if document.line_text(rows[-1].line + 1).strip(" \t"):
        return None
    edit = Edit(blanks[0], 1, blanks[1] + 1, 1, "")
    return Fix((edit,), "delete the blank lines between the table and its rows")


def _broken_table(document: Document, run: StrayRows, rows: list[Row]) -> Finding | None:
    """A delimiter row that matches no header, or rows without header and delimiter."""
    for row in rows:
        columns = delimiter_columns(row.content)
        if not columns:
            continue
        above = document.line_text(row.line - 1).strip(TRIM)
        if (row is rows[0] and run.opens_paragraph) or not above:
            where = f"the delimiter row at {row.line} has no header row above it"
        else:
            header = cell_count(above)
            if header == columns:  # a table under the text of a list item: GitHub's call
                return None
            where = (
                f"the delimiter row at {row.line} has {columns} cells, the header above it "
                f"{header}; give them as many cells"
            )
        return _at_run(rows, f"{_lines(run)} of a table that GitHub does not show: {where}")
    if not run.opens_paragraph or len(rows) < 2 or all(map(_links_only, rows)):
        return None
    count, shared = Counter(len(row.cells) for row in rows).most_common(1)[0]
    if count < 2 or 2 * shared < len(rows):
        return None
    return _at_run(
        rows,
        f"{_lines(run)} look like table rows but have no header and delimiter row above "
        "them: GitHub shows them as text; add both (or only the delimiter row, under the "
        "first line if it is the header)",
    )


def _at_run(rows: list[Row], message: str, **extra: Any) -> Finding:
    """A finding on the first row that spans the run: a change to any row reports it."""
    first, last = rows[0], rows[-1]
    start, end = first.content_start + 1, last.content_end + 1
    return Finding(first.line, start, last.line, end, message, **extra)


def _links_only(row: Row) -> bool:
    """A row of links, images or badges between pipes: a navigation bar, no table row."""
    return all(_shows_only_links(cell) for cell in row.cells)


def _shows_only_links(cell: Cell) -> bool:
    text = cell.plain
    for link in cell.links:
        text = text.replace(link.text, "", 1)
    return not any(character.isalnum() for character in text)


def _rows(count: int) -> str:
    return "1 table row is" if count == 1 else f"{count} table rows are"


def _lines(run: StrayRows) -> str:
    return "1 line" if len(run.rows) == 1 else f"{len(run.rows)} lines"


RULE = Rule(
    code="TAB006",
    name="table-row-outside-table",
    severity=Severity.ERROR,
    summary="Lines that look like table rows are outside any table (GitHub shows them as text).",
    check=check,
    fixable=True,
)
