"""LNK006 github-repo-renamed: a GitHub repository link naming a repository by an old name
(renamed, or moved to another owner); GitHub redirects it for now. Online only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity
from awesome_lint.rules.github_common import OPTIONS, checked_repos, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context
    from awesome_lint.rules.github_common import Checked


def check(document: Document, context: Context) -> Iterator[Finding]:
    from awesome_lint.online.github import Repo

    for checked in checked_repos(document, context):
        answer = checked.answer
        if isinstance(answer, Repo) and answer.name_with_owner.casefold() != checked.key:
            yield _finding(checked, answer.name_with_owner)


def _finding(checked: Checked, new_name: str) -> Finding:
    edits = [
        Edit.link_target(link, repo.renamed_url(link.url, new_name)) for link, repo in checked.links
    ]
    first = checked.links[0][0]
    fix = None if None in edits else Fix(tuple(e for e in edits if e), f"link {new_name}")
    return Finding.at(
        first,
        f"GitHub repository {checked.name} is now {new_name}: "
        f"use {checked.links[0][1].renamed_url(first.url, new_name)}",
        fix=fix,
    )


RULE = Rule(
    code="LNK006",
    name="github-repo-renamed",
    severity=Severity.WARNING,
    summary="A linked GitHub repository was renamed or moved (with --online and GITHUB_TOKEN).",
    check=check,
    fixable=True,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
