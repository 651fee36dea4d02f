"""Linting many files on several cores (``cli.lint_paths``).

Forked worker processes read, parse and check the files, biggest first; the parent
then replays the sequential run in its order, taking each file's result from the
workers. A worker does a file only when nothing about it needs the parent: its
configuration loads, no active rule prepares (online look-ups are batched across files
in the parent), and it is read, parsed and checked without an error. Anything else
comes back as None and the parent does that file itself, as a sequential run would, so
errors, warnings and notes are the sequential run's, in its order.

A worker sends back the text it read, not its ``Document``: pickling a checked
Document cost almost half as much as checking it. The parent parses a file again only
when a report needs its Document (``Documents``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from awesome_lint.config import ConfigError
from awesome_lint.engine import Engine, Violation
from awesome_lint.model import Document
from awesome_lint.parser import decode

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

WORKERS_ENV = "AWESOME_LINT_WORKERS"
# Below this many bytes of Markdown in all, one process is faster. Reading, parsing and
# checking run at about 2 MB a second and core: ../shared/corpus (252 files, 21.9 MB)
# took 10.4 s of CPU on the 2-core machine of issue 14. Starting two forked workers and
# taking their results costs about 0.07 s: worth it from about 1 s of work.
MIN_PARALLEL_BYTES = 2_000_000


class Checked(NamedTuple):
    """What the run keeps of a file a worker did."""

    path: str  # as named (``Document.path``: "./a.md" stays "./a.md")
    source: str  # the decoded text as read (line endings kept, BOM removed)
    bom: bool
    lines: list[str]
    violations: list[Violation]
    paper_table: bool  # cli.has_paper_table
    warnings: list[str]  # what checking it added to Engine.warnings


def worker_count(paths: Sequence[str]) -> int:
    """How many worker processes should lint ``paths`` (files, not standard input);
    0: this process alone. ``AWESOME_LINT_WORKERS=N`` sets the number whatever the
    amount of work (1: none); by default one per core this process may use, when the
    files add up to ``MIN_PARALLEL_BYTES``. Only where processes fork (Linux)."""
    wanted = _wanted()
    if len(paths) < 2 or not sys.platform.startswith("linux"):
        return 0
    if wanted is None:
        if _total_bytes(paths) < MIN_PARALLEL_BYTES:
            return 0
        wanted = len(os.sched_getaffinity(0))
    count = min(wanted, len(paths))
    return count if count > 1 else 0


def _wanted() -> int | None:
    value = os.environ.get(WORKERS_ENV, "").strip()
    if not value:
        return None
    if not value.isdecimal() or int(value) < 1:  # isdigit() takes '²', which int() refuses
        raise ConfigError(
            f"{WORKERS_ENV}: expected a number of processes (1: no worker processes); got {value!r}"
        )
    return int(value)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the parent reports it when it reads it


def _total_bytes(paths: Sequence[str]) -> int:
    return sum(_size(path) for path in paths)


def check_in_workers(engine: Engine, paths: Sequence[str], count: int) -> list[Checked | None]:
    """Each path's result (None: the parent must do it), in the order of ``paths``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start,
        initargs=(engine,),  # inherited by the forked workers, not pickled
    )
    try:
        futures = _submit(executor, paths)
        results = [_result(future) for future in futures]
    except BaseException:  # KeyboardInterrupt: no worker lingers or prints
        executor.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():  # the workers: a run has no other
            child.terminate()
        raise
    executor.shutdown()
    return results


def _submit(executor: ProcessPoolExecutor, paths: Sequence[str]) -> list[Future[Checked | None]]:
    """The biggest files first, so that the last to finish is a small one. The workers
    fork at the first submission, with Ctrl-C ignored: the parent stops them."""
    import signal

    order = sorted(range(len(paths)), key=lambda index: -_size(paths[index]))
    futures: dict[int, Future[Checked | None]] = {}
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread, whose Ctrl-C is someone else's
        previous = None
    try:
        futures[order[0]] = executor.submit(_check_file, paths[order[0]])
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    for index in order[1:]:
        futures[index] = executor.submit(_check_file, paths[index])
    return [futures[index] for index in range(len(paths))]


def _result(future: Future[Checked | None]) -> Checked | None:
    try:
        return future.result()
    except Exception:  # a worker died or its answer did not arrive: the parent does it
        return None


_engine: Engine | None = None  # a worker's


def _start(engine: Engine) -> None:
    global _engine
    _engine = engine


def _check_file(path: str) -> Checked | None:
    """In a worker: the file read and checked as ``cli.lint_paths`` does, or None."""
    from awesome_lint.cli import has_paper_table

    engine = _engine
    assert engine is not None
    try:
        profile = engine.profile_for(Path(path))
        if profile.prepares:
            return None
        source, bom = decode(Path(path).read_bytes(), path)
        document = engine.parse(source, path, bom=bom)
        known = len(engine.warnings)
        violations = engine.check(document, profile)
        paper_table = has_paper_table(document, profile)
    except Exception:  # the parent meets it again and reports it as a sequential run does
        return None
    warnings = engine.warnings[known:]
    return Checked(path, source, bom, document.lines, violations, paper_table, warnings)


class Documents(Mapping[str, Document]):
    """The documents of a run with workers, by path; a file a worker did (``Checked``) is
    parsed again when a report asks for its Document (``--show-tables``, a baseline,
    ``--diff-base``, GitLab fingerprints)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._entries: dict[str, Document | Checked] = {}

    def __setitem__(self, path: str, entry: Document | Checked) -> None:
        self._entries[path] = entry

    def __getitem__(self, path: str) -> Document:
        entry = self._entries[path]
        if isinstance(entry, Checked):
            entry = self._entries[path] = self._engine.parse(entry.source, path, bom=entry.bom)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
