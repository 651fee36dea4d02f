"""TAB005 missing-link: the link column of a row holds no link."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.model import Document, Role
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.common import column_label, is_placeholder, role_cells


def check(document: Document, context: Context) -> Iterator[Finding]:
    for table, _row, cell in role_cells(document, Role.LINK):
        # Empty cells and placeholders are TAB004's.
        if cell.links or cell.is_empty or is_placeholder(cell, context):
            continue
        label = column_label(table, Role.LINK)
        yield Finding.at(cell, f"no link in the {label} cell '{cell.plain}'")


RULE = Rule(
    code="TAB005",
    name="missing-link",
    severity=Severity.WARNING,
    summary="The link column of a row holds no link.",
    check=check,
)
