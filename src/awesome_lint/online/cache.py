"""Caches of online look-ups on disk: one small JSON file per key (a versionless arXiv ID,
ARXIV.md §4; a GitHub repository), shared by parallel runs."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
import time
from collections.abc import Iterator, Mapping
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
# A record is a few hundred bytes; anything much bigger is not one of ours.
MAX_RECORD_BYTES = 1 << 20
_NO_FOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC


class LookupStore(Protocol):
    def get(self, paper_id: str, now: float | None = None) -> Found | NotFound | None: ...

    def put(self, paper_id: str, lookup: Lookup) -> None: ...


class NullCache:
    """The cache for `--no-cache` (of any kind of answer): remembers nothing."""

    def get(self, key: str, now: float | None = None) -> None:
        return None

    def put(self, key: str, answer: object) -> None:
        return None


class CacheDirectory:
    """Where records live: ``root`` is the user's choice and is followed wherever it points
    (absolute, ``~``, ``../..``, a symlink); inside it nothing is followed. ``subdirectory``
    and every entry are opened with ``O_NOFOLLOW`` relative to the directory's descriptor,
    so a symlink planted in the cache is neither read through nor written through.

    Only regular files of at most ``MAX_RECORD_BYTES`` are read (a FIFO, a device, a
    directory or a huge file is a miss); a write goes to a new temporary file that is
    renamed over the entry, and never over an entry that is not a regular file.
    """

    def __init__(self, root: str | os.PathLike[str], subdirectory: str | None = None) -> None:
        self.root = Path(root)
        self.subdirectory = subdirectory
        self.path = self.root / subdirectory if subdirectory else self.root

    def read(self, name: str) -> bytes | None:
        """The entry's bytes, or None (missing, unreadable, not a regular file, too big)."""
        try:
            with self._opened(create=False) as directory:
                return _read_regular(name, directory)
        except OSError:
            return None

    def write(self, name: str, data: bytes) -> None:
        """Replace the entry atomically; raises OSError (an entry that is not a regular
        file, such as a symlink, is refused)."""
        with self._opened(create=True) as directory:
            _replace_regular(name, data, directory)

    def open_lock(self, name: str) -> int | None:
        """A descriptor of the regular file ``name`` (created if need be), for
        ``fcntl.flock``; None when the directory cannot be used."""
        try:
            with self._opened(create=True) as directory:
                flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | _NO_FOLLOW
                handle = os.open(name, flags, 0o644, dir_fd=directory)
        except OSError:
            return None
        if stat.S_ISREG(os.fstat(handle).st_mode):
            return handle
        os.close(handle)
        return None

    @contextlib.contextmanager
    def _opened(self, *, create: bool) -> Iterator[int]:
        """A descriptor of the directory (created, with a `.gitignore`, if ``create``)."""
        created = create and _make_directory(self.root)
        root = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            if created:
                _replace_regular(".gitignore", b"*\n", root)
            if self.subdirectory is None:
                yield root
            else:
                with _subdirectory(root, self.subdirectory, create) as directory:
                    yield directory
        finally:
            os.close(root)


class RecordFiles:
    """JSON records on disk, one small file per key, each with its status and fetch time;
    a record lives as long as its status allows (``ttl``), then reads as missing.

    Writes are atomic (temporary file + `os.replace`), so processes may share the directory,
    which gets a `.gitignore` when it is created. Unreadable, corrupt or odd records (see
    `CacheDirectory`) count as misses; failing writes are ignored (the cache is an
    optimisation, never a failure).
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        ttl: Mapping[str, float],
        subdirectory: str | None = None,
    ) -> None:
        self.files = CacheDirectory(directory, subdirectory)
        self.directory = self.files.path
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
            self.files.write(_file_name(key), json.dumps(stamped).encode())

    def _read(self, key: str) -> dict[str, Any] | None:
        data = self.files.read(_file_name(key))
        try:
            record = None if data is None else json.loads(data)
        except ValueError:
            return None
        return record if self._is_valid(record, key) else None

    def _is_valid(self, record: object, key: str) -> bool:
        if not isinstance(record, dict) or record.get("format") != _FORMAT:
            return False
        if record.get("id") != key or not isinstance(record.get("fetched_at"), (int, float)):
            return False
        return record.get("status") in self._ttl


def _file_name(key: str) -> str:
    return f"{quote(key, safe='')}.json"


def _make_directory(path: Path) -> bool:
    """Create ``path`` and its parents; whether it was missing."""
    if path.is_dir():
        return False
    path.mkdir(parents=True, exist_ok=True)
    return True


@contextlib.contextmanager
def _subdirectory(parent: int, name: str, create: bool) -> Iterator[int]:
    """A descriptor of ``name`` inside ``parent`` (created, with a `.gitignore`, if
    ``create``), never through a symlink."""
    created = False
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, dir_fd=parent)
            created = True
    directory = os.open(name, os.O_RDONLY | os.O_DIRECTORY | _NO_FOLLOW, dir_fd=parent)
    try:
        if created:
            _replace_regular(".gitignore", b"*\n", directory)
        yield directory
    finally:
        os.close(directory)


def _read_regular(name: str, directory: int) -> bytes | None:
    """At most ``MAX_RECORD_BYTES`` of a regular file; None for anything else. Opening
    does not block (a FIFO) and does not follow a symlink."""
    handle = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NO_FOLLOW, dir_fd=directory)
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_RECORD_BYTES:
            return None
        data = stream.read(MAX_RECORD_BYTES + 1)
    return data if len(data) <= MAX_RECORD_BYTES else None


def _replace_regular(name: str, data: bytes, directory: int) -> None:
    """Write ``data`` to a new temporary file in ``directory`` (a descriptor) and rename it
    over ``name``, unless ``name`` exists and is not a regular file (OSError)."""
    try:
        existing = os.stat(name, dir_fd=directory, follow_symlinks=False)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise OSError(errno.EEXIST, "cache entry is not a regular file", name)
    temporary = f".tmp-{secrets.token_hex(8)}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW
    handle = os.open(temporary, flags, 0o644, dir_fd=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=directory)
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
