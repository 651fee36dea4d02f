"""Placeholders: the words a table writes where it has no value ("-", "N/A", "none").

Learned per table from its own cells: a text is a placeholder when it is one of the
usual words below, one the configuration names, or a short text without letters or
digits that a column repeats ("⚠️", "/" twice). A placeholder is never a name, a title
or a date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from awesome_lint.model import Cell, Row

USUAL = frozenset(
    {
        "-",
        "--",
        "---",
        "—",
        "–",
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "/",
        "tbd",
        "tba",
        "todo",
        "?",
        "...",
        "…",
        "×",
        "✗",
        ":heavy_minus_sign:",
        ":x:",
    }
)
_SHORT = 3


def learn(rows: Iterable[Row], width: int, configured: Iterable[str]) -> frozenset[str]:
    """The placeholders of a table whose body ``rows`` have ``width`` columns (case-folded)."""
    found = set(USUAL) | {text.casefold() for text in configured}
    # One pass over the cells: only short texts can be symbols a column repeats.
    repeated: Counter[tuple[int, str]] = Counter(
        (index, text)
        for row in rows
        for index, cell in enumerate(row.cells)
        if 0 < len(text := cell.plain) <= _SHORT
        and index < width
        and _is_symbol(text)
        and not cell.links
    )
    found.update(text.casefold() for (_index, text), count in repeated.items() if count >= 2)
    return frozenset(found)


def _is_symbol(text: str) -> bool:
    return not any(char.isalnum() for char in text)


def is_placeholder(cell: Cell, placeholders: frozenset[str]) -> bool:
    """A cell that says "no value" in the table's words (a linked word is a value)."""
    plain = cell.plain
    return bool(plain) and plain.casefold() in placeholders and not cell.links
