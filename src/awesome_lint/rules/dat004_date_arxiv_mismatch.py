"""DAT004 date-arxiv-mismatch: a row's date far from the month of its arXiv ID."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from awesome_lint.conventions import conventions
from awesome_lint.dates import format_date, months_between, with_lost_zero, with_year_of
from awesome_lint.options import choice, integer
from awesome_lint.rule import Finding, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import DateCell, Duplicate, OrderSpec
    from awesome_lint.dates import CellDate
    from awesome_lint.model import Cell, Document, Row
    from awesome_lint.rule import Context

_DECEMBER = 12
# In a list that dates its rows by their arXiv month, a date more than this many months
# after its ID's month is reported (a typo of the year: 2025-10 for 2410.05160).
_YEAR_OFF = 10


def check(document: Document, context: Context) -> Iterator[Finding]:
    mode = context.settings["date-arxiv"]
    if mode == "off":
        return
    tolerance = context.settings["date-arxiv-tolerance"]
    max_lag = context.settings["date-arxiv-max-lag"] if mode == "within" else None
    found = conventions(document, context)
    if not found.tables:
        return
    from awesome_lint.arxiv import id_year_month  # here: loading the rule needs no tables

    suspect = _suspect_links(found.duplicates, context)
    for spec in found.paper_tables():
        if spec.dates is None:
            continue
        # A list that dates rows by their arXiv month errs by a year, not by a month.
        year_off = _YEAR_OFF if spec.dates.arxiv_month else None
        limits = _Limits(tolerance, max_lag if max_lag is not None else year_off)
        typos = _typos(spec.order)
        for cell in spec.dates.cells:
            ids = found.rows[cell.row].ids
            if cell.row in suspect:
                continue  # its link is the one to check, not its date
            if cell.date is not None and ids and not (cell.row in typos and context.runs("DAT002")):
                months = (
                    [(id_year_month(ids[0]), ids[0])]  # most rows: one paper
                    if len(ids) == 1
                    else sorted((id_year_month(paper_id), paper_id) for paper_id in ids)
                )
                venue = spec.venue_cell(cell.row) if spec.venue is not None else None
                finding = _mismatch(cell, cell.date, months, limits, venue)
                if finding is not None:
                    yield finding


def _names_year(venue: Cell | None, year: int) -> bool:
    from awesome_lint.conventions.venue import names_year

    return venue is not None and names_year(venue, year)


def _typos(order: OrderSpec | None) -> set[Row]:
    """The rows whose dates DAT002 already blames as typos: those it names one by one,
    not those only its habit's one warning covers."""
    if order is None:
        return set()
    return {
        misplaced.placed.row
        for misplaced in order.misplaced
        if misplaced.likely is not None and not order.habitual(misplaced)
    }


def _suspect_links(duplicates: Mapping[Row, Duplicate], context: Context) -> set[Row]:
    """The rows a duplicate rule that runs says may link the wrong paper: their dates are
    not to be corrected from that link."""
    from awesome_lint.conventions.duplicates import OWNERS, Kind

    # What these pairs say of the blamed row: its link may be another paper's.
    wrong_link = {Kind.SAME_PAPER, Kind.MIXED_UP, Kind.SWAPPED, Kind.COPY_PASTE}
    running = [code for code, _aspect in OWNERS if context.runs(code)]
    suspect: set[Row] = set()
    for found in duplicates.values():
        if found.kind in wrong_link and found.owner(running) is not None:
            suspect.add(found.blamed.row)
            if found.kind is Kind.SWAPPED:
                suspect.add(found.other.row)
    return suspect


class _Limits(NamedTuple):
    tolerance: int  # months a date may be before its arXiv ID
    max_lag: int | None  # months it may be after it (None: any)


def _mismatch(
    cell: DateCell,
    date: CellDate,
    months: list[tuple[tuple[int, int], str]],
    limits: _Limits,
    venue: Cell | None,
) -> Finding | None:
    """``months``: the row's arXiv IDs with their months, earliest first. A year-only date
    spans its year: it is early only if December is, late only if January is. A date the
    row's ``venue`` cell names the year of is never early: the paper was published first
    and put on arXiv later (``CIKM 2018``)."""
    (first_month, first_id), (last_month, last_id) = months[0], months[-1]
    early = months_between((date.year, date.month or _DECEMBER), first_month)
    if early > limits.tolerance and not _names_year(venue, date.year):
        return _finding(cell, early, "before", first_id, first_month)
    if limits.max_lag is not None:
        late = months_between(last_month, (date.year, date.month or 1))
        if late > limits.max_lag:
            return _finding(cell, late, "after", last_id, last_month)
    return None


def _finding(
    cell: DateCell, months: int, side: str, paper_id: str, month: tuple[int, int]
) -> Finding:
    year, number = month
    date = cell.date
    corrected = None if date is None else with_year_of(date, month) or with_lost_zero(date, month)
    likely = format_date(corrected, corrected.fmt) if corrected is not None else None
    return Finding.at(
        cell.cell,
        f"date {cell.text} is {months} month{'s' if months != 1 else ''} {side} "
        f"its arXiv ID {paper_id} "
        f"({year:04d}-{number:02d})" + (f"; probably {likely}" if likely else ""),
    )


RULE = Rule(
    code="DAT004",
    name="date-arxiv-mismatch",
    severity=Severity.WARNING,
    summary="A row's date is earlier (or much later) than the month of its arXiv ID.",
    check=check,
    options=(
        Option(
            "date-arxiv",
            "not-before",
            choice("not-before", "within", "off"),
            "not-before: flag dates earlier than the arXiv ID's month; within: also flag "
            "dates more than date-arxiv-max-lag months after it; off.",
        ),
        Option(
            "date-arxiv-tolerance",
            1,
            integer(0),
            "Months a date may be earlier than its arXiv ID's month.",
        ),
        Option(
            "date-arxiv-max-lag",
            12,
            integer(0),
            "With date-arxiv: within, months a date may be later than its arXiv ID's month.",
        ),
    ),
)
