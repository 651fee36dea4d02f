"""Split the Action's multi-line inputs into arguments, NUL-separated on stdout.

``files``: every line, split on whitespace, each word a path or a glob pattern (``**``
crosses directories); a pattern that matches nothing is kept as written, so that
awesome-lint reports it (exit 2) instead of checking less. ``args``: shell-style words
(quotes and backslashes as in a shell, over all lines), never evaluated by a shell.
"""

from __future__ import annotations

import glob
import os
import shlex
import sys


def files(text: str) -> list[str]:
    found: list[str] = []
    for word in text.split() or ["README.md"]:
        matches = sorted(glob.glob(word, recursive=True)) if glob.has_magic(word) else []
        found.extend(matches or [word])
    return found


def args(text: str) -> list[str]:
    return shlex.split(text, comments=False, posix=True)


def main() -> int:
    which = sys.argv[1]
    text = os.environ.get(f"INPUT_{which.upper()}", "")
    try:
        words = files(text) if which == "files" else args(text)
    except ValueError as error:  # unbalanced quotes
        print(f"::error title=awesome-lint::input '{which}': {error}", file=sys.stderr)
        return 2
    sys.stdout.write("".join(f"{word}\0" for word in words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
