"""LNK002 paper-id-malformed: a DOI, OpenReview or ACL Anthology link that names no valid
paper (see :mod:`awesome_lint.paperids` for what is checked)."""

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
        for link, found in facts.papers:
            if found.problem is not None:
                yield Finding.at(link, f"malformed {found.kind.value} link: {found.problem}")


RULE = Rule(
    code="LNK002",
    name="paper-id-malformed",
    severity=Severity.ERROR,
    summary="A DOI, OpenReview or ACL Anthology link does not name a valid paper.",
    check=check,
)
