"""``--diff-base REF``: keep only the violations on lines added or changed since REF.

The changed lines of a file are those ``git diff --unified=0 REF -- FILE`` shows as
added (the working tree against REF, staged or not); a file git does not track is
new throughout. A violation is kept when a line it spans changed. Otherwise:

- its ``alternate`` (the same problem blamed on the related row: a duplicate added
  above an older copy) is reported instead when that row changed;
- a violation on a table's header line speaks for the whole table (DAT002 "not
  ordered by date", TAB002 a wrong header) and is kept when any line of that table
  changed, since a row added anywhere can cause it.
"""

from __future__ import annotations

import os
import re
import subprocess
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from awesome_lint.engine import Violation
from awesome_lint.model import Document, Table

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitDiffError(Exception):
    """No git, no repository, an unknown revision or a file git cannot diff."""


@dataclass(frozen=True)
class Base:
    commit: str
    root: Path  # the work tree


def resolve(ref: str) -> Base:
    """The commit ``ref`` names in the repository of the current directory."""
    top = _git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitDiffError("not inside a git repository")
    found = _git("rev-parse", "--verify", "-q", f"{ref}^{{commit}}")
    # A REF such as "-p" would be read as an option: no revision starts with "-".
    if ref.startswith("-") or found.returncode != 0:
        raise GitDiffError(f"unknown git revision {ref!r}")
    return Base(found.stdout.decode().strip(), Path(top.stdout.decode().strip()))


def only_changed(
    violations: list[Violation], documents: Mapping[str, Document], base: Base
) -> list[Violation]:
    """The violations on lines changed since ``base`` (see the module docstring)."""
    by_path: dict[str, list[Violation]] = {}
    for violation in violations:
        by_path.setdefault(violation.path, []).append(violation)
    kept: list[Violation] = []
    for path, found in by_path.items():
        changes = Changes(changed_lines(base, path))
        headers = {table.line: table for table in documents[path].tables}
        chosen = (_choose(violation, changes, headers) for violation in found)
        kept += sorted((v for v in chosen if v is not None), key=Violation.sort_key)
    return kept


def changed_lines(base: Base, path: str) -> tuple[int, ...] | None:
    """The lines of ``path`` added or changed since ``base``, sorted; None if untracked."""
    if not Path(os.path.realpath(path)).is_relative_to(base.root):
        raise GitDiffError(f"{path} is outside the git repository {base.root}")
    options = ("--no-ext-diff", "--no-color", "--no-renames", "--text", "--unified=0")
    diff = _git("diff", *options, base.commit, "--", path)
    if diff.returncode != 0:
        raise GitDiffError(f"{path}: {_first_line(diff.stderr)}")
    lines: set[int] = set()
    for match in _HUNK.finditer(diff.stdout):
        start, count = int(match[1]), int(match[2] or 1)
        lines.update(range(start, start + count))
    if not lines and _git("ls-files", "--error-unmatch", "--", path).returncode != 0:
        return None
    return tuple(sorted(lines))


@dataclass(frozen=True)
class Changes:
    lines: tuple[int, ...] | None  # sorted; None: the whole file is new

    def touch(self, first: int, last: int) -> bool:
        """Whether a line from ``first`` to ``last`` (inclusive) changed."""
        if self.lines is None:
            return True
        index = bisect_left(self.lines, first)
        return index < len(self.lines) and self.lines[index] <= last


def _choose(
    violation: Violation, changes: Changes, headers: Mapping[int, Table]
) -> Violation | None:
    if changes.touch(violation.line, violation.end_line):
        return violation
    alternate = violation.alternate
    if alternate is not None and changes.touch(alternate.line, alternate.end_line):
        return violation._replace(
            line=alternate.line,
            column=alternate.column,
            end_line=alternate.end_line,
            end_column=alternate.end_column,
            message=alternate.message,
            fix=alternate.fix if violation.fix is not None else None,
            related_line=alternate.related_line,
            alternate=None,
        )
    table = headers.get(violation.line)
    if table is not None and changes.touch(table.line, table.end_line):
        return violation
    return None


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(("git", "--literal-pathspecs", *args), capture_output=True)
    except FileNotFoundError:
        raise GitDiffError("git is not installed") from None


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0].removeprefix("fatal: ") if text else "git diff failed"
