"""A local stand-in for export.arxiv.org/api/query, answering in the Atom format of ARXIV.md §3.

It knows `papers` (versionless ID -> title), and for some of them the journal reference
and DOI their authors gave (`journal_refs`, `dois`: versionless ID -> text), records every
request, and plays scripted faults, one per request, before answering normally again.
"""

from __future__ import annotations

import itertools
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

_WELL_FORMED_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_VERSION = re.compile(r"v\d+$")
_WRAP_AT = 60

_FEED_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"
      xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/FAKEqueryid</id>
  <title>arXiv Query: search_query=&amp;id_list={query}</title>
  <updated>2026-05-01T00:00:00Z</updated>
  <opensearch:totalResults>{total}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>
"""
_ENTRY = """  <entry>
    <id>http://arxiv.org/abs/{versioned_id}</id>
    <published>{published}T17:59:46Z</published><updated>2026-05-26T17:59:46Z</updated>
    <title>{title}</title>
    <summary>  An abstract that starts with two spaces ...</summary>
    <author><name>Ada Lovelace</name></author>
    <link href="https://arxiv.org/abs/{versioned_id}" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/{versioned_id}" rel="related" type="application/pdf"
          title="pdf"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <arxiv:primary_category term="cs.LG"/>{extra}
  </entry>
"""
_ERROR_ENTRY = """  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_{bad_id}</id>
    <title>Error</title>
    <summary>incorrect id format for {bad_id}</summary>
    <updated>2026-05-01T00:00:00Z</updated>
    <author><name>arXiv api core</name></author>
  </entry>
"""


def render_feed(
    entries: list[tuple[str, str]],
    query: str = "",
    per_page: int = 10,
    journal_refs: dict[str, str] | None = None,
    dois: dict[str, str] | None = None,
) -> bytes:
    """A feed of (versioned ID, title) entries; long titles wrap like arXiv's. Entries whose
    versionless ID is in `journal_refs` or `dois` carry arxiv:journal_ref / arxiv:doi."""
    head = _FEED_HEAD.format(query=escape(query), total=len(entries), per_page=per_page)
    body = "".join(
        _ENTRY.format(
            versioned_id=versioned_id,
            title=escape(_wrap(title)),
            published=_first_day(versioned_id),
            extra=_published_as(_VERSION.sub("", versioned_id), journal_refs or {}, dois or {}),
        )
        for versioned_id, title in entries
    )
    return (head + body + "</feed>\n").encode()


def _published_as(paper_id: str, journal_refs: dict[str, str], dois: dict[str, str]) -> str:
    """arXiv's optional elements, as it writes them (a journal reference may wrap)."""
    extra = ""
    if paper_id in journal_refs:
        reference = escape(_wrap(journal_refs[paper_id]))
        extra += f"\n    <arxiv:journal_ref>{reference}</arxiv:journal_ref>"
    if paper_id in dois:
        extra += f"\n    <arxiv:doi>{escape(dois[paper_id])}</arxiv:doi>"
        href = escape(f"https://doi.org/{dois[paper_id]}")
        extra += f'\n    <link title="doi" href="{href}" rel="related"/>'
    return extra


def _first_day(versioned_id: str) -> str:
    """A day of the ID's month (the day a first version is submitted), e.g. 2024-04-17 for
    2404.00656: the 10th plus the last digit of the number."""
    yymm = versioned_id.rpartition("/")[2][:4]
    year = (1900 if int(yymm[:2]) >= 91 else 2000) + int(yymm[:2])
    day = 10 + int(_VERSION.sub("", versioned_id)[-1])
    return f"{year}-{yymm[2:]}-{day:02d}"


def render_error(bad_id: str) -> bytes:
    head = _FEED_HEAD.format(query=escape(bad_id), total=1, per_page=1)
    return (head + _ERROR_ENTRY.format(bad_id=escape(bad_id)) + "</feed>\n").encode()


def _wrap(title: str) -> str:
    cut = title.rfind(" ", 0, _WRAP_AT)
    if len(title) <= _WRAP_AT or cut <= 0:
        return title
    return f"{title[:cut]}\n  {title[cut + 1 :]}"


_BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE feed [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>http://arxiv.org/abs/1605.08386v1</id><title>&lol9;</title></entry>
</feed>
"""


@dataclass(frozen=True)
class Fault:
    """How to spoil one answer: another status/body, a cut body, or a delay first."""

    status: int = 200
    body: bytes | None = None  # None: the normal answer to the request
    truncate: bool = False
    delay: float = 0.0
    retry_after: str | None = None
    content_encoding: str | None = None


def unavailable(retry_after: str | None = None) -> Fault:
    return Fault(status=503, body=b"Service Unavailable", retry_after=retry_after)


def slow(seconds: float) -> Fault:
    return Fault(delay=seconds)


RATE_EXCEEDED = Fault(status=429, body=b"Rate exceeded.")
TRUNCATED = Fault(truncate=True)
GARBAGE = Fault(body=b"\x89PNG\r\n\x1a\n\x00\xff<<< not XML at all")
ENTITY_BOMB = Fault(body=_BILLION_LAUGHS)
EMPTY_FEED = Fault(body=render_feed([]))


def gzip_bomb(size: int) -> Fault:
    """``size`` zero bytes, gzipped twice: a few kB on the wire (``gzip, gzip``)."""
    import gzip

    return Fault(body=gzip.compress(gzip.compress(bytes(size))), content_encoding="gzip, gzip")


def feed_of(entries: list[tuple[str, str]], total: int | None = None) -> Fault:
    """A well-formed answer with these (versioned ID, title) entries, claiming ``total``."""
    body = render_feed(entries)
    if total is not None:
        body = body.replace(
            f"<opensearch:totalResults>{len(entries)}<".encode(),
            f"<opensearch:totalResults>{total}<".encode(),
        )
    return Fault(body=body)


@dataclass(frozen=True)
class RecordedRequest:
    arrived: float  # time.monotonic() when the request line was read
    path: str
    params: dict[str, str]
    user_agent: str

    @property
    def ids(self) -> list[str]:
        return [paper_id for paper_id in self.params.get("id_list", "").split(",") if paper_id]


class FakeArxiv:
    def __init__(self, papers: dict[str, str] | None = None, latest_version: int = 2) -> None:
        self.papers: dict[str, str] = dict(papers or {})
        self.journal_refs: dict[str, str] = {}
        self.dois: dict[str, str] = {}
        self.latest_version = latest_version
        self.requests: list[RecordedRequest] = []
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
        return f"http://{host}:{port}/api/query"

    def fail_next(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def arrival_gaps(self) -> list[float]:
        times = [request.arrived for request in self.requests]
        return [later - earlier for earlier, later in itertools.pairwise(times)]

    def record(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            return self._faults.popleft() if self._faults else None

    def answer(self, params: dict[str, str]) -> tuple[int, bytes]:
        query = params.get("id_list", "")
        ids = [paper_id for paper_id in query.split(",") if paper_id]
        bad_id = next((i for i in ids if not _WELL_FORMED_ID.fullmatch(i)), None)
        if bad_id is not None:
            return 400, render_error(bad_id)
        per_page = int(params.get("max_results", "10"))
        entries = [self._entry(i) for i in ids if _VERSION.sub("", i) in self.papers]
        entries = sorted(entries[:per_page], reverse=True)  # never in request order
        return 200, render_feed(entries, query, per_page, self.journal_refs, self.dois)

    def _entry(self, requested_id: str) -> tuple[str, str]:
        paper_id = _VERSION.sub("", requested_id)
        versioned = (
            requested_id if paper_id != requested_id else f"{paper_id}v{self.latest_version}"
        )
        return versioned, self.papers[paper_id]

    def __enter__(self) -> FakeArxiv:
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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeArxiv

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that time out leave broken pipes behind; they are expected here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real server
    server: _Server

    def do_GET(self) -> None:
        arrived = time.monotonic()
        url = urlsplit(self.path)
        params = {key: values[-1] for key, values in parse_qs(url.query).items()}
        fake = self.server.fake
        user_agent = self.headers.get("User-Agent", "")
        fault = fake.record(RecordedRequest(arrived, url.path, params, user_agent))
        if url.path != "/api/query":
            self._reply(404, b"Not Found")
            return
        status, body = fake.answer(params)
        if fault is None:
            self._reply(status, body)
            return
        if fake.stopping.wait(fault.delay):
            return
        spoiled = body[: len(body) // 2] if fault.truncate else fault.body
        body = body if spoiled is None else spoiled
        self._reply(fault.status, body, fault.retry_after, fault.content_encoding)

    def _reply(
        self,
        status: int,
        body: bytes,
        retry_after: str | None = None,
        content_encoding: str | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if content_encoding is not None:
            self.send_header("Content-Encoding", content_encoding)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


def closed_port_url() -> str:
    """The URL of a local port nobody listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/query"


class Trickler:
    """A server that sends its status line and headers one byte at a time, forever: every
    read gets a byte well within any read time-out, so only a deadline ends a request."""

    def __init__(self, gap: float = 0.1) -> None:
        self._gap = gap
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}/api/query"

    def _serve(self) -> None:
        self._socket.settimeout(0.1)
        while not self._stopping.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            threading.Thread(target=self._trickle, args=(connection,), daemon=True).start()

    def _trickle(self, connection: socket.socket) -> None:
        with connection:
            for byte in itertools.cycle(b"HTTP/1.1 200 OK\r\nX-Slow: "):
                if self._stopping.wait(self._gap):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def __enter__(self) -> Trickler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._thread.join()
        self._socket.close()
