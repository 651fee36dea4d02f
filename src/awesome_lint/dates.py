"""Parse, render and compare the dates written in the date column of awesome-list tables.

Recognised formats (the names are the members of ``FORMATS``)::

    YYYY-MM  YYYY-MM-DD  YYYY/MM  YYYY/MM/DD  YYYY.MM  YYYY.MM.DD
    YY.MM  MM/YYYY  YYYY
    Month YYYY  Month, YYYY  Mon YYYY  Mon. YYYY  Mon, YYYY  Mon., YYYY

Parsing rules:

* Surrounding whitespace is ignored; anything else around the date (Markdown
  emphasis, HTML comments, venue names such as "CVPR 2023") makes the text not a
  date, so ``parse_date`` returns None.
* Years are 1900-2099. ``YY.MM`` always means 20YY (``24.02`` is February 2024).
* Months must be 1-12 and days must exist in that month (leap years included).
* Month and day may be written without zero padding (``2024-4-7``, ``2024/2``,
  ``24.2``, ``2/2024``). Such text parses to the same date with ``fmt`` set to the
  padded format and ``padded=False``. The year is never unpadded.
* A date's separators must all be the same: ``2024-02/07`` is not a date.
* Ambiguous numbers: ``NN/NNNN`` is MM/YYYY, ``NNNN/NN`` is YYYY/MM, and
  ``NN.NN`` is always YY.MM, never DD.MM or MM.YY.
* Month names are English and case-insensitive. Full names take an optional comma
  (``February 2024``, ``February, 2024``). Three-letter abbreviations take an
  optional period, comma or both (``Feb 2024``, ``Feb. 2024``, ``Feb, 2024``,
  ``Feb., 2024``). ``Sept`` is accepted as the abbreviation ``Sep`` and counts
  as correctly written. A full name with a period (``June. 2024``) and misspelled
  names are not dates.
* "May" is both a full name and its own abbreviation. ``May 2024`` and
  ``May, 2024`` parse with the full-name format (``Month YYYY``,
  ``Month, YYYY``), but ``matches_format`` and ``dominant_format`` also treat
  them as written in the matching abbreviated format (``Mon YYYY``, ``Mon, YYYY``).
  ``May. 2024`` can only be the abbreviated format.

Rendering always produces the padded form, English names and ``Sep`` (never ``Sept``).
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Precision(enum.IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True)
class CellDate:
    """A date read from a table cell, with the format it was written in."""

    year: int
    month: int | None
    day: int | None
    fmt: str
    padded: bool = True

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


class _FormatSpec(NamedTuple):
    template: str
    precision: Precision


_FORMAT_SPECS: dict[str, _FormatSpec] = {
    "YYYY-MM": _FormatSpec("{year:04d}-{month:02d}", Precision.MONTH),
    "YYYY-MM-DD": _FormatSpec("{year:04d}-{month:02d}-{day:02d}", Precision.DAY),
    "YYYY/MM": _FormatSpec("{year:04d}/{month:02d}", Precision.MONTH),
    "YYYY/MM/DD": _FormatSpec("{year:04d}/{month:02d}/{day:02d}", Precision.DAY),
    "YYYY.MM": _FormatSpec("{year:04d}.{month:02d}", Precision.MONTH),
    "YYYY.MM.DD": _FormatSpec("{year:04d}.{month:02d}.{day:02d}", Precision.DAY),
    "YY.MM": _FormatSpec("{short_year:02d}.{month:02d}", Precision.MONTH),
    "MM/YYYY": _FormatSpec("{month:02d}/{year:04d}", Precision.MONTH),
    "YYYY": _FormatSpec("{year:04d}", Precision.YEAR),
    "Month YYYY": _FormatSpec("{month_name} {year:04d}", Precision.MONTH),
    "Month, YYYY": _FormatSpec("{month_name}, {year:04d}", Precision.MONTH),
    "Mon YYYY": _FormatSpec("{month_abbr} {year:04d}", Precision.MONTH),
    "Mon. YYYY": _FormatSpec("{month_abbr}. {year:04d}", Precision.MONTH),
    "Mon, YYYY": _FormatSpec("{month_abbr}, {year:04d}", Precision.MONTH),
    "Mon., YYYY": _FormatSpec("{month_abbr}., {year:04d}", Precision.MONTH),
}

FORMATS: tuple[str, ...] = tuple(_FORMAT_SPECS)

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
_MONTH_ALIASES = {"sept": 9}
# Months whose full name is its own abbreviation (only May).
_SELF_ABBREVIATED_MONTHS = frozenset(
    month for month, name in enumerate(_MONTH_NAMES, start=1) if len(name) == 3
)

_YY_CENTURY = 2000
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_SEPARATOR_FORMATS: dict[str, tuple[str, str]] = {
    "-": ("YYYY-MM", "YYYY-MM-DD"),
    "/": ("YYYY/MM", "YYYY/MM/DD"),
    ".": ("YYYY.MM", "YYYY.MM.DD"),
}

_YEAR = r"(?:19|20)\d\d"
_NUMERIC_DATE = re.compile(
    rf"(?P<year>{_YEAR})"
    r"(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2}))?)?"
    rf"|(?P<mm_month>\d{{1,2}})/(?P<mm_year>{_YEAR})"
    r"|(?P<yy_year>\d\d)\.(?P<yy_month>\d{1,2})",
    re.ASCII,
)
_NAMED_DATE = re.compile(
    rf"(?P<word>[a-z]+)(?P<punct>\.,|\.|,)?\s+(?P<year>{_YEAR})",
    re.ASCII | re.IGNORECASE,
)

_FULL_NAME_FORMATS = {"": "Month YYYY", ",": "Month, YYYY"}
_ABBREVIATION_FORMATS = {
    "": "Mon YYYY",
    ".": "Mon. YYYY",
    ",": "Mon, YYYY",
    ".,": "Mon., YYYY",
}
# A full-name format and the abbreviated format that reads the same for "May".
_TWIN_FORMATS = {
    "Month YYYY": "Mon YYYY",
    "Mon YYYY": "Month YYYY",
    "Month, YYYY": "Mon, YYYY",
    "Mon, YYYY": "Month, YYYY",
}


def _build_month_words() -> dict[tuple[str, str], tuple[int, str]]:
    """Map (lower-case word, punctuation after it) to (month, format name)."""
    words: dict[tuple[str, str], tuple[int, str]] = {}
    for month, name in enumerate(_MONTH_NAMES, start=1):
        for punct, fmt in _FULL_NAME_FORMATS.items():
            words[(name.lower(), punct)] = (month, fmt)
    abbreviations = {abbr.lower(): month for month, abbr in enumerate(_MONTH_ABBREVIATIONS, 1)}
    for abbr, month in (abbreviations | _MONTH_ALIASES).items():
        for punct, fmt in _ABBREVIATION_FORMATS.items():
            words.setdefault((abbr, punct), (month, fmt))
    return words


_MONTH_WORDS = _build_month_words()


def _is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _is_valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= _days_in_month(year, month)


def _to_int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _is_padded(*fields: str | None) -> bool:
    return all(field is None or len(field) == 2 for field in fields)


def _checked_date(year: int, month: str | None, day: str | None, fmt: str) -> CellDate | None:
    """Build the date from its month and day digits, or None if it is not on the calendar."""
    month_number, day_number = _to_int(month), _to_int(day)
    if not _is_valid(year, month_number, day_number):
        return None
    return CellDate(year, month_number, day_number, fmt, _is_padded(month, day))


def _numeric_date(match: re.Match[str]) -> CellDate | None:
    if match["year"] is not None:
        month, day = match["month"], match["day"]
        if month is None:
            fmt = "YYYY"
        else:
            month_format, day_format = _SEPARATOR_FORMATS[match["sep"]]
            fmt = day_format if day is not None else month_format
        return _checked_date(int(match["year"]), month, day, fmt)
    if match["mm_year"] is not None:
        return _checked_date(int(match["mm_year"]), match["mm_month"], None, "MM/YYYY")
    year = _YY_CENTURY + int(match["yy_year"])
    return _checked_date(year, match["yy_month"], None, "YY.MM")


def _named_date(match: re.Match[str]) -> CellDate | None:
    month_and_format = _MONTH_WORDS.get((match["word"].lower(), match["punct"] or ""))
    if month_and_format is None:
        return None
    month, fmt = month_and_format
    return CellDate(int(match["year"]), month, None, fmt)


def parse_date(text: str) -> CellDate | None:
    """Read a date cell; None when the text is not a date in any recognised format."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        match = _NUMERIC_DATE.fullmatch(text)
        return _numeric_date(match) if match else None
    match = _NAMED_DATE.fullmatch(text)
    return _named_date(match) if match else None


def format_date(d: CellDate, fmt: str) -> str | None:
    """Render ``d`` padded in ``fmt``; None when ``fmt`` needs more precision than ``d`` has.

    Parts finer than ``fmt`` are dropped. Also None for a YY.MM rendering of a year
    outside 2000-2099. Raises ValueError for a name not in FORMATS.
    """
    spec = _FORMAT_SPECS.get(fmt)
    if spec is None:
        raise ValueError(f"unknown date format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if spec.precision > d.precision:
        return None
    if fmt == "YY.MM" and not _YY_CENTURY <= d.year < _YY_CENTURY + 100:
        return None
    fields: dict[str, object] = {
        "year": d.year,
        "short_year": d.year - _YY_CENTURY,
        "month": d.month,
        "day": d.day,
    }
    if d.month is not None:
        fields["month_name"] = _MONTH_NAMES[d.month - 1]
        fields["month_abbr"] = _MONTH_ABBREVIATIONS[d.month - 1]
    return spec.template.format_map(fields)


def _formats_written(d: CellDate) -> tuple[str, ...]:
    """The formats whose canonical text is exactly how ``d`` reads ("May 2024" has two)."""
    twin = _TWIN_FORMATS.get(d.fmt)
    if twin is not None and d.month in _SELF_ABBREVIATED_MONTHS:
        return (d.fmt, twin)
    return (d.fmt,)


def matches_format(d: CellDate, fmt: str) -> bool:
    """True when ``d`` was written exactly in ``fmt``: that format, zero-padded."""
    return d.padded and fmt in _formats_written(d)


def dominant_format(dates: Iterable[CellDate]) -> str | None:
    """The format most dates are written in (padded or not); ties go to the first seen."""
    counts: Counter[str] = Counter()
    for d in dates:
        counts.update(_formats_written(d))
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)


def compare(a: CellDate, b: CellDate) -> int:
    """-1, 0 or 1 as ``a`` is before, equal to or after ``b`` at the coarser precision."""
    precision = min(a.precision, b.precision)
    a_key, b_key = a.key(precision), b.key(precision)
    return (a_key > b_key) - (a_key < b_key)


def parse_format_name(text: str) -> str | None:
    """``text`` if it is a format name from FORMATS (case-sensitive), else None."""
    return text if text in _FORMAT_SPECS else None


def months_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    """``b - a`` in months, for (year, month) pairs."""
    (a_year, a_month), (b_year, b_month) = a, b
    return (b_year - a_year) * 12 + (b_month - a_month)
