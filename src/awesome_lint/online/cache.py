"""A cache of arXiv lookups on disk: one small JSON file per versionless ID (ARXIV.md §4)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from awesome_lint.online.client import Found, Lookup, NotFound

DAY = 24 * 60 * 60
FOUND_TTL = 30 * DAY
NOT_FOUND_TTL = 1 * DAY
_FORMAT = 1


class LookupStore(Protocol):
    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None: ...

    def put(self, paper_id: str, lookup: Lookup) -> None: ...


class NullCache:
    """The cache for `--no-cache`: remembers nothing."""

    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None:
        return None

    def put(self, paper_id: str, lookup: Lookup) -> None:
        return None


class LookupCache:
    """Found/NotFound answers with their fetch time; Unverified answers are never stored.

    Writes are atomic (temporary file + `os.replace`), so processes may share the directory.
    Unreadable or corrupt entries count as misses; failing writes are ignored.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        found_ttl: float = FOUND_TTL,
        not_found_ttl: float = NOT_FOUND_TTL,
    ) -> None:
        self.directory = Path(directory)
        self._ttl = {"found": found_ttl, "not_found": not_found_ttl}

    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None:
        record = self._read(paper_id)
        if record is None:
            return None
        age = (time.time() if now is None else now) - record["fetched_at"]
        if not 0 <= age < self._ttl[record["status"]]:
            return None
        if record["status"] == "not_found":
            return NotFound()
        published = record.get("published")
        return Found(record["title"], published if isinstance(published, str) else None)

    def put(self, paper_id: str, lookup: Lookup) -> None:
        record: dict[str, object]
        if isinstance(lookup, Found):
            record = {"status": "found", "title": lookup.title, "published": lookup.published}
        elif isinstance(lookup, NotFound):
            record = {"status": "not_found"}
        else:
            return
        record |= {"format": _FORMAT, "id": paper_id, "fetched_at": time.time()}
        with contextlib.suppress(OSError):  # the cache is an optimisation, never a failure
            self._ensure_directory()
            self._write_atomically(self._path(paper_id), json.dumps(record).encode())

    def _path(self, paper_id: str) -> Path:
        return self.directory / f"{quote(paper_id, safe='')}.json"

    def _read(self, paper_id: str) -> dict[str, Any] | None:
        try:
            record = json.loads(self._path(paper_id).read_bytes())
        except (OSError, ValueError):
            return None
        return record if _is_valid(record, paper_id) else None

    def _ensure_directory(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        self._write_atomically(self.directory / ".gitignore", b"*\n")

    def _write_atomically(self, path: Path, data: bytes) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _is_valid(record: object, paper_id: str) -> bool:
    if not isinstance(record, dict) or record.get("format") != _FORMAT:
        return False
    if record.get("id") != paper_id or not isinstance(record.get("fetched_at"), (int, float)):
        return False
    status = record.get("status")
    return status == "not_found" or (status == "found" and isinstance(record.get("title"), str))
