"""LNK007 github-repo-archived: a linked GitHub repository is archived (read-only, no
longer maintained). Online only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.github_common import OPTIONS, checked_repos, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    from awesome_lint.online.github import Repo

    for checked in checked_repos(document, context):
        if isinstance(checked.answer, Repo) and checked.answer.archived:
            message = f"GitHub repository {checked.name} is archived (read-only, unmaintained)"
            yield Finding.at(checked.links[0][0], message)


RULE = Rule(
    code="LNK007",
    name="github-repo-archived",
    severity=Severity.INFO,
    summary="A linked GitHub repository is archived (with --online and GITHUB_TOKEN).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
