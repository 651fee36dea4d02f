"""Code links and hosts of links: which GitHub repository a link names, and the host a
link points at. Pure and offline.

A GitHub repository link is ``github.com/OWNER/NAME`` (``http``/``https``, ``www.``, any
deeper path such as ``/tree/main/src``, ``.git``, a query or a fragment): the owner is 1
to 39 letters, digits or single inner hyphens, the name 1 to 100 letters, digits, ``.``,
``_`` or ``-``. GitHub's own pages (``github.com/topics/...``, ``/orgs/...``,
``/sponsors/...``), profiles (``github.com/OWNER``), gists and ``*.github.io`` sites are
not repository links.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from awesome_lint.lazyre import LazyPattern

_GITHUB = LazyPattern(
    r"(?:https?://)?(?:www\.)?github\.com/"
    r"(?P<owner>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})/(?P<name>[A-Za-z0-9._-]{1,100})"
    r"(?=[/?#]|\Z)",
    re.IGNORECASE,
)
# First path segments that are GitHub's pages, not owners.
_NOT_OWNERS = frozenset(
    (
        *("about", "account", "apps", "collections", "contact", "customer-stories"),
        *("dashboard", "enterprise", "events", "explore", "features", "git-guides"),
        *("github-copilot", "issues", "join", "login", "marketplace", "new", "notifications"),
        *("orgs", "organizations", "premium-support", "pricing", "pulls", "readme"),
        *("resources", "search", "security", "settings", "site", "solutions", "sponsors"),
        *("stars", "team", "topics", "trending", "users", "watching"),
    )
)


# A GitHub badge of shields.io that shows a figure of one repository: stars, forks, watchers.
_REPO_BADGE = LazyPattern(
    r"https?://img\.shields\.io/github/(?:stars|forks|watchers)/(?P<path>[^?#]*)", re.IGNORECASE
)
_REPO_PATH = LazyPattern(r"(?P<owner>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})/[A-Za-z0-9._-]{1,100}")


class RepoLink(NamedTuple):
    """The repository a GitHub link names, and where ``OWNER/NAME`` is in its URL."""

    owner: str
    name: str
    start: int  # of OWNER/NAME in the URL (0-based)
    end: int

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def key(self) -> str:
        """GitHub names are case-insensitive: ``openai/whisper``."""
        return self.full_name.casefold()

    def renamed_url(self, url: str, full_name: str) -> str:
        """``url`` naming ``full_name`` instead, the rest of it (path, query) kept."""
        return url[: self.start] + full_name + url[self.end :]


def github_repo(url: str) -> RepoLink | None:
    """The GitHub repository ``url`` links to (None: not a repository link)."""
    if "github.com/" not in url.casefold():
        return None
    text = url.strip()
    offset = len(url) - len(url.lstrip())
    found = _GITHUB().match(text)
    if found is None or found["owner"].casefold() in _NOT_OWNERS:
        return None
    name = found["name"]
    end = found.end("name")
    if name.casefold().endswith(".git"):
        name, end = name[:-4], end - 4
    if name in ("", ".", ".."):
        return None
    return RepoLink(found["owner"], name, offset + found.start("owner"), offset + end)


def url_host(url: str) -> str:
    """The host of an http(s) URL, lowercase, without ``www.`` ("" if none)."""
    text = url.strip()
    if "://" not in text[:10]:
        text = "//" + text
    try:
        host = (hostname(text) or "").rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


# An http(s) URL (or one without its scheme) whose host is letters, digits, dots and
# hyphens alone, then its path, query or fragment (most links): nothing urlsplit does
# to other URLs (ports, user names, brackets, escapes, tabs) changes that host.
_PLAIN_HOST = re.compile(r"(?:https?:)?//([A-Za-z0-9.-]+)(?:[/?#]|\Z)")


def hostname(text: str) -> str | None:
    """``urlsplit(text).hostname``, without urlsplit for most links (it raises ValueError
    as urlsplit does)."""
    plain = _PLAIN_HOST.match(text)
    return plain[1].lower() if plain is not None else urlsplit(text).hostname


def on_host(host: str, domain: str) -> bool:
    """``host`` is ``domain`` or one of its subdomains."""
    return host == domain or host.endswith("." + domain)


def badge_repo(src: str) -> str | None:
    """``OWNER/NAME`` of a shields.io GitHub badge of one repository (stars, forks,
    watchers), ``""`` when its path names none (``stars/.svg``, ``stars/OWNER/NAME/``),
    None for any other image."""
    if "shields.io/github/" not in src:
        return None
    badge = _REPO_BADGE().match(src)
    if badge is None:
        return None
    path = badge["path"].removesuffix(".svg")
    return path if _REPO_PATH().fullmatch(path) else ""
