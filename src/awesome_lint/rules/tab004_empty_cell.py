"""TAB004 empty-cell: an empty cell in a paper column the table always fills.

The date, model-name, title and link columns of a paper table are checked, and its venue
column (a forgotten venue is a warning, and so is a forgotten code or project link in a
link column that does not hold the papers' links). A column the
table leaves empty in more than a few rows is optional there; a placeholder ("-",
"none", ... as the table writes them) says "no value" on purpose; an image is content. A
row with nothing in any cell (a spacer some lists end their tables with) is no entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.model import Role
from awesome_lint.rule import Finding, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import RowFacts, TableSpec
    from awesome_lint.model import Document, Row
    from awesome_lint.rule import Context

CHECKED_ROLES = (Role.DATE, Role.MODEL, Role.TITLE, Role.LINK)
_SEVERAL = 3


def check(document: Document, context: Context) -> Iterator[Finding]:
    found = conventions(document, context)
    for spec in found.paper_tables():
        for role in CHECKED_ROLES:
            index = spec.roles.get(role)
            if index is None or not _empty_in_required(spec, index):
                continue
            if role is Role.LINK and not _holds_papers(spec, found.rows, index):
                # Code or project links, the paper linked elsewhere: the row stays whole.
                yield from _empty_cells(spec, index, severity=Severity.WARNING)
            else:
                yield from _empty_cells(spec, index)
        if spec.venue is not None and _empty_in_required(spec, spec.venue):
            # A forgotten venue leaves the row whole: a warning.
            yield from _empty_cells(spec, spec.venue, severity=Severity.WARNING)


def _holds_papers(spec: TableSpec, facts: Mapping[Row, RowFacts], index: int) -> bool:
    """Most links of the column are the rows' links to their papers (arXiv, DOI, ...)."""
    linked = papers = 0
    for row in spec.table.rows:
        cell = row.cell(index) if spec.has_known_columns(row) else None
        if cell is None or not cell.links:
            continue
        linked += 1
        spans = (link.column for _key, link in facts[row].paper_links())
        papers += any(cell.column <= column < cell.end_column for column in spans)
    return papers * 2 > linked


def _empty_in_required(spec: TableSpec, index: int) -> bool:
    """The column's counts say whether any of its cells is empty: in most tables, none."""
    column = spec.columns[index]
    return column.required and column.empty > 0


def _empty_cells(spec: TableSpec, index: int, **extra: Severity) -> Iterator[Finding]:
    """The empty cells of a required column that has some (``_empty_in_required``)."""
    column = spec.columns[index]
    others = "; every other row fills this column" if len(spec.table.rows) >= _SEVERAL else ""
    label = column.header or (column.role.value if column.role else "")
    message = f"empty {label} cell{others}{_hint(spec)}"
    for row in spec.table.rows:
        cell = row.cell(index) if spec.has_known_columns(row) else None
        if cell is not None and cell.is_empty and not row.is_blank:
            yield Finding.at(cell, message, **extra)


def _hint(spec: TableSpec) -> str:
    used = spec.used_placeholders
    return f" (or write '{used[0]}' as the table does where there is none)" if used else ""


RULE = Rule(
    code="TAB004",
    name="empty-cell",
    severity=Severity.ERROR,
    summary="A paper column the table fills in every other row is empty in this one.",
    check=check,
)
