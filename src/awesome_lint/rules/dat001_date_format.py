"""DAT001 date-format: a date cell not written as the other dates of its column are.

The column's format is its own (``awesome_lint.conventions``): the format most of its
dates are written in, zero padding included (a column that writes ``2026.3`` wants
``2026.3``, not ``2026.03``), and day or month first as its dates show. A column may
mix precisions on purpose (year-only cells among months): each precision it uses on
purpose has its own format. A cell coarser than any of them is reported (it lacks the
month or day the column gives); a finer one is fine when written like the column. A
rewrite never drops a part of the date.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from awesome_lint.conventions import conventions
from awesome_lint.dates import (
    FORMATS,
    Precision,
    format_date,
    matches_format,
    padding_note,
    template_precision,
)
from awesome_lint.options import accepts
from awesome_lint.rule import Edit, Finding, Fix, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import DateCell, DateSpec, TableSpec
    from awesome_lint.dates import CellDate
    from awesome_lint.model import Document, Row
    from awesome_lint.rule import Context

_MAY = 5
_WITHOUT_PERIOD = {"Mon. YYYY": "Mon YYYY", "Mon., YYYY": "Mon, YYYY"}
_PARTS = {Precision.MONTH: "month", Precision.DAY: "day"}
_FEW = 3
_MIXED_SHARE = 5  # more than a fifth


@accepts({"type": "string", "examples": ["auto", *FORMATS]})
def _date_format(value: Any) -> str:
    if value == "auto" or (isinstance(value, str) and template_precision(value) is not None):
        return str(value)
    names = ", ".join(FORMATS)
    raise ValueError(f"expected auto or a date format such as {names}; got {value!r}")


def check(document: Document, context: Context) -> Iterator[Finding]:
    sections: dict[str, list[tuple[TableSpec, list[Finding]]]] = {}
    found = conventions(document, context)
    # A coarser date is asked for its day (or month) only where arXiv gives it.
    on_arxiv = {row for row, facts in found.rows.items() if facts.ids}
    for spec in found.paper_tables():
        if spec.dates is not None:
            misformatted = yield from _column(spec.dates, on_arxiv)
            sections.setdefault(spec.header_key, []).append((spec, misformatted))
    for tables in sections.values():
        yield from _formats(tables)


def _column(dates: DateSpec, on_arxiv: set[Row]) -> Generator[Finding, None, list[Finding]]:
    """Yields the dates that are wrong whatever the format; returns those written in
    another format than the column's."""
    from awesome_lint.conventions.datecol import Kind  # here: loading the rule needs no tables

    misformatted = []
    expected_of: dict[CellDate, str | None] = {}  # a column repeats its dates
    for cell in dates.cells:
        date = cell.date
        if date is None:
            if cell.kind is Kind.INVALID:
                yield Finding.at(
                    cell.cell, f"'{cell.text}' is not a date (the column writes {_example(dates)})"
                )
            continue
        if date not in expected_of:
            expected_of[date] = _expected(dates, date)
        expected = expected_of[date]
        if expected is not None:
            misformatted.append(_misformatted(cell, date, expected))
        elif cell.row in on_arxiv and date.precision < min(dates.formats):
            yield _coarser(dates, cell)
    return misformatted


def _formats(tables: list[tuple[TableSpec, list[Finding]]]) -> Iterator[Finding]:
    """The dates of a list's tables (with one header) written in another format than their
    column's: many of them mean the list mixes formats (one warning for it), or a table
    does (one for the table); else each is a finding."""
    misformatted = [finding for _spec, findings in tables for finding in findings]
    dated = sum(len(spec.dates.dates) for spec, _findings in tables if spec.dates)
    if len(tables) > 1 and _mixed(misformatted, dated):
        first = next(spec for spec, findings in tables if findings)
        yield _no_convention(first, misformatted, dated, [spec for spec, _findings in tables])
        return
    for spec, findings in tables:
        assert spec.dates is not None
        if _mixed(findings, len(spec.dates.dates)):
            yield _no_convention(spec, findings, len(spec.dates.dates))
        else:
            yield from findings


def _mixed(findings: list[Finding], dated: int) -> bool:
    """Many dates written otherwise: the column mixes formats, rather than has wrong cells.
    Where they differ only in padding or spelling, more than a fifth is many: a short
    column whose dates split 3 to 2 has no cosmetic convention to depart from."""
    if len(findings) * _MIXED_SHARE <= dated or len(findings) < 2:
        return False
    return len(findings) > _FEW or all(f.severity is Severity.WARNING for f in findings)


def _coarser(dates: DateSpec, cell: DateCell) -> Finding:
    """A date without the day (or month) the column's dates give, on a row whose arXiv
    paper gives it."""
    part = _PARTS[min(dates.formats)]
    # A warning: the row shows its date, only less precisely than the others.
    return Finding.at(
        cell.cell,
        f"date '{cell.text}' has no {part}: the column's dates give it "
        f"({dates.formats[min(dates.formats)]}), and so does its arXiv paper",
        severity=Severity.WARNING,
    )


def _expected(dates: DateSpec, date: CellDate) -> str | None:
    """The format ``date`` should be written in, if it is written otherwise."""
    fmt = dates.formats.get(date.precision)
    if fmt is None:
        coarser = [p for p in dates.formats if p < date.precision]
        if not coarser:
            return None
        from awesome_lint.conventions.datecol import finer_format

        fmt = finer_format(dates.formats[max(coarser)], date.precision)
        if fmt is None:
            return None
    return None if _written_in(date, fmt) else fmt


def _written_in(date: CellDate, fmt: str) -> bool:
    """``matches_format``, except that "May" (a full word) may go without the period of
    the abbreviated formats: "May, 2023" among "Jun., 2023"."""
    if date.fmt == fmt or matches_format(date, fmt):  # most dates: written as the column's
        return True
    return (
        date.month == _MAY and fmt in _WITHOUT_PERIOD and matches_format(date, _WITHOUT_PERIOD[fmt])
    )


def _misformatted(cell: DateCell, date: CellDate, fmt: str) -> Finding:
    if date.month == _MAY:
        fmt = _WITHOUT_PERIOD.get(fmt, fmt)
    rewritten = format_date(date, fmt)
    assert rewritten is not None  # same precision, or finer
    message = f"date '{cell.text}' is not written as the column's dates are ({_describe(fmt)})"
    # Zero padding or the spelling of a month's name alone is cosmetic: a warning (still
    # fixable), not a broken date.
    cosmetic = _unpadded(cell.text) == _unpadded(rewritten) or _spelling(date.fmt) == _spelling(fmt)
    severity = Severity.WARNING if cosmetic else None
    if not cell.editable:
        return Finding.at(cell.cell, f"{message}: write {rewritten}", severity=severity)
    start = cell.cell.column + cell.cell.text.find(cell.text)
    edit = Edit(cell.cell.line, start, cell.cell.line, start + len(cell.text), rewritten)
    return Finding.at(
        cell.cell,
        f"{message}: write {rewritten}",
        fix=Fix((edit,), f"write {rewritten}"),
        severity=severity,
    )


def _spelling(fmt: str) -> str:
    """A format without what only changes how a month's name is spelt: "July, 2023",
    "Jul. 2023" and "Jul 2023" are one date written alike."""
    for spelt in ("Month", "Mon.", "Mon,"):
        fmt = fmt.replace(spelt, "Mon")
    return fmt


def _unpadded(text: str) -> str:
    """``text`` with the leading zeros of its numbers dropped."""
    runs = ("".join(run) for _, run in groupby(text, key=str.isdigit))
    return "".join(run.lstrip("0") or "0" if run[0].isdigit() else run for run in runs)


def _describe(fmt: str) -> str:
    note = padding_note(fmt)
    return f"{fmt}, {note}" if note else fmt


def _example(dates: DateSpec) -> str:
    return ", ".join(dates.formats.values())


def _no_convention(
    spec: TableSpec, findings: list[Finding], dated: int, sections: list[TableSpec] | None = None
) -> Finding:
    """One warning for a table (or, with ``sections``, a list) that mixes date formats."""
    assert spec.dates is not None
    edits = tuple(edit for finding in findings if finding.fix for edit in finding.fix.edits)
    header = spec.table.header.cells[spec.dates.index].plain
    where = f" in the list's {len(sections)} tables with this header" if sections else ""
    formats = {
        dates.formats[dates.precision] for dates in (s.dates for s in sections or [spec]) if dates
    }
    fmt = formats.pop() if len(formats) == 1 else None
    most = f"{fmt}, as most are" if fmt else "as most of their table's are"
    message = (
        f"the dates of column '{header}' are written in several formats{where}: "
        f"{len(findings)} of {dated} are not written {most}; write them all alike"
    )
    fix_description = f"write every date as {fmt}" if fmt else "write each table's dates alike"
    fix = Fix(edits, fix_description) if edits else None
    # A column without one format is a matter of the table's style, not of a row: a warning.
    return Finding.at(spec.table.header, message, fix=fix, severity=Severity.WARNING)


RULE = Rule(
    code="DAT001",
    name="date-format",
    severity=Severity.ERROR,
    summary="A date is not written as the other dates of its column are, or is not a date.",
    check=check,
    fixable=True,
    options=(
        Option(
            "date-format",
            "auto",
            _date_format,
            "Date format of date columns: auto (each column's own: the format most of its "
            "dates use, per precision) or a format such as YYYY-MM.",
        ),
    ),
)
