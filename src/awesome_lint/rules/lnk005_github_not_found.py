"""LNK005 github-repo-not-found: a GitHub repository link whose repository GitHub does not
have (deleted, made private, or mistyped; online only, with a token)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.github_common import OPTIONS, checked_repos, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    from awesome_lint.online.github import RepoMissing

    for checked in checked_repos(document, context):
        if isinstance(checked.answer, RepoMissing):
            link = checked.links[0][0]
            message = f"GitHub has no repository {checked.name} (deleted, private or mistyped)"
            yield Finding.at(link, message)


RULE = Rule(
    code="LNK005",
    name="github-repo-not-found",
    severity=Severity.ERROR,
    summary="A linked GitHub repository does not exist (with --online and GITHUB_TOKEN).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
