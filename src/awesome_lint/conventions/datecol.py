"""The date column of a table and its conventions: how its dates are written (format,
zero padding, day or month first), which precisions it mixes on purpose.

A date is read from the visible text of its cell, so bold, italic and code-span dates
read as dates; also from the first part of a ``<br>``-separated cell, without a trailing
note in parentheses (``Dec 2023 (arXiv)``), or from the alternative text of a badge
image when the cell shows nothing else (``![Jun 1, 2026](https://img.shields.io/...)``).
Besides dates and blanks (empty cells and placeholders), a date column may hold a venue
with a year ("CVPR 2023"): that has no month and is set apart.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from awesome_lint.conventions.placeholders import is_placeholder
from awesome_lint.dates import (
    CellDate,
    Precision,
    dominant_format,
    months_between,
    parse_date,
    template_precision,
)
from awesome_lint.links import image_alts, plain_text
from awesome_lint.model import Cell, Row

_YEAR_AT_END = re.compile(r"'?(?:19|20)\d\d\Z")
# fmt: off
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun",
                   "jul", "aug", "sep", "oct", "nov", "dec")
# fmt: on
# No leading \s* (stripped after): searched from every position of a run of spaces, it
# would be quadratic.
_NOTE = re.compile(r"[(\[（][^()\[\]（）]*[)\]）]$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_YEAR_LAST = re.compile(r"(?:DD?|MM?)[-/.]")
# A precision the column mixes in on purpose: at least this share of its dates ...
_STEADY_SHARE = 10
# ... and at least this many of them.
_STEADY_COUNT = 2
# NN.NN columns with this many dates in future years as YY.MM hold DD.MM days instead.
_FUTURE_YEARS_OF_DAYS = 2
# A list dates its rows by their arXiv month when at most one in this many of its dated
# rows with one arXiv ID (or one row) is more than a month off the ID's: a list that
# writes later dates (updates, venues) does so more often ...
_ARXIV_MONTH_ODDS = 30
# ... and at least this many rows show it.
_ARXIV_MONTH_ROWS = 10


class Kind(enum.Enum):
    DATE = "date"
    BLANK = "blank"
    VENUE = "venue"
    INVALID = "invalid"


class DateCell(NamedTuple):
    row: Row
    cell: Cell
    kind: Kind
    date: CellDate | None
    text: str  # the text read as the date
    editable: bool  # ``text`` is written once in the cell, outside an image: it can be rewritten


class DateSpec(NamedTuple):
    """A table's date column: its cells (rows with a readable date cell) and conventions."""

    index: int  # type: ignore[assignment]  # a field, not tuple.index
    cells: tuple[DateCell, ...]
    # The format of each precision the column uses on purpose (the most used one first).
    formats: dict[Precision, str]
    day_first: bool
    # The list dates its rows by the month of their arXiv ID (see dates_arxiv_month).
    arxiv_month: bool = False

    @property
    def precision(self) -> Precision:
        """The precision most of the column's dates have."""
        return next(iter(self.formats))

    @property
    def order_precision(self) -> Precision:
        """Dates are compared at the coarsest precision the column uses on purpose."""
        return min(self.formats)

    @property
    def dates(self) -> list[DateCell]:
        return [cell for cell in self.cells if cell.date is not None]


class DateReader:
    """Reads the date cells of one column, each distinct text once: a list writes the same
    month in many rows, and what a cell reads as depends on its text alone."""

    __slots__ = ("_day_first", "_placeholders", "_read")

    def __init__(self, placeholders: frozenset[str], day_first: bool | None) -> None:
        self._placeholders = placeholders
        self._day_first = day_first
        self._read: dict[str, tuple[Kind, CellDate | None, str, bool]] = {}

    def __call__(self, row: Row, cell: Cell) -> DateCell:
        read = self._read.get(cell.text)
        if read is None:
            read = self._read[cell.text] = _read(cell, self._placeholders, self._day_first)
        return DateCell(row, cell, *read)


def _read(
    cell: Cell, placeholders: frozenset[str], day_first: bool | None
) -> tuple[Kind, CellDate | None, str, bool]:
    """What the cell reads as: its kind, date, the text read as the date, and whether that
    text can be rewritten (see DateCell)."""
    if cell.is_empty or is_placeholder(cell, placeholders):
        return Kind.BLANK, None, cell.plain, False
    text, from_image = _date_text(cell)
    date = parse_date(text, day_first)
    if date is None and "<br" in cell.text.lower():
        first = plain_text(_BREAK.split(cell.text, maxsplit=1)[0])
        if (date := parse_date(first, day_first)) is not None:
            text = first
    note = _NOTE.search(text) if date is None else None
    before = text[: note.start()].rstrip() if note is not None else ""
    if note is not None and (date := parse_date(before, day_first)) is not None:
        text = before
    if date is not None:
        return Kind.DATE, date, text, not from_image and cell.text.count(text) == 1
    return (Kind.VENUE if _is_venue_year(text) else Kind.INVALID), None, text, False


def _date_text(cell: Cell) -> tuple[str, bool]:
    """The visible text, or the alternative text of the cell's only image."""
    if cell.plain:
        return cell.plain, False
    alts = image_alts(cell.text)
    return (alts[0], True) if len(alts) == 1 else ("", False)


def _is_venue_year(text: str) -> bool:
    """A venue and its year: "CVPR 2023", "NeurIPS, 2024", "ACM MM Asia 2023" (but a
    misspelt month such as "Februray 2024" is not a venue). Taken apart from the right:
    one pattern for it backtracks quadratically on long cells."""
    year = _YEAR_AT_END.search(text)
    if year is None:
        return False
    venue = text[: year.start()].rstrip()
    venue = venue.removesuffix(",").rstrip()
    if not venue or venue[0].isdigit() or venue[0] in ", \t" or "," in venue:
        return False
    return not venue.casefold().startswith(_MONTH_PREFIXES)


def reads_as_dates(cells: list[DateCell], today: dt.date) -> bool:
    """A column of dates: most of its filled cells are dates not after next year, and it
    is not a column of DD.MM days (written NN.NN, several of them in future years)."""
    filled = [cell for cell in cells if cell.kind is not Kind.BLANK]
    dates = [cell.date for cell in filled if cell.date is not None]
    if not dates or len(dates) * 2 < len(filled):
        return False
    short = [date for date in dates if date.fmt.startswith("YY.")]
    if len(short) * 2 >= len(dates):
        return sum(1 for date in short if date.year > today.year) < _FUTURE_YEARS_OF_DAYS
    return sum(1 for date in dates if date.year > today.year + 1) * 2 < len(dates)


def decide_day_first(cells: Iterable[DateCell]) -> bool:
    """Day/month order of NN/NN/YYYY dates, per column: day first when more of them can
    only be read day first (a first number above 12) than month first."""
    day_first = month_first = 0
    for cell in cells:
        date = cell.date
        if date is None or date.day is None or not _YEAR_LAST.match(date.fmt):
            continue
        if date.fmt.startswith("D"):
            day_first += 1
        elif date.day > 12:
            month_first += 1
    return day_first > month_first


def steady_precisions(dates: Mapping[CellDate, int]) -> list[Precision]:
    """The precisions used on purpose, most used first: the most used one, and any other
    that a steady share of the dates has. ``dates``: how many times each is written."""
    counts: Counter[Precision] = Counter()
    for date, count in dates.items():
        counts[date.precision] += count
    total = counts.total()
    ranked = sorted(counts, key=lambda precision: (-counts[precision], precision))
    return [
        precision
        for precision in ranked
        if precision == ranked[0]
        or (counts[precision] >= _STEADY_COUNT and counts[precision] * _STEADY_SHARE >= total)
    ]


def _of_precision(dates: Mapping[CellDate, int], precision: Precision) -> dict[CellDate, int]:
    return {date: count for date, count in dates.items() if date.precision == precision}


class PooledDates:
    """The dates of all sections of a list (tables with one header), with what
    :func:`column_formats` asks of them computed once for all the sections."""

    def __init__(self, dates: list[CellDate]) -> None:
        self._dates = Counter(dates)  # each distinct date (a list writes few) counted once
        self.steady = steady_precisions(self._dates)
        self._formats: dict[Precision, str | None] = {}

    def format_of(self, precision: Precision) -> str | None:
        """How most of the list's dates of ``precision`` are written."""
        if precision not in self._formats:
            self._formats[precision] = dominant_format(_of_precision(self._dates, precision))
        return self._formats[precision]


def column_formats(
    dates: list[CellDate], pooled: PooledDates, configured: str
) -> dict[Precision, str]:
    """The format of each precision the column uses on purpose, its most used first. The
    precisions are those its own dates use steadily, and those the dates of all sections
    of the list (``pooled``) do; each is written as most of the column's dates of that
    precision are (or, if it has none, as most of the list's are)."""
    if configured != "auto":
        precision = template_precision(configured)
        assert precision is not None  # the option's parser checked it
        return {precision: configured}
    counted = Counter(dates)
    formats: dict[Precision, str] = {}
    for precision in dict.fromkeys(steady_precisions(counted) + pooled.steady):
        fmt = dominant_format(_of_precision(counted, precision)) or pooled.format_of(precision)
        if fmt is not None:
            formats[precision] = fmt
    return formats


def dates_arxiv_month(months: Iterable[tuple[CellDate, tuple[int, int]]]) -> bool:
    """Whether a list's dates are the month of each row's arXiv ID, from its dated rows
    with one ID (``months``: the date and the ID's year and month): nearly all of them
    within a month of it (a paper sent at the end of a month gets the next month's ID)."""
    off = total = 0
    for date, month in months:
        if date.month is not None:
            total += 1
            off += abs(months_between(month, (date.year, date.month))) > 1
    return total >= _ARXIV_MONTH_ROWS and off <= max(1, total // _ARXIV_MONTH_ODDS)


def finer_format(fmt: str, precision: Precision) -> str | None:
    """``fmt`` extended to a finer precision, for numeric year-first formats only:
    ``YYYY-MM`` -> ``YYYY-MM-DD``, ``YYYY.M`` -> ``YYYY.M.D``."""
    if not fmt.startswith("YYYY") or len(fmt) < 6 or fmt[4] not in "-/.":
        return None
    separator, month = fmt[4], fmt[5:]
    if precision is Precision.DAY and month in ("MM", "M"):
        return f"{fmt}{separator}{'DD' if month == 'MM' else 'D'}"
    return None
