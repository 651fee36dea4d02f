"""Answer arXiv lookups from the cache first and ask the network only for the misses."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from awesome_lint.online.cache import LookupStore
from awesome_lint.online.client import ArxivClient, Lookup


def lookup_with_cache(
    ids: Iterable[str], client_factory: Callable[[], ArxivClient], cache: LookupStore
) -> dict[str, Lookup]:
    """One answer per distinct ID, in first-seen order; no client is built on a warm cache."""
    wanted = list(dict.fromkeys(ids))
    results: dict[str, Lookup] = {}
    for paper_id in wanted:
        cached = cache.get(paper_id)
        if cached is not None:
            results[paper_id] = cached
    missing = [paper_id for paper_id in wanted if paper_id not in results]
    if missing:
        with client_factory() as client:
            fetched = client.lookup(missing)
        for paper_id, lookup in fetched.items():
            cache.put(paper_id, lookup)
        results |= fetched
    return {paper_id: results[paper_id] for paper_id in wanted}
