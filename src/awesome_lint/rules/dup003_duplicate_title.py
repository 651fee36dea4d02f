"""DUP003 duplicate-title: the same paper title on two rows."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.model import Cell, Document
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.paper import (
    DUPLICATE_SCOPE,
    PaperRow,
    duplicate,
    duplicate_scopes,
    first_seen,
    one_paper_several_entries,
    paper_rows,
)


def check(document: Document, context: Context) -> Iterator[Finding]:
    facts = paper_rows(document, context)
    for rows in duplicate_scopes(document, context):
        titled = ((facts[row].title_key, facts[row]) for row in rows if facts[row].title_key)
        for _key, earlier, later in first_seen(titled):
            if not one_paper_several_entries(earlier, later):
                yield _finding(earlier, later)


def _finding(earlier: PaperRow, later: PaperRow) -> Finding:
    assert earlier.title is not None and later.title is not None
    if earlier.signature != later.signature:
        note = ", with different links (a copy-paste mistake?)"
    elif later.signature:
        note = ", with the same links (a repeated row)"
    else:
        note = ", neither with a link (a repeated row?)"
    return duplicate(later.title, earlier.title, _title, note)


def _title(cell: Cell) -> str:
    return f"title '{cell.plain}'"


RULE = Rule(
    code="DUP003",
    name="duplicate-title",
    severity=Severity.ERROR,
    summary="The same paper title is on two rows.",
    check=check,
    options=(DUPLICATE_SCOPE,),
)
