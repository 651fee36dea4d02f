"""Answer look-ups from the cache first and ask the network only for the misses (arXiv
papers, GitHub repositories: any client and cache of the same kind of answer)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, TypeVar

Answer = TypeVar("Answer")


class Store(Protocol[Answer]):
    def get(self, key: str, now: float | None = None) -> Answer | None: ...

    def put(self, key: str, answer: Answer) -> None: ...


class Client(AbstractContextManager["Client[Answer]"], Protocol[Answer]):
    def lookup(self, keys: Sequence[str]) -> dict[str, Answer]: ...


def lookup_with_cache(
    ids: Iterable[str], client_factory: Callable[[], Client[Answer]], cache: Store[Answer]
) -> dict[str, Answer]:
    """One answer per distinct ID, in first-seen order; no client is built on a warm cache."""
    wanted = list(dict.fromkeys(ids))
    results: dict[str, Answer] = {}
    for key in wanted:
        cached = cache.get(key)
        if cached is not None:
            results[key] = cached
    missing = [key for key in wanted if key not in results]
    if missing:
        with client_factory() as client:
            fetched = client.lookup(missing)
        for key, answer in fetched.items():
            cache.put(key, answer)
        results |= fetched
    return {key: results[key] for key in wanted}
