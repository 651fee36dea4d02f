"""A polite, batching client for the arXiv query API (ARXIV.md §3-§4)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeGuard

from awesome_lint import PROJECT_URL, __version__
from awesome_lint.online.atom import Feed, MalformedResponse, parse_feed
from awesome_lint.online.spacing import Spacing
from awesome_lint.online.transport import BUDGET_EXHAUSTED, ApiClient, BudgetExhausted, Failed

if TYPE_CHECKING:
    import httpx

API_URL = "https://export.arxiv.org/api/query"
BATCH_SIZE = 100
DEFAULT_USER_AGENT = f"awesome-lint/{__version__} (+{PROJECT_URL})"
REJECTED_AS_MALFORMED = "arXiv rejected the ID as malformed"
UNREACHABLE = "arXiv API unreachable"
_VERSION_SUFFIX = re.compile(r"v\d+$")


@dataclass(frozen=True)
class Found:
    title: str
    # The day of the first version, YYYY-MM-DD (not part of what the rules compare).
    published: str | None = field(default=None, compare=False)
    # Where the paper was published, as its authors told arXiv (arxiv:journal_ref,
    # arxiv:doi); None when they did not.
    journal_ref: str | None = field(default=None, compare=False)
    doi: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NotFound:
    pass


@dataclass(frozen=True)
class Unverified:
    reason: str


Lookup = Found | NotFound | Unverified


@dataclass(frozen=True)
class _Rejected:
    """HTTP 400, or error entries in the feed: some ID in the batch was refused."""


_Answer = Feed | _Rejected | Failed


class ArxivClient(ApiClient):
    """Looks up versionless arXiv IDs, one request at a time, at most one start per `interval`.

    The gate is measured from the end of the previous exchange, so request starts (as seen
    by the server, too) are at least `interval` seconds apart, retries included; with
    `open_lock` (a lock file in the cache directory) across processes too (`Spacing`).

    Once a request has failed all its attempts on connection errors (refused or timed out,
    DNS, network unreachable), the rest of the look-up is not sent: its IDs are Unverified.
    """

    def __init__(
        self,
        api_url: str = API_URL,
        *,
        interval: float = 3.0,
        connect_timeout: float = 10,
        read_timeout: float = 30,
        total_timeout: float = 300,
        max_attempts: int = 4,
        backoff: tuple[float, ...] = (3, 10, 30),
        user_agent: str = DEFAULT_USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_progress: Callable[[int, int], None] | None = None,
        open_lock: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(
            {"User-Agent": user_agent},
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            total_timeout=total_timeout,
            max_attempts=max_attempts,
            backoff=backoff,
            sleep=sleep,
            clock=clock,
        )
        self._api_url = api_url
        self._spacing = Spacing(interval, open_lock, clock)
        self._on_progress = on_progress

    def close(self) -> None:
        super().close()
        self._spacing.close()

    def lookup(self, ids: Sequence[str]) -> dict[str, Lookup]:
        """One answer per distinct versionless ID; never NotFound unless arXiv said so."""
        unique = list(dict.fromkeys(ids))
        pinned = [paper_id for paper_id in unique if _VERSION_SUFFIX.search(paper_id)]
        if pinned:
            raise ValueError(f"IDs must be versionless: {', '.join(pinned)}")
        self._start_lookup()
        results: dict[str, Lookup] = {}
        for batch in _batches(unique, BATCH_SIZE):
            results.update(self._resolve(batch))
            if self._on_progress is not None:
                self._on_progress(len(results), len(unique))
        return results

    def _resolve(self, batch: list[str]) -> dict[str, Lookup]:
        if self._down is not None:
            return dict.fromkeys(batch, Unverified(f"{UNREACHABLE}: {self._down}"))
        answer = self._query(batch)
        if isinstance(answer, _Rejected):
            return self._bisect(batch)
        if isinstance(answer, Failed):
            if answer.connection:
                self._down = answer.reason
            return dict.fromkeys(batch, Unverified(answer.reason))
        problem = _incomplete(answer, batch)
        if problem is not None:
            return dict.fromkeys(batch, Unverified(problem))
        return {
            paper_id: _found(answer, paper_id) if paper_id in answer.titles else NotFound()
            for paper_id in batch
        }

    def _bisect(self, batch: list[str]) -> dict[str, Lookup]:
        if len(batch) == 1:
            return {batch[0]: Unverified(REJECTED_AS_MALFORMED)}
        middle = len(batch) // 2
        return self._resolve(batch[:middle]) | self._resolve(batch[middle:])

    def _query(self, batch: list[str]) -> _Answer:
        """Query with retries; an empty feed (a known arXiv hiccup) is asked once more."""
        try:
            answer = self._query_with_retries(batch)
            if isinstance(answer, Feed) and not answer.titles:
                answer = self._query_with_retries(batch)
        except BudgetExhausted:
            return Failed(BUDGET_EXHAUSTED, retryable=False)
        return answer

    def _query_with_retries(self, batch: list[str]) -> _Answer:
        attempt = 1
        answer = self._exchange(batch)
        while _is_retryable(answer) and attempt < self._retries.attempts(answer.connection):
            self._pause(self._retries.delay(attempt, answer.connection, answer.wait))
            attempt += 1
            answer = self._exchange(batch)
        if _is_retryable(answer):
            plural = "s" if attempt > 1 else ""
            reason = f"{answer.reason} after {attempt} attempt{plural}"
            return Failed(reason, retryable=False, connection=answer.connection)
        return answer

    def _exchange(self, batch: list[str]) -> _Answer:
        with self._spacing.turn(self._pause):
            return self._send(batch)

    def _send(self, batch: list[str]) -> _Answer:
        params = {"id_list": ",".join(batch), "max_results": str(len(batch))}
        return self._request("GET", self._api_url, self._answer, params=params)

    def _answer(self, response: httpx.Response) -> _Answer:
        self._answered = True
        if response.status_code != 200:
            return _status_answer(response)
        return _feed_answer(self._read_capped(response))


def _incomplete(feed: Feed, batch: list[str]) -> str | None:
    """Why ``feed`` cannot say which of ``batch`` arXiv does not have, or None. Only a
    complete answer about the asked IDs can: its count agrees with its entries, it names
    no paper that was not asked, and it is not empty for several IDs (arXiv's known
    hiccup, here twice in a row)."""
    if feed.total is None:
        return "malformed response: no totalResults"
    if feed.total != len(feed.titles):
        return f"incomplete response: {len(feed.titles)} of {feed.total} entries"
    if not set(feed.titles) <= set(batch):
        return "malformed response: entries for papers that were not asked"
    if not feed.titles and len(batch) > 1:
        return "empty response"
    return None


def _found(feed: Feed, paper_id: str) -> Found:
    return Found(
        feed.titles[paper_id],
        feed.published.get(paper_id),
        feed.journal_refs.get(paper_id),
        feed.dois.get(paper_id),
    )


def _is_retryable(answer: _Answer) -> TypeGuard[Failed]:
    return isinstance(answer, Failed) and answer.retryable


def _status_answer(response: httpx.Response) -> _Answer:
    status = response.status_code
    if status == 400:
        return _Rejected()
    retryable = status == 429 or status >= 500
    return Failed(f"HTTP {status}", retryable, _retry_after(response))


def _feed_answer(body: bytes) -> _Answer:
    try:
        feed = parse_feed(body)
    except MalformedResponse as exc:
        return Failed(f"malformed response: {exc}", retryable=True)
    return _Rejected() if feed.errors else feed


def _retry_after(response: httpx.Response) -> float | None:
    """The `Retry-After` header in seconds; the HTTP-date form is ignored."""
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return seconds if 0 <= seconds < math.inf else None


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
