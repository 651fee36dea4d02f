"""TAB004 empty-cell: an empty date, title, link or model-name cell.

A placeholder (``-``, ``--``, ``—``, ``N/A`` by default; option ``placeholders``)
says "no value" on purpose and is accepted in the model-name column only: every
paper has a date, a title and a link.
"""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.model import Document, Role
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.common import column_label, is_placeholder, role_cells

CHECKED_ROLES = (Role.DATE, Role.MODEL, Role.TITLE, Role.LINK)
_HINTS = {Role.MODEL: " (write a placeholder such as '-' if there is none)"}


def check(document: Document, context: Context) -> Iterator[Finding]:
    for role in CHECKED_ROLES:
        for table, _row, cell in role_cells(document, role):
            label = column_label(table, role)
            if cell.is_empty and not cell.links:
                yield Finding.at(cell, f"empty {label} cell{_HINTS.get(role, '')}")
            elif role is not Role.MODEL and is_placeholder(cell, context) and not cell.links:
                yield Finding.at(cell, f"placeholder '{cell.plain}' in the {label} column")


RULE = Rule(
    code="TAB004",
    name="empty-cell",
    severity=Severity.ERROR,
    summary="A date, title, link or model-name cell is empty (placeholders only for model names).",
    check=check,
)
