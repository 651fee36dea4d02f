"""LNK001 dead-service-link: a link to a service that is gone or no longer serves papers
(Papers with Code, arXiv Vanity, hosts the configuration adds).

The message says what to link instead: the arXiv abstract of the paper the dead link was
about (its ID in the URL, else the row's arXiv paper) or the row's code repository,
whichever the link stood for (a link text or column about code asks for the repository).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from awesome_lint.conventions import conventions
from awesome_lint.lazyre import LazyPattern
from awesome_lint.options import accepts
from awesome_lint.repolinks import on_host, url_host
from awesome_lint.rule import Finding, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import RowFacts
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.rule import Context

# The hosts known to be gone, with what happened to them, for the message.
DEAD_HOSTS: Mapping[str, str] = {
    "paperswithcode.com": "Papers with Code shut down in July 2025",
    "arxiv-vanity.com": "arXiv Vanity no longer renders papers",
}
_CODE_WORDS = LazyPattern(r"\b(?:code|github|repo(?:sitory)?|implementation|source)\b", re.I)
# Anchored, its parts split by literal dots: linear even when searched.
_HOST = LazyPattern(r"\A[a-z0-9-]+(?:\.[a-z0-9-]+)+\Z")


@accepts({"type": "array", "items": {"type": "string"}})
def host_list(value: Any) -> tuple[str, ...]:
    """A list of host names (``example.org``; its subdomains count too)."""
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of host names; got {value!r}")
    hosts = tuple(host.strip().casefold().removeprefix("www.") for host in value)
    bad = next((host for host in hosts if not _HOST().fullmatch(host)), None)
    if bad is not None:
        raise ValueError(f"expected host names such as example.org; got {bad!r}")
    return hosts


def check(document: Document, context: Context) -> Iterator[Finding]:
    hosts = (*context.settings["dead-hosts"], *context.settings["extend-dead-hosts"])
    found = conventions(document, context)
    for spec in found.tables:
        rows = spec.table.rows
        # One test for the table (casefold maps each character alone): most link no dead host.
        urls = "\n".join(link.url for row in rows for cell in row.cells for link in cell.links)
        if not _on_any(urls.casefold(), hosts):
            continue
        header = spec.table.header.cells
        for row in rows:
            facts = found.rows[row]
            for cell in row.cells:
                for link in cell.links:
                    dead = _dead_host(link.url, hosts)
                    if dead is not None:
                        about = header[cell.index].plain if cell.index < len(header) else ""
                        yield Finding.at(link, _message(*dead, link, facts, about))


def _dead_host(url: str, hosts: tuple[str, ...]) -> tuple[str, str] | None:
    """(the link's host, the dead host it is on), or None."""
    if not _on_any(url.casefold(), hosts):  # most links: no parse
        return None
    host = url_host(url)
    dead = next((dead for dead in hosts if on_host(host, dead)), None)
    return None if dead is None else (host, dead)


def _on_any(folded: str, hosts: tuple[str, ...]) -> bool:
    """Whether a dead host's name is anywhere in the case-folded text."""
    return any(host in folded for host in hosts)


def _message(host: str, dead: str, link: Link, facts: RowFacts, column: str) -> str:
    why = DEAD_HOSTS.get(dead, "it no longer serves papers")
    return f"link to {host}, which is gone ({why}): {_instead(link, facts, column)}"


def _instead(link: Link, facts: RowFacts, column: str) -> str:
    """What to do instead: what the link was for (code, or the paper), linked elsewhere in
    the row already, or where to find it."""
    from awesome_lint.arxiv import canonical_url, find_arxiv_ids

    if _CODE_WORDS().search(f"{link.text} {column}") is not None:
        repos = facts.repos()
        if repos:
            return f"remove it: the row links its code repository {repos[0][0].url} already"
        return "link the code repository instead, or remove the link"
    if facts.ids:
        return f"remove it: the row links its paper {canonical_url(facts.ids[0])} already"
    named = find_arxiv_ids(link.url)
    if named:
        return f"link the arXiv abstract {canonical_url(named[0])} instead"
    return "link the paper's page instead, or remove the link"


RULE = Rule(
    code="LNK001",
    name="dead-service-link",
    severity=Severity.WARNING,
    summary="A link to a service that is gone or no longer serves papers (Papers with Code, "
    "arXiv Vanity, ...).",
    check=check,
    options=(
        Option(
            "dead-hosts",
            tuple(DEAD_HOSTS),
            host_list,
            "Hosts that are gone (their subdomains too); replaces the built-in list.",
        ),
        Option(
            "extend-dead-hosts",
            (),
            host_list,
            "Hosts that are gone, added to `dead-hosts`.",
        ),
    ),
)
