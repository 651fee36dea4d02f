"""The inference behind :func:`awesome_lint.conventions.conventions` (see the package's
docs): imported only when a document has tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any, NamedTuple

from awesome_lint.arxiv import id_year_month
from awesome_lint.conventions import Conventions
from awesome_lint.conventions.arxivform import (
    LinkForm,
    arxiv_forms,
    deliberate_mirrors,
    deliberate_pins,
    dominant_form,
    file_form,
    follows,
    has_mirrors,
    mirror_columns,
)
from awesome_lint.conventions.datecol import (
    DateCell,
    DateReader,
    DateSpec,
    Kind,
    PooledDates,
    column_formats,
    dates_arxiv_month,
    decide_day_first,
    reads_as_dates,
)
from awesome_lint.conventions.duplicates import blame_by_dates, find_duplicates, repeated_rows
from awesome_lint.conventions.order import (
    Candidate,
    OrderSpec,
    decide_order,
    loose_slack,
    measure_order,
)
from awesome_lint.conventions.paperforms import id_forms, id_link_forms
from awesome_lint.conventions.placeholders import is_placeholder, learn
from awesome_lint.conventions.rowfacts import FactColumns, RowFacts, row_facts
from awesome_lint.conventions.venue import venue_column
from awesome_lint.model import Cell, Document, Role, Row, Table
from awesome_lint.paperids import IdKind
from awesome_lint.roles import detect_roles
from awesome_lint.rule import Context

# A cell count other than the header's is a convention when this many rows share it.
_CONVENTION_ROWS = 3
# A section shows its list's direction with at least this many rows in order.
_DIRECTION_ROWS = 5
# A table leaves few cells of a column empty when at most one in this many is.
_FEW_EMPTY = 5
# A column is required when at most this share of its cells (in tenths) is empty ...
_OPTIONAL_SHARE = 1
# ... or at most this many.
_OPTIONAL_COUNT = 1


class Column(NamedTuple):
    index: int  # type: ignore[assignment]  # a field, not tuple.index
    header: str
    role: Role | None
    filled: int  # cells with a value
    empty: int  # cells with nothing in them
    placeholders: int  # cells with a placeholder
    # The list (the tables with this header) fills it, and this table leaves few empty.
    list_required: bool = False

    @property
    def rows(self) -> int:
        return self.filled + self.empty + self.placeholders

    @property
    def required(self) -> bool:
        """The table fills this column in (nearly) every row."""
        return self.list_required or _filled_nearly_always(self.empty, self.rows)


class TableSpec:
    """A table's conventions. A plain class, not a dataclass: a run whose file needs no
    markdown-it-py would import ``dataclasses`` (with ``inspect``) for this class alone."""

    __slots__ = (
        "_known_counts",
        "arxiv_form",
        "broken",
        "columns",
        "dates",
        "deliberate_mirrors",
        "deliberate_pins",
        "header_key",
        "id_forms",
        "mirror_columns",
        "order",
        "paper",
        "placeholders",
        "roles",
        "table",
        "used_placeholders",
        "usual_width",
        "venue",
    )

    def __init__(
        self,
        table: Table,
        roles: dict[Role, int],
        placeholders: frozenset[str],
        usual_width: int,
        columns: list[Column],
        paper: bool,
    ) -> None:
        self.table = table
        self.roles = roles
        self.placeholders = placeholders
        self.usual_width = usual_width  # the cell count of most rows (the header's, or ...)
        self.columns = columns
        self.paper = paper  # its rows are papers: the paper rules apply
        self.used_placeholders: tuple[str, ...] = ()  # the placeholders its cells hold
        self.dates: DateSpec | None = None
        self.order: OrderSpec | None = None
        self.mirror_columns: frozenset[int] = frozenset()
        self.deliberate_mirrors: frozenset[int] = frozenset()  # id() of mirrors kept on purpose
        self.deliberate_pins: frozenset[int] = frozenset()  # id() of links pinned on purpose
        self.arxiv_form: LinkForm | None = None
        # Per kind of other paper identifier, the non-canonical form most of its links share.
        self.id_forms: dict[IdKind, LinkForm] = {}
        self.venue: int | None = None  # the venue column (``Venue``, ``Publication``), if any
        # Rows broken across two lines (a line break typed inside a cell): the first line's
        # row -> the row of the line that continues it.
        self.broken: dict[Row, Row] = {}
        # The table's header as compared: tables with one header are sections of a list,
        # whose conventions (order, date precisions, required columns) are decided over all.
        self.header_key = header_key(table)
        # The cell counts of rows whose columns are known (see has_known_columns), asked per
        # row by every rule: computed once.
        width = table.column_count
        self._known_counts = frozenset({width, usual_width})

    @property
    def width(self) -> int:
        return self.table.column_count

    def has_known_columns(self, row: Row) -> bool:
        """The row's cells are where the header says: its cell count is the header's, or the
        count most rows have, which only adds or leaves off cells at the end."""
        return len(row.cells) in self._known_counts

    def cell(self, row: Row, role: Role) -> Cell | None:
        """The row's cell in the column with ``role`` (None if the row's columns are not known)."""
        return row.cell(self.roles.get(role)) if self.has_known_columns(row) else None

    def venue_cell(self, row: Row) -> Cell | None:
        """The row's cell in the venue column (None without one, or if the row's columns
        are not known)."""
        if self.venue is None or not self.has_known_columns(row):
            return None
        return row.cell(self.venue)

    def is_placeholder(self, cell: Cell) -> bool:
        return is_placeholder(cell, self.placeholders)

    def is_blank(self, cell: Cell | None) -> bool:
        return cell is None or cell.is_empty or self.is_placeholder(cell)

    def label(self, role: Role) -> str:
        """The header text of the column with ``role``, for messages."""
        return self.table.header.cells[self.roles[role]].plain or role.value


def header_key(table: Table) -> str:
    """The table's header as compared: tables with one header are sections of a list."""
    return " | ".join(cell.plain.casefold() for cell in table.header.cells)


def infer(document: Document, context: Context) -> Conventions:
    settings = context.settings
    today = (context.today.year, context.today.month)
    tables: list[TableSpec] = []
    rows: dict[Row, RowFacts] = {}
    forms: list[_LinkForms] = []
    usual_widths = _usual_widths(document.tables)
    for table, usual_width in zip(document.tables, usual_widths, strict=True):
        spec = _table_spec(
            table, usual_width, settings["columns"], settings["placeholders"], context
        )
        tables.append(spec)
    _list_columns(tables)
    for spec in tables:
        columns, known = FactColumns.of(spec.roles), spec.has_known_columns
        facts = [
            row_facts(row, columns if known(row) else None, spec.placeholders, today)
            for row in spec.table.rows
        ]
        rows.update(zip(spec.table.rows, facts, strict=True))
        forms.append(_link_conventions(spec, facts, settings))
    _file_link_habits(tables, forms)
    found = Conventions(document, tables, rows)
    _date_specs(found, settings["date-format"], context)
    duplicates = find_duplicates(_duplicate_scopes(found, settings["duplicate-scope"]))
    found.duplicates = blame_by_dates(duplicates, lambda: _dated_months(found))
    _orders(found, settings["date-order"])
    return found


def _filled_nearly_always(empty: int, rows: int) -> bool:
    return empty <= max(_OPTIONAL_COUNT, rows * _OPTIONAL_SHARE // 10)


def _list_columns(tables: list[TableSpec]) -> None:
    """A column a list fills in nearly every row of its tables with one header is required
    in each of them that leaves only a few cells empty (a fifth at most): a short section
    with two venues forgotten does not make the venue optional."""
    sections: dict[str, list[TableSpec]] = {}
    for spec in tables:
        sections.setdefault(spec.header_key, []).append(spec)
    for specs in sections.values():
        if len(specs) < 2:
            continue
        for index in range(specs[0].width):
            columns = [spec.columns[index] for spec in specs]
            empty, rows = sum(c.empty for c in columns), sum(c.rows for c in columns)
            if not _filled_nearly_always(empty, rows):
                continue
            for spec, column in zip(specs, columns, strict=True):
                if not column.required and column.empty * _FEW_EMPTY <= column.rows:
                    spec.columns[index] = column._replace(list_required=True)


def _orders(found: Conventions, setting: str) -> None:
    """The order of every paper table with a date column. A list that is never sorted shows
    it in its long sections (tables with one header), a short section alone cannot."""
    repeats = repeated_rows(found.duplicates)
    candidates: dict[str, list[tuple[TableSpec, Candidate]]] = {}
    for spec in found.paper_tables():
        table = spec.table
        candidate = measure_order(table.rows, spec.roles, spec.dates, found.rows, setting, repeats)
        if candidate is not None:
            candidates.setdefault(spec.header_key, []).append((spec, candidate))
    for sections in candidates.values():
        long = [c.evidence for _spec, c in sections if c.evidence and c.measured[0].is_long]
        never_sorted = bool(long) and not any(evidence.is_sorted for evidence in long)
        list_unsorted = never_sorted or _directions_disagree([c for _spec, c in sections])
        orders = [
            decide_order(candidate, list_unsorted, spec.dates, found.rows)
            for spec, candidate in sections
        ]
        slack = loose_slack(orders)
        for (spec, _candidate), order in zip(sections, orders, strict=True):
            spec.order = order._replace(slack=slack) if slack is not None else order


def _usual_widths(tables: list[Table]) -> list[int]:
    """Per table, the cell count of its rows: the header's, or the count most of its rows
    share. A section too short to show a convention of its own follows its list's (the
    tables with its header) when most of its rows agree with it."""
    counts = [Counter(len(row.cells) for row in table.rows) for table in tables]
    keys = [header_key(table) for table in tables]
    sections: dict[str, Counter[int]] = {}
    for key, widths in zip(keys, counts, strict=True):
        sections.setdefault(key, Counter()).update(widths)
    usual_widths = []
    for table, key, widths in zip(tables, keys, counts, strict=True):
        usual = _convention_width(widths)
        if usual is None:
            usual = _convention_width(sections[key])
            if usual is not None and widths[usual] * 2 <= len(table.rows):
                usual = None
        usual_widths.append(table.column_count if usual is None else usual)
    return usual_widths


def _convention_width(widths: Counter[int]) -> int | None:
    """The cell count that most rows have, when enough rows show it to be a convention."""
    if not widths:
        return None
    usual, most = widths.most_common(1)[0]
    return usual if most * 2 > widths.total() and most >= _CONVENTION_ROWS else None


def _table_spec(
    table: Table,
    usual_width: int,
    configured_roles: dict[Role, str],
    configured: tuple[str, ...],
    context: Context,
) -> TableSpec:
    width = table.column_count
    placeholders = learn(table.rows, width, configured)
    roles = detect_roles(table.header, table.rows, configured_roles)
    spec = TableSpec(table, roles, placeholders, usual_width, [], paper=False)
    counts, used = _cell_counts(spec)
    spec.used_placeholders = tuple(sorted(used))
    if Role.DATE not in roles:
        _find_date_column(spec, context)
    spec.columns = [_column(spec, index, counts[index]) for index in range(width)]
    spec.venue = venue_column(table, roles)
    spec.broken = _broken_rows(table)
    spec.paper = _is_paper_table(spec)
    return spec


def _broken_rows(table: Table) -> dict[Row, Row]:
    """Two short rows on consecutive lines whose cells add up to the header's, the one
    without the closing pipe the table's rows have, or the other without the opening
    pipe: one row with a line break typed inside a cell."""
    rows, width = table.rows, table.column_count
    pairs = [
        (first, second)
        for first, second in pairwise(rows)
        if len(first.cells) < width
        and len(first.cells) + len(second.cells) - 1 == width
        and second.line == first.line + 1
    ]
    if not pairs:  # most tables
        return {}
    leading = sum(row.leading_pipe for row in rows) * 2 > len(rows)
    trailing = sum(row.trailing_pipe for row in rows) * 2 > len(rows)
    return {
        first: second
        for first, second in pairs
        if (trailing and not first.trailing_pipe) or (leading and not second.leading_pipe)
    }


def _find_date_column(spec: TableSpec, context: Context) -> None:
    """A column without a role whose cells are mostly dates is the date column."""
    best, best_count = None, 1
    taken = set(spec.roles.values())
    for index in range(spec.width):
        if index in taken:
            continue
        read = DateReader(spec.placeholders, None)
        cells = [
            read(row, cell)
            for row in spec.table.rows
            if spec.has_known_columns(row) and (cell := row.cell(index)) is not None
        ]
        count = sum(1 for cell in cells if cell.kind is Kind.DATE)
        if count > best_count and reads_as_dates(cells, context.today):
            best, best_count = index, count
    if best is not None:
        spec.roles[Role.DATE] = best


_FILLED, _EMPTY, _PLACEHOLDER = range(3)


def _cell_counts(spec: TableSpec) -> tuple[list[list[int]], set[str]]:
    """In one pass over the cells: per column, how many cells of the rows whose columns
    are known are filled, empty and placeholders; and the placeholders any cell holds."""
    width = spec.width
    counts = [[0, 0, 0] for _ in range(width)]
    used = set()
    placeholders = spec.placeholders
    # Case folding never shortens a text: a longer one is no placeholder (most cells).
    longest = max(map(len, placeholders), default=0)
    for row in spec.table.rows:
        if (not row.cells or not row.cells[0].text) and row.is_blank:
            continue  # a spacer row says nothing of what the table fills
        known = spec.has_known_columns(row)
        if known and len(row.cells) < width:  # GitHub shows the cells it lacks empty
            for index in range(len(row.cells), width):
                counts[index][_EMPTY] += 1
        for index, cell in enumerate(row.cells):
            if not cell.plain:  # no placeholder, maybe a link or an image
                kind = _EMPTY if cell.is_empty else _FILLED
            elif len(cell.plain) <= longest and is_placeholder(cell, placeholders):
                used.add(cell.plain)
                kind = _PLACEHOLDER
            else:  # visible text: never empty
                kind = _FILLED
            if known and index < width:
                counts[index][kind] += 1
    return counts, used


def _column(spec: TableSpec, index: int, counts: list[int]) -> Column:
    role = next((role for role, at in spec.roles.items() if at == index), None)
    header = spec.table.header.cells[index].plain
    return Column(index, header, role, counts[_FILLED], counts[_EMPTY], counts[_PLACEHOLDER])


def _is_paper_table(spec: TableSpec) -> bool:
    """Rows are papers when the table has a title or a link column, and the column that
    says which paper (the link column, else the title column) is mostly filled: a table
    of repositories where "-" means "no paper" is not a paper table."""
    index = spec.roles.get(Role.LINK, spec.roles.get(Role.TITLE))
    if index is None:
        return False
    column = spec.columns[index]
    return column.filled * 2 > column.filled + column.empty + column.placeholders


def _directions_disagree(candidates: list[Candidate]) -> bool:
    """Sections of a list that each show an order, some newest and some oldest first: the
    list keeps none, and what a short section seems to follow is chance."""
    shown = {
        candidate.measured[0].direction
        for candidate in candidates
        if candidate.evidence is not None
        and candidate.evidence.is_sorted
        and candidate.evidence.moved < candidate.evidence.other
        and candidate.evidence.placed >= _DIRECTION_ROWS
    }
    return len(shown) > 1


def _date_specs(found: Conventions, configured: str, context: Context) -> None:
    """The date column of every paper table. Tables with the same header are sections of
    one list: which precisions their dates mix on purpose is decided over all of them."""
    read: dict[str, list[tuple[TableSpec, list[DateCell], bool]]] = {}
    for spec in found.paper_tables():
        if Role.DATE not in spec.roles:
            continue
        cells, day_first = _date_cells(spec, context)
        if cells is None:
            if spec.columns[spec.roles[Role.DATE]].filled:
                del spec.roles[Role.DATE]  # a column of venues, not dates
            continue
        read.setdefault(spec.header_key, []).append((spec, cells, day_first))
    for sections in read.values():
        pooled = PooledDates(
            [cell.date for _spec, cells, _ in sections for cell in cells if cell.date]
        )
        arxiv_month = dates_arxiv_month(
            (cell.date, id_year_month(ids[0]))
            for _spec, cells, _ in sections
            for cell in cells
            if cell.date is not None and len(ids := found.rows[cell.row].ids) == 1
        )
        for spec, cells, day_first in sections:
            dates = [cell.date for cell in cells if cell.date is not None]
            formats = column_formats(dates, pooled, configured)
            index = spec.roles[Role.DATE]
            spec.dates = DateSpec(index, tuple(cells), formats, day_first, arxiv_month)


def _date_cells(spec: TableSpec, context: Context) -> tuple[list[DateCell] | None, bool]:
    """The date column read with its own day/month order (None: it does not hold dates)."""
    index = spec.roles[Role.DATE]
    rows = [row for row in spec.table.rows if row.cell(index) is not None]
    cells = _read_column(spec, rows, index, None)
    if not reads_as_dates(cells, context.today):
        return None, False
    day_first = decide_day_first(cells)
    if day_first:
        cells = _read_column(spec, rows, index, True)
    return cells, day_first


def _read_column(
    spec: TableSpec, rows: list[Row], index: int, day_first: bool | None
) -> list[DateCell]:
    """The rows' date cells; of a row with another cell count, only one that reads as a date."""
    read, known = DateReader(spec.placeholders, day_first), spec.has_known_columns
    cells = (read(row, row.cells[index]) for row in rows)
    return [cell for cell in cells if cell.kind is Kind.DATE or known(cell.row)]


_LinkForms = tuple[list[str | None], dict[IdKind, list[str | None]]]  # arXiv, other ids


def _link_conventions(
    spec: TableSpec, facts: list[RowFacts], settings: Mapping[str, Any]
) -> _LinkForms:
    """The table's own link conventions; returns the form of each of its links."""
    if has_mirrors(facts):
        spec.mirror_columns = mirror_columns(facts)
        spec.deliberate_mirrors = frozenset(
            link for row in facts for link in deliberate_mirrors(row, spec.mirror_columns)
        )
    spec.deliberate_pins = frozenset(
        link for row in facts if len(row.arxiv) > 1 for link in deliberate_pins(row)
    )
    keep_version = settings.get("arxiv-keep-version", False)
    arxiv = arxiv_forms(facts, spec.deliberate_mirrors, spec.deliberate_pins, keep_version)
    others = id_link_forms(facts)
    spec.arxiv_form = dominant_form(arxiv)
    spec.id_forms = id_forms(others)
    return arxiv, others


def _file_link_habits(tables: list[TableSpec], forms: list[_LinkForms]) -> None:
    """A link form most of the file's links share is the list's habit (a list that always
    links PDFs, over many small tables): the tables that write their links that way
    share it, so that the habit is one finding for the file, not one per table or row
    (with one such table, the table's own convention says it all)."""
    habit = file_form(arxiv for arxiv, _ in forms)
    if habit is not None:
        followers = [
            s
            for s, (arxiv, _) in zip(tables, forms, strict=True)
            if follows(s.arxiv_form, arxiv, habit)
        ]
        for spec in followers if len(followers) > 1 else ():
            spec.arxiv_form = habit
    for kind in {kind for _, others in forms for kind in others}:
        per_table = [others.get(kind, []) for _, others in forms]
        kind_habit = file_form(per_table)
        if kind_habit is None:
            continue
        followers = [
            spec
            for spec, links in zip(tables, per_table, strict=True)
            if follows(spec.id_forms.get(kind), links, kind_habit)
        ]
        for spec in followers if len(followers) > 1 else ():
            spec.id_forms[kind] = kind_habit


def _dated_months(found: Conventions) -> dict[Row, tuple[int, int]]:
    """The (year, month) of each paper row dated to the month or the day."""
    return {
        cell.row: (cell.date.year, cell.date.month)
        for spec in found.paper_tables()
        if spec.dates is not None
        for cell in spec.dates.cells
        if cell.date is not None and cell.date.month is not None
    }


def _duplicate_scopes(found: Conventions, scope: str) -> Iterator[list[RowFacts]]:
    """The groups of paper rows within which duplicates are looked for (``duplicate-scope``)."""
    tables = [spec.table for spec in found.paper_tables()]
    if scope == "file":
        yield [found.rows[row] for table in tables for row in table.rows]
    else:
        yield from ([found.rows[row] for row in table.rows] for table in tables)
