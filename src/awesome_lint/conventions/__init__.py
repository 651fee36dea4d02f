"""Each table is its own spec: the conventions of every table, inferred from its own
cells once per document, and read by every rule (and by ``awesome-lint add``).

What is inferred, per table (:class:`TableSpec`):

* the role of each column (from the header, else from the cells: a column most of
  whose cells are dates is the date column, whatever its header);
* its placeholders (``-``, ``none``, ``N/A``, ...), which columns it always fills
  (required) and which it leaves empty at times (optional);
* the cell count its rows have (the header's, or another one most rows share);
* whether its rows are papers (a title or a link column that is not mostly empty);
* its date column: format, padding, day/month order, the precisions it mixes, whether
  it dates rows by the month of their arXiv ID;
* its order: by date or by arXiv ID, newest or oldest first, or never sorted;
* its mirror-link columns and the form most of its arXiv links share, and per kind of
  other paper identifier (DOI, OpenReview, ACL Anthology) the form most of those share;
* its venue column, if its header names one (``Venue``, ``Publication``).

Per document: the facts of every row (arXiv links, model and title keys) and the
pairs of rows that repeat each other. A "deviation" most rows share is a convention
here, so rules report it once per table at most.

This module is what rules import when they are loaded: it holds the result type and the
words of orders, and imports the inference (:mod:`.infer`) only for a document that has
tables. The other types (``TableSpec``, ``RowFacts``, ...) are imported from it on first
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from awesome_lint.conventions.duplicates import Duplicate
    from awesome_lint.conventions.infer import TableSpec
    from awesome_lint.conventions.rowfacts import RowFacts
    from awesome_lint.model import Document, Row
    from awesome_lint.rule import Context

__all__ = [
    "ARXIV",
    "DATE",
    "LABELS",
    "NEWEST_FIRST",
    "OLDEST_FIRST",
    "Column",
    "Conventions",
    "DateCell",
    "DateSpec",
    "Duplicate",
    "Kind",
    "LinkForm",
    "OrderSpec",
    "RowFacts",
    "TableSpec",
    "conventions",
    "model_key",
]

# The keys and directions of a table's order (see :mod:`.order`).
NEWEST_FIRST, OLDEST_FIRST = "newest-first", "oldest-first"
LABELS = {NEWEST_FIRST: "newest first", OLDEST_FIRST: "oldest first"}
DATE, ARXIV = "date", "arXiv ID"

# The names imported on first use, and the module of each.
_LAZY = {
    "Column": "infer",
    "TableSpec": "infer",
    "DateCell": "datecol",
    "DateSpec": "datecol",
    "Kind": "datecol",
    "Duplicate": "duplicates",
    "LinkForm": "arxivform",
    "OrderSpec": "order",
    "RowFacts": "rowfacts",
    "model_key": "rowfacts",
}
_STATE_KEY = "conventions"


class Conventions:
    """What was inferred of a document: the spec of each table, the facts of each row and
    the rows that repeat another."""

    __slots__ = ("document", "duplicates", "rows", "tables")

    def __init__(
        self,
        document: Document,
        tables: list[TableSpec],
        rows: dict[Row, RowFacts],
        duplicates: dict[Row, Duplicate] | None = None,
    ) -> None:
        self.document = document
        self.tables = tables
        self.rows = rows
        self.duplicates = {} if duplicates is None else duplicates

    def paper_tables(self) -> Iterator[TableSpec]:
        return (spec for spec in self.tables if spec.paper)


def conventions(document: Document, context: Context) -> Conventions:
    """The conventions of ``document``'s tables, inferred once per document and run."""
    slot = context.state.get(_STATE_KEY)
    if slot is None or slot[0] is not document:
        slot = (document, _infer(document, context))
        context.state[_STATE_KEY] = slot
    return slot[1]


def _infer(document: Document, context: Context) -> Conventions:
    if not document.tables:  # nothing to infer, nor to import for it
        return Conventions(document, [], {})
    from awesome_lint.conventions.infer import infer

    return infer(document, context)


def __getattr__(name: str) -> Any:
    """The types and helpers of the inference, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
