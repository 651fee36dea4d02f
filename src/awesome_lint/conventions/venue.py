"""The venue column of a table (``Venue``, ``Publication``, ``Published in``,
``Conference/Journal``), and venue cells that name no venue yet: ``arXiv``, ``Preprint``,
``arXiv'24``, ``CoRR``, nothing or a placeholder."""

from __future__ import annotations

import re

from awesome_lint.model import Cell, Role, Table

_VENUE_HEADER = re.compile(
    r"\b(?:venue|conf(?:erence)?|journal|publication|published in|publisher|proceedings)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")
_PREPRINT_WORDS = frozenset({"arxiv", "preprint", "corr", "e", "print", "eprint"})


def venue_column(table: Table, roles: dict[Role, int]) -> int | None:
    """The first column without a role whose header names a venue."""
    taken = set(roles.values())
    return next(
        (
            index
            for index, cell in enumerate(table.header.cells)
            if index not in taken and _VENUE_HEADER.search(cell.plain)
        ),
        None,
    )


def says_preprint(cell: Cell) -> bool:
    """The cell names arXiv or a preprint, and no venue (a year may come with it)."""
    words = _WORD.findall(cell.plain.casefold())
    return bool(words) and all(word in _PREPRINT_WORDS for word in words)


def names_year(cell: Cell, year: int) -> bool:
    """The venue cell names ``year``: ``CIKM 2018``, ``KDD'18``, ``NeurIPS ’18``."""
    pattern = rf"(?<!\d)(?:{year:04d}|['’]\s?{year % 100:02d})(?!\d)"
    return re.search(pattern, cell.plain) is not None
