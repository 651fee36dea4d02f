"""Small helpers shared by several rules."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.model import Cell, Document, Role, Row, Table
from awesome_lint.rule import Context


def is_placeholder(cell: Cell, context: Context) -> bool:
    return cell.plain in context.settings["placeholders"]


def body_rows(document: Document) -> Iterator[tuple[Table, Row]]:
    for table in document.tables:
        for row in table.rows:
            yield table, row


def role_cells(document: Document, role: Role) -> Iterator[tuple[Table, Row, Cell]]:
    """Every body cell of the column that has ``role``, in tables that have that role."""
    for table in document.tables:
        index = table.roles.get(role)
        if index is None:
            continue
        for row in table.rows:
            if index < len(row.cells):
                yield table, row, row.cells[index]


def column_label(table: Table, role: Role) -> str:
    """The header text of the column with ``role``, for messages."""
    return table.header.cells[table.roles[role]].plain or role.value
