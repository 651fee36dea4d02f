"""Caches of online look-ups on disk: one small JSON file per key (a versionless arXiv ID,
ARXIV.md §4; a GitHub repository), shared by parallel runs."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from awesome_lint.online.client import Found, Lookup, NotFound

DAY = 24 * 60 * 60
FOUND_TTL = 30 * DAY
NOT_FOUND_TTL = 1 * DAY
# 2: found papers also record arXiv's journal reference and DOI (format 1 records, which
# could not say whether there was one, are misses).
_FORMAT = 2


class LookupStore(Protocol):
    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None: ...

    def put(self, paper_id: str, lookup: Lookup) -> None: ...


class NullCache:
    """The cache for `--no-cache` (of any kind of answer): remembers nothing."""

    def get(self, key: str, now: float | None = None) -> None:
        return None

    def put(self, key: str, answer: object) -> None:
        return None


class RecordFiles:
    """JSON records on disk, one small file per key, each with its status and fetch time;
    a record lives as long as its status allows (``ttl``), then reads as missing.

    Writes are atomic (temporary file + `os.replace`), so processes may share the directory,
    which gets a `.gitignore` when it is created. Unreadable or corrupt records count as
    misses; failing writes are ignored (the cache is an optimisation, never a failure).
    """

    def __init__(self, directory: str | os.PathLike[str], ttl: Mapping[str, float]) -> None:
        self.directory = Path(directory)
        self._ttl = dict(ttl)

    def get(self, key: str, now: float | None = None) -> dict[str, Any] | None:
        record = self._read(key)
        if record is None:
            return None
        age = (time.time() if now is None else now) - record["fetched_at"]
        return record if 0 <= age < self._ttl[record["status"]] else None

    def put(self, key: str, record: Mapping[str, Any]) -> None:
        stamped = {**record, "format": _FORMAT, "id": key, "fetched_at": time.time()}
        with contextlib.suppress(OSError):
            self._ensure_directory()
            self._write_atomically(self._path(key), json.dumps(stamped).encode())

    def _path(self, key: str) -> Path:
        return self.directory / f"{quote(key, safe='')}.json"

    def _read(self, key: str) -> dict[str, Any] | None:
        try:
            record = json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None
        return record if self._is_valid(record, key) else None

    def _is_valid(self, record: object, key: str) -> bool:
        if not isinstance(record, dict) or record.get("format") != _FORMAT:
            return False
        if record.get("id") != key or not isinstance(record.get("fetched_at"), (int, float)):
            return False
        return record.get("status") in self._ttl

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


class LookupCache:
    """Found/NotFound answers about arXiv papers with their fetch time; Unverified answers
    are never stored."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        found_ttl: float = FOUND_TTL,
        not_found_ttl: float = NOT_FOUND_TTL,
    ) -> None:
        self._files = RecordFiles(directory, {"found": found_ttl, "not_found": not_found_ttl})
        self.directory = self._files.directory

    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None:
        record = self._files.get(paper_id, now)
        if record is None:
            return None
        if record["status"] == "not_found":
            return NotFound()
        if not isinstance(record.get("title"), str):
            return None
        return Found(
            record["title"],
            *(_optional_text(record, key) for key in ("published", "journal_ref", "doi")),
        )

    def put(self, paper_id: str, lookup: Lookup) -> None:
        if isinstance(lookup, Found):
            self._files.put(
                paper_id,
                {
                    "status": "found",
                    "title": lookup.title,
                    "published": lookup.published,
                    "journal_ref": lookup.journal_ref,
                    "doi": lookup.doi,
                },
            )
        elif isinstance(lookup, NotFound):
            self._files.put(paper_id, {"status": "not_found"})


def _optional_text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None
