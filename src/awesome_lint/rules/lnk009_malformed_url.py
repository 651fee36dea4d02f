"""LNK009 malformed-url: a web link in a table that cannot lead anywhere.

Only what is wrong under any convention: a scheme written twice (``https://https://``)
or a whole URL pasted after the host (``https://github.com/https://github.com/a/b``),
a misspelt scheme (``htps://``, ``https//``), a host that is not a domain name
(``github.comMay2333``: no top-level domain ends in digits), Markdown pasted into a
link's target (``[code]([https://a](https://b))``). IP addresses, ports and other schemes
(``mailto:``, relative links) are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from awesome_lint.conventions import conventions
from awesome_lint.lazyre import LazyPattern
from awesome_lint.rule import Edit, Finding, Fix, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.links import Link
    from awesome_lint.model import Document, Row
    from awesome_lint.rule import Context

_WEB = ("http", "https")
# A scheme that was meant to be http or https: htp, htps, ttps, hhttps, httpss.
_MISSPELT_SCHEME = LazyPattern(r"h*t+p+s*", re.IGNORECASE)
# A top-level domain a missing "/" runs into: github.comMay2333 is github.com/May2333.
# Hosts paper lists link most; the path that runs into one (github.comyahoo/...) is
# told even where the rest looks like a top-level domain. Longer real hosts excepted.
_PAPER_HOSTS = ("github.com", "arxiv.org", "huggingface.co", "openreview.net", "aclanthology.org")
_PAPER_HOST_SET = frozenset(_PAPER_HOSTS)
_LONGER_HOSTS = frozenset({"github.community", "huggingface.com"})
# The target of a Markdown link inside a link's target: the URL probably meant.
_INNER_TARGET = LazyPattern(r"\]\((https?://[^\s()]+)\)")
_COMMON_TLD = LazyPattern(r"(com|org|net|io|ai|co|edu|dev|cn)(?=[A-Za-z0-9_-])", re.IGNORECASE)


class _Problem(NamedTuple):
    what: str  # what is wrong, for the message
    target: str | None = None  # the target meant, if it can be told
    certain: bool = True  # ``target`` is what was meant for sure: the fix writes it


# Links of one table broken the same way, at least this many: one slip of a template
# (``https://github.com/{repo}`` given a whole URL), one finding.
_REPEATED = 5


def check(document: Document, context: Context) -> Iterator[Finding]:
    for spec in conventions(document, context).tables:
        broken: dict[str, list[tuple[Link, _Problem]]] = {}
        for row in spec.table.rows:
            for cell in row.cells:
                for link in cell.links:
                    problem = malformed(link.url)
                    if problem is not None:
                        broken.setdefault(problem.what, []).append((link, problem))
        for alike in broken.values():
            if len(alike) >= _REPEATED:
                yield _repeated(spec.table.header, alike)
            else:
                yield from (_finding(link, problem) for link, problem in alike)


def malformed(url: str) -> _Problem | None:
    """What makes ``url`` a web address that cannot work, or None."""
    if "](" in url or url.startswith("["):
        return _pasted_markdown(url)
    if url.startswith("https://") and _is_plain(url[8:]):  # most links
        return None
    if url.startswith("http://") and _is_plain(url[7:]):
        return None
    scheme, separator, rest = url.partition("://")
    if not separator:
        return _without_colon(url)
    if scheme.casefold() not in _WEB:
        if _MISSPELT_SCHEME().fullmatch(scheme):
            meant = "https" if scheme[-1:].casefold() == "s" else "http"
            return _Problem(f"the scheme {scheme!r} is misspelt", f"{meant}://{rest}")
        return None  # ftp://, and schemes this rule does not know
    if rest.casefold().startswith(("http://", "https://")):
        return _Problem("the scheme is written twice", rest)
    return _url_after_host(rest) or _bad_host(url, rest)


def _pasted_markdown(url: str) -> _Problem:
    """``[https://a](https://b)`` as a link's target: a link pasted over a link's URL."""
    inner = _INNER_TARGET().findall(url)
    what = "its target is Markdown (a link or an image pasted into it), not one URL"
    return _Problem(what, inner[-1], certain=False) if inner else _Problem(what)


def _is_plain(rest: str) -> bool:
    """The usual link, told in a few string operations (this rule reads every link)."""
    host = rest.split("/", 1)[0]
    dot = host.rfind(".")
    plain = dot > 0 and host[dot + 1 :].isalpha() and not rest.startswith("http")
    pasted = rest.startswith(("http://", "https://"), len(host) + 1)  # a URL after the host
    return plain and not pasted and (host in _PAPER_HOST_SET or not _glued(host))


def _glued(host: str) -> str | None:
    """The well-known host that the rest of a path runs into (``github.comyahoo``: the
    "/" after ``github.com`` is missing), if it is one."""
    folded = host.casefold()
    if not folded.startswith(_PAPER_HOSTS):  # most hosts
        return None
    for known in _PAPER_HOSTS:
        if folded.startswith(known) and folded != known and folded not in _LONGER_HOSTS:
            return host[: len(known)] if folded[len(known)].isalnum() else None
    return None


def _url_after_host(rest: str) -> _Problem | None:
    """``https://github.com/https://github.com/a/b``: a whole URL pasted after the host
    (certainly meant when it is a URL of that host)."""
    host, _, path = rest.partition("/")
    if not path.casefold().startswith(("http://", "https://")):
        return None
    inner_host = path.partition("://")[2].split("/", 1)[0]
    same = inner_host.casefold() == host.casefold()
    return _Problem("a whole URL is pasted after its host", path, certain=same)


def _without_colon(url: str) -> _Problem | None:
    """``https//github.com/a``: read as a path on the list's own site."""
    scheme, slashes, rest = url.partition("//")
    if slashes and scheme.casefold() in _WEB:
        return _Problem("the ':' after the scheme is missing", f"{scheme}://{rest}")
    return None


def _bad_host(url: str, rest: str) -> _Problem | None:
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    if host.startswith("["):  # an IPv6 address
        return None
    host = host.partition(":")[0].rstrip(".")
    if not host:
        return _Problem("it has no host")
    labels = host.split(".")
    top = labels[-1]
    glued = _glued(host)
    if glued is not None:
        return _missing_slash(url, host, glued)
    if len(labels) > 1 and (top.isalpha() or top.casefold().startswith("xn--")):
        return None
    if len(labels) == 4 and all(label.isdigit() for label in labels):  # an IPv4 address
        return None
    if host.casefold() == "localhost":
        return None
    run_on = _COMMON_TLD().match(top) if len(labels) > 1 else None
    if run_on is not None:  # github.comMay2333: the "/" after the domain is missing
        return _missing_slash(url, host, ".".join([*labels[:-1], run_on.group()]))
    return _Problem(f"the host {host!r} is not a domain name")


def _missing_slash(url: str, host: str, domain: str) -> _Problem:
    meant = url.replace(domain, domain + "/", 1)
    what = f"the host {host!r} is not a domain name ('/' missing after {domain}?)"
    return _Problem(what, meant, certain=False)


def _finding(link: Link, problem: _Problem) -> Finding:
    if problem.target is None:
        return Finding.at(link, f"broken link {link.url}: {problem.what}")
    edit = Edit.link_target(link, problem.target) if problem.certain else None
    fix = Fix((edit,), f"link {problem.target}") if edit is not None else None
    advice = "link" if problem.certain else "perhaps"
    message = f"broken link {link.url}: {problem.what}; {advice} {problem.target}"
    return Finding.at(link, message, fix=fix)


def _repeated(header: Row, alike: list[tuple[Link, _Problem]]) -> Finding:
    """One finding for a table's links broken the same way, on its header as other
    findings about a whole table are (``--diff-base`` reports it when any of its lines
    changed); its fix mends every one whose target is certain."""
    first, problem = alike[0]
    edits = tuple(
        edit
        for link, found in alike
        if found.certain
        and found.target is not None
        and (edit := Edit.link_target(link, found.target)) is not None
    )
    meant = f"; link {problem.target}" if problem.target is not None else ""
    return Finding.at(
        header,
        f"{len(alike)} links of this table are broken the same way, the first on line "
        f"{first.line}: {first.url}: {problem.what}{meant}",
        fix=Fix(edits, f"mend the {len(edits)} links") if edits else None,
    )


RULE = Rule(
    code="LNK009",
    name="malformed-url",
    severity=Severity.ERROR,
    summary="A web link that cannot lead anywhere: a scheme written twice or misspelt, a "
    "host that is not a domain name.",
    check=check,
    fixable=True,
)
