"""Which files a run checks.

Directories are walked for ``*.md`` files, without hidden directories, ``node_modules``
and what Git ignores. ``exclude`` and ``extend-exclude`` hold gitignore-style patterns,
relative to the directory of the configuration that governs a file (the current
directory when there is none); ``--exclude`` adds patterns relative to the current
directory. They apply to the files a walk finds, and to files named on the command line
only with ``--force-exclude`` (as in ruff: what a user names, they mean; what pre-commit
names, the configuration decides).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

# Markdown files of a repository that are not lists: their tables are releases, votes
# or contacts, and a paper linter has nothing to say about them.
DEFAULT_EXCLUDE = (
    ".github/",
    "CHANGELOG.md",
    "CHANGES.md",
    "HISTORY.md",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
    "SUPPORT.md",
)
SKIPPED_DIRECTORIES = frozenset({"node_modules"})
_GLOB_CHARACTERS = frozenset("*?[]!\\/")


class Patterns:
    """Gitignore-style patterns anchored at a directory."""

    def __init__(self, patterns: Sequence[str], anchor: Path) -> None:
        self._anchor = anchor
        # Bare names (the default list) match a path component without the library.
        self._names = {p for p in patterns if not _GLOB_CHARACTERS & set(p)}
        self._directories = {p[:-1] for p in patterns if _is_bare_directory(p)}
        rest = [p for p in patterns if p not in self._names and p[:-1] not in self._directories]
        self._spec = _compile(rest) if rest else None

    def match(self, path: Path, directory: bool = False) -> bool:
        absolute = Path(os.path.abspath(path))
        if not absolute.is_relative_to(self._anchor) or absolute == self._anchor:
            return False
        relative = absolute.relative_to(self._anchor).as_posix()
        *parents, name = relative.split("/")
        names = self._names | self._directories
        if (name in names if directory else name in self._names) or not names.isdisjoint(parents):
            return True
        return self._spec is not None and self._spec.match_file(relative + "/" * directory)


def _is_bare_directory(pattern: str) -> bool:
    return len(pattern) > 1 and pattern.endswith("/") and not _GLOB_CHARACTERS & set(pattern[:-1])


def _compile(patterns: list[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # only when a pattern needs it

    return GitIgnoreSpec.from_lines(patterns)


def configured_patterns(settings: dict[str, Any], anchor: Path) -> Patterns:
    return Patterns([*settings["exclude"], *settings["extend-exclude"]], anchor)


class Found:
    __slots__ = ("errors", "excluded", "files")

    def __init__(self, files: list[str] | None = None) -> None:
        self.files: list[str] = [] if files is None else files
        self.errors: list[str] = []
        self.excluded = 0  # files named but left out (--force-exclude)


Excluded = Callable[[Path, bool], bool]  # (path, is a directory) -> left out


def find_files(paths: Sequence[str], excluded: Excluded, force_exclude: bool) -> Found:
    """The files to lint, each once, in the order given (a directory's sorted)."""
    found = Found()
    for path in paths:
        if path == "-":
            found.files.append(path)
        elif os.path.isdir(path):
            named_excluded = excluded(Path(path), True)
            if named_excluded and force_exclude:
                found.excluded += 1
            else:  # a directory named although excluded: what it holds is meant
                _walk_into(Path(path), (lambda *_: False) if named_excluded else excluded, found)
        elif os.path.exists(path):
            if force_exclude and excluded(Path(path), False):
                found.excluded += 1
            else:
                found.files.append(path)
        else:
            found.errors.append(f"{path}: no such file or directory")
    found.files = list(dict.fromkeys(found.files))
    return found


def _walk_into(root: Path, excluded: Excluded, found: Found) -> None:
    markdown = list(_markdown_files(root))
    kept = sorted(
        {file for file in markdown if not excluded(file, False)} - git_ignored(root, markdown)
    )
    if not kept:
        left_out = " that are not excluded or ignored" if markdown else ""
        found.errors.append(f"{root}: directory contains no Markdown (*.md) files{left_out}")
    found.files.extend(str(file) for file in kept)


def _markdown_files(root: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not name.startswith(".") and name not in SKIPPED_DIRECTORIES
        )
        for name in files:
            if name.lower().endswith(".md"):
                yield Path(directory) / name


def git_ignored(root: Path, files: Sequence[Path]) -> set[Path]:
    """Those of ``files`` (found under ``root``) that Git ignores: .gitignore files,
    .git/info/exclude, the user's global excludes (tracked files are not ignored).
    None outside a Git work tree or without Git."""
    import subprocess

    if not files:
        return set()
    absolute = {os.fsencode(os.path.abspath(file)): file for file in files}
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input=b"".join(name + b"\0" for name in absolute),
            capture_output=True,
            cwd=root,
            check=False,
        )
    except OSError:  # no Git
        return set()
    if result.returncode not in (0, 1):  # 128: not a work tree
        return set()
    return {absolute[name] for name in result.stdout.split(b"\0") if name in absolute}


def repository_root() -> Path:
    """The work tree holding the current directory (a parent with ``.git``), else the cwd."""
    cwd = Path.cwd()
    return next((d for d in (cwd, *cwd.parents) if (d / ".git").exists()), cwd)


def repository_path(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with forward slashes; None when it lies outside."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else None
