"""The order of a table's rows: by which key (date or arXiv ID), in which direction, and
which rows are out of it.

Each candidate order is measured by a longest non-decreasing subsequence of the row keys
(patience sorting, O(n log n)): the rows outside it are the fewest to move. The order
that moves fewest rows is the table's (ties: date before arXiv ID, newest first before
oldest first). A table generated from arXiv is often sorted by arXiv ID while its date
column holds the last update: then it is ordered by ID. Dates are compared at the
coarsest precision the column uses on purpose; coarser dates cannot be placed. A row
that repeats another is left out of the order (it is to be deleted, not moved), but the
sort of the table moves it too.

A table follows a direction when the other direction would move at least twice as many
rows: a table in no order needs about as many moves either way. A table that follows no
order was never sorted: a long one gets one finding, a short one none. Otherwise each
misplaced row is named with the row it belongs next to, unless the order is by a column
of years and the row's arXiv ID is in order with those around it (the year is its
venue's). A table without a date column, or whose rows are numbered (1, 2, 3, ... in the
first column), is held to no order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from itertools import pairwise
from typing import NamedTuple

from awesome_lint.arxiv import id_year_month
from awesome_lint.conventions import ARXIV, DATE, LABELS, NEWEST_FIRST, OLDEST_FIRST
from awesome_lint.conventions.datecol import DateSpec
from awesome_lint.conventions.rowfacts import RowFacts
from awesome_lint.dates import (
    CellDate,
    Precision,
    format_date,
    formats_written,
    with_month_of,
    with_year_of,
)
from awesome_lint.links import Link
from awesome_lint.model import Cell, Role, Row

# A table of at least this many placed rows ...
_LONG_TABLE = 10
# ... with more than a fifth of them out of place was never sorted.
_UNSORTED_SHARE = 5
# An order by arXiv ID needs an ID on this share (in tenths) of the rows.
_ARXIV_SHARE = 8
# A table follows a direction when the other one moves at least this many times more rows,
_CONTRAST = 2
# or when at most this share (a tenth) of its rows is out of place,
_FEW_SHARE = 10
# or when this many rows at most are out of place and at least this many show the order.
_FEW_ADDED = 2
_SHOWN_ORDER = 3
# A row out of place by its year is in place by its paper when its arXiv ID is in order
# with those of the nearest rows (within this many) around it.
_NEAR_ROWS = 3
# A table without dates is sorted by arXiv ID when this many rows at least are all in order.
_ID_ONLY_ROWS = 5
# A list keeps its rows only roughly in order when at least this many of its rows, and
# more than this share (a twentieth) of them, are out of place ...
_LOOSE_ROWS = 5
_LOOSE_SHARE = 20
# ... and then a row a few months out of place is its habit: one by more than this many
# months, and by more than twice as many as the list's usual, is misplaced.
_LOOSE_MONTHS = 6
# A list with this many rows out of order within their month orders its rows by month.
_WITHIN_MONTH_ROWS = 3


class Placed(NamedTuple):
    """A row with a key to sort by."""

    row: Row
    anchor: Cell | Link  # the date cell or the arXiv link, for findings
    label: str  # the key as the table writes it
    key: int  # ascending
    repeat: bool = False  # the row repeats another: sorted with the others, never "misplaced"


class Misplaced(NamedTuple):
    placed: Placed
    neighbour: Placed  # a row in order that it belongs next to
    side: str  # "before" or "after" the neighbour
    likely: str | None  # the date it probably meant (a typo of the year)
    months_off: int  # how far its key is from those of the rows around it
    likely_from_arxiv: bool = False  # ``likely`` has the year of the row's arXiv ID


class OrderSpec(NamedTuple):
    key: str  # DATE or ARXIV
    direction: str
    groups: tuple[tuple[Placed, ...], ...]  # rows in order among themselves, as listed
    moved: int  # rows out of place
    placed: int  # rows with a place in the order (repeated rows aside)
    # The table follows this order, maybe with a few rows out of place; else it was never
    # sorted (and ``misplaced`` is empty).
    is_sorted: bool = True
    misplaced: tuple[Misplaced, ...] = ()
    # The list keeps its rows only roughly in order: rows this many months out of place,
    # or fewer, are its habit (0: within their month; None: no habit; see ``loose_slack``).
    slack: int | None = None

    def habitual(self, misplaced: Misplaced) -> bool:
        """A row out of place by no more than the list's habit (in a list that has one)."""
        return self.slack is not None and misplaced.months_off <= self.slack

    @property
    def sortable(self) -> int:
        """Rows the order can sort, repeated rows included."""
        return sum(len(group) for group in self.groups)

    @property
    def is_long(self) -> bool:
        return self.placed >= _LONG_TABLE

    def describe(self) -> str:
        return f"by {self.key}, {LABELS[self.direction]}"


_Measured = tuple[OrderSpec, list[list[int]]]


class Evidence(NamedTuple):
    """How much a table follows its best direction: rows out of place that way and the
    other way, and rows placed."""

    moved: int
    other: int
    placed: int

    @property
    def is_sorted(self) -> bool:
        """Ordered, maybe with a few rows out of place. A table in no order needs about as
        many moves either way; one in order far fewer its way (unless many keys are equal,
        and then hardly any), and a short one with a row or two added shows the order of
        the others."""
        return (
            self.moved * _CONTRAST <= self.other
            or self.moved * _FEW_SHARE <= self.placed
            or (
                self.moved <= _FEW_ADDED
                and self.placed - self.moved >= _SHOWN_ORDER
                and self.other > self.moved  # rows of one date show no direction
            )
        )


class Candidate(NamedTuple):
    """The order a table's rows fit best, before the table is judged sorted or not."""

    measured: _Measured
    evidence: Evidence | None  # None: the direction is configured, not inferred


def measure_order(
    rows: list[Row],
    roles: Mapping[Role, int],
    dates: DateSpec | None,
    facts: Mapping[Row, RowFacts],
    setting: str,
    repeats: Collection[Row],
) -> Candidate | None:
    """The order that fits the table's rows best, or None (``date-order: off``, or no date
    column and no order by arXiv ID). A table sorted by arXiv ID (at most a fifth of its
    rows out of place: most IDs of a short table in no order rise by chance) is ordered
    that way, where its date column (often an update date) is not, or where it has none
    and every row is in ID order (lists sorted by venue year come close to ID order: close
    is not enough)."""
    if setting == "off" or (setting == "auto" and numbering(rows) is not None):
        return None
    # Rows placed by their arXiv ID are built only when that order is looked at: a table
    # in date order never needs them.
    with_id = sum(1 for row in rows if len(facts[row].ids) == 1)
    has_ids = with_id * 10 >= len(rows) * _ARXIV_SHARE and with_id >= _SHOWN_ORDER
    if dates is None:
        if setting != "auto" or not has_ids:
            return None
        by_id = _by_arxiv_id(rows, facts, repeats)
        by_arxiv, arxiv_evidence = _best(ARXIV, by_id, roles)
        in_order = not arxiv_evidence.moved and len(by_id) >= _ID_ONLY_ROWS
        return Candidate(by_arxiv, arxiv_evidence) if in_order else None
    by_date = _by_date(dates, repeats)
    if setting != "auto":
        return Candidate(_order(DATE, setting, by_date, roles), None)
    best, evidence = _best(DATE, by_date, roles)
    if has_ids and evidence.moved:
        by_arxiv, arxiv_evidence = _best(ARXIV, _by_arxiv_id(rows, facts, repeats), roles)
        if (
            arxiv_evidence.is_sorted
            and arxiv_evidence.moved * _UNSORTED_SHARE <= arxiv_evidence.placed
            and arxiv_evidence.moved < evidence.moved
        ):
            return Candidate(by_arxiv, arxiv_evidence)
    return Candidate(best, evidence)


def numbering(rows: list[Row]) -> int | None:
    """1 or -1 when the rows are numbered in their first column (1, 2, 3, ... or counting
    down): they are in the order of their numbers, whatever their dates (a list numbered
    as entries are added; sorting it would break the numbering). None otherwise."""
    if len(rows) < _SHOWN_ORDER:
        return None
    numbers = []
    for row in rows:
        text = row.cells[0].plain.rstrip(".") if row.cells else ""
        if not text.isdigit():
            return None
        numbers.append(int(text))
    step = numbers[1] - numbers[0]
    if step in (1, -1) and all(b - a == step for a, b in pairwise(numbers)):
        return step
    return None


def decide_order(
    candidate: Candidate,
    list_unsorted: bool,
    dates: DateSpec | None,
    facts: Mapping[Row, RowFacts],
) -> OrderSpec:
    """The table's order, judged sorted or not, and the rows out of place in a sorted one.
    A short section of a list whose long sections are in no order is in none either
    (``list_unsorted``): a few rows alone can seem ordered by chance."""
    spec, kept = candidate.measured
    own = candidate.evidence
    if own is None:  # the direction is configured: the table is to follow it
        is_sorted = not (spec.is_long and spec.moved * _UNSORTED_SHARE > spec.placed)
    else:
        is_sorted = own.is_sorted and (spec.is_long or not list_unsorted)
    if not is_sorted or not spec.moved:
        return spec._replace(is_sorted=is_sorted)
    typo = _TypoCheck(dates, facts) if spec.key == DATE and dates is not None else None
    by_year = spec.key == DATE and dates is not None and dates.order_precision is Precision.YEAR
    misplaced = tuple(
        found
        for group, group_kept in zip(spec.groups, kept, strict=True)
        for index, found in _misplaced(group, group_kept, spec, typo)
        if not (by_year and _in_paper_order(group, index, spec.direction, facts))
    )
    return spec._replace(misplaced=misplaced)


def _in_paper_order(
    group: tuple[Placed, ...], index: int, direction: str, facts: Mapping[Row, RowFacts]
) -> bool:
    """Whether a row out of place by its year has its arXiv ID in order between those of
    the nearest rows above and below (within a few rows) that have one: its year is its
    venue's (a paper of 2022 published in 2023) in a table that runs by its papers' dates,
    and the row is in place."""

    def paper(position: int) -> str | None:
        ids = facts[group[position].row].ids
        return ids[0] if len(ids) == 1 else None

    own = paper(index)
    near_above = range(index - 1, max(index - 1 - _NEAR_ROWS, -1), -1)
    near_below = range(index + 1, min(index + 1 + _NEAR_ROWS, len(group)))
    above = next(filter(None, map(paper, near_above)), None)
    below = next(filter(None, map(paper, near_below)), None)
    if own is None or above is None or below is None:
        return False
    ordinals = [arxiv_ordinal(paper_id) for paper_id in (above, own, below)]
    return ordinals == sorted(ordinals, reverse=direction == NEWEST_FIRST)


def _best(key: str, placed: list[Placed], roles: Mapping[Role, int]) -> tuple[_Measured, Evidence]:
    """The direction that moves fewer rows (ties: newest first), with its evidence."""
    newest = _order(key, NEWEST_FIRST, placed, roles)
    oldest = _order(key, OLDEST_FIRST, placed, roles)
    best, other = (newest, oldest) if newest[0].moved <= oldest[0].moved else (oldest, newest)
    return best, Evidence(best[0].moved, other[0].moved, best[0].placed)


def _by_date(dates: DateSpec, repeats: Collection[Row]) -> list[Placed]:
    precision = dates.order_precision
    # The key of each distinct date (a column repeats its dates), of those precise enough.
    ordinals = {
        date: _date_ordinal(date.key(precision))
        for date in {cell.date for cell in dates.cells}
        if date is not None and date.precision >= precision
    }
    return [
        Placed(cell.row, cell.cell, cell.text, ordinals[cell.date], cell.row in repeats)
        for cell in dates.cells
        if cell.date in ordinals
    ]


def _date_ordinal(key: tuple[int, ...]) -> int:
    year, month, day = (*key, 0, 0)[:3]
    return (year * 100 + month) * 100 + day


def _by_arxiv_id(
    rows: list[Row], facts: Mapping[Row, RowFacts], repeats: Collection[Row]
) -> list[Placed]:
    placed = []
    for row in rows:
        row_facts = facts[row]
        if len(row_facts.ids) == 1:  # one paper: its first link anchors the row
            (paper_id,) = row_facts.ids
            arxiv = row_facts.arxiv
            link = (
                arxiv[0][0]  # the usual row: one link
                if len(arxiv) == 1
                else next(link for link, found in arxiv if found.paper_id == paper_id)
            )
            placed.append(Placed(row, link, paper_id, arxiv_ordinal(paper_id), row in repeats))
    return placed


def arxiv_ordinal(paper_id: str) -> int:
    """IDs in the order arXiv numbered them."""
    year, month = id_year_month(paper_id)
    number = int(paper_id.rpartition(".")[2] if "." in paper_id else paper_id[-3:])
    return (year * 100 + month) * 100_000 + number


def _order(key: str, direction: str, placed: list[Placed], roles: Mapping[Role, int]) -> _Measured:
    groups = _groups(placed, roles)
    sign = -1 if direction == NEWEST_FIRST else 1
    kept, moved, counted_rows = [], 0, 0
    for group in groups:
        counted = [index for index, item in enumerate(group) if not item.repeat]
        longest = longest_non_decreasing([sign * group[index].key for index in counted])
        kept.append([counted[index] for index in longest])
        moved += len(counted) - len(longest)
        counted_rows += len(counted)
    spec = OrderSpec(key, direction, tuple(tuple(group) for group in groups), moved, counted_rows)
    return spec, kept


def _groups(placed: list[Placed], roles: Mapping[Role, int]) -> list[list[Placed]]:
    """The rows, split where a leading category column changes value.

    A table may be grouped by a first column without a role ("Attack Types": TTS, TTS,
    ..., Replay, ...) and ordered within each group. It is, when each value of that
    column forms one block and there are at most half as many blocks as rows.
    """
    if 0 in roles.values():
        return [placed]
    blocks: list[list[Placed]] = []
    for item in placed:
        if blocks and _category(blocks[-1][-1]) == _category(item):
            blocks[-1].append(item)
        else:
            blocks.append([item])
    distinct = {_category(block[0]) for block in blocks}
    if len(distinct) < len(blocks) or len(blocks) * 2 > len(placed):
        return [placed]
    return blocks


def _category(item: Placed) -> str:
    return item.row.cells[0].plain if item.row.cells else ""


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


def _misplaced(
    group: tuple[Placed, ...], kept: list[int], spec: OrderSpec, typo: _TypoCheck | None
) -> list[tuple[int, Misplaced]]:
    """Each row outside the kept subsequence (with its index in the group), with a kept
    row it belongs next to."""
    sign = -1 if spec.direction == NEWEST_FIRST else 1
    kept_keys = [sign * group[index].key for index in kept]
    kept_set = set(kept)
    found = []
    above = 0  # kept rows above the current one
    for index, item in enumerate(group):
        if index in kept_set:
            above += 1
            continue
        if item.repeat:
            continue
        key = sign * item.key
        first_slot = bisect_left(kept_keys, key)
        if above < first_slot:
            neighbour, side = group[kept[first_slot - 1]], "after"
        else:
            neighbour, side = group[kept[bisect_right(kept_keys, key)]], "before"
        bounds = _bounds(kept_keys, above)
        likely = typo.likely(item.row, sign, bounds) if typo else None
        off = _months_off(key, bounds, spec.key)
        meant, from_arxiv = likely if likely is not None else (None, False)
        found.append((index, Misplaced(item, neighbour, side, meant, off, from_arxiv)))
    return found


def _months_off(key: int, bounds: tuple[int | None, int | None], order_key: str) -> int:
    """Months between a key (in the order's direction) and the nearer bound it is beyond."""
    low, high = bounds
    bound = low if low is not None and key < low else high
    if bound is None:
        return 0
    return abs(_months(abs(key), order_key) - _months(abs(bound), order_key))


def _months(key: int, order_key: str) -> int:
    """A key (``_date_ordinal`` or ``arxiv_ordinal``) as a count of months."""
    year, month = divmod(key // (100 if order_key == DATE else 100_000), 100)
    return year * 12 + month


def loose_slack(orders: list[OrderSpec]) -> int | None:
    """How many months out of place a list's rows are as a habit (None: it keeps its
    order), from its sorted tables: a list with many rows a few months out of place keeps
    its order only roughly, and only a row much further out than those is misplaced; a
    list with several rows out of order within their month orders its rows by month."""
    moved = sum(order.moved for order in orders if order.is_sorted)
    placed = sum(order.placed for order in orders if order.is_sorted)
    offs = sorted(found.months_off for order in orders for found in order.misplaced)
    if moved >= _LOOSE_ROWS and moved * _LOOSE_SHARE > placed:
        return max(_LOOSE_MONTHS, 2 * offs[len(offs) // 2])
    return 0 if offs.count(0) >= _WITHIN_MONTH_ROWS else None


def _bounds(kept_keys: list[int], above: int) -> tuple[int | None, int | None]:
    """The keys (in the order's direction) of the kept rows around a row's position."""
    low = kept_keys[above - 1] if above else None
    high = kept_keys[above] if above < len(kept_keys) else None
    return low, high


class _TypoCheck:
    """A misplaced row whose date would be in place with another year: the year is
    probably a typo. The year of the row's arXiv ID when its month is the ID's (within
    one), or else the ID's month for a date without a day; for a row without arXiv ID
    between rows in place, another year of the rows around it, when only one of them
    would be in place ("March 2023" between two rows of March 2025)."""

    def __init__(self, dates: DateSpec, facts: Mapping[Row, RowFacts]) -> None:
        self.cells = {cell.row: cell for cell in dates.cells}
        self.formats = dates.formats
        self.precision = dates.order_precision
        self.facts = facts

    def likely(
        self, row: Row, sign: int, bounds: tuple[int | None, int | None]
    ) -> tuple[str, bool] | None:
        """The date the row probably meant, in its own format, and whether its arXiv ID
        says so; or None."""
        cell, ids = self.cells.get(row), self.facts[row].ids
        if cell is None or cell.date is None or len(ids) > 1:
            return None
        date, (low, high) = cell.date, bounds
        if ids:
            paper = id_year_month(ids[0])
            corrected = with_year_of(date, paper) or with_month_of(date, paper)
            candidates = [corrected] if corrected is not None else []
        elif low is not None and high is not None:  # at an end, any year would do
            first, last = sorted((abs(low) // 10_000, abs(high) // 10_000))  # their years
            candidates = [date._replace(year=y) for y in range(first, last + 1) if y != date.year]
        else:
            return None
        fitting = [c for c in candidates if self._in_place(c, sign, bounds)]
        if len(fitting) != 1:
            return None
        written = format_date(fitting[0], self._form_of(date))
        return None if written is None else (written, bool(ids))

    def _form_of(self, date: CellDate) -> str:
        """The template the row wrote ``date`` in: the column's own when the text reads
        as it too ("May 2025" is ``Month YYYY`` and ``Mon YYYY``), else its own."""
        column = self.formats.get(date.precision)
        return column if column is not None and column in formats_written(date) else date.fmt

    def _in_place(self, date: CellDate, sign: int, bounds: tuple[int | None, int | None]) -> bool:
        key = sign * _date_ordinal(date.key(self.precision))
        low, high = bounds
        return (low is None or key >= low) and (high is None or key <= high)
