"""ARX005 arxiv-unverified: arXiv could not be asked about a paper (online only).

Network errors, time-outs, 429/5xx answers after the retries and malformed answers
leave an ID unverified; ARX003 and ARX004 then say nothing about it.
"""

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
    from awesome_lint.online.client import Unverified

    for _facts, answered in answered_rows(document, context):
        for paper in answered:
            if isinstance(paper.answer, Unverified):
                message = f"could not verify {paper.paper_id} on arXiv: {paper.answer.reason}"
                yield Finding.at(paper.link, message)


RULE = Rule(
    code="ARX005",
    name="arxiv-unverified",
    severity=Severity.WARNING,
    summary="arXiv could not be asked about a linked paper (network error, time-out, "
    "rate limit, malformed answer; with --online).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
