"""TAB005 missing-link: a cell of the link column without a link, in a table whose link
column holds links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.model import Role
from awesome_lint.rule import Finding, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).paper_tables():
        if Role.LINK not in spec.roles:
            continue
        for row in spec.table.rows:
            cell = spec.cell(row, Role.LINK)
            # Empty cells are TAB004's; a placeholder says "none" on purpose.
            if cell is None or cell.links or spec.is_blank(cell):
                continue
            shown = cell.plain or cell.text  # a badge image without a link shows no text
            yield Finding.at(cell, f"no link in the {spec.label(Role.LINK)} cell '{shown}'")


RULE = Rule(
    code="TAB005",
    name="missing-link",
    severity=Severity.WARNING,
    summary="A cell of the link column holds no link.",
    check=check,
)
