from __future__ import annotations

import json
import multiprocessing
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from awesome_lint.online.cache import (
    DAY,
    MAX_RECORD_BYTES,
    CacheDirectory,
    LookupCache,
    NullCache,
)
from awesome_lint.online.client import ArxivClient, Found, NotFound, Unverified
from awesome_lint.online.verify import lookup_with_cache

from .fake_arxiv import FakeArxiv, unavailable

TITLE = "Heat-bath random walks with Markov bases"
OLD_STYLE = "hep-th/9901001"


def entry_files(cache: LookupCache) -> list[Path]:
    return sorted(cache.directory.glob("*.json"))


def backdate(cache: LookupCache, paper_id: str, seconds: float) -> None:
    """Pretend the entry was fetched `seconds` earlier."""
    [path] = [p for p in entry_files(cache) if json.loads(p.read_text())["id"] == paper_id]
    record = json.loads(path.read_text())
    record["fetched_at"] -= seconds
    path.write_text(json.dumps(record))


# --- LookupCache -----------------------------------------------------------------------------


def test_found_and_not_found_round_trip(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path / "cache")
    cache.put("1605.08386", Found(TITLE))
    cache.put(OLD_STYLE, NotFound())

    assert cache.get("1605.08386") == Found(TITLE)
    assert cache.get(OLD_STYLE) == NotFound()
    assert cache.get("1605.99999") is None


def test_old_style_ids_are_stored_inside_the_directory(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path / "cache")
    cache.put(OLD_STYLE, Found(TITLE))

    [path] = entry_files(cache)
    assert path.parent == cache.directory
    assert "/" not in path.name


def test_unverified_is_never_cached(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path / "cache")
    cache.put("1605.08386", Unverified("timed out"))

    assert cache.get("1605.08386") is None
    assert not cache.directory.exists()


def test_a_gitignore_is_written_with_the_directory(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path / "deep" / "cache")
    cache.put("1605.08386", Found(TITLE))

    assert (cache.directory / ".gitignore").read_text() == "*\n"


def test_reading_does_not_create_the_directory(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path / "cache")

    assert cache.get("1605.08386") is None
    assert not cache.directory.exists()


def test_found_entries_live_thirty_days(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found(TITLE))
    now = time.time()

    assert cache.get("1605.08386", now=now + 29 * DAY) == Found(TITLE)
    assert cache.get("1605.08386", now=now + 31 * DAY) is None


def test_not_found_entries_live_one_day(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.99999", NotFound())
    now = time.time()

    assert cache.get("1605.99999", now=now + 23 * 60 * 60) == NotFound()
    assert cache.get("1605.99999", now=now + DAY + 1) is None


def test_time_to_live_is_configurable(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path, found_ttl=10, not_found_ttl=5)
    cache.put("1605.08386", Found(TITLE))
    cache.put("1605.99999", NotFound())
    now = time.time()

    assert cache.get("1605.08386", now=now + 11) is None
    assert cache.get("1605.99999", now=now + 6) is None


def test_entries_from_the_future_are_misses(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found(TITLE))

    assert cache.get("1605.08386", now=time.time() - 60) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe garbage",
        b'{"format": 2, "id": "1605.08386", "status": "found"',
        b"[]",
        b'{"format": 2, "id": "1605.08386", "status": "found", "fetched_at": 1e12}',
        b'{"format": 2, "id": "1605.08386", "status": "maybe", "fetched_at": 1}',
        b'{"format": 2, "id": "1605.08386", "status": "found", "title": 3, "fetched_at": 1}',
        b'{"format": 2, "id": "2401.00001", "status": "not_found", "fetched_at": 1}',
        b'{"format": 99, "id": "1605.08386", "status": "not_found", "fetched_at": 1}',
        b'{"format": 1, "id": "1605.08386", "status": "found", "title": "T", "fetched_at": 1}',
    ],
    ids=[
        "empty",
        "binary",
        "cut",
        "list",
        "no-title",
        "bad-status",
        "title-type",
        "other-id",
        "format",
        "format-1",
    ],
)
def test_a_corrupt_entry_is_a_miss(tmp_path: Path, content: bytes) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found(TITLE))
    [path] = entry_files(cache)
    path.write_bytes(content)

    assert cache.get("1605.08386", now=1.5) is None
    cache.put("1605.08386", Found(TITLE))
    assert cache.get("1605.08386") == Found(TITLE)


def test_an_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = LookupCache(blocker / "cache")

    cache.put("1605.08386", Found(TITLE))

    assert cache.get("1605.08386") is None


def get_with_hang_guard(cache: LookupCache, paper_id: str) -> object:
    """``cache.get`` in a thread, failing (instead of hanging the suite) after 10 s."""
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(cache.get(paper_id)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading the cache hangs"
    return outcome[0]


def entry_path(cache: LookupCache, paper_id: str) -> Path:
    return cache.directory / f"{paper_id}.json"


def test_a_fifo_in_the_cache_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    os.mkfifo(entry_path(cache, "1605.08386"))

    assert get_with_hang_guard(cache, "1605.08386") is None
    cache.put("1605.08386", Found(TITLE))  # refused: not a regular file
    assert stat.S_ISFIFO(entry_path(cache, "1605.08386").lstat().st_mode)


def test_an_oversized_entry_is_a_miss(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found(TITLE))
    path = entry_path(cache, "1605.08386")
    path.write_bytes(path.read_bytes() + b" " * MAX_RECORD_BYTES)  # still valid JSON

    assert cache.get("1605.08386") is None


def test_a_directory_entry_is_a_miss(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    entry_path(cache, "1605.08386").mkdir()

    assert cache.get("1605.08386") is None
    cache.put("1605.08386", Found(TITLE))
    assert entry_path(cache, "1605.08386").is_dir()


def test_a_symlinked_entry_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    elsewhere = LookupCache(tmp_path / "elsewhere")
    elsewhere.put("1605.08386", Found("Planted title"))
    target = entry_path(elsewhere, "1605.08386")
    planted = target.read_bytes()
    cache = LookupCache(tmp_path / "cache")
    cache.put(OLD_STYLE, Found("Old times"))  # creates the directory
    entry_path(cache, "1605.08386").symlink_to(target)

    assert cache.get("1605.08386") is None
    cache.put("1605.08386", Found(TITLE))

    assert target.read_bytes() == planted
    assert entry_path(cache, "1605.08386").is_symlink()
    assert [p.name for p in cache.directory.iterdir() if p.name.startswith(".tmp-")] == []


def test_a_symlinked_github_directory_is_not_followed(tmp_path: Path) -> None:
    from awesome_lint.online.github import Repo, RepoCache

    elsewhere = tmp_path / "elsewhere"
    RepoCache(elsewhere).put("a/b", Repo("a/b", "https://github.com/a/b", False))
    root = tmp_path / "cache"
    root.mkdir()
    (root / "github").symlink_to(elsewhere / "github", target_is_directory=True)
    before = sorted(p.name for p in (elsewhere / "github").iterdir())
    cache = RepoCache(root)

    assert cache.get("a/b") is None
    cache.put("c/d", Repo("c/d", "https://github.com/c/d", False))

    assert sorted(p.name for p in (elsewhere / "github").iterdir()) == before


def test_the_cache_directory_itself_may_be_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    cache = LookupCache(tmp_path / "link")
    cache.put("1605.08386", Found(TITLE))

    assert LookupCache(tmp_path / "real").get("1605.08386") == Found(TITLE)


def test_the_lock_file_is_a_regular_file_inside_the_cache(tmp_path: Path) -> None:
    cache = CacheDirectory(tmp_path / "cache")
    handle = cache.open_lock(".arxiv-example.org.lock")
    assert handle is not None
    os.close(handle)
    (tmp_path / "target").write_text("keep")
    (tmp_path / "cache" / ".planted.lock").symlink_to(tmp_path / "target")

    assert cache.open_lock(".planted.lock") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert CacheDirectory(blocker / "cache").open_lock(".arxiv-example.org.lock") is None
    assert (tmp_path / "target").read_text() == "keep"


def _write_repeatedly(directory: str, ids: list[str], rounds: int) -> None:
    cache = LookupCache(directory)
    for round_number in range(rounds):
        for paper_id in ids:
            cache.put(paper_id, Found(f"{paper_id} {round_number}"))


def test_concurrent_writers_leave_valid_entries(tmp_path: Path) -> None:
    ids = [f"2401.{number:05d}" for number in range(1, 31)] + [OLD_STYLE]
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_repeatedly, args=(str(tmp_path / "cache"), ids, 20))
        for _ in range(2)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=30)

    assert [writer.exitcode for writer in writers] == [0, 0]
    cache = LookupCache(tmp_path / "cache")
    for paper_id in ids:
        assert cache.get(paper_id) == Found(f"{paper_id} 19")
    assert len(entry_files(cache)) == len(ids)
    assert sorted(p.name for p in cache.directory.iterdir() if p.suffix != ".json") == [
        ".gitignore"
    ]


def test_the_null_cache_remembers_nothing() -> None:
    cache = NullCache()
    cache.put("1605.08386", Found(TITLE))

    assert cache.get("1605.08386") is None


# --- lookup_with_cache -----------------------------------------------------------------------


class CountingFactory:
    def __init__(self, fake: FakeArxiv) -> None:
        self.fake = fake
        self.calls = 0

    def __call__(self) -> ArxivClient:
        self.calls += 1
        return ArxivClient(self.fake.url, interval=0.05, backoff=(0.01,), max_attempts=2)


@pytest.fixture
def factory(fake_arxiv: FakeArxiv) -> CountingFactory:
    fake_arxiv.papers.update({"1605.08386": TITLE, OLD_STYLE: "Old times"})
    return CountingFactory(fake_arxiv)


def run(factory: CountingFactory, cache: Any, ids: list[str]) -> dict[str, Any]:
    return lookup_with_cache(ids, factory, cache)


def test_a_warm_cache_sends_no_request(tmp_path: Path, factory: CountingFactory) -> None:
    cache = LookupCache(tmp_path)
    ids = ["1605.08386", OLD_STYLE, "1605.99999"]
    expected = {"1605.08386": Found(TITLE), OLD_STYLE: Found("Old times"), "1605.99999": NotFound()}

    assert run(factory, cache, ids) == expected
    requests_when_cold = len(factory.fake.requests)
    assert run(factory, cache, ids) == expected

    assert len(factory.fake.requests) == requests_when_cold
    assert factory.calls == 1


def test_only_misses_go_to_the_network(tmp_path: Path, factory: CountingFactory) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found("Cached title"))

    results = run(factory, cache, ["1605.08386", OLD_STYLE])

    assert results == {"1605.08386": Found("Cached title"), OLD_STYLE: Found("Old times")}
    assert [request.ids for request in factory.fake.requests] == [[OLD_STYLE]]
    assert cache.get(OLD_STYLE) == Found("Old times")


def test_expired_entries_are_fetched_again(tmp_path: Path, factory: CountingFactory) -> None:
    cache = LookupCache(tmp_path)
    cache.put("1605.08386", Found("Stale title"))
    cache.put("1605.99999", NotFound())
    backdate(cache, "1605.08386", 31 * DAY)
    backdate(cache, "1605.99999", DAY + 1)

    results = run(factory, cache, ["1605.08386", "1605.99999"])

    assert results == {"1605.08386": Found(TITLE), "1605.99999": NotFound()}
    assert [request.ids for request in factory.fake.requests] == [["1605.08386", "1605.99999"]]
    assert cache.get("1605.08386") == Found(TITLE)


def test_failures_are_asked_again_next_time(tmp_path: Path, factory: CountingFactory) -> None:
    cache = LookupCache(tmp_path)
    factory.fake.fail_next(unavailable(), unavailable())

    first = run(factory, cache, ["1605.08386"])
    second = run(factory, cache, ["1605.08386"])

    assert first == {"1605.08386": Unverified("HTTP 503 after 2 attempts")}
    assert second == {"1605.08386": Found(TITLE)}


def test_answers_keep_the_input_order(tmp_path: Path, factory: CountingFactory) -> None:
    cache = LookupCache(tmp_path)
    cache.put(OLD_STYLE, Found("Old times"))

    results = run(factory, cache, ["1605.08386", OLD_STYLE, "1605.08386"])

    assert list(results) == ["1605.08386", OLD_STYLE]


def test_no_cache_always_asks(factory: CountingFactory) -> None:
    run(factory, NullCache(), ["1605.08386"])
    run(factory, NullCache(), ["1605.08386"])

    assert len(factory.fake.requests) == 2
