"""TAB004 empty-cell: an empty cell in a paper column the table always fills.

The date, model-name, title and link columns of a paper table are checked, and its venue
column (a forgotten venue is a warning). A column the
table leaves empty in more than a few rows is optional there; a placeholder ("-",
"none", ... as the table writes them) says "no value" on purpose; an image is content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.model import Role
from awesome_lint.rule import Finding, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import TableSpec
    from awesome_lint.model import Document
    from awesome_lint.rule import Context

CHECKED_ROLES = (Role.DATE, Role.MODEL, Role.TITLE, Role.LINK)
_SEVERAL = 3


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).paper_tables():
        for index in [spec.roles.get(role) for role in CHECKED_ROLES]:
            if index is not None:
                yield from _empty_cells(spec, index)
        if spec.venue is not None:  # a forgotten venue leaves the row whole: a warning
            yield from _empty_cells(spec, spec.venue, severity=Severity.WARNING)


def _empty_cells(spec: TableSpec, index: int, **extra: Severity) -> Iterator[Finding]:
    column = spec.columns[index]
    # The column's counts say whether any of its cells is empty: most tables, none.
    if not (column.required and column.empty):
        return
    others = "; every other row fills this column" if len(spec.table.rows) >= _SEVERAL else ""
    label = column.header or (column.role.value if column.role else "")
    message = f"empty {label} cell{others}{_hint(spec)}"
    for row in spec.table.rows:
        cell = row.cell(index) if spec.has_known_columns(row) else None
        if cell is not None and cell.is_empty:
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
