"""Paper identifiers other than arXiv's, read from links: DOIs, OpenReview forums and ACL
Anthology papers. Pure and offline, like :mod:`awesome_lint.arxiv` (which keeps arXiv
IDs, arXiv's own DOIs ``10.48550/arXiv.ID`` included).

Choices made by :func:`classify_paper_url`:

* ``doi.org``, ``dx.doi.org`` and ``www.doi.org`` links carry a DOI: ``10.`` + a
  registrant code of digits (``10.1145``, ``10.1000.10``), ``/``, a suffix. A link there
  without such a DOI is malformed. The canonical form is ``https://doi.org/DOI`` (what
  the DOI Handbook and Crossref ask for); the DOI is kept as written (DOIs are
  compared case-insensitively).
* Publishers' ``/doi/10.…`` pages (``dl.acm.org/doi/10.1145/…``, ``…/doi/pdf/10.…``) and
  Springer's ``/article/10.…`` name a DOI too: they identify the paper (for duplicates),
  but their form is the publisher's business (no canonical form, nothing malformed).
* OpenReview: ``/forum?id=ID`` (canonical), ``/pdf?id=ID``, ``/attachment?id=ID``; an
  ID is 8 to 15 letters, digits, ``_`` or ``-``. ``/pdf/<hash>.pdf`` files and other pages
  (``/group``, ``/profile``) name no forum: not paper links.
* ACL Anthology: ``aclanthology.org/ID/`` (canonical, with or without the last slash),
  ``ID.pdf``, ``IDv2.pdf``, and the old host ``aclweb.org/anthology/…``. IDs are
  ``2023.acl-long.123`` (year, volume, number) or ``P19-1001`` (letter, two-digit year,
  dash, four digits). Volume pages (``2023.acl-long``, ``P19-1``), events, people and
  other pages are not paper links; a single path segment shaped almost like an ID is
  malformed.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from awesome_lint.lazyre import LazyPattern


class IdKind(str, enum.Enum):
    DOI = "DOI"
    OPENREVIEW = "OpenReview"
    ACL = "ACL Anthology"


class PaperLink(NamedTuple):
    """A link naming a paper by an identifier other than arXiv's.

    ``paper_id`` is None exactly when ``problem`` is set. ``canonical_url`` is None for
    a malformed link and for forms that have none here (publishers' DOI pages)."""

    kind: IdKind
    url: str
    paper_id: str | None
    problem: str | None
    canonical_url: str | None

    @property
    def key(self) -> str | None:
        """What two links to the same paper share: ``doi:10.1145/3394486.3403237``."""
        if self.paper_id is None:
            return None
        folded = self.paper_id.casefold() if self.kind is IdKind.DOI else self.paper_id
        return f"{_KEY_PREFIX[self.kind]}:{folded}"

    def is_canonical(self) -> bool:
        return self.canonical_url is None or self.url in self._canonical_forms()

    def _canonical_forms(self) -> tuple[str, ...]:
        assert self.canonical_url is not None
        if self.kind is IdKind.ACL:  # the anthology links both, and redirects one
            return (self.canonical_url, self.canonical_url.rstrip("/"))
        return (self.canonical_url,)


_KEY_PREFIX = {IdKind.DOI: "doi", IdKind.OPENREVIEW: "openreview", IdKind.ACL: "acl"}
_NAMES = {prefix: kind for kind, prefix in _KEY_PREFIX.items()}


def describe_key(key: str) -> str:
    """A paper key for messages: ``DOI 10.1145/…``, ``ACL Anthology paper 2023.acl-long.1``,
    ``arXiv paper 2404.00656`` (arXiv IDs are keys as they are)."""
    prefix, colon, rest = key.partition(":")
    kind = _NAMES.get(prefix) if colon else None
    if kind is None:
        return f"arXiv paper {key}"
    return f"DOI {rest}" if kind is IdKind.DOI else f"{kind.value} paper {rest}"


# Substrings one of which every URL classified here contains: most links need no parse.
_HINTS = re.compile("doi|openreview|aclanthology|aclweb|springer")  # one search, not five
_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*)://")


def classify_paper_url(url: str, *, today: tuple[int, int] | None = None) -> PaperLink | None:
    """What ``url`` says about a paper (None: no DOI, OpenReview or ACL Anthology paper).
    ``today`` is ``(year, month)``: ACL Anthology IDs of later years are malformed."""
    if _HINTS.search(url) is None:
        return None
    parts = _split(url)
    if parts is None:
        return None
    host, path, query = parts
    if host in _DOI_HOSTS:
        return _doi_link(url, path, query)
    if host in _OPENREVIEW_HOSTS:
        return _openreview_link(url, path, query)
    if host in _ACL_HOSTS or (host in _ACLWEB_HOSTS and path.startswith("anthology/")):
        return _acl_link(url, path, today)
    return _publisher_doi(url, path)


def _split(url: str) -> tuple[str, str, str] | None:
    """(host, path without outer slashes, query) of an http(s) URL, or None."""
    text = url.strip()
    scheme = _SCHEME.match(text)
    if scheme is None:
        text = "//" + text.lstrip("/")
    elif scheme[1].lower() not in ("http", "https"):
        return None
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    return host, parts.path.strip("/"), parts.query


# --- DOI -------------------------------------------------------------------------------------

_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
DOI_PATTERN = r"10\.\d{4,9}(?:\.\d+)*/\S+"
_DOI = re.compile(DOI_PATTERN)
_DOI_PREFIX = re.compile(r"10\.\d{4,9}(?:\.\d+)*")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.", re.IGNORECASE)
_PUBLISHER_DOI = LazyPattern(r"(?:\A|/)(?:doi|article|chapter)/(?:[a-z]+/)?(" + DOI_PATTERN + ")")
_DOI_PREFIX_LABEL = re.compile(r"(?:doi|https?):/*", re.IGNORECASE)


def _doi_link(url: str, path: str, query: str) -> PaperLink | None:
    doi = unquote(path)
    if _ARXIV_DOI.match(doi):
        return None  # arXiv's DOI: an arXiv link (ARX rules)
    problem = _doi_problem(doi)
    if problem is not None:
        return PaperLink(IdKind.DOI, url, None, problem, None)
    # A DOI with "?" or "#" in it must be percent-encoded; with a query, which part is
    # the DOI is unclear: no canonical form is offered.
    canonical = None if query or "#" in url else f"https://doi.org/{path}"
    return PaperLink(IdKind.DOI, url, doi, None, canonical)


def _doi_problem(doi: str) -> str | None:
    if not doi:
        return "no DOI in the URL"
    if _DOI.fullmatch(doi):
        return None
    if _DOI_PREFIX_LABEL.match(doi):
        return f"'{_cut(doi)}' is not a DOI: the link already says doi.org, drop the prefix"
    prefix, slash, suffix = doi.partition("/")
    if not prefix.startswith("10."):
        return f"'{_cut(doi)}' is not a DOI: DOIs start with '10.'"
    if not _DOI_PREFIX.fullmatch(prefix):
        return f"DOI prefix '{_cut(prefix)}' is not 10. and a registrant number (10.1145)"
    if not slash or not suffix:
        return f"DOI '{_cut(doi)}' has no suffix after '{prefix}/'"
    return f"DOI '{_cut(doi)}' contains white space"


def _publisher_doi(url: str, path: str) -> PaperLink | None:
    """A DOI in a publisher's page path: identifies the paper, its form is the publisher's."""
    if "10." not in path:
        return None
    found = _PUBLISHER_DOI().search(unquote(path))
    if found is None or _ARXIV_DOI.match(found[1]):
        return None
    return PaperLink(IdKind.DOI, url, found[1], None, None)


# --- OpenReview ------------------------------------------------------------------------------

_OPENREVIEW_HOSTS = frozenset({"openreview.net", "www.openreview.net"})
_OPENREVIEW_PATHS = frozenset({"forum", "pdf", "attachment"})
_OPENREVIEW_ID = re.compile(r"[A-Za-z0-9_-]{8,15}")


def _openreview_link(url: str, path: str, query: str) -> PaperLink | None:
    if path not in _OPENREVIEW_PATHS:
        return None  # /pdf/<hash>.pdf, /group?id=..., /profile?id=...: no forum
    values = parse_qs(query, keep_blank_values=True).get("id")
    forum = values[0].strip() if values else ""
    problem = None
    if not forum:
        problem = f"no paper ID (/{path}?id=...)"
    elif not _OPENREVIEW_ID.fullmatch(forum):
        problem = f"'{_cut(forum)}' is not an OpenReview ID (8 to 15 letters, digits, '_' or '-')"
    if problem is not None:
        return PaperLink(IdKind.OPENREVIEW, url, None, problem, None)
    canonical = f"https://openreview.net/forum?id={forum}"
    # Other parameters of a forum link (a comment's noteId, a referrer) are kept.
    canonical_here = path == "forum" and url.startswith("https://openreview.net/forum?")
    return PaperLink(IdKind.OPENREVIEW, url, forum, None, url if canonical_here else canonical)


# --- ACL Anthology ---------------------------------------------------------------------------

_ACL_HOSTS = frozenset({"aclanthology.org", "www.aclanthology.org"})
_ACLWEB_HOSTS = frozenset({"aclweb.org", "www.aclweb.org"})
_ACL_NEW = re.compile(r"(?P<year>\d{4})\.[a-z\d]+-[a-z\d]+\.\d{1,4}")
_ACL_OLD = re.compile(r"[A-Z]\d{2}-\d{4}")
_ACL_VOLUME = re.compile(r"\d{4}\.[a-z\d]+-[a-z\d]+|[A-Z]\d{2}-\d{1,2}")
# A segment that means to be a paper ID: a year and a dot, or a letter, two digits, a dash.
_ACL_SHAPED = re.compile(r"\d{4}\.|[A-Za-z]\d{2}-\d")
_ACL_FILES = (".pdf", ".bib", ".xml")
_ACL_VERSION = re.compile(r"v\d+\Z")


def _acl_link(url: str, path: str, today: tuple[int, int] | None) -> PaperLink | None:
    segments = [segment for segment in path.split("/") if segment]
    if segments[:1] == ["anthology"]:  # aclweb.org/anthology/P19-1001, .../P/P19/P19-1001.pdf
        segments = segments[-1:]
    if len(segments) != 1:
        return None
    token = _acl_token(segments[0])
    if _ACL_VOLUME.fullmatch(token) or not _ACL_SHAPED.match(token):
        return None  # a volume, an event, a person: not a paper
    problem = _acl_problem(token, today)
    if problem is not None:
        return PaperLink(IdKind.ACL, url, None, problem, None)
    return PaperLink(IdKind.ACL, url, token, None, f"https://aclanthology.org/{token}/")


def _acl_token(segment: str) -> str:
    """The ID in a path segment: without ``.pdf`` (``.bib``, ``.xml``) and a version."""
    if segment.lower().endswith(_ACL_FILES):
        segment = segment[:-4]
    version = _ACL_VERSION.search(segment)
    return segment if version is None else segment[: version.start()]


def _acl_problem(token: str, today: tuple[int, int] | None) -> str | None:
    new = _ACL_NEW.fullmatch(token)
    if new is not None:
        if today is not None and int(new["year"]) > today[0]:
            return f"ACL Anthology ID {token} is from a future year"
        return None
    if _ACL_OLD.fullmatch(token):
        return None
    return (
        f"'{_cut(token)}' is not an ACL Anthology ID (2023.acl-long.123, or a capital letter, "
        "two digits, a dash and four digits: P19-1001)"
    )


def _cut(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."
