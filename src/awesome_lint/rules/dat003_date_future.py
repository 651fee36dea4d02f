"""DAT003 date-future: a date after the current month."""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.dates import CellDate, compare
from awesome_lint.model import Document
from awesome_lint.rule import Context, Finding, Rule, Severity
from awesome_lint.rules.paper_dates import date_columns


def check(document: Document, context: Context) -> Iterator[Finding]:
    today = context.today
    this_month = CellDate(today.year, today.month, None, "YYYY-MM")
    for column in date_columns(document, context):
        for cell in column.cells:
            if cell.date is not None and compare(cell.date, this_month) > 0:
                yield Finding.at(
                    cell.cell,
                    f"date {cell.cell.plain} is in the future (today is {today.isoformat()})",
                )


RULE = Rule(
    code="DAT003",
    name="date-future",
    severity=Severity.ERROR,
    summary="A date is after the current month.",
    check=check,
)
