"""DAT001 date-format: a date cell not written in the table's date format."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from awesome_lint.dates import (
    FORMATS,
    CellDate,
    Precision,
    dominant_format,
    format_date,
    matches_format,
    parse_date,
)
from awesome_lint.model import Cell, Document
from awesome_lint.rule import Context, Edit, Finding, Fix, Option, Rule, Severity
from awesome_lint.rules.paper_dates import DateColumn, Kind, date_columns

_MAY = 5
_SAMPLE = CellDate(2024, 1, 2, "YYYY-MM-DD")
_WITHOUT_PERIOD = {"Mon. YYYY": "Mon YYYY", "Mon., YYYY": "Mon, YYYY"}


def _date_format(value: Any) -> str:
    if value == "auto" or value in FORMATS:
        return str(value)
    names = ", ".join(repr(name) for name in FORMATS)
    raise ValueError(f"expected auto or one of {names}; got {value!r}")


def check(document: Document, context: Context) -> Iterator[Finding]:
    configured = context.settings["date-format"]
    for column in date_columns(document, context):
        fmt = _expected_format(column, configured)
        for date_cell in column.cells:
            if date_cell.kind is Kind.INVALID:
                yield Finding.at(date_cell.cell, _not_a_date(date_cell.cell.plain, fmt))
            elif date_cell.date is not None and fmt and not _written_in(date_cell.date, fmt):
                yield _misformatted(date_cell.cell, date_cell.date, fmt)


def _written_in(date: CellDate, fmt: str) -> bool:
    """``matches_format``, except that "May" (a full word) may go without the period of
    the abbreviated formats: "May, 2023" among "Jun., 2023"."""
    if matches_format(date, fmt):
        return True
    return (
        date.month == _MAY and fmt in _WITHOUT_PERIOD and matches_format(date, _WITHOUT_PERIOD[fmt])
    )


def _expected_format(column: DateColumn, configured: str) -> str | None:
    if configured != "auto":
        return configured
    return dominant_format(cell.date for cell in column.cells if cell.date is not None)


def _not_a_date(text: str, fmt: str | None) -> str:
    return f"'{text}' is not a date" + (f" (expected {fmt})" if fmt else "")


def _misformatted(cell: Cell, date: CellDate, fmt: str) -> Finding:
    message = f"date '{cell.plain}' is not in the format {fmt}"
    precision = _PRECISIONS[fmt]
    if date.precision < precision:
        # A missing month or day cannot be invented: no fix. A surplus one is dropped.
        return Finding.at(cell, f"{message} (it has no {Precision(precision).name.lower()})")
    if date.month == _MAY:
        fmt = _WITHOUT_PERIOD.get(fmt, fmt)
    rewritten = format_date(date, fmt)
    edit = _edit(cell, rewritten) if rewritten else None
    if rewritten is None or edit is None:
        return Finding.at(cell, message)
    return Finding.at(cell, f"{message}: write {rewritten}", fix=Fix((edit,), f"write {rewritten}"))


def _precision(fmt: str) -> Precision:
    """The precision of dates written in ``fmt``."""
    sample = parse_date(format_date(_SAMPLE, fmt) or "")
    assert sample is not None  # every format renders a full date
    return sample.precision


_PRECISIONS = {fmt: _precision(fmt) for fmt in FORMATS}


def _edit(cell: Cell, text: str) -> Edit | None:
    """Replace the date inside the cell, keeping comments or emphasis around it."""
    start = cell.text.find(cell.plain)
    if start < 0 or cell.text.find(cell.plain, start + 1) >= 0:
        return None
    column = cell.column + start
    return Edit(cell.line, column, cell.line, column + len(cell.plain), text)


RULE = Rule(
    code="DAT001",
    name="date-format",
    severity=Severity.ERROR,
    summary="A date cell is not written in the table's date format, or is not a date.",
    check=check,
    fixable=True,
    options=(
        Option(
            "date-format",
            "auto",
            _date_format,
            "Date format of date columns: auto (the format most cells of the column use) "
            "or a format such as YYYY-MM.",
        ),
    ),
)
