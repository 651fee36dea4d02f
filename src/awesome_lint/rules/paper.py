"""What the paper-table rules (DAT, DUP, ARX) share: per-row facts and duplicate scopes.

Facts about a row (its arXiv links, model and title keys) are computed once per
document and kept in ``context.state``, so the rules that read them do not redo the
work. Only the latest document is kept: rules run document by document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from awesome_lint.arxiv import ArxivLink, classify_url, title_key
from awesome_lint.model import Cell, Document, Link, Role, Row, Table
from awesome_lint.options import choice
from awesome_lint.rule import Context, Finding, Option

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
S = TypeVar("S", Cell, Link)

DUPLICATE_SCOPE = Option(
    "duplicate-scope",
    "table",
    choice("table", "file"),
    "Where DUP001-DUP003 look for duplicates: within each table, or in the whole file.",
)

_MODEL_NOISE = re.compile(r"[\s\-_.]+")


def cached(
    context: Context, name: str, document: Document, compute: Callable[[Document, Context], T]
) -> T:
    """``compute(document, context)``, computed once per document and rule run."""
    slot = context.state.get(name)
    if slot is None or slot[0] is not document:
        slot = (document, compute(document, context))
        context.state[name] = slot
    return slot[1]


def well_formed_rows(table: Table) -> Iterator[Row]:
    """Body rows with as many cells as the header; in the others (TAB001's) columns
    may be shifted, so column-based checks skip them."""
    width = table.column_count
    return (row for row in table.rows if len(row.cells) == width)


def is_blank(cell: Cell | None, context: Context) -> bool:
    return cell is None or cell.is_empty or cell.plain in context.settings["placeholders"]


@dataclass(frozen=True, slots=True)
class PaperRow:
    """What the paper rules need to know about one body row."""

    row: Row
    arxiv: tuple[tuple[Link, ArxivLink], ...]  # every arXiv link in any cell
    ids: tuple[str, ...]  # the valid paper IDs among them, once each, in order
    model: Cell | None  # the model-name cell, unless blank or the row is malformed
    model_key: str
    name_key: str  # the model name, or the entry name in the first column
    title: Cell | None  # the title cell, unless blank or the row is malformed
    title_key: str

    @property
    def signature(self) -> frozenset[str]:
        """The papers the row links, or its link targets if none (only duplicates ask)."""
        return frozenset(self.ids) or _link_targets(self.row)

    def id_links(self) -> dict[str, Link]:
        """The first link to each paper of the row."""
        first: dict[str, Link] = {}
        for link, found in self.arxiv:
            if found.paper_id is not None:
                first.setdefault(found.paper_id, link)
        return first


def paper_rows(document: Document, context: Context) -> dict[Row, PaperRow]:
    return cached(context, "paper.rows", document, _paper_rows)


def _paper_rows(document: Document, context: Context) -> dict[Row, PaperRow]:
    today = (context.today.year, context.today.month)
    return {
        row: _paper_row(table, row, today, context)
        for table in document.tables
        for row in table.rows
    }


def _paper_row(table: Table, row: Row, today: tuple[int, int], context: Context) -> PaperRow:
    arxiv = tuple(
        (link, found)
        for cell in row.cells
        for link in cell.links
        if (found := classify_url(link.url, today=today))
    )
    if len(arxiv) == 1:  # the usual row
        paper_id = arxiv[0][1].paper_id
        ids: tuple[str, ...] = () if paper_id is None else (paper_id,)
    else:
        ids = tuple(dict.fromkeys(f.paper_id for _, f in arxiv if f.paper_id is not None))
    if len(row.cells) == table.column_count:
        model = _role_cell(table, row, Role.MODEL, context)
        title = _role_cell(table, row, Role.TITLE, context)
        name = model or _entry_name(table, row, context)
    else:
        model = title = name = None
    key = model_key(model.plain) if model else ""
    return PaperRow(
        row=row,
        arxiv=arxiv,
        ids=ids,
        model=model,
        model_key=key,
        name_key=key if name is model else model_key(name.plain) if name else "",
        title=title,
        title_key=_title_key(title.plain) if title else "",
    )


def _role_cell(table: Table, row: Row, role: Role, context: Context) -> Cell | None:
    cell = table.role_cell(row, role)
    return None if is_blank(cell, context) else cell


def _entry_name(table: Table, row: Row, context: Context) -> Cell | None:
    """In a table without a model column, a first column with no role names the entries
    ("Metrics", "Dataset", ...)."""
    if 0 in table.roles.values():
        return None
    cell = row.cells[0] if row.cells else None
    return None if is_blank(cell, context) else cell


def _link_targets(row: Row) -> frozenset[str]:
    return frozenset(link.url.strip().rstrip("/") for cell in row.cells for link in cell.links)


def _title_key(title: str) -> str:
    """ARXIV.md §6 key without spaces; a "+" counts ("LoRA+" is not "LoRA")."""
    return title_key(title.replace("+", " plus ")).replace(" ", "")


def one_paper_several_entries(first: PaperRow, second: PaperRow) -> bool:
    """Rows naming different models or datasets that cite the same paper (same title, same
    links): one paper introduced both, so neither row is a duplicate."""
    return (
        first.name_key != second.name_key
        and bool(first.name_key and second.name_key)
        and first.title_key == second.title_key
        and first.signature == second.signature
    )


def model_key(name: str) -> str:
    """A model name as compared: case-folded, without spaces, hyphens, underscores, dots."""
    return _MODEL_NOISE.sub("", name.casefold())


def duplicate_scopes(document: Document, context: Context) -> Iterator[list[Row]]:
    """The groups of body rows within which duplicates are looked for (``duplicate-scope``)."""
    if context.settings["duplicate-scope"] == "file":
        yield [row for table in document.tables for row in table.rows]
    else:
        yield from (table.rows for table in document.tables)


def duplicate(later: S, earlier: S, describe: Callable[[S], str], note: str = "") -> Finding:
    """A duplicate blamed on the later row, or (alternate) on the earlier one;
    ``describe`` names what is repeated, as written in the cell or link at hand."""
    alternate = Finding.at(
        earlier,
        f"{describe(earlier)} is listed again on line {later.line}{note}",
        related_line=later.line,
    )
    return Finding.at(
        later,
        f"{describe(later)} is already listed on line {earlier.line}{note}",
        related_line=earlier.line,
        alternate=alternate,
    )


def first_seen(entries: Iterable[tuple[K, T]]) -> Iterator[tuple[K, T, T]]:
    """(key, earliest item, item) for every item whose key was seen before."""
    seen: dict[K, T] = {}
    for key, item in entries:
        earlier = seen.setdefault(key, item)
        if earlier is not item:
            yield key, earlier, item
