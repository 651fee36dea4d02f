"""ARX002 arxiv-noncanonical: a valid arXiv link not written https://arxiv.org/abs/ID."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.arxiv import ArxivLink, canonical_url
from awesome_lint.model import Document, Link
from awesome_lint.options import boolean
from awesome_lint.rule import Context, Edit, Finding, Fix, Option, Rule, Severity
from awesome_lint.rules.paper import paper_rows


def check(document: Document, context: Context) -> Iterator[Finding]:
    keep_version = context.settings["arxiv-keep-version"]
    for facts in paper_rows(document, context).values():
        for link, found in facts.arxiv:
            target = _canonical(found, keep_version)
            if target is not None and target != link.url:
                yield _finding(link, target)


def _canonical(found: ArxivLink, keep_version: bool) -> str | None:
    if found.paper_id is None:
        return None
    return canonical_url(found.paper_id, found.version if keep_version else None)


def _finding(link: Link, target: str) -> Finding:
    edit = Edit(link.line, link.url_column, link.line, link.url_end_column, target)
    return Finding.at(
        link, f"arXiv link is not canonical: use {target}", fix=Fix((edit,), f"use {target}")
    )


RULE = Rule(
    code="ARX002",
    name="arxiv-noncanonical",
    severity=Severity.WARNING,
    summary="An arXiv link is not in the canonical form https://arxiv.org/abs/ID.",
    check=check,
    fixable=True,
    options=(
        Option(
            "arxiv-keep-version",
            False,
            boolean,
            "Accept links pinned to a version (https://arxiv.org/abs/IDv2) as canonical.",
        ),
    ),
)
