"""A polite, batching client for GitHub's GraphQL API: does a repository exist, under
which name, is it archived.

One request asks about many repositories at once, each under an alias::

    query($o0: String!, $n0: String!, ...) {
      r0: repository(owner: $o0, name: $n0, followRenames: true) { nameWithOwner url isArchived }
      ...
    }

GitHub answers every alias: the repository (``nameWithOwner`` is its current name, so a
renamed or transferred repository answers under its new one), or ``null`` with an entry in
``errors`` whose ``path`` is the alias (``"type": "NOT_FOUND"`` when there is no such
repository, or none the token may see).

Politeness: one connection, one request at a time, at least ``interval`` seconds between
request starts. Rate limits are honoured: an answer with ``x-ratelimit-remaining: 0``
makes the next request wait until ``x-ratelimit-reset``; a 403 or 429 that says the limit
is reached (those headers, ``Retry-After``, or a ``RATE_LIMITED`` error) is retried after
the wait it asks for, if that fits in the time budget, and otherwise nothing more is asked.
Anything that is not a clear answer (a time-out, 5xx, a malformed body, an error other
than NOT_FOUND) leaves the repositories unverified: never "does not exist".
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from awesome_lint.online.cache import DAY, RecordFiles
from awesome_lint.online.client import DEFAULT_USER_AGENT, Unverified
from awesome_lint.online.transport import BUDGET_EXHAUSTED, ApiClient, BudgetExhausted, Failed

if TYPE_CHECKING:
    import os

    import httpx

API_URL = "https://api.github.com/graphql"
BATCH_SIZE = 50
_FIELDS = "nameWithOwner url isArchived"


@dataclass(frozen=True)
class Repo:
    """A repository GitHub has: its current name, its URL, and whether it is archived."""

    name_with_owner: str
    url: str
    archived: bool


@dataclass(frozen=True)
class RepoMissing:
    """GitHub said NOT_FOUND: no such repository (or a private one)."""


RepoLookup = Repo | RepoMissing | Unverified


class RepoCache:
    """GitHub's answers on disk (``github/`` in the cache directory ``directory``, never
    through a symlink): existing repositories for a week (they get renamed and archived),
    missing ones a day, failures never."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        found_ttl: float = 7 * DAY,
        not_found_ttl: float = DAY,
    ) -> None:
        ttl = {"found": found_ttl, "not_found": not_found_ttl}
        self._files = RecordFiles(directory, ttl, subdirectory="github")
        self.directory = self._files.directory

    def get(self, key: str, now: float | None = None) -> Repo | RepoMissing | None:
        record = self._files.get(key, now)
        if record is None:
            return None
        if record["status"] == "not_found":
            return RepoMissing()
        name, url, archived = (record.get(k) for k in ("name_with_owner", "url", "archived"))
        if not (isinstance(name, str) and isinstance(url, str) and isinstance(archived, bool)):
            return None
        return Repo(name, url, archived)

    def put(self, key: str, answer: RepoLookup) -> None:
        if isinstance(answer, Repo):
            self._files.put(
                key,
                {
                    "status": "found",
                    "name_with_owner": answer.name_with_owner,
                    "url": answer.url,
                    "archived": answer.archived,
                },
            )
        elif isinstance(answer, RepoMissing):
            self._files.put(key, {"status": "not_found"})


@dataclass(frozen=True)
class _Data:
    data: dict[str, Any]
    errors: list[Any]


class GitHubClient(ApiClient):
    """Looks up ``owner/name`` repositories, ``BATCH_SIZE`` per request."""

    def __init__(
        self,
        token: str,
        api_url: str = API_URL,
        *,
        interval: float = 1.0,
        connect_timeout: float = 10,
        read_timeout: float = 30,
        total_timeout: float = 300,
        max_attempts: int = 4,
        backoff: tuple[float, ...] = (1, 5, 15),
        user_agent: str = DEFAULT_USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            {
                "Authorization": f"bearer {token}",
                "User-Agent": user_agent,
                "Accept": "application/json",
            },
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            total_timeout=total_timeout,
            max_attempts=max_attempts,
            backoff=backoff,
            sleep=sleep,
            clock=clock,
        )
        self._api_url = api_url
        self._interval = interval
        self._wall_clock = wall_clock
        self._next_start: float | None = None  # monotonic time of the next allowed start
        self._limited_until: float | None = None  # no request is left until then
        self._stopped: str | None = None  # why nothing more is asked

    def lookup(self, names: Sequence[str]) -> dict[str, RepoLookup]:
        """One answer per distinct ``owner/name``, keyed as given."""
        unique = list(dict.fromkeys(names))
        self._start_lookup()
        self._stopped = None
        results: dict[str, RepoLookup] = {}
        for batch in _batches(unique, BATCH_SIZE):
            results.update(self._resolve(batch))
        return results

    def _resolve(self, batch: list[str]) -> dict[str, RepoLookup]:
        if self._stopped is not None:
            return dict.fromkeys(batch, Unverified(self._stopped))
        try:
            answer = self._query_with_retries(batch)
        except BudgetExhausted:
            answer = Failed(BUDGET_EXHAUSTED, retryable=False, final=True)
        if isinstance(answer, Failed):
            if answer.final or answer.connection or answer.refused:
                self._stopped = answer.reason
            if answer.connection or answer.refused:
                self._down = answer.reason
            return dict.fromkeys(batch, Unverified(answer.reason))
        self._answered = True
        return {name: _repo_answer(answer, f"r{index}") for index, name in enumerate(batch)}

    def _query_with_retries(self, batch: list[str]) -> _Data | Failed:
        attempt = 1
        answer = self._exchange(batch)
        while (
            isinstance(answer, Failed)
            and answer.retryable
            and attempt < self._retries.attempts(answer.connection)
        ):
            delay = self._retries.delay(attempt, answer.connection, answer.wait)
            if answer.wait is not None and not self._fits(delay):
                return _past_budget(answer.reason, delay)
            self._pause(delay)
            attempt += 1
            answer = self._exchange(batch)
        if isinstance(answer, Failed) and answer.retryable:
            plural = "s" if attempt > 1 else ""
            reason = f"{answer.reason} after {attempt} attempt{plural}"
            return Failed(reason, retryable=False, connection=answer.connection)
        return answer

    def _exchange(self, batch: list[str]) -> _Data | Failed:
        limited = 0.0 if self._limited_until is None else self._limited_until - self._clock()
        if limited > 0:
            if not self._fits(limited):
                return _past_budget("GitHub rate limit exhausted", limited)
            self._pause(limited)
        if self._next_start is not None:
            wait = self._next_start - self._clock()
            if wait > 0:
                self._pause(wait)
        try:
            answer = self._send(batch)
        finally:
            self._next_start = self._clock() + self._interval
        return answer

    def _send(self, batch: list[str]) -> _Data | Failed:
        return self._request("POST", self._api_url, self._answer, json=graphql_query(batch))

    def _answer(self, response: httpx.Response) -> _Data | Failed:
        body = self._read_capped(response)
        limit = _RateLimit.read(response.headers, self._wall_clock())
        if limit.exhausted_for is not None:  # the next request waits for the reset
            self._limited_until = self._clock() + limit.exhausted_for
        status = response.status_code
        if status in (403, 429) and limit.says_limited:
            return limit.failure(f"HTTP {status}")
        if status == 401:
            return Failed("GitHub refused the token (HTTP 401)", retryable=False, refused=True)
        if status == 429 or status >= 500:
            return Failed(f"HTTP {status}", retryable=True, wait=limit.retry_after)
        if status != 200:
            return Failed(f"HTTP {status}", retryable=False)
        return _data_answer(body, limit)


@dataclass(frozen=True)
class _RateLimit:
    """What an answer's headers say about the rate limit."""

    remaining: int | None
    reset_in: float | None  # seconds until x-ratelimit-reset
    retry_after: float | None

    @classmethod
    def read(cls, headers: Mapping[str, str], now: float) -> _RateLimit:
        remaining = _number(headers.get("x-ratelimit-remaining"))
        reset = _number(headers.get("x-ratelimit-reset"))
        return cls(
            None if remaining is None else int(remaining),
            None if reset is None else max(0.0, reset - now) + 1,  # a second of margin
            _number(headers.get("retry-after")),
        )

    @property
    def exhausted_for(self) -> float | None:
        """Seconds to wait before any other request, when no request is left."""
        return self.reset_in if self.remaining == 0 else None

    @property
    def says_limited(self) -> bool:
        return self.remaining == 0 or self.retry_after is not None

    def failure(self, what: str) -> Failed:
        """A rate-limited answer: retried after the wait it asks for (or a minute, as
        GitHub asks of secondary limits that name no wait)."""
        wait = self.retry_after if self.retry_after is not None else self.exhausted_for
        return Failed(f"GitHub rate limit ({what})", retryable=True, wait=wait or 60.0)


def _past_budget(reason: str, wait: float) -> Failed:
    """A rate limit that ends after the network budget: nothing more is asked."""
    return Failed(
        f"{reason}: it ends in {math.ceil(wait)} s, after the network budget",
        retryable=False,
        final=True,
    )


def _number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if 0 <= value < math.inf else None


def graphql_query(batch: Sequence[str]) -> dict[str, Any]:
    """The request body asking about ``owner/name`` repositories, one alias each."""
    parameters, fields, variables = [], [], {}
    for index, name in enumerate(batch):
        owner, _, repository = name.partition("/")
        parameters.append(f"$o{index}: String!, $n{index}: String!")
        fields.append(
            f"r{index}: repository(owner: $o{index}, name: $n{index}, followRenames: true) "
            f"{{ {_FIELDS} }}"
        )
        variables[f"o{index}"], variables[f"n{index}"] = owner, repository
    query = f"query({', '.join(parameters)}) {{\n  " + "\n  ".join(fields) + "\n}"
    return {"query": query, "variables": variables}


def _data_answer(body: bytes, limit: _RateLimit) -> _Data | Failed:
    try:
        payload = json.loads(body)
    except ValueError as exc:
        return Failed(f"malformed response: not JSON ({exc})", retryable=True)
    if not isinstance(payload, dict):
        return Failed("malformed response: not a JSON object", retryable=True)
    data, errors = payload.get("data"), payload.get("errors") or []
    if not isinstance(errors, list):
        return Failed("malformed response: 'errors' is not a list", retryable=True)
    if data is None:  # the whole query failed
        if any(_error_type(error) == "RATE_LIMITED" for error in errors):
            return limit.failure("RATE_LIMITED")
        return Failed(f"GitHub error: {_error_text(errors)}", retryable=False)
    if not isinstance(data, dict):
        return Failed("malformed response: 'data' is not an object", retryable=True)
    return _Data(data, errors)


def _repo_answer(answer: _Data, alias: str) -> RepoLookup:
    if alias not in answer.data:
        return Unverified("incomplete response: no answer about it")
    node = answer.data[alias]
    if node is None:
        errors = [e for e in answer.errors if isinstance(e, dict) and e.get("path") == [alias]]
        if not errors:
            return Unverified("malformed response: neither data nor an error")
        if _error_type(errors[0]) == "NOT_FOUND":
            return RepoMissing()
        return Unverified(f"GitHub error: {_error_text(errors)}")
    if not isinstance(node, dict):
        return Unverified("malformed response: not an object")
    name, url, archived = node.get("nameWithOwner"), node.get("url"), node.get("isArchived")
    if not (isinstance(name, str) and isinstance(url, str) and isinstance(archived, bool)):
        return Unverified("malformed response: a field is missing")
    return Repo(name, url, archived)


def _error_type(error: object) -> str | None:
    kind = error.get("type") if isinstance(error, dict) else None
    return kind if isinstance(kind, str) else None


def _error_text(errors: list[Any]) -> str:
    first = errors[0] if errors else None
    if not isinstance(first, dict):
        return "unknown"
    text = first.get("type") or first.get("message") or "unknown"
    return " ".join(str(text).split())[:200]


def _batches(names: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(names), size):
        yield names[start : start + size]
