"""A local stand-in for api.github.com/graphql, answering the batched repository queries
of awesome_lint.online.github in GitHub's answer format.

It knows `repos` (lowercase ``owner/name`` as asked -> the repository's current
``nameWithOwner`` and whether it is archived; a renamed repository is known under its old
name with its new one), answers every alias (``null`` plus a ``NOT_FOUND`` entry in
``errors`` for unknown ones, as GitHub does), sends the ``x-ratelimit-*`` headers, records
every request, and plays scripted faults, one per request, before answering normally.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_ALIAS = re.compile(r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+), followRenames: true\)")


@dataclass(frozen=True)
class Known:
    name_with_owner: str
    archived: bool = False


@dataclass(frozen=True)
class Fault:
    """How to spoil one answer: another status, body or headers, or a delay first."""

    status: int = 200
    body: bytes | None = None  # None: the normal answer
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def rate_limited(status: int, reset_in: float) -> Fault:
    """The primary limit used up: 403 or 429, no request left until the reset."""
    reset = str(int(time.time() + reset_in))
    headers = (("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset))
    body = b'{"message": "API rate limit exceeded for user ID 1."}'
    return Fault(status=status, body=body, headers=headers)


def secondary_limit(retry_after: str) -> Fault:
    body = b'{"message": "You have exceeded a secondary rate limit."}'
    return Fault(status=403, body=body, headers=(("retry-after", retry_after),))


def rate_limited_error() -> Fault:
    """200 with a RATE_LIMITED error and no data, as the GraphQL API also answers."""
    reset = str(int(time.time() + 1))
    body = json.dumps(
        {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}
    ).encode()
    return Fault(body=body, headers=(("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)))


BAD_GATEWAY = Fault(status=502, body=b"<html>502 Bad Gateway</html>")
GARBAGE = Fault(body=b"\x89PNG\r\n\x1a\n not JSON at all")
NOT_AN_OBJECT = Fault(body=b"[1, 2, 3]")


def slow(seconds: float) -> Fault:
    return Fault(delay=seconds)


@dataclass(frozen=True)
class RecordedRequest:
    arrived: float
    path: str
    authorization: str
    user_agent: str
    body: dict[str, Any]

    @property
    def asked(self) -> list[str]:
        """The ``owner/name`` repositories the request asked about, in alias order."""
        variables = self.body.get("variables", {})
        return [
            f"{variables[owner]}/{variables[name]}"
            for _alias, owner, name in _ALIAS.findall(self.body.get("query", ""))
        ]


@dataclass
class FakeGitHub:
    repos: dict[str, Known] = field(default_factory=dict)
    token: str = "test-token"
    # Other errors per repository (lowercase owner/name -> error type), e.g. FORBIDDEN.
    errors: dict[str, str] = field(default_factory=dict)
    remaining: int = 5000
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/graphql"

    def add(self, name: str, now_named: str | None = None, archived: bool = False) -> None:
        self.repos[name.casefold()] = Known(now_named or name, archived)

    def fail_next(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def record(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            return self._faults.popleft() if self._faults else None

    def answer(self, request: RecordedRequest) -> tuple[int, bytes]:
        if request.authorization != f"bearer {self.token}":
            return 401, b'{"message": "Bad credentials"}'
        variables = request.body.get("variables", {})
        data: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for alias, owner, name in _ALIAS.findall(request.body.get("query", "")):
            asked = f"{variables[owner]}/{variables[name]}"
            known = self.repos.get(asked.casefold())
            data[alias] = None if known is None or asked.casefold() in self.errors else _node(known)
            if data[alias] is None:
                errors.append(self._error(alias, asked))
        payload: dict[str, Any] = {"data": data}
        if errors:
            payload["errors"] = errors
        return 200, json.dumps(payload).encode()

    def _error(self, alias: str, asked: str) -> dict[str, Any]:
        kind = self.errors.get(asked.casefold(), "NOT_FOUND")
        return {
            "type": kind,
            "path": [alias],
            "locations": [{"line": 2, "column": 3}],
            "message": f"Could not resolve to a Repository with the name '{asked}'.",
        }

    def rate_headers(self) -> list[tuple[str, str]]:
        with self._lock:
            self.remaining = max(0, self.remaining - 1)
            remaining = self.remaining
        return [
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", str(remaining)),
            ("x-ratelimit-reset", str(int(time.time()) + 3600)),
            ("x-ratelimit-used", str(5000 - remaining)),
            ("x-ratelimit-resource", "graphql"),
        ]

    def __enter__(self) -> FakeGitHub:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def _node(known: Known) -> dict[str, Any]:
    return {
        "nameWithOwner": known.name_with_owner,
        "url": f"https://github.com/{known.name_with_owner}",
        "isArchived": known.archived,
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeGitHub

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that time out leave broken pipes behind; they are expected here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_POST(self) -> None:
        arrived = time.monotonic()
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = {}
        fake = self.server.fake
        request = RecordedRequest(
            arrived,
            self.path,
            self.headers.get("Authorization", ""),
            self.headers.get("User-Agent", ""),
            body if isinstance(body, dict) else {},
        )
        fault = fake.record(request)
        if self.path != "/graphql":
            self._reply(404, b'{"message": "Not Found"}', [])
            return
        status, answer = fake.answer(request)
        headers = fake.rate_headers()
        if fault is not None:
            if fake.stopping.wait(fault.delay):
                return
            status = fault.status
            answer = answer if fault.body is None else fault.body
            names = {name for name, _ in fault.headers}
            headers = [h for h in headers if h[0] not in names] + list(fault.headers)
        self._reply(status, answer, headers)

    def _reply(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""
