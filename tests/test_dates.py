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
    parse_date,
    parse_format_name,
)

# text, year, month, day, fmt, padded
PARSED = [
    ("2024-02", 2024, 2, None, "YYYY-MM", True),
    ("2024-2", 2024, 2, None, "YYYY-MM", False),
    ("2024-02-07", 2024, 2, 7, "YYYY-MM-DD", True),
    ("2024-4-7", 2024, 4, 7, "YYYY-MM-DD", False),
    ("2024-04-7", 2024, 4, 7, "YYYY-MM-DD", False),
    ("2024-4-17", 2024, 4, 17, "YYYY-MM-DD", False),
    ("2024/02", 2024, 2, None, "YYYY/MM", True),
    ("2024/2", 2024, 2, None, "YYYY/MM", False),
    ("2024/02/07", 2024, 2, 7, "YYYY/MM/DD", True),
    ("2024/2/7", 2024, 2, 7, "YYYY/MM/DD", False),
    ("2024.02", 2024, 2, None, "YYYY.MM", True),
    ("2024.2", 2024, 2, None, "YYYY.MM", False),
    ("2024.02.07", 2024, 2, 7, "YYYY.MM.DD", True),
    ("2024.2.7", 2024, 2, 7, "YYYY.MM.DD", False),
    ("24.02", 2024, 2, None, "YY.MM", True),
    ("24.2", 2024, 2, None, "YY.MM", False),
    ("04.07", 2004, 7, None, "YY.MM", True),
    ("02/2024", 2024, 2, None, "MM/YYYY", True),
    ("2/2024", 2024, 2, None, "MM/YYYY", False),
    ("2024", 2024, None, None, "YYYY", True),
    ("1997", 1997, None, None, "YYYY", True),
    ("February 2024", 2024, 2, None, "Month YYYY", True),
    ("february 2024", 2024, 2, None, "Month YYYY", True),
    ("September, 2023", 2023, 9, None, "Month, YYYY", True),
    ("Feb 2024", 2024, 2, None, "Mon YYYY", True),
    ("FEB 2024", 2024, 2, None, "Mon YYYY", True),
    ("Feb. 2024", 2024, 2, None, "Mon. YYYY", True),
    ("Feb, 2024", 2024, 2, None, "Mon, YYYY", True),
    ("Feb., 2024", 2024, 2, None, "Mon., YYYY", True),
    ("Sept 2024", 2024, 9, None, "Mon YYYY", True),
    ("Sept. 2024", 2024, 9, None, "Mon. YYYY", True),
    ("sept., 2024", 2024, 9, None, "Mon., YYYY", True),
    ("May 2024", 2024, 5, None, "Month YYYY", True),
    ("May, 2024", 2024, 5, None, "Month, YYYY", True),
    ("May. 2024", 2024, 5, None, "Mon. YYYY", True),
    ("May., 2024", 2024, 5, None, "Mon., YYYY", True),
    ("  2024-02  ", 2024, 2, None, "YYYY-MM", True),
    ("\t2024.02\t", 2024, 2, None, "YYYY.MM", True),
    ("Feb  2024", 2024, 2, None, "Mon YYYY", True),
    # leap years
    ("2024-02-29", 2024, 2, 29, "YYYY-MM-DD", True),
    ("2000-02-29", 2000, 2, 29, "YYYY-MM-DD", True),
    ("2024-12-31", 2024, 12, 31, "YYYY-MM-DD", True),
]

# Values seen in real lists of the corpus.
CORPUS_VALUES = [
    ("2024-06", 2024, 6, None, "YYYY-MM", True),
    ("2023-04-17", 2023, 4, 17, "YYYY-MM-DD", True),
    ("2023-9-27", 2023, 9, 27, "YYYY-MM-DD", False),
    ("2023-12-5", 2023, 12, 5, "YYYY-MM-DD", False),
    ("2023-9-1", 2023, 9, 1, "YYYY-MM-DD", False),
    ("2023/03", 2023, 3, None, "YYYY/MM", True),
    ("2024/5/20", 2024, 5, 20, "YYYY/MM/DD", False),
    ("2023.05", 2023, 5, None, "YYYY.MM", True),
    ("2026.03.14", 2026, 3, 14, "YYYY.MM.DD", True),
    ("26.04", 2026, 4, None, "YY.MM", True),
    ("25.10", 2025, 10, None, "YY.MM", True),
    ("01/2024", 2024, 1, None, "MM/YYYY", True),
    ("2022", 2022, None, None, "YYYY", True),
    ("September 2023", 2023, 9, None, "Month YYYY", True),
    ("March, 2024", 2024, 3, None, "Month, YYYY", True),
    ("July, 2023", 2023, 7, None, "Month, YYYY", True),
    ("Jun 2025", 2025, 6, None, "Mon YYYY", True),
    ("Jan. 2024", 2024, 1, None, "Mon. YYYY", True),
    ("Dec, 2023", 2023, 12, None, "Mon, YYYY", True),
    ("Nov., 2023", 2023, 11, None, "Mon., YYYY", True),
]


@pytest.mark.parametrize(("text", "year", "month", "day", "fmt", "padded"), PARSED + CORPUS_VALUES)
def test_parse_date(
    text: str, year: int, month: int | None, day: int | None, fmt: str, padded: bool
) -> None:
    assert parse_date(text) == CellDate(year, month, day, fmt, padded)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "TBD",
        "-",
        "null",
        "2024-13",
        "2024-00",
        "2024-02-30",
        "2023-02-29",
        "1900-02-29",
        "2024-04-31",
        "2024-01-00",
        "2024/13",
        "13/2024",
        "0/2024",
        "24.13",
        "24.00",
        "2024.02.30",
        "2024-02/07",
        "2024-002",
        "2024-02-007",
        "024-02",
        "20245",
        "1850",
        "2124",
        "24",
        "3.29",
        "07.02.2024",
        "2024-02-07T10:00",
        "CVPR 2023",
        "ArXiv 2024",
        "Februray 2024",
        "June. 2024",
        "June., 2024",
        "Feb2024",
        "Feb 24",
        "Feb 2024 (v2)",
        "**2024-01-01**",
        "2024/06<!--05-->",
        "２０２４-０２",
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
        ("YYYY.MM.DD", "2024.02.07"),
        ("YY.MM", "24.02"),
        ("MM/YYYY", "02/2024"),
        ("YYYY", "2024"),
        ("Month YYYY", "February 2024"),
        ("Month, YYYY", "February, 2024"),
        ("Mon YYYY", "Feb 2024"),
        ("Mon. YYYY", "Feb. 2024"),
        ("Mon, YYYY", "Feb, 2024"),
        ("Mon., YYYY", "Feb., 2024"),
    ],
)
def test_format_date_every_format(fmt: str, text: str) -> None:
    assert format_date(FEB_7_2024, fmt) == text


@pytest.mark.parametrize(
    ("d", "fmt", "text"),
    [
        (CellDate(2024, 9, None, "Mon YYYY"), "Mon YYYY", "Sep 2024"),
        (CellDate(2024, 9, None, "Mon YYYY"), "Mon. YYYY", "Sep. 2024"),
        (CellDate(2024, 4, 7, "YYYY-MM-DD", padded=False), "YYYY/MM/DD", "2024/04/07"),
        (CellDate(2024, 12, None, "Month YYYY"), "YYYY-MM", "2024-12"),
        (CellDate(2009, 1, None, "YYYY-MM"), "YY.MM", "09.01"),
        (CellDate(2024, 5, None, "YYYY-MM"), "YYYY", "2024"),
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
        format_date(FEB_7_2024, "DD.MM.YYYY")


def test_formats_lists_every_renderable_format() -> None:
    assert len(set(FORMATS)) == len(FORMATS)
    for fmt in FORMATS:
        assert format_date(FEB_7_2024, fmt) is not None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", [FEB_7_2024, CellDate(2023, 5, 31, "YYYY-MM-DD")])
def test_round_trip(fmt: str, source: CellDate) -> None:
    text = format_date(source, fmt)
    assert text is not None
    d = parse_date(text)
    assert d is not None
    assert d.padded
    assert format_date(d, d.fmt) == text
    assert parse_date(text) == d
    assert matches_format(d, fmt)


@pytest.mark.parametrize(("text", "year", "month", "day", "fmt", "padded"), PARSED + CORPUS_VALUES)
def test_round_trip_of_parsed_text(
    text: str, year: int, month: int | None, day: int | None, fmt: str, padded: bool
) -> None:
    d = parse_date(text)
    assert d is not None
    rendered = format_date(d, d.fmt)
    assert rendered is not None
    assert parse_date(rendered) == CellDate(year, month, day, fmt)


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("2024-02", "YYYY-MM", True),
        ("2024-2", "YYYY-MM", False),
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
        (("2024-2", "2024-3", "2024/04"), "YYYY-MM"),
        (("2024/02", "2024-03"), "YYYY/MM"),
        (("2024-03", "2024/02"), "YYYY-MM"),
        (("2024", "2024-03", "2023", "2023-02"), "YYYY"),
        (("Feb 2024", "May 2024", "February 2024"), "Mon YYYY"),
        (("February 2024", "May 2024", "Feb 2024"), "Month YYYY"),
        (("May 2024", "May 2023"), "Month YYYY"),
        (("Nov., 2023", "May, 2024", "Dec, 2023"), "Mon, YYYY"),
    ],
)
def test_dominant_format(texts: tuple[str, ...], expected: str | None) -> None:
    assert dominant_format(_parse_all(*texts)) == expected


def test_dominant_format_accepts_a_generator() -> None:
    assert dominant_format(d for d in _parse_all("24.02", "24.03")) == "YY.MM"


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
def test_parse_format_name_accepts_every_format(name: str) -> None:
    assert parse_format_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "yyyy-mm", "YYYY-M", "DD.MM", "Month", " YYYY-MM", "MON YYYY"]
)
def test_parse_format_name_rejects_unknown(name: str) -> None:
    assert parse_format_name(name) is None


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
