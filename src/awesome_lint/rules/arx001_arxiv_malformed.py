"""ARX001 arxiv-malformed: an arXiv link that does not name a valid paper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import conventions
from awesome_lint.rule import Finding, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    for facts in conventions(document, context).rows.values():
        for link, found in facts.arxiv:
            if found.problem is not None:
                yield Finding.at(link, f"malformed arXiv link: {found.problem}")


RULE = Rule(
    code="ARX001",
    name="arxiv-malformed",
    severity=Severity.ERROR,
    summary="An arXiv link does not name a valid paper.",
    check=check,
)
