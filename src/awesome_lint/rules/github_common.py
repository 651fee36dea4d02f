"""What the online GitHub rules LNK005-LNK008 share: their options, the repository links
they check, and the one batched look-up per run that answers them all.

Inert unless ``online`` is on, and without a token: ``GITHUB_TOKEN`` (GitHub's GraphQL API
wants one; the GitHub Action passes it). Without it the run says so once (a note) and the
rules report nothing. ``awesome_lint.online`` (httpx) is imported only once a run asks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from awesome_lint.conventions import conventions
from awesome_lint.options import http_url, number, optional, seconds
from awesome_lint.rule import Option
from awesome_lint.rules.online_common import (
    BACKOFF_FACTORS,
    DEADLINE_KEY,
    MAX_CONNECT_TIMEOUT,
    cache_directory,
    is_online,
)
from awesome_lint.rules.online_common import OPTIONS as ONLINE_OPTIONS

if TYPE_CHECKING:
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.online.github import GitHubClient, RepoLookup
    from awesome_lint.repolinks import RepoLink
    from awesome_lint.rule import Context

STATE_KEY = "github-lookups"
TOKEN_ENV = "GITHUB_TOKEN"
# Set by GitHub Actions (GitHub Enterprise Server included): where its GraphQL API is.
URL_ENV = "GITHUB_GRAPHQL_URL"
NO_TOKEN_NOTE = f"{TOKEN_ENV} is not set: GitHub repository links are not checked (LNK005-LNK008)"

OPTIONS: tuple[Option, ...] = (
    *ONLINE_OPTIONS,
    Option(
        "github-api-url",
        None,
        optional(http_url),
        f"GitHub's GraphQL API (default: ${URL_ENV}, else https://api.github.com/graphql).",
    ),
    Option(
        "github-request-interval",
        1.0,
        number,
        "Seconds between the starts of two requests to GitHub's API.",
    ),
    Option("github-timeout", 30.0, seconds, "Seconds to wait for one answer of GitHub's API."),
)


class Checked(NamedTuple):
    """GitHub's answer about a repository a row links to, with all the row's links to it."""

    links: tuple[tuple[Link, RepoLink], ...]
    answer: RepoLookup

    @property
    def name(self) -> str:
        """The repository as the row's first link to it names it."""
        return self.links[0][1].full_name

    @property
    def key(self) -> str:
        return self.links[0][1].key


def checked_repos(document: Document, context: Context) -> Iterator[Checked]:
    """Each row's repositories that :func:`prepare` has an answer about."""
    answers: Mapping[str, RepoLookup] = context.state.get(STATE_KEY, {})
    if not answers:
        return
    for facts in conventions(document, context).rows.values():
        by_key: dict[str, list[tuple[Link, RepoLink]]] = {}
        for link, repo in facts.repos():
            by_key.setdefault(repo.key, []).append((link, repo))
        for key, links in by_key.items():
            if key in answers:
                yield Checked(tuple(links), answers[key])


def prepare(documents: list[Document], context: Context) -> None:
    """Ask GitHub (or the cache) about every repository the documents' tables link, once."""
    if not is_online(context) or STATE_KEY in context.state:
        return
    context.state[STATE_KEY] = {}
    keys = list(
        dict.fromkeys(
            repo.key
            for document in documents
            for facts in conventions(document, context).rows.values()
            for _link, repo in facts.repos()
        )
    )
    if not keys:
        return
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        context.notes.append(NO_TOKEN_NOTE)
        return
    answers, unreachable = _look_up(keys, token, documents, context)
    context.state[STATE_KEY] = answers
    if unreachable is not None:
        url = api_url(context.settings)
        context.errors.append(
            f"GitHub API unreachable at {url}: {unreachable} ({len(keys)} repositories not checked)"
        )


def api_url(settings: Mapping[str, Any]) -> str:
    from awesome_lint.online.github import API_URL

    configured: str | None = settings["github-api-url"]
    return configured or os.environ.get(URL_ENV) or API_URL


def _look_up(
    keys: list[str], token: str, documents: list[Document], context: Context
) -> tuple[dict[str, RepoLookup], str | None]:
    """The answers (the cache first), and why GitHub could not be used at all (or None).
    The look-up is given up at the run's network deadline: what is not answered by then
    is unverified."""
    from awesome_lint.online.cache import NullCache
    from awesome_lint.online.client import Unverified
    from awesome_lint.online.deadline import run_before
    from awesome_lint.online.github import BUDGET_EXHAUSTED, RepoCache
    from awesome_lint.online.verify import lookup_with_cache

    settings = context.settings
    deadline = context.run.setdefault(DEADLINE_KEY, time.monotonic() + settings["network-budget"])
    directory = cache_directory(context, documents)
    store = NullCache() if directory is None else RepoCache(directory)
    clients: list[GitHubClient] = []

    def client() -> GitHubClient:
        made = _client(token, settings, deadline - time.monotonic())
        clients.append(made)
        return made

    done, answers = run_before(deadline, lambda: lookup_with_cache(keys, client, store))
    if not done or answers is None:
        return dict.fromkeys(keys, Unverified(BUDGET_EXHAUSTED)), None
    return answers, clients[0].unreachable if clients else None


def _client(token: str, settings: Mapping[str, Any], budget: float) -> GitHubClient:
    from awesome_lint.online.github import GitHubClient

    interval = settings["github-request-interval"]
    timeout = settings["github-timeout"]
    return GitHubClient(
        token,
        api_url(settings),
        interval=interval,
        connect_timeout=min(timeout, MAX_CONNECT_TIMEOUT),
        read_timeout=timeout,
        total_timeout=max(budget, 0.0),
        backoff=tuple(interval * factor for factor in BACKOFF_FACTORS),
    )
