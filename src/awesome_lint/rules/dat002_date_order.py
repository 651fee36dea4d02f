"""DAT002 date-order: rows out of date order.

Per table, the direction (``date-order``; ``auto`` picks the one that moves fewer
rows, ties newest-first) is checked by a longest non-decreasing subsequence of the
row dates (patience sorting, O(n log n)); the rows outside it are the fewest rows
to move. Dates are compared at the column's usual precision: finer dates are
truncated to it, coarser ones cannot be placed and are skipped (DAT001 reports them).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from awesome_lint.model import Document, Row
from awesome_lint.options import choice
from awesome_lint.rule import Context, Edit, Finding, Fix, Option, Rule, Severity
from awesome_lint.rules.paper_dates import DateCell, DateColumn, date_columns

NEWEST_FIRST, OLDEST_FIRST = "newest-first", "oldest-first"
_LABELS = {NEWEST_FIRST: "newest first", OLDEST_FIRST: "oldest first"}
# More rows than this share out of place: the table is reported once, not row by row.
_ROW_BY_ROW_SHARE = 5


@dataclass(frozen=True, slots=True)
class _Run:
    """Dated rows that must be in order among themselves, with keys that must not decrease."""

    cells: list[DateCell]
    keys: list[int]
    kept: list[int]  # indexes into cells/keys of a longest ordered subsequence


@dataclass(frozen=True, slots=True)
class _Order:
    direction: str
    runs: list[_Run]

    @property
    def moved(self) -> int:
        return sum(len(run.cells) - len(run.kept) for run in self.runs)

    @property
    def dated(self) -> int:
        return sum(len(run.cells) for run in self.runs)


def check(document: Document, context: Context) -> Iterator[Finding]:
    setting = context.settings["date-order"]
    if setting == "off":
        return
    for column in date_columns(document, context):
        order = _best_order(column, setting)
        if not order.moved:
            continue
        fix = _sort_fix(column, order)
        if order.moved * _ROW_BY_ROW_SHARE > order.dated:
            message = f"not ordered by date: {order.moved} of {order.dated} rows out of place"
            yield Finding.at(column.table.header, message, fix=fix)
        else:
            # The fix re-sorts the whole table: it rides on the table's first finding only.
            misplaced = (finding for run in order.runs for finding in _misplaced(order, run))
            for number, finding in enumerate(misplaced):
                yield replace(finding, fix=fix) if number == 0 else finding


def _best_order(column: DateColumn, setting: str) -> _Order:
    precision = column.precision()
    groups = [
        [
            (cell, date)
            for cell in group
            if (date := cell.date) is not None and date.precision >= precision
        ]
        for group in _groups(column)
    ]
    ascending = [[_ordinal(date.key(precision)) for _, date in group] for group in groups]
    cells = [[cell for cell, _ in group] for group in groups]
    directions = (NEWEST_FIRST, OLDEST_FIRST) if setting == "auto" else (setting,)
    orders = [_order(direction, cells, ascending) for direction in directions]
    return min(orders, key=lambda order: order.moved)  # min keeps the first of equals


def _groups(column: DateColumn) -> list[list[DateCell]]:
    """The column's cells, split where a leading category column changes value.

    A table may be grouped by a first column without a role ("Attack Types": TTS, TTS,
    ..., Replay, ...) and ordered by date within each group. It is, when each value
    of that column forms one block and there are at most half as many blocks as rows.
    """
    cells = list(column.cells)
    if 0 in column.table.roles.values():
        return [cells]
    blocks: list[list[DateCell]] = []
    for cell in cells:
        if blocks and _category(blocks[-1][-1]) == _category(cell):
            blocks[-1].append(cell)
        else:
            blocks.append([cell])
    distinct = {_category(block[0]) for block in blocks}
    if len(distinct) < len(blocks) or len(blocks) * 2 > len(cells):
        return [cells]
    return blocks


def _category(cell: DateCell) -> str:
    return cell.row.cells[0].plain


def _ordinal(key: tuple[int, ...]) -> int:
    year, month, day = (*key, 0, 0)[:3]
    return (year * 100 + month) * 100 + day


def _order(direction: str, cells: list[list[DateCell]], ascending: list[list[int]]) -> _Order:
    runs = []
    for group, group_keys in zip(cells, ascending, strict=True):
        keys = [-key for key in group_keys] if direction == NEWEST_FIRST else group_keys
        runs.append(_Run(group, keys, longest_non_decreasing(keys)))
    return _Order(direction, runs)


def longest_non_decreasing(keys: list[int]) -> list[int]:
    """Indexes of a longest non-decreasing subsequence of ``keys``, in O(n log n)."""
    tails: list[int] = []  # smallest last key of an ordered subsequence of each length
    ends: list[int] = []  # index of that last key
    previous = [-1] * len(keys)
    for index, key in enumerate(keys):
        length = bisect_right(tails, key)
        previous[index] = ends[length - 1] if length else -1
        if length == len(tails):
            tails.append(key)
            ends.append(index)
        else:
            tails[length] = key
            ends[length] = index
    kept = []
    index = ends[-1] if ends else -1
    while index >= 0:
        kept.append(index)
        index = previous[index]
    return kept[::-1]


def _misplaced(order: _Order, run: _Run) -> Iterator[Finding]:
    """One finding per row outside the kept subsequence, naming where it belongs."""
    kept_keys = [run.keys[index] for index in run.kept]
    kept_set = set(run.kept)
    above = 0  # kept rows above the current one
    label = _LABELS[order.direction]
    for index, cell in enumerate(run.cells):
        if index in kept_set:
            above += 1
            continue
        key = run.keys[index]
        first_slot = bisect_left(kept_keys, key)
        if above < first_slot:
            neighbour, side = run.cells[run.kept[first_slot - 1]], "after"
        else:
            neighbour, side = run.cells[run.kept[bisect_right(kept_keys, key)]], "before"
        yield Finding.at(
            cell.cell,
            f"date {cell.cell.plain} is out of order ({label}): it belongs {side} "
            f"line {neighbour.row.line} ({neighbour.cell.plain})",
            related_line=neighbour.row.line,
        )


def _sort_fix(column: DateColumn, order: _Order) -> Fix | None:
    """A stable re-sort of the body rows (within each group), when every row has a date
    that can be placed."""
    rows = column.table.rows
    if order.dated != len(rows) or not _contiguous(rows):
        return None
    ordered = [
        run.cells[index].row
        for run in order.runs
        for index in sorted(range(len(run.cells)), key=run.keys.__getitem__)
    ]
    last = rows[-1]
    text = "\n".join(row.raw for row in ordered)
    edit = Edit(rows[0].line, 1, last.line, len(last.raw) + 1, text)
    return Fix((edit,), f"sort the table by date, {_LABELS[order.direction]}")


def _contiguous(rows: list[Row]) -> bool:
    return all(row.line == rows[0].line + offset for offset, row in enumerate(rows))


RULE = Rule(
    code="DAT002",
    name="date-order",
    severity=Severity.ERROR,
    summary="Table rows are not in date order (newest or oldest first).",
    check=check,
    fixable=True,
    options=(
        Option(
            "date-order",
            "auto",
            choice("auto", NEWEST_FIRST, OLDEST_FIRST, "off"),
            "Date order of table rows: auto (per table, the direction that moves fewer "
            "rows; ties newest-first), newest-first, oldest-first or off.",
        ),
    ),
)
