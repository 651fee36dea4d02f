"""ARX003 arxiv-not-found: a well-formed arXiv ID that arXiv does not know (online only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.online_common import OPTIONS, answered_rows, is_online, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    if not is_online(context):
        return
    from awesome_lint.online.client import NotFound

    for _facts, answered in answered_rows(document, context):
        for paper in answered:
            if isinstance(paper.answer, NotFound):
                yield Finding.at(paper.link, f"arXiv has no paper {paper.paper_id}")


RULE = Rule(
    code="ARX003",
    name="arxiv-not-found",
    severity=Severity.ERROR,
    summary="A well-formed arXiv ID that arXiv does not know (with --online).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
