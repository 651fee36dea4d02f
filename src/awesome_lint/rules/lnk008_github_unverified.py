"""LNK008 github-unverified: GitHub could not be asked about a linked repository (network
error, time-out, rate limit, malformed answer). Online only.

An unverified repository never gets LNK005-LNK007: a failed question proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.rule import Finding, Rule, Severity
from awesome_lint.rules.github_common import OPTIONS, checked_repos, prepare

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    from awesome_lint.online.client import Unverified

    for checked in checked_repos(document, context):
        if isinstance(checked.answer, Unverified):
            message = f"could not check {checked.name} on GitHub: {checked.answer.reason}"
            yield Finding.at(checked.links[0][0], message)


RULE = Rule(
    code="LNK008",
    name="github-unverified",
    severity=Severity.WARNING,
    summary="GitHub could not be asked about a linked repository (network error, time-out, "
    "rate limit, malformed answer; with --online and GITHUB_TOKEN).",
    check=check,
    options=OPTIONS,
    enabled_by_option="online",
    prepare=prepare,
)
