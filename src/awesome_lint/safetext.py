"""Text from files, file names and arXiv made safe to print.

A file name or a cell can hold line breaks, ESC sequences, C1 controls, bidirectional
overrides or (from a file name that is not UTF-8) lone surrogates. Printed raw they
start a new GitHub workflow command (``a\\n::add-mask::...``), repaint a terminal or
reorder what a reviewer reads. :func:`printable` shows each such character as an
escape (``\\n``, ``\\x1b``, ``\\u202e``; a byte of a non-UTF-8 name as ``\\xff``).
"""

from __future__ import annotations

import re

from awesome_lint.lazyre import LazyPattern

_UNSAFE = LazyPattern(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}
# Longest line an error message may print (a 254 MB YAML error line once did).
MAX_LINE = 1000


def printable(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with control, bidi and surrogate characters shown as escapes (line breaks
    kept with ``keep_line_breaks``, for outputs that escape them their own way)."""
    if text.isascii() and text.isprintable():  # nothing to escape: most text
        return text
    unsafe = _UNSAFE()
    if not unsafe.search(text):
        return text
    escape = _escape_but_breaks if keep_line_breaks else _escape
    return unsafe.sub(escape, text)


def _escape_but_breaks(match: re.Match[str]) -> str:
    return match.group() if match.group() in _NAMED else _escape(match)


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """:func:`printable`, cut to ``limit`` characters with a note of what was left out."""
    safe = printable(text)
    if len(safe) <= limit:
        return safe
    return f"{safe[:limit]}… ({len(safe) - limit} more characters)"


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
