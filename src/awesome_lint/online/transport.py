"""What the arXiv and GitHub clients share: one connection, a time budget for the whole
look-up, answers read with a cap on their size, and transport errors told apart."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from awesome_lint.online.atom import MAX_BODY_BYTES, MalformedResponse
from awesome_lint.online.retry import Retries

if TYPE_CHECKING:
    import httpx

BUDGET_EXHAUSTED = "network time budget exhausted"

_Answer = TypeVar("_Answer")
_Client = TypeVar("_Client", bound="ApiClient")


class BudgetExhausted(Exception):
    """The look-up's time is up: what it has not asked yet stays unverified."""


@dataclass(frozen=True)
class Failed:
    """A request that got no usable answer."""

    reason: str
    retryable: bool
    wait: float | None = None  # what the server asked to wait before asking again
    connection: bool = False  # no connection could be made (refused, timed out, DNS, unreachable)
    refused: bool = False  # the API refused the credentials
    final: bool = False  # nothing more should be asked in this run


class ApiClient:
    """One HTTP connection to an API, with a deadline that each look-up sets anew."""

    def __init__(
        self,
        headers: dict[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
        total_timeout: float,
        max_attempts: int,
        backoff: tuple[float, ...],
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> None:
        import httpx

        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._total_timeout = total_timeout
        self._retries = Retries(max(1, max_attempts), backoff)
        self._sleep = sleep
        self._clock = clock
        self._deadline = math.inf
        self._down: str | None = None  # why the look-up stopped asking: no connection
        # Some request of the look-up was answered: by HTTP at all (arXiv), or usefully
        # (GitHub, where a refused token is no answer).
        self._answered = False
        self._http = httpx.Client(
            headers={**headers, "Accept-Encoding": "gzip"},
            limits=httpx.Limits(max_connections=1),
        )

    def __enter__(self: _Client) -> _Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @property
    def unreachable(self) -> str | None:
        """Why no request of the last look-up was answered (the connections failed, or the
        API refused the credentials), or None."""
        return None if self._answered else self._down

    def _start_lookup(self) -> None:
        self._deadline = self._clock() + self._total_timeout
        self._down, self._answered = None, False

    def _fits(self, seconds: float) -> bool:
        return self._clock() + seconds < self._deadline

    def _pause(self, seconds: float) -> None:
        """Sleep, unless that would end past the deadline: then the look-up gives up."""
        if not self._fits(seconds):
            raise BudgetExhausted
        self._sleep(seconds)

    def _request(
        self,
        method: str,
        url: str,
        answer: Callable[[httpx.Response], _Answer | Failed],
        **arguments: Any,
    ) -> _Answer | Failed:
        """Send one request and let ``answer`` read its response; a transport error or a
        malformed answer is a Failed."""
        import httpx

        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise BudgetExhausted
        timeout = httpx.Timeout(
            min(self._read_timeout, remaining), connect=min(self._connect_timeout, remaining)
        )
        try:
            with self._http.stream(method, url, timeout=timeout, **arguments) as response:
                return answer(response)
        except MalformedResponse as exc:
            return Failed(f"malformed response: {exc}", retryable=True)
        except httpx.ConnectTimeout:  # waited connect_timeout already: not again
            return Failed("connection timed out", retryable=False, connection=True)
        except httpx.TimeoutException:
            return Failed("timed out", retryable=True)
        except httpx.ConnectError as exc:
            return Failed(f"connection failed ({exc})", retryable=True, connection=True)
        except httpx.RequestError as exc:
            return Failed(f"network error ({type(exc).__name__}: {exc})", retryable=True)

    def _read_capped(self, response: httpx.Response) -> bytes:
        """The body, decoded here with a cap on every layer of Content-Encoding (httpx
        would inflate a gzip-of-gzip bomb whole)."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_raw():
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise MalformedResponse(f"body larger than {MAX_BODY_BYTES} bytes")
            if self._clock() >= self._deadline:
                raise BudgetExhausted
        return decode_body(b"".join(chunks), response.headers.get("Content-Encoding", ""))


def decode_body(body: bytes, content_encoding: str) -> bytes:
    """Undo ``content_encoding`` (gzip, deflate, in any number of layers), never producing
    more than ``MAX_BODY_BYTES + 1`` bytes per layer. Raises MalformedResponse."""
    import zlib

    for coding in reversed([c.strip().lower() for c in content_encoding.split(",") if c.strip()]):
        if coding == "identity":
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise MalformedResponse(f"unsupported Content-Encoding {coding!r}")
        inflater = zlib.decompressobj(47)  # gzip or zlib header, detected
        try:
            body = inflater.decompress(body, MAX_BODY_BYTES + 1)
        except zlib.error as exc:
            raise MalformedResponse(f"cannot decode {coding}: {exc}") from exc
    return body
