from collections.abc import Callable

import pytest

from awesome_lint.dates import (
    FORMATS,
    CellDate,
    Precision,
    compare,
    dominant_format,
    format_date,
    matches_format,
    months_between,
    padding_note,
    parse_date,
    template_precision,
    with_lost_zero,
    with_month_of,
    with_year_of,
)

# text, year, month, day, the template it was written in
PARSED = [
    ("2024-02", 2024, 2, None, "YYYY-MM"),
    ("2024-2", 2024, 2, None, "YYYY-M"),
    ("2024-02-07", 2024, 2, 7, "YYYY-MM-DD"),
    ("2024-4-7", 2024, 4, 7, "YYYY-M-D"),
    ("2024-04-7", 2024, 4, 7, "YYYY-MM-D"),
    ("2024-4-17", 2024, 4, 17, "YYYY-M-DD"),
    ("2024/02", 2024, 2, None, "YYYY/MM"),
    ("2024/2", 2024, 2, None, "YYYY/M"),
    ("2024/02/07", 2024, 2, 7, "YYYY/MM/DD"),
    ("2024/2/7", 2024, 2, 7, "YYYY/M/D"),
    ("2024.02", 2024, 2, None, "YYYY.MM"),
    ("2026.3", 2026, 3, None, "YYYY.M"),
    ("2026-3", 2026, 3, None, "YYYY-M"),
    ("2024.02.07", 2024, 2, 7, "YYYY.MM.DD"),
    ("2024.2.7", 2024, 2, 7, "YYYY.M.D"),
    ("24.02", 2024, 2, None, "YY.MM"),
    ("24.2", 2024, 2, None, "YY.M"),
    ("04.07", 2004, 7, None, "YY.MM"),
    ("23-10", 2023, 10, None, "YY-MM"),  # with "-", a year that cannot be a month
    ("25-3", 2025, 3, None, "YY-M"),
    ("02/2024", 2024, 2, None, "MM/YYYY"),
    ("2/2024", 2024, 2, None, "M/YYYY"),
    ("2024", 2024, None, None, "YYYY"),
    ("1997", 1997, None, None, "YYYY"),
    # day and month, year last: a number above 12 decides, else month first
    ("18/9/2023", 2023, 9, 18, "DD/M/YYYY"),
    ("31/05/2025", 2025, 5, 31, "DD/MM/YYYY"),
    ("12/25/2024", 2024, 12, 25, "MM/DD/YYYY"),
    ("8/28/24", 2024, 8, 28, "M/DD/YY"),
    ("9/04/24", 2024, 9, 4, "M/DD/YY"),
    ("4/2/2025", 2025, 4, 2, "M/D/YYYY"),
    ("February 2024", 2024, 2, None, "Month YYYY"),
    ("february 2024", 2024, 2, None, "Month YYYY"),
    ("September, 2023", 2023, 9, None, "Month, YYYY"),
    ("Feb 2024", 2024, 2, None, "Mon YYYY"),
    ("FEB 2024", 2024, 2, None, "Mon YYYY"),
    ("Feb. 2024", 2024, 2, None, "Mon. YYYY"),
    ("Feb, 2024", 2024, 2, None, "Mon, YYYY"),
    ("Feb., 2024", 2024, 2, None, "Mon., YYYY"),
    ("Sept 2024", 2024, 9, None, "Mon YYYY"),
    ("Sept. 2024", 2024, 9, None, "Mon. YYYY"),
    ("sept., 2024", 2024, 9, None, "Mon., YYYY"),
    ("May 2024", 2024, 5, None, "Month YYYY"),
    ("May, 2024", 2024, 5, None, "Month, YYYY"),
    ("May. 2024", 2024, 5, None, "Mon. YYYY"),
    ("May., 2024", 2024, 5, None, "Mon., YYYY"),
    ("Jun 1, 2026", 2026, 6, 1, "Mon D, YYYY"),
    ("Jan 18 2024", 2024, 1, 18, "Mon DD YYYY"),
    ("Feb 09 2025", 2025, 2, 9, "Mon DD YYYY"),
    ("March 5, 2024", 2024, 3, 5, "Month D, YYYY"),
    ("5 June 2024", 2024, 6, 5, "D Month YYYY"),
    ("05 Jun 2024", 2024, 6, 5, "DD Mon YYYY"),
    ("2024年3月", 2024, 3, None, "YYYY年M月"),
    ("2024年03月05日", 2024, 3, 5, "YYYY年MM月DD日"),
    ("2024年3月5日", 2024, 3, 5, "YYYY年M月D日"),
    ("  2024-02  ", 2024, 2, None, "YYYY-MM"),
    ("\t2024.02\t", 2024, 2, None, "YYYY.MM"),
    ("Feb  2024", 2024, 2, None, "Mon YYYY"),
    # a month marked unknown: a date known to the year
    ("2023.xx", 2023, None, None, "YYYY"),
    ("2024-??", 2024, None, None, "YYYY"),
    ("2024/XX/XX", 2024, None, None, "YYYY"),
    # leap years
    ("2024-02-29", 2024, 2, 29, "YYYY-MM-DD"),
    ("2000-02-29", 2000, 2, 29, "YYYY-MM-DD"),
    ("2024-12-31", 2024, 12, 31, "YYYY-MM-DD"),
]


@pytest.mark.parametrize(("text", "year", "month", "day", "fmt"), PARSED)
def test_parse_date(text: str, year: int, month: int | None, day: int | None, fmt: str) -> None:
    assert parse_date(text) == CellDate(year, month, day, fmt)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("04/08/2025", True, CellDate(2025, 8, 4, "DD/MM/YYYY")),
        ("04/08/2025", False, CellDate(2025, 4, 8, "MM/DD/YYYY")),
        ("04/08/2025", None, CellDate(2025, 4, 8, "MM/DD/YYYY")),
        ("12/25/2024", True, None),  # no month 25: not a date in a day-first column
    ],
)
def test_parse_date_with_day_first(
    text: str, day_first: bool | None, expected: CellDate | None
) -> None:
    assert parse_date(text, day_first) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "TBD",
        "2024-13",
        "2024-00",
        "2024-02-30",
        "2023-02-29",
        "1900-02-29",
        "1899",
        "2100-01",
        "2024-02/07",
        "2024.02-07",
        "Februray 2024",
        "Seq 20, 2025",
        "2023.xy",
        "June. 2024",
        "June., 2024",
        "Feb2024",
        "Feb 24",
        "Jun 1 5, 2024",
        "5 Jun 1, 2024",
        "Feb 2024 (v2)",
        "**2024-01-01**",
        "2024/06<!--05-->",
        "２０２４-０２",
        "32/01/2024",
        "2024年13月",
        "10-23",  # October 2023 or 2010-23: a "-" reads a two-digit year only above 12
        "23/10",  # 23 October, without a year
        "25-24",
    ],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2024", Precision.YEAR),
        ("2024-03", Precision.MONTH),
        ("March 2024", Precision.MONTH),
        ("2024-03-05", Precision.DAY),
    ],
)
def test_precision(text: str, precision: Precision) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.precision is precision


@pytest.mark.parametrize(
    ("precision", "key"),
    [
        (Precision.YEAR, (2024,)),
        (Precision.MONTH, (2024, 3)),
        (Precision.DAY, (2024, 3, 5)),
    ],
)
def test_key_truncates_to_precision(precision: Precision, key: tuple[int, ...]) -> None:
    assert CellDate(2024, 3, 5, "YYYY-MM-DD").key(precision) == key


def test_key_never_exceeds_own_precision() -> None:
    assert CellDate(2024, None, None, "YYYY").key(Precision.DAY) == (2024,)
    assert CellDate(2024, 3, None, "YYYY-MM").key(Precision.DAY) == (2024, 3)


FEB_7_2024 = CellDate(2024, 2, 7, "YYYY-MM-DD")


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("YYYY-MM", "2024-02"),
        ("YYYY-MM-DD", "2024-02-07"),
        ("YYYY/MM", "2024/02"),
        ("YYYY/MM/DD", "2024/02/07"),
        ("YYYY.MM", "2024.02"),
        ("YYYY.M", "2024.2"),
        ("YYYY.MM.DD", "2024.02.07"),
        ("YY.MM", "24.02"),
        ("MM/YYYY", "02/2024"),
        ("DD/MM/YYYY", "07/02/2024"),
        ("MM/DD/YYYY", "02/07/2024"),
        ("M/D/YY", "2/7/24"),
        ("YYYY", "2024"),
        ("Month YYYY", "February 2024"),
        ("Month, YYYY", "February, 2024"),
        ("Mon YYYY", "Feb 2024"),
        ("Mon. YYYY", "Feb. 2024"),
        ("Mon, YYYY", "Feb, 2024"),
        ("Mon., YYYY", "Feb., 2024"),
        ("Mon D, YYYY", "Feb 7, 2024"),
        ("Mon DD YYYY", "Feb 07 2024"),
        ("DD Mon YYYY", "07 Feb 2024"),
        ("YYYY年M月", "2024年2月"),
    ],
)
def test_format_date_every_format(fmt: str, text: str) -> None:
    assert format_date(FEB_7_2024, fmt) == text


@pytest.mark.parametrize(
    ("d", "fmt", "text"),
    [
        (CellDate(2024, 9, None, "Mon YYYY"), "Mon YYYY", "Sep 2024"),
        (CellDate(2024, 9, None, "Mon YYYY"), "Mon. YYYY", "Sep. 2024"),
        (CellDate(2024, 4, 7, "YYYY-M-D"), "YYYY/MM/DD", "2024/04/07"),
        (CellDate(2024, 12, None, "Month YYYY"), "YYYY-MM", "2024-12"),
        (CellDate(2009, 1, None, "YYYY-MM"), "YY.MM", "09.01"),
        (CellDate(2024, 5, None, "YYYY-MM"), "YYYY", "2024"),
        (CellDate(2026, 3, None, "YYYY.MM"), "YYYY.M", "2026.3"),
    ],
)
def test_format_date_converts(d: CellDate, fmt: str, text: str) -> None:
    assert format_date(d, fmt) == text


@pytest.mark.parametrize(
    ("d", "fmt"),
    [
        (CellDate(2024, None, None, "YYYY"), "YYYY-MM"),
        (CellDate(2024, None, None, "YYYY"), "Mon YYYY"),
        (CellDate(2024, 2, None, "YYYY-MM"), "YYYY-MM-DD"),
        (CellDate(2024, 2, None, "YYYY-MM"), "YYYY.MM.DD"),
        (CellDate(1999, 2, None, "YYYY-MM"), "YY.MM"),
    ],
)
def test_format_date_cannot_render(d: CellDate, fmt: str) -> None:
    assert format_date(d, fmt) is None


def test_format_date_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown date format"):
        format_date(FEB_7_2024, "DD.MM")


def test_formats_lists_every_renderable_format() -> None:
    assert len(set(FORMATS)) == len(FORMATS)
    for fmt in FORMATS:
        assert format_date(FEB_7_2024, fmt) is not None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", [FEB_7_2024, CellDate(2023, 11, 30, "YYYY-MM-DD")])
def test_round_trip(fmt: str, source: CellDate) -> None:
    text = format_date(source, fmt)
    assert text is not None
    d = parse_date(text, day_first=fmt.startswith("D"))
    assert d is not None
    assert format_date(d, d.fmt) == text
    assert matches_format(d, fmt)


@pytest.mark.parametrize(("text", "year", "month", "day", "fmt"), PARSED)
def test_round_trip_of_parsed_text(
    text: str, year: int, month: int | None, day: int | None, fmt: str
) -> None:
    d = parse_date(text)
    assert d is not None
    rendered = format_date(d, d.fmt)
    assert rendered is not None
    assert parse_date(rendered, day_first=d.fmt.startswith("D")) == CellDate(year, month, day, fmt)


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("2024-02", "YYYY-MM", True),
        ("2024-2", "YYYY-MM", False),
        ("2024-2", "YYYY-M", True),
        ("2024-12", "YYYY-M", True),  # a two-digit month reads the same either way
        ("2024-12", "YYYY-MM", True),
        ("2024-02", "YYYY/MM", False),
        ("2024-02-07", "YYYY-MM", False),
        ("24.02", "YY.MM", True),
        ("24.2", "YY.MM", False),
        ("Feb 2024", "Mon YYYY", True),
        ("Sept 2024", "Mon YYYY", True),
        ("February 2024", "Mon YYYY", False),
        ("May 2024", "Month YYYY", True),
        ("May 2024", "Mon YYYY", True),
        ("May, 2024", "Mon, YYYY", True),
        ("May, 2024", "Month, YYYY", True),
        ("May 2024", "Mon. YYYY", False),
        ("May. 2024", "Mon. YYYY", True),
        ("May. 2024", "Month YYYY", False),
        ("Jun 12 2025", "Mon D YYYY", True),
        ("Jun 02 2025", "Mon D YYYY", False),
    ],
)
def test_matches_format(text: str, fmt: str, expected: bool) -> None:
    d = parse_date(text)
    assert d is not None
    assert matches_format(d, fmt) is expected


def _parse_all(*texts: str) -> list[CellDate]:
    parsed = [parse_date(text) for text in texts]
    assert None not in parsed
    return [d for d in parsed if d is not None]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ((), None),
        (("2024-02",), "YYYY-MM"),
        (("2024-02", "2024/03", "2024-04"), "YYYY-MM"),
        (("2024-2", "2024-3", "2024/04"), "YYYY-M"),
        (("2024/02", "2024-03"), "YYYY/MM"),
        (("2024-03", "2024/02"), "YYYY-MM"),
        (("2024", "2024-03", "2023", "2023-02"), "YYYY"),
        (("Feb 2024", "May 2024", "February 2024"), "Mon YYYY"),
        (("February 2024", "May 2024", "Feb 2024"), "Month YYYY"),
        (("May 2024", "May 2023"), "Month YYYY"),
        (("Nov., 2023", "May, 2024", "Dec, 2023"), "Mon, YYYY"),
        # padding: only a month (or day) below 10 shows it; ties pad
        (("2026.3", "2026.12", "2026.11", "2026.4"), "YYYY.M"),
        (("2026.03", "2026.12", "2026.3"), "YYYY.MM"),
        (("2025.10", "2025.11"), "YYYY.MM"),
        (("9/04/24", "8/28/24", "11/3/21", "12/20/21", "5/5/22"), "M/D/YY"),
        (("2024-09-28", "2024-09-08", "2024-1-18", "2024-06-17"), "YYYY-MM-DD"),
    ],
)
def test_dominant_format(texts: tuple[str, ...], expected: str | None) -> None:
    assert dominant_format(_parse_all(*texts)) == expected


def test_dominant_format_accepts_a_generator() -> None:
    assert dominant_format(d for d in _parse_all("24.02", "24.03")) == "YY.MM"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"2026.03": 3, "2026.3": 1}, "YYYY.MM"),
        ({"2026.03": 1, "2026.3": 3}, "YYYY.M"),
        ({"Feb 2024": 1, "February 2024": 2}, "Month YYYY"),
        ({"2024-02": 2, "Feb 2024": 1, "Mar 2024": 1}, "YYYY-MM"),
    ],
)
def test_dominant_format_counts_each_date_as_often_as_written(
    counts: dict[str, int], expected: str
) -> None:
    counted = dict(zip(_parse_all(*counts), counts.values(), strict=True))
    expanded = [date for date, count in counted.items() for _ in range(count)]
    assert dominant_format(counted) == dominant_format(expanded) == expected


@pytest.mark.parametrize(
    ("fmt", "note"),
    [
        ("YYYY-MM", "zero-padded"),
        ("YYYY.M", "not zero-padded"),
        ("M/DD/YY", "days zero-padded, months not"),
        ("Mon YYYY", ""),
        ("Mon D, YYYY", "not zero-padded"),
    ],
)
def test_padding_note(fmt: str, note: str) -> None:
    assert padding_note(fmt) == note


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024-03", "2024-04", -1),
        ("2024-04", "2024-03", 1),
        ("2024-03", "March 2024", 0),
        ("2024", "2024-03", 0),
        ("2024-03-31", "2024", 0),
        ("2023", "2024-01", -1),
        ("2024-03-05", "2024-03", 0),
        ("2024-03-05", "2024-03-06", -1),
        ("2024-03-05", "2024/2/28", 1),
        ("2023-12-31", "24.01", -1),
        ("12/2023", "Jan 2024", -1),
    ],
)
def test_compare_at_coarser_precision(a: str, b: str, expected: int) -> None:
    first, second = _parse_all(a, b)
    assert compare(first, second) == expected
    assert compare(second, first) == -expected


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_a_template_read_back(name: str) -> None:
    assert template_precision(name) is not None


@pytest.mark.parametrize(
    "name", ["", "yyyy-mm", "DD.MM", "Month", " YYYY-MM", "MON YYYY", "Mon DD, YY", "MM.YY"]
)
def test_unknown_templates_are_not_read(name: str) -> None:
    assert template_precision(name) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((2024, 3), (2024, 3), 0),
        ((2024, 3), (2024, 5), 2),
        ((2024, 5), (2024, 3), -2),
        ((2023, 12), (2024, 1), 1),
        ((2022, 6), (2024, 6), 24),
        ((2024, 1), (2023, 12), -1),
    ],
)
def test_months_between(a: tuple[int, int], b: tuple[int, int], expected: int) -> None:
    assert months_between(a, b) == expected


CORRECTIONS = [
    (with_year_of, "2025-10", (2024, 10), "2024-10"),  # the year is a typo
    (with_year_of, "2023-09-30", (2024, 10), "2024-09-30"),  # sent at the end of September
    (with_year_of, "Dec 2023", (2022, 12), "Dec 2022"),
    (with_year_of, "2025-07", (2024, 10), None),  # the month is off too: not a typo of the year
    (with_year_of, "2024-10", (2024, 10), None),  # nothing to correct
    (with_year_of, "2025", (2024, 10), None),  # no month to compare
    (with_month_of, "Jun 2025", (2025, 3), "Mar 2025"),  # the month the arXiv ID gives
    (with_month_of, "2024-12", (2025, 1), "2025-01"),  # year and month
    (with_month_of, "2025-03-14", (2025, 1), None),  # a day: which day of the paper's month?
    (with_month_of, "2025-03", (2025, 3), None),  # nothing to correct
    (with_month_of, "2025", (2025, 3), None),  # no month to move
    (with_lost_zero, "2022.1", (2022, 10), "2022.10"),  # "2022.10" typed as a number
    (with_lost_zero, "22.1", (2022, 10), "22.10"),
    (with_lost_zero, "2022.01", (2022, 10), None),  # a padded month keeps its digits
    (with_lost_zero, "2022-1", (2022, 10), None),  # not a decimal
    (with_lost_zero, "2022.1", (2022, 11), None),  # only October loses a zero
]


@pytest.mark.parametrize(("correct", "text", "paper", "expected"), CORRECTIONS)
def test_date_corrections(
    correct: Callable[[CellDate, tuple[int, int]], CellDate | None],
    text: str,
    paper: tuple[int, int],
    expected: str | None,
) -> None:
    date = parse_date(text)
    assert date is not None
    corrected = correct(date, paper)
    assert (format_date(corrected, corrected.fmt) if corrected else None) == expected
