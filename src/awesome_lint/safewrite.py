"""Replacing a file the user owns with new content (``--fix``, ``awesome-lint add``) so that
nothing is lost whatever happens.

The new content goes to a temporary file in the same directory, which is flushed to disk,
given the file's owner, group, permission bits (set-user-ID ones included) and extended
attributes (POSIX ACLs), then renamed over the file: a process killed at any moment leaves
either the old file or the new one, never a torn one (at worst a stray temporary file).

Refused, with nothing written (:class:`WriteRefused`, one line naming the file):

- a file whose content is no longer what was read: an edit saved meanwhile is kept;
- a file with several hard links: a new file would break them (and rewriting it in place
  could leave it torn);
- a file whose owner or group the new file cannot get (not running as root, a group the
  user is not in): the rename would hand the file to someone else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

_NOTHING_WRITTEN = "nothing was written"


class WriteRefused(Exception):
    """Writing would lose something; the message names the file."""


def write_atomic(
    path: Path, data: bytes, expected: bytes | None = None, create: bool = False
) -> None:
    """Replace the file at ``path`` (following symlinks: the target is replaced) by
    ``data`` in one rename, keeping its owner, group, mode and extended attributes.
    ``expected``: the content it was read with; if it holds anything else now, raise
    :class:`WriteRefused`. A file the user may not write raises PermissionError.
    ``create``: a missing file is created (with the mode the umask gives a new file)."""
    target = Path(os.path.realpath(path))
    try:
        current = open(target, "rb")  # noqa: SIM115  # closed below
    except FileNotFoundError:
        if not create:
            raise
        _create(target, data)
        return
    with current:
        status = os.fstat(current.fileno())
        if not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        if status.st_nlink > 1:
            raise WriteRefused(
                f"{path}: not rewritten: it has {status.st_nlink} hard links, which replacing "
                f"it would break ({_NOTHING_WRITTEN}; work on a copy instead)"
            )
        if expected is not None and current.read(len(expected) + 1) != expected:
            raise _changed(path)
        _replace(target, data, current.fileno(), status, path)


def _replace(target: Path, data: bytes, current: int, status: os.stat_result, path: Path) -> None:
    def before_rename(copy: int) -> None:
        _copy_identity(current, copy, status, path)
        os.fsync(copy)
        if _changed_since(target, status):
            raise _changed(path)

    _rename_into(target, data, before_rename)
    _sync_directory(target.parent)


def _create(target: Path, data: bytes) -> None:
    def before_rename(copy: int) -> None:
        os.fchmod(copy, _new_file_mode())
        os.fsync(copy)

    _rename_into(target, data, before_rename)


def _rename_into(target: Path, data: bytes, before_rename: Callable[[int], None]) -> None:
    """``data`` in a temporary file beside ``target``, made ready by ``before_rename``
    (given its descriptor), then renamed over ``target``; removed again on any failure."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            before_rename(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _copy_identity(source: int, copy: int, status: os.stat_result, path: Path) -> None:
    """Owner and group first (changing them clears set-user-ID bits), then the mode."""
    mine = os.fstat(copy)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(copy, status.st_uid, status.st_gid)
        except PermissionError:
            raise WriteRefused(
                f"{path}: not rewritten: the new file cannot get its owner and group "
                f"(uid {status.st_uid}, gid {status.st_gid}; {_NOTHING_WRITTEN})"
            ) from None
    os.fchmod(copy, stat.S_IMODE(status.st_mode))
    _copy_extended_attributes(source, copy)


def _copy_extended_attributes(source: int, copy: int) -> None:
    """Where the platform has them (Linux): ACLs and other attributes; best effort."""
    if not hasattr(os, "listxattr"):
        return
    with contextlib.suppress(OSError):
        for name in os.listxattr(source):
            with contextlib.suppress(OSError):
                os.setxattr(copy, name, os.getxattr(source, name))


def _changed_since(target: Path, status: os.stat_result) -> bool:
    """Whether ``target`` is another file now, or was written since ``status``."""
    try:
        now = os.stat(target)
    except FileNotFoundError:
        return True
    before = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != before


def _changed(path: Path) -> WriteRefused:
    return WriteRefused(
        f"{path}: not rewritten: it changed on disk after it was read "
        f"({_NOTHING_WRITTEN}; run again)"
    )


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort."""
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
