"""Parse, render and compare the dates written in the date columns of awesome-list tables.

A date format is named by a template of tokens: ``YYYY`` (year), ``YY`` (20YY), ``MM`` /
``M`` (month with / without zero padding), ``DD`` / ``D`` (day), ``Month`` (``February``),
``Mon`` (``Feb``), and literal separators: ``YYYY-MM``, ``YYYY.M``, ``MM/YYYY``,
``D/M/YYYY``, ``M/DD/YY``, ``Mon D, YYYY``, ``DD Mon YYYY``, ``Month, YYYY``,
``YYYY年M月D日``. A parsed date remembers the template it was written in (``fmt``).

Forms read (surrounding whitespace ignored; anything else around the date makes the
text not a date, callers strip decorations first):

* numeric, year first: ``2024``, ``2024-02``, ``2024.2``, ``2024/2/7``, ``2024-02-07``;
* ``YY.MM`` (``24.02`` is February 2024; ``NN.NN`` is never DD.MM or MM.YY here), and
  ``YY-MM`` when the year cannot be a month (``23-10``; ``10-23`` may be October 2023);
* month and year: ``02/2024``, ``2/2024``, ``02-2024``;
* day, month and year, year last (``18/9/2023``, ``9/04/24``): the order of day and
  month is taken from ``day_first``, else from a field above 12, else month first;
* named months, English, any case, with a day before or after: ``Feb 2024``,
  ``Feb. 2024``, ``Nov., 2023``, ``February, 2024``, ``Jun 1, 2026``, ``Jan 18 2024``,
  ``5 June 2024``; ``Sept`` counts as the abbreviation ``Sep``;
* ``2024年3月``, ``2024年3月5日``.

Years are 1900-2099; months 1-12; days must exist (leap years included). All separators
of a date are the same. A two-digit month or day (``12``) reads the same padded or not,
so such a date is written in both variants (:func:`formats_written`); "May" is both a
full name and an abbreviation. Rendering uses English names and ``Sep``.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple


class Precision(enum.IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class CellDate(NamedTuple):
    """A date read from a table cell, with the template it was written in."""

    year: int
    month: int | None
    day: int | None
    fmt: str

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def key(self, precision: Precision) -> tuple[int, ...]:
        """The date as a sortable tuple, truncated to ``precision`` (or to its own, if coarser)."""
        if precision >= Precision.DAY and self.month is not None and self.day is not None:
            return (self.year, self.month, self.day)
        if precision >= Precision.MONTH and self.month is not None:
            return (self.year, self.month)
        return (self.year,)

    def truncated(self, precision: Precision) -> tuple[int, int | None, int | None]:
        """(year, month, day) without the parts finer than ``precision``."""
        month = self.month if precision >= Precision.MONTH else None
        day = self.day if precision >= Precision.DAY else None
        return self.year, month, day


# Formats documented for the `date-format` option; any well-formed template is accepted.
FORMATS: tuple[str, ...] = (
    "YYYY-MM",
    "YYYY-MM-DD",
    "YYYY/MM",
    "YYYY/MM/DD",
    "YYYY.MM",
    "YYYY.MM.DD",
    "YYYY.M",
    "YY.MM",
    "MM/YYYY",
    "DD/MM/YYYY",
    "MM/DD/YYYY",
    "M/D/YY",
    "YYYY",
    "Month YYYY",
    "Month, YYYY",
    "Mon YYYY",
    "Mon. YYYY",
    "Mon, YYYY",
    "Mon., YYYY",
    "Mon D, YYYY",
    "Mon DD YYYY",
    "DD Mon YYYY",
    "YYYY年M月",
)

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBREVIATIONS = tuple(name[:3] for name in _MONTH_NAMES)
_FULL = {name.lower(): month for month, name in enumerate(_MONTH_NAMES, start=1)}
_ABBREVIATED = {abbr.lower(): month for month, abbr in enumerate(_MONTH_ABBREVIATIONS, 1)}
_ABBREVIATED["sept"] = 9
_MAY = 5
_YY_CENTURY = 2000
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_YEAR = r"(?:19|20)\d\d"
_NUMERIC = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,4})(?:(?P=sep)(?P<c>\d{1,4}))?", re.ASCII
)
_ONLY_YEAR = re.compile(_YEAR, re.ASCII)
# A year whose month (and day) are marked unknown: "2023.xx", "2024-??".
_UNKNOWN_MONTH = re.compile(
    rf"(?P<year>{_YEAR})(?P<sep>[-/.])(?:xx?|XX?|\?\??)(?:(?P=sep)(?:xx?|XX?|\?\??))?", re.ASCII
)
_NAMED = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+)?(?P<word>[A-Za-z]{3,9})(?P<dot>\.)?"
    rf"(?:\s+(?P<d2>\d{{1,2}}))?(?P<comma>,)?\s+(?P<year>{_YEAR})",
    re.ASCII,
)
_CJK = re.compile(
    rf"(?P<year>{_YEAR})年(?:(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})日)?)?", re.ASCII
)
_TOKEN = re.compile(r"YYYY|YY|Month|Mon|MM|DD|M|D")


def _days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def _on_calendar(year: int, month: int | None, day: int | None) -> bool:
    if not 1900 <= year <= 2099:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= _days_in_month(year, month)


def _field(digits: str, token: str) -> str:
    """``MM`` for a zero-padded (two-digit) field, ``M`` for one digit."""
    return token * 2 if len(digits) == 2 else token


def _date(year: int, month: int | None, day: int | None, fmt: str) -> CellDate | None:
    return CellDate(year, month, day, fmt) if _on_calendar(year, month, day) else None


@lru_cache(maxsize=4096)  # many cells share their text ("2024-03"); CellDate is immutable
def parse_date(text: str, day_first: bool | None = None) -> CellDate | None:
    """Read a date; None when ``text`` is not a date in any form this module reads.

    ``day_first`` decides ``NN/NN/YYYY`` dates where both numbers could be the month:
    True reads day/month, False month/day, None decides by a number above 12 and
    otherwise reads month/day.
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        if _ONLY_YEAR.fullmatch(text):
            return CellDate(int(text), None, None, "YYYY")
        unknown = _UNKNOWN_MONTH.fullmatch(text)
        if unknown is not None:  # a date known to the year: the cell says so itself
            return CellDate(int(unknown["year"]), None, None, "YYYY")
        numeric = _NUMERIC.fullmatch(text)
        if numeric is not None:
            return _numeric(numeric, day_first)
        cjk = _CJK.fullmatch(text)
        if cjk is not None:
            return _cjk(cjk)
    named = _NAMED.fullmatch(text)
    return _named(named) if named is not None else None


def _numeric(match: re.Match[str], day_first: bool | None) -> CellDate | None:
    a, sep, b, c = match["a"], match["sep"], match["b"], match["c"]
    if len(a) == 4 and len(b) <= 2 and (c is None or len(c) <= 2):
        fmt = f"YYYY{sep}{_field(b, 'M')}" + (f"{sep}{_field(c, 'D')}" if c else "")
        return _date(int(a), int(b), int(c) if c else None, fmt)
    if c is None and len(a) <= 2 and len(b) == 4:
        return _date(int(b), int(a), None, f"{_field(a, 'M')}{sep}YYYY")
    if c is None and len(a) == 2 and len(b) <= 2 and _is_short_year(a, sep):
        return _date(_YY_CENTURY + int(a), int(b), None, f"YY{sep}{_field(b, 'M')}")
    if c is not None and len(a) <= 2 and len(b) <= 2 and len(c) in (2, 4):
        return _year_last(a, b, c, sep, day_first)
    return None


def _is_short_year(digits: str, sep: str) -> bool:
    """``YY.MM`` (``23.10``); with a "-" only a year that cannot be a month (``23-10``, not
    ``10-23``, which may be October 2023). A "/" reads day/month (``23/10``): no year."""
    return sep == "." or (sep == "-" and int(digits) > 12)


def _year_last(a: str, b: str, c: str, sep: str, day_first: bool | None) -> CellDate | None:
    year = int(c) + (_YY_CENTURY if len(c) == 2 else 0)
    year_token = "YY" if len(c) == 2 else "YYYY"
    if day_first is None:
        day_first = int(a) > 12 >= int(b)
    if day_first:
        fmt = f"{_field(a, 'D')}{sep}{_field(b, 'M')}{sep}{year_token}"
        return _date(year, int(b), int(a), fmt)
    fmt = f"{_field(a, 'M')}{sep}{_field(b, 'D')}{sep}{year_token}"
    return _date(year, int(a), int(b), fmt)


def _named(match: re.Match[str]) -> CellDate | None:
    word = match["word"].lower()
    dot = match["dot"] or ""
    if word in _FULL and not (dot and word != "may"):
        month, name = _FULL[word], "Mon" if dot else "Month"
    elif word in _ABBREVIATED:
        month, name = _ABBREVIATED[word], "Mon"
    else:
        return None
    d1, d2 = match["d1"], match["d2"]
    if d1 and d2:
        return None
    before = f"{_field(d1, 'D')} " if d1 else ""
    after = f" {_field(d2, 'D')}" if d2 else ""
    fmt = f"{before}{name}{dot}{after}{match['comma'] or ''} YYYY"
    day = d1 or d2
    return _date(int(match["year"]), month, int(day) if day else None, fmt)


def _cjk(match: re.Match[str]) -> CellDate | None:
    month, day = match["month"], match["day"]
    fmt = (
        "YYYY年"
        + (f"{_field(month, 'M')}月" if month else "")
        + (f"{_field(day, 'D')}日" if day else "")
    )
    return _date(int(match["year"]), _int(month), _int(day), fmt)


def _int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def format_date(d: CellDate, fmt: str) -> str | None:
    """Render ``d`` in the template ``fmt``; None when ``fmt`` needs more precision than
    ``d`` has, or a YY year outside 2000-2099. Parts finer than ``fmt`` are dropped.
    Raises ValueError for a template that is not a date format."""
    precision = template_precision(fmt)
    if precision is None:
        raise ValueError(f"unknown date format {fmt!r}; for example {', '.join(FORMATS[:6])}")
    if precision > d.precision:
        return None
    if "YY" in fmt.replace("YYYY", "") and not _YY_CENTURY <= d.year < _YY_CENTURY + 100:
        return None
    return _TOKEN.sub(lambda token: _render(token[0], d), fmt)


def _render(token: str, d: CellDate) -> str:
    month, day = d.month or 0, d.day or 0
    values = {
        "YYYY": f"{d.year:04d}",
        "YY": f"{d.year - _YY_CENTURY:02d}",
        "MM": f"{month:02d}",
        "M": str(month),
        "DD": f"{day:02d}",
        "D": str(day),
        "Month": _MONTH_NAMES[month - 1] if month else "",
        "Mon": _MONTH_ABBREVIATIONS[month - 1] if month else "",
    }
    return values[token]


_SAMPLE = CellDate(2024, 1, 23, "YYYY-MM-DD")  # one-digit month, unambiguous day


def template_precision(fmt: str) -> Precision | None:
    """The precision of dates written in ``fmt``; None if ``fmt`` is not a date format
    this module reads back (``Mon DD, YY`` or ``DD.MM`` are not)."""
    return _TEMPLATES.get(fmt) if fmt in _TEMPLATES else _check_template(fmt)


_TEMPLATES: dict[str, Precision | None] = {}


def _check_template(fmt: str) -> Precision | None:
    tokens = _TOKEN.findall(fmt)
    precision = None
    if "YYYY" in tokens or "YY" in tokens:
        rendered = _TOKEN.sub(lambda token: _render(token[0], _SAMPLE), fmt)
        parsed = parse_date(rendered, day_first=_is_day_first(tokens))
        if parsed is not None and fmt in formats_written(parsed):
            precision = parsed.precision
    if len(_TEMPLATES) < 256:  # configured and parsed templates; a bound all the same
        _TEMPLATES[fmt] = precision
    return precision


def _is_day_first(tokens: list[str]) -> bool:
    days = [i for i, token in enumerate(tokens) if token in ("D", "DD")]
    months = [i for i, token in enumerate(tokens) if token in ("M", "MM")]
    return bool(days and months and days[0] < months[0])


def formats_written(d: CellDate) -> frozenset[str]:
    """Every template whose rendering of ``d`` reads as ``d`` was written: a month or
    day of two digits fits the padded and the unpadded template, "May" the full and the
    abbreviated name."""
    return _variants(*_written_key(d))


def _written_key(d: CellDate) -> tuple[str, bool, bool, bool]:
    """All that :func:`formats_written` depends on: few distinct values in a column."""
    wide_month = d.month is not None and d.month >= 10
    return d.fmt, wide_month, d.day is not None and d.day >= 10, d.month == _MAY


@lru_cache(maxsize=1024)
def _variants(fmt: str, wide_month: bool, wide_day: bool, may: bool) -> frozenset[str]:
    variants = {fmt}
    if wide_month:
        variants |= {each.replace("MM", "M") for each in variants if "MM" in each}
    if wide_day:
        variants |= {each.replace("DD", "D") for each in variants if "DD" in each}
    if may:
        variants |= {_twin(each) for each in variants if "Mon" in each and "Mon." not in each}
    return frozenset(variants)


def _twin(fmt: str) -> str:
    return fmt.replace("Month", "Mon") if "Month" in fmt else fmt.replace("Mon", "Month")


def matches_format(d: CellDate, fmt: str) -> bool:
    """True when ``d`` was written exactly as ``fmt`` renders it."""
    return fmt in formats_written(d)


def padding_note(fmt: str) -> str:
    """How ``fmt`` pads its numeric month and day, in words ("" when it has neither)."""
    tokens = _TOKEN.findall(fmt)
    fields = {
        name: padded in tokens
        for name, padded, bare in (("months", "MM", "M"), ("days", "DD", "D"))
        if padded in tokens or bare in tokens
    }
    if not fields:
        return ""
    if all(fields.values()):
        return "zero-padded"
    if not any(fields.values()):
        return "not zero-padded"
    padded = next(name for name, is_padded in fields.items() if is_padded)
    bare = next(name for name, is_padded in fields.items() if not is_padded)
    return f"{padded} zero-padded, {bare} not"


def is_padded(fmt: str) -> bool:
    """Whether ``fmt`` pads its numeric month (or, without one, its day) to two digits."""
    tokens = _TOKEN.findall(fmt)
    return "MM" in tokens or ("M" not in tokens and "DD" in tokens)


def dominant_format(dates: Iterable[CellDate] | Mapping[CellDate, int]) -> str | None:
    """The template most dates are written in: the most used way of writing them (order,
    separators, month names; ties to the one seen first), with zero padding as most of
    its dates that show it have it: a month (or day) below 10 shows whether the column
    pads it, a two-digit one does not (ties: padded). ``dates``: the dates, or how many
    times each is written."""
    # Each distinct date (a column writes few) is looked at once, in the order first seen.
    counted = Counter(dates)
    counts: Counter[str] = Counter()
    for d, count in counted.items():
        for structure in _structures(d):
            counts[structure] += count
    if not counts:
        return None
    order = {structure: index for index, structure in enumerate(counts)}
    best = max(counts, key=lambda structure: (counts[structure], -order[structure]))
    written = [(d, count) for d, count in counted.items() if best in _structures(d)]
    month = _pads("MM", ((d.fmt, n) for d, n in written if d.month is not None and d.month < 10))
    day = _pads("DD", ((d.fmt, n) for d, n in written if d.day is not None and d.day < 10))
    padding = {"M": "MM" if month else "M", "D": "DD" if day else "D"}
    return _TOKEN.sub(lambda token: padding.get(token[0], token[0]), best)


def _structures(d: CellDate) -> tuple[str, ...]:
    """How ``d`` is written, zero padding aside (``YYYY-M-D``, ``Mon D, YYYY``): as
    written first, then the ways it reads the same ("May" is also ``Mon``)."""
    return _structures_of(*_written_key(d))


@lru_cache(maxsize=1024)
def _structures_of(fmt: str, wide_month: bool, wide_day: bool, may: bool) -> tuple[str, ...]:
    written = sorted(_variants(fmt, wide_month, wide_day, may), key=lambda each: each != fmt)
    return tuple(dict.fromkeys(_TOKEN.sub(_unpadded, each) for each in written))


def _unpadded(token: re.Match[str]) -> str:
    return {"MM": "M", "DD": "D"}.get(token[0], token[0])


def _pads(token: str, formats: Iterable[tuple[str, int]]) -> bool:
    """Whether most of the dates (each format with its count) write ``token``."""
    votes: Counter[bool] = Counter()
    for fmt, count in formats:
        votes[token in _TOKEN.findall(fmt)] += count
    return votes[True] >= votes[False]


def compare(a: CellDate, b: CellDate) -> int:
    """-1, 0 or 1 as ``a`` is before, equal to or after ``b`` at the coarser precision."""
    precision = min(a.precision, b.precision)
    a_key, b_key = a.key(precision), b.key(precision)
    return (a_key > b_key) - (a_key < b_key)


def months_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    """``b - a`` in months, for (year, month) pairs."""
    (a_year, a_month), (b_year, b_month) = a, b
    return (b_year - a_year) * 12 + (b_month - a_month)


def with_year_of(date: CellDate, month: tuple[int, int]) -> CellDate | None:
    """``date`` with the year of ``month`` (a paper's ``(year, month)``), when only its
    year is off it (its month is within one of the paper's): a typo of the year."""
    year, number = month
    if date.month is None or date.year == year or abs(date.month - number) > 1:
        return None
    return CellDate(year, date.month, date.day, date.fmt)


def with_lost_zero(date: CellDate, month: tuple[int, int]) -> CellDate | None:
    """``date`` as October, when it is January written as a decimal number (``2022.1``,
    ``22.1``) in a paper's October: "2022.10" typed as a number loses its trailing zero."""
    if date.fmt not in ("YYYY.M", "YY.M") or date.month != 1 or month != (date.year, 10):
        return None
    return CellDate(date.year, 10, date.day, date.fmt)


def with_month_of(date: CellDate, month: tuple[int, int]) -> CellDate | None:
    """``date`` in the paper's ``(year, month)``, for a date written to the month (no day
    to keep) in another month: the month its arXiv ID gives."""
    if date.month is None or date.day is not None or (date.year, date.month) == month:
        return None
    return CellDate(*month, None, date.fmt)
