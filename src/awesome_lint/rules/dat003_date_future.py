"""DAT003 date-future: a date after the current month."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.conventions import conventions
from awesome_lint.dates import CellDate, compare
from awesome_lint.model import Document
from awesome_lint.rule import Context, Finding, Rule, Severity


def check(document: Document, context: Context) -> Iterator[Finding]:
    today = context.today
    this_month = CellDate(today.year, today.month, None, "YYYY-MM")
    for spec in conventions(document, context).paper_tables():
        for cell in spec.dates.cells if spec.dates else ():
            date = cell.date  # an earlier year is never after this month: most dates
            if date is not None and date.year >= today.year and compare(date, this_month) > 0:
                yield Finding.at(
                    cell.cell,
                    f"date {cell.text} is in the future (today is {today.isoformat()})",
                )


RULE = Rule(
    code="DAT003",
    name="date-future",
    severity=Severity.ERROR,
    summary="A date is after the current month.",
    check=check,
)
