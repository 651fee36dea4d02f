"""The date column of each table, read once per document for the DAT rules.

A cell is read from its visible text (``Cell.plain``). Besides dates and blanks
(empty cells and placeholders), a date column of a real list may hold a venue with a
year ("CVPR 2023", "NeurIPS, 2024"): that is not a badly written date, and it has no
month, so it is set apart. A column is *not* read as dates at all when

* fewer than half of its filled cells are dates (a "Year" column of venues), or
* it is written ``NN.NN`` and two or more cells would be in a future year as YY.MM:
  such a column holds DD.MM days, with the year elsewhere (a section heading).

Rows whose cell count differs from the header's (TAB001) are left out: their columns
may be shifted.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from awesome_lint.dates import CellDate, Precision, parse_date
from awesome_lint.model import Cell, Document, Role, Row, Table
from awesome_lint.rule import Context
from awesome_lint.rules.paper import cached, is_blank, well_formed_rows

_VENUE_YEAR = re.compile(r"(?P<venue>[^\d\s,][^,]*?)\s*,?\s*'?(?:19|20)\d\d")
# fmt: off
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun",
                   "jul", "aug", "sep", "oct", "nov", "dec")
# fmt: on
_FUTURE_YEARS_OF_DAYS = 2


class Kind(enum.Enum):
    DATE = "date"
    BLANK = "blank"
    VENUE = "venue"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class DateCell:
    row: Row
    cell: Cell
    kind: Kind
    date: CellDate | None


@dataclass(frozen=True, slots=True)
class DateColumn:
    table: Table
    cells: tuple[DateCell, ...]

    @property
    def dates(self) -> list[DateCell]:
        return [cell for cell in self.cells if cell.date is not None]

    def precision(self) -> Precision:
        """The precision most dates have (ties: the coarser)."""
        counts = dict.fromkeys(Precision, 0)
        for cell in self.cells:
            if cell.date is not None:
                counts[cell.date.precision] += 1
        return max(Precision, key=lambda precision: (counts[precision], -precision))


def date_columns(document: Document, context: Context) -> list[DateColumn]:
    """The date column of every table that has one and holds dates."""
    return cached(context, "paper.dates", document, _date_columns)


def _date_columns(document: Document, context: Context) -> list[DateColumn]:
    columns = []
    for table in document.tables:
        if Role.DATE not in table.roles:
            continue
        cells = tuple(
            _read(row, table.role_cell(row, Role.DATE), context) for row in well_formed_rows(table)
        )
        column = DateColumn(table, cells)
        if _holds_dates(column, context):
            columns.append(column)
    return columns


def _read(row: Row, cell: Cell | None, context: Context) -> DateCell:
    assert cell is not None  # well-formed rows have every column
    if is_blank(cell, context):
        return DateCell(row, cell, Kind.BLANK, None)
    date = parse_date(cell.plain)
    if date is not None:
        return DateCell(row, cell, Kind.DATE, date)
    return DateCell(row, cell, Kind.VENUE if _is_venue_year(cell.plain) else Kind.INVALID, None)


def _is_venue_year(text: str) -> bool:
    """A venue and its year: "CVPR 2023", "NeurIPS, 2024", "ACM MM Asia 2023" (but a
    misspelt month such as "Februray 2024" is not a venue)."""
    match = _VENUE_YEAR.fullmatch(text)
    return match is not None and not match["venue"].casefold().startswith(_MONTH_PREFIXES)


def _holds_dates(column: DateColumn, context: Context) -> bool:
    filled = [cell for cell in column.cells if cell.kind is not Kind.BLANK]
    dates = column.dates
    if len(dates) * 2 < len(filled):
        return False
    return not _is_day_month(dates, context)


def _is_day_month(dates: list[DateCell], context: Context) -> bool:
    short = [cell.date for cell in dates if cell.date is not None and cell.date.fmt == "YY.MM"]
    if len(short) * 2 < len(dates):
        return False
    future = sum(1 for date in short if date.year > context.today.year)
    return future >= _FUTURE_YEARS_OF_DAYS
