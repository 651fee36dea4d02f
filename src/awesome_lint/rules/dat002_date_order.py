"""DAT002 date-order: rows out of the table's order.

The order is the table's own (``awesome_lint.conventions.order``): by date, or by arXiv
ID for a table sorted that way, newest or oldest first, whichever moves the fewest rows
(``date-order`` fixes the direction). Each row out of place is named with a row it
belongs next to (rows one after another that belong at the same place: one finding); a
date that would be in place in another year (its arXiv ID's, or for a row without one
another year of the rows around it), or in its arXiv ID's month (a date without a day),
is called a likely typo, and the table gets no sort fix. A long table
with many rows out of place was never sorted: it is reported once. In a list that keeps
its order only roughly, rows a few months out of place are its habit: one warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from awesome_lint.conventions import DATE, LABELS, NEWEST_FIRST, OLDEST_FIRST, conventions
from awesome_lint.options import choice
from awesome_lint.rule import Edit, Finding, Fix, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.conventions import OrderSpec, TableSpec
    from awesome_lint.conventions.order import Misplaced
    from awesome_lint.model import Document, Row
    from awesome_lint.rule import Context


def check(document: Document, context: Context) -> Iterator[Finding]:
    habits: list[tuple[OrderSpec, Misplaced]] = []
    habit_sorts: list[Edit] = []  # the sorts of the tables out of order only by habit
    for spec in conventions(document, context).paper_tables():
        order = spec.order
        if order is None or not order.moved:
            continue
        fix = _sort_fix(spec, order)
        if not order.is_sorted:
            # A short table in no order shows no convention to depart from; a long one was
            # never sorted: the table's convention, worth knowing but not wrong (info).
            if order.is_long:
                yield Finding.at(
                    spec.table.header, _unsorted(order), fix=fix, severity=Severity.INFO
                )
            continue
        misplaced = [found for found in order.misplaced if not order.habitual(found)]
        if any(found.likely is not None for found in misplaced):
            fix = None  # sorting would file a mistyped date under the wrong year
        habits.extend((order, found) for found in order.misplaced if order.habitual(found))
        if not misplaced and fix is not None:
            habit_sorts.extend(fix.edits)
        # The fix re-sorts the whole table: it rides on the table's first finding only.
        for number, block in enumerate(_blocks(misplaced)):
            finding = _finding(order, block)
            yield finding._replace(fix=fix) if number == 0 else finding
    if habits:
        yield _habit(habits, habit_sorts)


def _habit(habits: list[tuple[OrderSpec, Misplaced]], sorts: list[Edit]) -> Finding:
    """The rows a few months out of place in a list that keeps its order only roughly:
    its habit, one warning on the first of them, with the sort of the tables that have
    no other row out of place."""
    order, first = habits[0]
    tables = len({id(order) for order, _found in habits})
    furthest = max(found.months_off for _order, found in habits)
    rows = f"{len(habits)} rows" + (f" in {tables} tables" if tables > 1 else "")
    if furthest:
        habit = f"only roughly in order ({order.describe()}): {rows} are up to {furthest} "
        habit += f"month{'s' if furthest != 1 else ''} out of place"
    else:
        habit = f"in order by month only ({order.describe()}): {rows} are out of order "
        habit += "within their month"
    message = (
        f"the list keeps its rows {habit}, this one first (it belongs {first.side} line "
        f"{first.neighbour.row.line}); sort the tables (--fix) or set date-order: off"
    )
    fix = Fix(tuple(sorts), "sort the tables") if sorts else None
    finding = Finding.at(first.placed.anchor, message, fix=fix, severity=Severity.WARNING)
    return finding._replace(related_line=first.neighbour.row.line)


def _unsorted(order: OrderSpec) -> str:
    return (
        f"rows are not ordered by {order.key}: {order.moved} of {order.placed} would move even "
        f"sorted {LABELS[order.direction]}; sort the table (--fix) or set date-order: off"
    )


def _blocks(misplaced: list[Misplaced]) -> list[list[Misplaced]]:
    """The rows out of place, those one after another that belong at the same place
    together: a block pasted in the wrong place is one defect. A row whose date looks
    like a typo stays on its own."""
    blocks: list[list[Misplaced]] = []
    for found in misplaced:
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None
            and found.placed.row.line == last.placed.row.line + 1
            and (found.neighbour, found.side) == (last.neighbour, last.side)
            and found.likely is None is last.likely
        ):
            blocks[-1].append(found)
        else:
            blocks.append([found])
    return blocks


def _finding(order: OrderSpec, block: list[Misplaced]) -> Finding:
    misplaced = block[0]
    item, neighbour = misplaced.placed, misplaced.neighbour
    sorted_by = LABELS[order.direction] if order.key == DATE else order.describe()
    if len(block) > 1:
        keys = ", ".join(found.placed.label for found in block)
        lines = f"{item.row.line}–{block[-1].placed.row.line}"
        message = (
            f"rows {lines} ({keys}) are out of order ({sorted_by}): they belong "
            f"{misplaced.side} line {neighbour.row.line} ({neighbour.label})"
        )
        return Finding.at(item.anchor, message, related_line=neighbour.row.line)
    what = f"date {item.label}" if order.key == DATE else f"arXiv {item.label}"
    message = (
        f"{what} is out of order ({sorted_by}): it belongs {misplaced.side} "
        f"line {neighbour.row.line} ({neighbour.label})"
    )
    if misplaced.likely is not None:
        why = "the month of its arXiv ID" if misplaced.likely_from_arxiv else "in place here"
        message += f"; or its date is a typo for {misplaced.likely}, {why}"
    return Finding.at(item.anchor, message, related_line=neighbour.row.line)


def _sort_fix(spec: TableSpec, order: OrderSpec) -> Fix | None:
    """A stable re-sort of the body rows (within each group), when every row has a place."""
    rows = spec.table.rows
    if order.sortable != len(rows) or not _contiguous(rows):
        return None
    sign = -1 if order.direction == NEWEST_FIRST else 1
    ordered = [
        item.row for group in order.groups for item in sorted(group, key=lambda i: sign * i.key)
    ]
    last = rows[-1]
    text = "\n".join(row.raw for row in ordered)
    edit = Edit(rows[0].line, 1, last.line, len(last.raw) + 1, text)
    return Fix((edit,), f"sort the table {order.describe()}")


def _contiguous(rows: list[Row]) -> bool:
    return all(row.line == rows[0].line + offset for offset, row in enumerate(rows))


RULE = Rule(
    code="DAT002",
    name="date-order",
    severity=Severity.ERROR,
    summary="Rows are out of the table's order (by date or arXiv ID, newest or oldest first).",
    check=check,
    fixable=True,
    options=(
        Option(
            "date-order",
            "auto",
            choice("auto", NEWEST_FIRST, OLDEST_FIRST, "off"),
            "Row order: auto (per table, the order by date or arXiv ID, newest or oldest "
            "first, that moves fewest rows), newest-first, oldest-first (by date) or off.",
        ),
    ),
)
