"""What the online rules ARX003-ARX005 (and LNK004) share: their options, the arXiv links
they check, and the one batched look-up per run that answers them all.

The rules are inert unless ``online`` is on (``--online`` or ``online: true``): ``prepare``
sends nothing and ``check`` yields nothing. ``awesome_lint.online`` (httpx, defusedxml) is
imported only once a run is online.

A run whose requests all failed to connect (the network is down, the API host unreachable)
records one error in ``context.errors``: the command prints it and exits 2, besides the
ARX005 findings. Partial failures (429, 5xx, time-outs, malformed answers) are ARX005 only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urlsplit

from awesome_lint.conventions import conventions
from awesome_lint.options import boolean, http_url, number, optional, seconds, string
from awesome_lint.rule import Option

if TYPE_CHECKING:
    from awesome_lint.conventions import RowFacts
    from awesome_lint.links import Link
    from awesome_lint.model import Document
    from awesome_lint.online.cache import LookupStore
    from awesome_lint.online.client import ArxivClient, Found, Lookup, NotFound
    from awesome_lint.online.progress import Progress
    from awesome_lint.rule import Context

STATE_KEY = "arxiv-lookups"
DEADLINE_KEY = "network-deadline"
ARXIV_MIN_INTERVAL = 3.0  # arXiv's terms of use: one request every three seconds
# Retry waits, as multiples of the request interval: 3 s, 10 s, 30 s for arXiv itself.
BACKOFF_FACTORS = (1.0, 10 / 3, 10.0)
MAX_CONNECT_TIMEOUT = 10.0


OPTIONS: tuple[Option, ...] = (
    Option(
        "online",
        None,
        optional(boolean),
        "Check arXiv links against the arXiv API (ARX003-ARX005); also `--online`.",
    ),
    Option(
        "arxiv-api-url",
        None,
        optional(http_url),
        "The arXiv query API or a mirror of it (default https://export.arxiv.org/api/query).",
    ),
    Option(
        "arxiv-request-interval",
        ARXIV_MIN_INTERVAL,
        number,
        "Seconds between request starts; never less than 3 for arxiv.org hosts.",
    ),
    Option("arxiv-timeout", 30.0, seconds, "Seconds to wait for one answer of the arXiv API."),
    Option(
        "network-budget",
        300.0,
        seconds,
        "Seconds the network look-ups of a run may take in all, whatever the server does "
        "(one deadline for every configuration of the run); what is not answered by then "
        "is ARX005.",
    ),
    Option(
        "cache-dir",
        ".awesome-lint-cache",
        string,
        "Where arXiv answers are cached, relative to the repository root of the linted files.",
    ),
    Option("cache", True, boolean, "Cache arXiv answers on disk; `--no-cache` turns it off."),
)


# --- the links the rules check ---------------------------------------------------------------


class Answered(NamedTuple):
    """arXiv's answer about the first link of a row to one paper."""

    link: Link
    paper_id: str
    answer: Lookup


def is_online(context: Context) -> bool:
    return bool(context.settings.get("online"))


def answered_rows(
    document: Document, context: Context
) -> Iterator[tuple[RowFacts, list[Answered]]]:
    """Each row linking to well-formed arXiv IDs, with the answers :func:`prepare` fetched."""
    answers: Mapping[str, Lookup] = context.state.get(STATE_KEY, {})
    for facts in conventions(document, context).rows.values():
        answered = [
            Answered(link, paper_id, answers[paper_id])
            for paper_id, link in facts.id_links().items()
            if paper_id in answers
        ]
        if answered:
            yield facts, answered


# --- the look-up, once per run and configuration ---------------------------------------------


def prepare(documents: list[Document], context: Context) -> None:
    """Ask arXiv (or the cache) about every distinct paper ID of all documents, once."""
    if not is_online(context) or STATE_KEY in context.state:
        return
    ids = [
        paper_id
        for document in documents
        for facts in conventions(document, context).rows.values()
        for paper_id in facts.ids
    ]
    answers, unreachable = look_up(ids, documents, context)
    context.state[STATE_KEY] = answers
    if unreachable is not None:
        context.errors.append(_unreachable_error(_api_url(context.settings), unreachable, answers))


def look_up(
    ids: list[str], documents: list[Document], context: Context
) -> tuple[dict[str, Lookup], str | None]:
    """arXiv's answers about ``ids`` (the cache at the repository root of ``documents``
    first), and why the API could not be reached at all (None if it could)."""
    from awesome_lint.online.progress import Progress

    progress = Progress(sys.stderr)
    try:
        deadline = context.run.setdefault(
            DEADLINE_KEY, time.monotonic() + context.settings["network-budget"]
        )
        directory = cache_directory(context, documents)
        return _lookup(ids, context.settings, directory, progress, deadline)
    finally:
        progress.clear()


def _lookup(
    ids: list[str],
    settings: Mapping[str, Any],
    directory: Path | None,
    progress: Progress,
    deadline: float,
) -> tuple[dict[str, Lookup], str | None]:
    """The answers (the cache in ``directory`` first, if any), and why the API could not
    be reached at all (None if it could, or if the cache answered everything). The look-up
    runs in a worker thread that is given up at ``deadline``: a server trickling bytes
    keeps a read time-out from ever firing."""
    from awesome_lint.online.client import BUDGET_EXHAUSTED, Unverified
    from awesome_lint.online.deadline import run_before
    from awesome_lint.online.verify import lookup_with_cache

    counting = _CountingStore(_store(directory))
    total = len(set(ids))
    clients: list[ArxivClient] = []

    def client_factory() -> ArxivClient:
        progress.show(counting.hits, total, counting.hits)
        client = _client(
            settings,
            lambda done, _asked: progress.show(counting.hits + done, total, counting.hits),
            deadline - time.monotonic(),
            _lock_opener(settings, directory),
        )
        clients.append(client)
        return client

    done, answers = run_before(deadline, lambda: lookup_with_cache(ids, client_factory, counting))
    if not done or answers is None:  # given up: what is known so far, the rest unverified
        progress.stop()
        late = Unverified(BUDGET_EXHAUSTED)
        return {paper: counting.known.get(paper, late) for paper in dict.fromkeys(ids)}, None
    return answers, clients[0].unreachable if clients else None


def _unreachable_error(url: str, reason: str, answers: Mapping[str, Lookup]) -> str:
    from awesome_lint.online.client import Unverified

    count = sum(isinstance(answer, Unverified) for answer in answers.values())
    papers = "paper" if count == 1 else "papers"
    return f"arXiv API unreachable at {url}: {reason} ({count} {papers} not verified)"


def _api_url(settings: Mapping[str, Any]) -> str:
    """The configured API URL, or arXiv's own."""
    from awesome_lint.online.client import API_URL

    url: str | None = settings["arxiv-api-url"]
    return url or API_URL


def _client(
    settings: Mapping[str, Any],
    on_progress: Callable[[int, int], None],
    budget: float,
    open_lock: Callable[[], int | None] | None,
) -> ArxivClient:
    from awesome_lint.online.client import ArxivClient

    interval = request_interval(settings)
    timeout = settings["arxiv-timeout"]
    return ArxivClient(
        _api_url(settings),
        interval=interval,
        connect_timeout=min(timeout, MAX_CONNECT_TIMEOUT),
        read_timeout=timeout,
        total_timeout=max(budget, 0.0),
        backoff=tuple(interval * factor for factor in BACKOFF_FACTORS),
        on_progress=on_progress,
        open_lock=open_lock,
    )


def _lock_opener(
    settings: Mapping[str, Any], directory: Path | None
) -> Callable[[], int | None] | None:
    """Opens the lock file in the cache directory that spaces the requests of every run
    sharing it, one per API host (None without a cache: this process's spacing only)."""
    if directory is None:
        return None
    from awesome_lint.online.cache import CacheDirectory

    host = urlsplit(_api_url(settings)).hostname or "localhost"
    return partial(CacheDirectory(directory).open_lock, f".arxiv-{quote(host, safe='')}.lock")


def request_interval(settings: Mapping[str, Any]) -> float:
    """The configured interval; at least 3 s for arXiv's own hosts (the default API too)."""
    url = settings["arxiv-api-url"]
    host = "export.arxiv.org" if url is None else urlsplit(url).hostname or ""
    interval: float = settings["arxiv-request-interval"]
    if host == "arxiv.org" or host.endswith(".arxiv.org"):
        return max(interval, ARXIV_MIN_INTERVAL)
    return interval


def _store(directory: Path | None) -> LookupStore:
    from awesome_lint.online.cache import LookupCache, NullCache

    return NullCache() if directory is None else LookupCache(directory)


def cache_directory(context: Context, documents: list[Document]) -> Path | None:
    """Where answers are cached for these documents (None: ``cache: false``)."""
    if not context["cache"]:
        return None
    return _repository_root(documents) / Path(os.path.expanduser(context["cache-dir"]))


def _repository_root(documents: list[Document]) -> Path:
    """The git top level of the first linted file on disk; the current directory otherwise."""
    for document in documents:
        path = Path(document.path)
        if path.is_file():
            start = path.resolve().parent
            return next((d for d in (start, *start.parents) if (d / ".git").exists()), Path.cwd())
    return Path.cwd()


class _CountingStore:
    """A cache that counts its hits, for the progress line, and keeps every answer it sees
    (a look-up given up at the deadline keeps those)."""

    def __init__(self, store: LookupStore) -> None:
        self._store = store
        self.hits = 0
        self.known: dict[str, Lookup] = {}

    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None:
        answer = self._store.get(paper_id, now)
        self.hits += answer is not None
        if answer is not None:
            self.known[paper_id] = answer
        return answer

    def put(self, paper_id: str, lookup: Lookup) -> None:
        self.known[paper_id] = lookup
        self._store.put(paper_id, lookup)
