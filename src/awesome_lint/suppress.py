"""Inline suppressions written as HTML comments, and per-row ignores from configuration.

``<!-- awesome-lint-disable CODES -->`` … ``<!-- awesome-lint-enable CODES -->``,
``<!-- awesome-lint-disable-next-line CODES -->``, ``<!-- awesome-lint-disable-file CODES -->``
and ``<!-- awesome-lint-disable-line CODES -->``. The last one may sit inside a table
cell: an HTML comment there does not end the table (a comment line between two rows
does), so it silences one row without breaking it. CODES are codes or names
separated by spaces or commas; none means every rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from awesome_lint.lazyre import LazyPattern
from awesome_lint.model import Document

_DIRECTIVE = LazyPattern(
    r"awesome-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*)",
    re.DOTALL,
)
ALL = "*"


class Suppressions:
    __slots__ = ("file_wide", "lines", "named", "regions")

    def __init__(self) -> None:
        self.file_wide: set[str] = set()
        self.lines: dict[int, set[str]] = {}
        self.regions: list[tuple[int, bool, frozenset[str]]] = []
        self.named: list[tuple[int, str]] = []  # (line, word) as written

    @classmethod
    def from_document(cls, document: Document, resolve: Callable[[str], set[str]]) -> Suppressions:
        """``resolve`` turns a code or name into the codes it stands for (empty if unknown)."""
        suppressions = cls()
        for comment in document.comments:
            match = _DIRECTIVE().match(comment.text)
            if match is None:
                continue
            words = [word for word in re.split(r"[\s,]+", match.group(2).strip()) if word]
            suppressions.named.extend((comment.line, word) for word in words)
            codes = _codes(words, resolve)
            kind = match.group(1)
            if kind == "disable-file":
                suppressions.file_wide |= codes
            elif kind == "disable-line":
                suppressions.lines.setdefault(comment.line, set()).update(codes)
            elif kind == "disable-next-line":
                suppressions.lines.setdefault(comment.line + 1, set()).update(codes)
            else:
                suppressions.regions.append((comment.line, kind == "disable", frozenset(codes)))
        return suppressions

    def __bool__(self) -> bool:
        return bool(self.file_wide or self.lines or self.regions)

    def suppressed(self, code: str, line: int) -> bool:
        if _hit(code, self.file_wide) or _hit(code, self.lines.get(line, ())):
            return True
        # The last disable/enable before the line that names this code (or all) decides,
        # so `disable` (all) followed by `enable CODE` re-enables CODE.
        off = False
        for where, disable, codes in self.regions:
            if where > line:
                break
            if _hit(code, codes):
                off = disable
        return off


def _hit(code: str, codes: Iterable[str]) -> bool:
    return code in codes or ALL in codes


def _codes(words: list[str], resolve: Callable[[str], set[str]]) -> set[str]:
    if not words:
        return {ALL}
    codes: set[str] = set()
    for word in words:
        codes |= resolve(word)
    return codes
