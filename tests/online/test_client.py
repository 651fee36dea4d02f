from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import awesome_lint
from awesome_lint.online.atom import MAX_BODY_BYTES, MalformedResponse, parse_feed
from awesome_lint.online.client import (
    BUDGET_EXHAUSTED,
    REJECTED_AS_MALFORMED,
    UNREACHABLE,
    ArxivClient,
    Found,
    NotFound,
    Unverified,
)
from awesome_lint.online.spacing import Spacing
from tests.conftest import run_cli

from .fake_arxiv import (
    EMPTY_FEED,
    ENTITY_BOMB,
    GARBAGE,
    RATE_EXCEEDED,
    TRUNCATED,
    FakeArxiv,
    Fault,
    closed_port_url,
    feed_of,
    gzip_bomb,
    render_error,
    slow,
    unavailable,
)

HEAT_BATH = "Heat-bath random walks with Markov bases"
QUANTUM_C = (
    "Quantum Computers and Quantum Computer Languages: Quantum Assembly Language "
    "and Quantum C Language"
)
FAST: dict[str, Any] = {
    "interval": 0.05,
    "connect_timeout": 1.0,
    "read_timeout": 1.0,
    "total_timeout": 10.0,
    "backoff": (0.01,),
}


def make_client(fake: FakeArxiv, **overrides: Any) -> ArxivClient:
    return ArxivClient(fake.url, **(FAST | overrides))


def new_style_ids(count: int) -> list[str]:
    return [f"2401.{number:05d}" for number in range(1, count + 1)]


def lookup(fake: FakeArxiv, ids: list[str], **overrides: Any) -> dict[str, Any]:
    with make_client(fake, **overrides) as client:
        return client.lookup(ids)


# --- answers -------------------------------------------------------------------------------


def test_found_not_found_and_wrapped_old_style_title(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers.update({"1605.08386": HEAT_BATH, "quant-ph/0201082": QUANTUM_C})

    results = lookup(fake_arxiv, ["1605.08386", "quant-ph/0201082", "1605.99999"])

    assert results == {
        "1605.08386": Found(HEAT_BATH),
        "quant-ph/0201082": Found(QUANTUM_C),
        "1605.99999": NotFound(),
    }
    [request] = fake_arxiv.requests
    assert request.ids == ["1605.08386", "quant-ph/0201082", "1605.99999"]
    assert request.params["max_results"] == "3"


def test_answers_are_indexed_by_id_not_position(fake_arxiv: FakeArxiv) -> None:
    ids = new_style_ids(5)
    fake_arxiv.papers.update({paper_id: f"Title of {paper_id}" for paper_id in ids})

    results = lookup(fake_arxiv, ids)

    assert results == {paper_id: Found(f"Title of {paper_id}") for paper_id in ids}


def test_duplicate_ids_are_asked_once(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH

    results = lookup(fake_arxiv, ["1605.08386", "1605.08386"])

    assert results == {"1605.08386": Found(HEAT_BATH)}
    assert fake_arxiv.requests[0].ids == ["1605.08386"]


def test_versioned_ids_are_refused(fake_arxiv: FakeArxiv) -> None:
    with pytest.raises(ValueError, match=r"2404\.00656v2"):
        lookup(fake_arxiv, ["1605.08386", "2404.00656v2"])
    assert fake_arxiv.requests == []


def test_user_agent_names_the_tool(fake_arxiv: FakeArxiv) -> None:
    lookup(fake_arxiv, ["1605.08386"])

    user_agent = fake_arxiv.requests[0].user_agent
    assert user_agent.startswith(f"awesome-lint/{awesome_lint.__version__} ")
    assert awesome_lint.PROJECT_URL in user_agent


def test_no_ids_no_request(fake_arxiv: FakeArxiv) -> None:
    assert lookup(fake_arxiv, []) == {}
    assert fake_arxiv.requests == []


# --- batching and politeness ---------------------------------------------------------------


def test_250_ids_go_in_three_spaced_batches(fake_arxiv: FakeArxiv) -> None:
    ids = new_style_ids(250)
    fake_arxiv.papers.update({paper_id: "A title" for paper_id in ids})
    progress: list[tuple[int, int]] = []

    results = lookup(fake_arxiv, ids, interval=0.1, on_progress=lambda *p: progress.append(p))

    assert results == dict.fromkeys(ids, Found("A title"))
    assert [len(request.ids) for request in fake_arxiv.requests] == [100, 100, 50]
    assert [request.params["max_results"] for request in fake_arxiv.requests] == [
        "100",
        "100",
        "50",
    ]
    assert [i for request in fake_arxiv.requests for i in request.ids] == ids
    assert all(gap >= 0.1 for gap in fake_arxiv.arrival_gaps())
    assert progress == [(100, 250), (200, 250), (250, 250)]


def test_retries_respect_the_interval(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(unavailable(), unavailable())

    results = lookup(fake_arxiv, ["1605.08386"], interval=0.2, backoff=(0.0,))

    assert results == {"1605.08386": Found(HEAT_BATH)}
    assert len(fake_arxiv.requests) == 3
    assert all(gap >= 0.2 for gap in fake_arxiv.arrival_gaps())


def test_the_interval_holds_across_lookups(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers.update({"1605.08386": HEAT_BATH, "1605.08387": "Another title"})
    with make_client(fake_arxiv, interval=0.2) as client:
        client.lookup(["1605.08386"])
        client.lookup(["1605.08387"])

    [gap] = fake_arxiv.arrival_gaps()
    assert gap >= 0.2


def lint_in_parallel(tmp_path: Path, fake: FakeArxiv, lists: list[list[str]]) -> list[int]:
    """Run ``awesome-lint --online`` once per list of IDs, all at once, sharing one cache
    directory, with a 0.5 s interval; their exit codes."""
    config = tmp_path / "config.yaml"
    config.write_text("arxiv-request-interval: 0.5\narxiv-timeout: 5\n", encoding="utf-8")
    table = "| Date | Paper |\n| --- | --- |\n"
    readmes = []
    for number, ids in enumerate(lists):
        readme = tmp_path / f"list{number}.md"
        rows = "".join(f"| 2024-01 | [Paper {i}](https://arxiv.org/abs/{i}) |\n" for i in ids)
        readme.write_text(table + rows, encoding="utf-8")
        readmes.append(readme)
    shared = ["--config", str(config), "--select", "ARX003", "--online"]
    shared += ["--arxiv-api-url", fake.url, "--cache-dir", str(tmp_path / "cache")]
    results: list[subprocess.CompletedProcess[str]] = []
    runs = [
        threading.Thread(target=lambda r=readme: results.append(run_cli(*shared, str(r))))
        for readme in readmes
    ]
    for started in runs:
        started.start()
    for started in runs:
        started.join(timeout=120)
    assert not any(started.is_alive() for started in runs)
    assert not any("Traceback" in result.stderr for result in results)
    return [result.returncode for result in results]


def test_parallel_runs_sharing_a_cache_keep_the_interval(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    # 150 papers each: two requests per run; the first answer is slow, so that without a
    # shared lock the other run's requests would arrive while it is being answered.
    fake_arxiv.fail_next(slow(1.0))
    lists = [[f"24{month:02d}.{n:05d}" for n in range(1, 151)] for month in (1, 2)]
    fake_arxiv.papers.update({i: f"Paper {i}" for ids in lists for i in ids})

    assert lint_in_parallel(tmp_path, fake_arxiv, lists) == [0, 0]

    assert len(fake_arxiv.requests) == 4
    assert all(gap >= 0.5 for gap in fake_arxiv.arrival_gaps()), fake_arxiv.arrival_gaps()
    assert (tmp_path / "cache" / ".arxiv-127.0.0.1.lock").is_file()


def test_the_shared_spacing_never_waits_more_than_one_interval(tmp_path: Path) -> None:
    lock = tmp_path / "lock"
    for content, expected in [(b"1e30", [0.5]), (b"garbage", []), (b"nan", []), (b"", [])]:
        lock.write_bytes(content)
        waits: list[float] = []
        spacing = Spacing(0.5, lambda: os.open(lock, os.O_RDWR))
        with spacing.turn(waits.append):
            pass
        spacing.close()

        assert waits == expected, content
        assert 0 < float(lock.read_text()) <= time.time()


def test_without_a_lock_file_the_spacing_is_the_process_s(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers.update({"1605.08386": HEAT_BATH, "1605.08387": "Another title"})
    with make_client(fake_arxiv, interval=0.2, open_lock=lambda: None) as client:
        client.lookup(["1605.08386"])
        client.lookup(["1605.08387"])

    [gap] = fake_arxiv.arrival_gaps()
    assert gap >= 0.2


# --- retries ---------------------------------------------------------------------------------


def test_503_then_success(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(unavailable())

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Found(HEAT_BATH)}
    assert len(fake_arxiv.requests) == 2


def test_retry_after_is_honoured(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(unavailable(retry_after="1"))

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Found(HEAT_BATH)}
    [gap] = fake_arxiv.arrival_gaps()
    assert gap >= 1.0


def test_a_retry_after_date_or_infinity_falls_back_to_the_backoff(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(
        unavailable(retry_after="Wed, 21 Oct 2015 07:28:00 GMT"), unavailable(retry_after="inf")
    )
    started = time.monotonic()

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Found(HEAT_BATH)}
    assert time.monotonic() - started < 1.0


def test_persistent_429_is_unverified(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(*[RATE_EXCEEDED] * 4)

    results = lookup(fake_arxiv, ["1605.08386", "1605.08387"], max_attempts=4)

    assert results == dict.fromkeys(
        ["1605.08386", "1605.08387"], Unverified("HTTP 429 after 4 attempts")
    )
    assert len(fake_arxiv.requests) == 4


def test_other_http_errors_are_not_retried(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(Fault(status=403, body=b"Access Denied"))

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Unverified("HTTP 403")}
    assert len(fake_arxiv.requests) == 1


def test_timeout_is_unverified(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(slow(3.0), slow(3.0))
    started = time.monotonic()

    results = lookup(fake_arxiv, ["1605.08386"], read_timeout=0.2, max_attempts=2)

    assert results == {"1605.08386": Unverified("timed out after 2 attempts")}
    assert time.monotonic() - started < 2.0


def test_connection_refused_is_unverified() -> None:
    with ArxivClient(closed_port_url(), **FAST, max_attempts=2) as client:
        results = client.lookup(["1605.08386"])

    reason = results["1605.08386"]
    assert isinstance(reason, Unverified)
    assert reason.reason.startswith("connection failed")
    assert reason.reason.endswith("after 2 attempts")


def test_connection_refused_stops_after_the_first_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = new_style_ids(250)
    sleeps: list[float] = []
    client = ArxivClient(
        closed_port_url(), **(FAST | {"interval": 0.0}), max_attempts=3, sleep=sleeps.append
    )
    sent: list[list[str]] = []
    send = client._send

    def counting_send(batch: list[str]) -> Any:
        sent.append(batch)
        return send(batch)

    monkeypatch.setattr(client, "_send", counting_send)

    with client:
        results = client.lookup(ids)

    # A refused connection is retried once, quickly; nothing is sent after that.
    assert sent == [ids[:100]] * 2
    assert sleeps == [1.0]
    first = results[ids[0]]
    assert isinstance(first, Unverified)
    assert first.reason.startswith("connection failed (")
    assert first.reason.endswith("after 2 attempts")
    assert results == {
        **dict.fromkeys(ids[:100], first),
        **dict.fromkeys(ids[100:], Unverified(f"{UNREACHABLE}: {first.reason}")),
    }
    assert client.unreachable == first.reason


def test_a_server_that_answers_is_not_unreachable(fake_arxiv: FakeArxiv) -> None:
    ids = new_style_ids(150)
    fake_arxiv.papers.update({paper_id: "A title" for paper_id in ids})
    fake_arxiv.fail_next(*[RATE_EXCEEDED] * 2)

    with make_client(fake_arxiv, max_attempts=2) as client:
        results = client.lookup(ids)

    assert results == {
        **dict.fromkeys(ids[:100], Unverified("HTTP 429 after 2 attempts")),
        **dict.fromkeys(ids[100:], Found("A title")),
    }
    assert [len(request.ids) for request in fake_arxiv.requests] == [100, 100, 50]
    assert client.unreachable is None


@pytest.mark.parametrize("fault", [TRUNCATED, GARBAGE, ENTITY_BOMB], ids=["cut", "junk", "bomb"])
def test_malformed_bodies_are_retried_then_unverified(fake_arxiv: FakeArxiv, fault: Fault) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(fault, fault)
    started = time.monotonic()

    results = lookup(fake_arxiv, ["1605.08386"], max_attempts=2)

    reason = results["1605.08386"]
    assert isinstance(reason, Unverified)
    assert reason.reason.startswith("malformed response: ")
    assert len(fake_arxiv.requests) == 2
    assert time.monotonic() - started < 2.0


def test_a_malformed_body_then_success(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(TRUNCATED)

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Found(HEAT_BATH)}


# --- empty answers ---------------------------------------------------------------------------


def test_an_empty_answer_is_asked_again(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(EMPTY_FEED)

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Found(HEAT_BATH)}
    assert len(fake_arxiv.requests) == 2


def test_two_empty_answers_mean_not_found(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(EMPTY_FEED, EMPTY_FEED)

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": NotFound()}
    assert len(fake_arxiv.requests) == 2


def test_two_empty_answers_for_several_ids_are_unverified(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(EMPTY_FEED, EMPTY_FEED)

    results = lookup(fake_arxiv, ["1605.08386", "2401.00001"])

    assert results == dict.fromkeys(["1605.08386", "2401.00001"], Unverified("empty response"))


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            feed_of([("1605.08386v1", HEAT_BATH)], total=2),
            "incomplete response: 1 of 2 entries",
        ),
        (
            feed_of([("1605.08386v1", HEAT_BATH), ("2401.09999v1", "Not asked")]),
            "malformed response: entries for papers that were not asked",
        ),
    ],
)
def test_an_answer_that_does_not_answer_the_question_is_unverified_and_not_cached(
    fake_arxiv: FakeArxiv, tmp_path: Path, answer: Fault, reason: str
) -> None:
    from awesome_lint.online.cache import LookupCache
    from awesome_lint.online.verify import lookup_with_cache

    fake_arxiv.papers["1605.08386"] = HEAT_BATH
    fake_arxiv.fail_next(answer)
    cache = LookupCache(tmp_path)
    ids = ["1605.08386", "2401.00001"]

    results = lookup_with_cache(ids, lambda: make_client(fake_arxiv), cache)

    assert results == dict.fromkeys(ids, Unverified(reason))
    assert [cache.get(paper_id) for paper_id in ids] == [None, None]
    # The server recovered: the next run asks again and gets the real answer.
    assert lookup_with_cache(ids, lambda: make_client(fake_arxiv), cache) == {
        "1605.08386": Found(HEAT_BATH),
        "2401.00001": NotFound(),
    }


def test_a_gzip_bomb_is_not_inflated(fake_arxiv: FakeArxiv) -> None:
    import tracemalloc

    fake_arxiv.fail_next(gzip_bomb(300 * 1024 * 1024))
    tracemalloc.start()
    try:
        results = lookup(fake_arxiv, ["1605.08386"], max_attempts=1)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    [answer] = results.values()
    assert isinstance(answer, Unverified)
    assert answer.reason.startswith("malformed response")
    assert peak < 4 * MAX_BODY_BYTES  # never the 300 MB the layers inflate to


def test_an_empty_answer_then_failures_is_unverified(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(EMPTY_FEED, unavailable(), unavailable())

    results = lookup(fake_arxiv, ["1605.08386"], max_attempts=2)

    assert results == {"1605.08386": Unverified("HTTP 503 after 2 attempts")}


# --- rejected IDs ----------------------------------------------------------------------------


def test_a_rejected_batch_is_bisected(fake_arxiv: FakeArxiv) -> None:
    good = new_style_ids(8)
    fake_arxiv.papers.update({paper_id: "A title" for paper_id in good[:6]})
    ids = [*good[:5], "abc", *good[5:]]

    results = lookup(fake_arxiv, ids)

    assert results["abc"] == Unverified(REJECTED_AS_MALFORMED)
    assert {i: results[i] for i in good} == {
        **dict.fromkeys(good[:6], Found("A title")),
        **dict.fromkeys(good[6:], NotFound()),
    }
    # depth first: 9 -> 4 + 5; 5 -> 2 + 3; 2 -> 1 + 1
    assert [len(request.ids) for request in fake_arxiv.requests] == [9, 4, 5, 2, 1, 1, 3]


def test_error_entries_in_a_200_count_as_rejection(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(Fault(body=render_error("1605.08386")))

    assert lookup(fake_arxiv, ["1605.08386"]) == {"1605.08386": Unverified(REJECTED_AS_MALFORMED)}


# --- time budget -----------------------------------------------------------------------------


def test_remaining_batches_are_unverified_once_the_budget_is_spent(fake_arxiv: FakeArxiv) -> None:
    ids = new_style_ids(150)
    fake_arxiv.papers.update({paper_id: "A title" for paper_id in ids})

    results = lookup(fake_arxiv, ids, interval=0.5, total_timeout=0.25)

    assert results == {
        **dict.fromkeys(ids[:100], Found("A title")),
        **dict.fromkeys(ids[100:], Unverified(BUDGET_EXHAUSTED)),
    }
    assert len(fake_arxiv.requests) == 1


def test_retries_stop_at_the_budget(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(*[unavailable()] * 4)

    results = lookup(fake_arxiv, ["1605.08386"], backoff=(0.3,), total_timeout=0.5)

    assert results == {"1605.08386": Unverified(BUDGET_EXHAUSTED)}
    assert len(fake_arxiv.requests) == 2


def test_a_slow_answer_is_cut_at_the_budget(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_next(slow(3.0))
    started = time.monotonic()

    results = lookup(fake_arxiv, ["1605.08386"], read_timeout=5.0, total_timeout=0.3)

    assert results == {"1605.08386": Unverified(BUDGET_EXHAUSTED)}
    assert time.monotonic() - started < 1.0


# --- the Atom parser -------------------------------------------------------------------------

EXAMPLE_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"
      xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/EXAMPLEqueryid</id>
  <title>arXiv Query: search_query=&amp;id_list=1605.08386,quant-ph/0201082v1</title>
  <opensearch:totalResults>2</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/quant-ph/0201082v1</id>
    <title>Quantum Computers and Quantum Computer Languages: Quantum Assembly
  Language and Quantum C Language</title>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/1605.08386v12</id>
    <title>Heat-bath random walks with Markov bases</title>
  </entry>
  <entry><title>pre-2025 placeholder for a missing ID, without an id</title></entry>
</feed>
"""


def test_parse_feed_strips_versions_and_collapses_whitespace() -> None:
    feed = parse_feed(EXAMPLE_FEED)

    assert feed.titles == {"quant-ph/0201082": QUANTUM_C, "1605.08386": HEAT_BATH}
    assert feed.errors == ()


def test_parse_feed_reports_error_entries() -> None:
    feed = parse_feed(render_error("abc"))

    assert feed.titles == {}
    assert feed.errors == ("incorrect id format for abc",)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>Access Denied</body></html>",
        b'<feed xmlns="http://example.org/not-atom"></feed>',
        EXAMPLE_FEED[:-40],
        EXAMPLE_FEED.replace(b"http://arxiv.org/abs/1605.08386v12", b"https://example.org/x"),
        EXAMPLE_FEED.replace(b"<title>Heat-bath random walks with Markov bases</title>", b""),
        b'<!DOCTYPE feed [<!ENTITY e SYSTEM "file:///etc/passwd">]><feed>&e;</feed>',
        ENTITY_BOMB.body or b"",
        b" " * (MAX_BODY_BYTES + 1),
    ],
    ids=["empty", "html", "not-atom", "cut", "odd-id", "no-title", "xxe", "bomb", "huge"],
)
def test_parse_feed_refuses(body: bytes) -> None:
    with pytest.raises(MalformedResponse):
        parse_feed(body)


# --- start-up cost ---------------------------------------------------------------------------


def test_httpx_is_imported_only_when_a_client_is_built() -> None:
    script = """
import sys
import awesome_lint.online, awesome_lint.online.client, awesome_lint.online.cache
import awesome_lint.online.verify, awesome_lint.online.atom
heavy = {"httpx", "defusedxml"}
assert not heavy & set(sys.modules), heavy & set(sys.modules)
awesome_lint.online.client.ArxivClient().close()
assert "httpx" in sys.modules
"""
    source_root = str(Path(awesome_lint.__file__).parents[1])
    path = os.pathsep.join([source_root, os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}

    completed = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr
