"""The spacing between requests to one API: at least ``interval`` seconds from the end of
one exchange to the start of the next, within a process and, through a lock file in the
cache directory, across the processes sharing it (pre-commit without ``require_serial``,
CI jobs with one cache). POSIX only, like the cache.

The lock file holds the wall-clock time the last exchange ended. A process takes it
(``fcntl.flock``), waits what is left of the interval, sends, writes the time it is done
and lets go; so the exchanges of all processes are one queue. A time in the future (a
clock set back, a corrupt file) never makes anyone wait longer than one interval. Without
a lock file (no cache, a directory that cannot be written, a file system without locks)
the spacing holds within the process only.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections.abc import Callable, Iterator

_POLL = 0.05  # seconds between attempts to take a lock another process holds
_TIME_BYTES = 64


class Spacing:
    """``turn(pause)`` around each exchange; ``pause(seconds)`` waits (and may raise to give
    up: the client's deadline). ``open_lock`` gives the lock file's descriptor or None."""

    def __init__(
        self,
        interval: float,
        open_lock: Callable[[], int | None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._interval = interval
        self._open_lock = open_lock
        self._clock = clock
        self._wall = wall
        self._last_end: float | None = None
        self._handle: int | None = None

    def close(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    @contextlib.contextmanager
    def turn(self, pause: Callable[[float], None]) -> Iterator[None]:
        handle = self._acquire(pause)
        try:
            wait = max(self._local_wait(), self._shared_wait(handle))
            if wait > 0:
                pause(wait)
            try:
                yield
            finally:
                self._last_end = self._clock()
                if handle is not None:
                    _write_time(handle, self._wall())
        finally:
            if handle is not None:
                _unlock(handle)

    def _local_wait(self) -> float:
        if self._last_end is None:
            return 0.0
        return self._last_end + self._interval - self._clock()

    def _shared_wait(self, handle: int | None) -> float:
        last = None if handle is None else _read_time(handle)
        if last is None:
            return 0.0
        return min(self._interval, last + self._interval - self._wall())

    def _acquire(self, pause: Callable[[float], None]) -> int | None:
        """The lock file's descriptor, locked; None when there is no usable lock file."""
        handle = self._lock_file()
        if handle is None:
            return None
        import fcntl

        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return handle
            except BlockingIOError:
                pause(_POLL)
            except OSError:  # no locks on this file system: this process's spacing only
                self.close()
                self._open_lock = None
                return None

    def _lock_file(self) -> int | None:
        """Opened at the first exchange, kept until ``close``."""
        if self._open_lock is not None:
            self._handle, self._open_lock = self._open_lock(), None
        return self._handle


def _read_time(handle: int) -> float | None:
    try:
        value = float(os.pread(handle, _TIME_BYTES, 0).decode("ascii"))
    except (OSError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _write_time(handle: int, value: float) -> None:
    data = repr(value).encode("ascii")
    with contextlib.suppress(OSError):
        os.pwrite(handle, data, 0)
        os.ftruncate(handle, len(data))


def _unlock(handle: int) -> None:
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle, fcntl.LOCK_UN)
