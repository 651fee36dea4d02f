"""DUP002 duplicate-paper: the same arXiv paper on two rows, whatever the URL form."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from awesome_lint.model import Document, Link
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.paper import (
    DUPLICATE_SCOPE,
    duplicate,
    duplicate_scopes,
    first_seen,
    one_paper_several_entries,
    paper_rows,
)


def check(document: Document, context: Context) -> Iterator[Finding]:
    facts = paper_rows(document, context)
    for rows in duplicate_scopes(document, context):
        # One link per paper and row: the same paper twice in one row is not a duplicate row.
        links = (
            (paper_id, (row, link))
            for row in rows
            for paper_id, link in facts[row].id_links().items()
        )
        for paper_id, (earlier_row, earlier), (later_row, later) in first_seen(links):
            if not one_paper_several_entries(facts[earlier_row], facts[later_row]):
                yield duplicate(later, earlier, _paper(paper_id))


def _paper(paper_id: str) -> Callable[[Link], str]:
    return lambda _link: f"arXiv paper {paper_id}"


RULE = Rule(
    code="DUP002",
    name="duplicate-paper",
    severity=Severity.ERROR,
    summary="The same arXiv paper is on two rows.",
    check=check,
    options=(DUPLICATE_SCOPE,),
)
