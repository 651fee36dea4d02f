"""The paper-table rules (DAT, DUP, ARX001-ARX002) beyond their fixtures: fixes, the
duplicate pairs kept for --diff-base, the ordering algorithm, the rule pages' examples,
a realistic list and the seed list."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesome_lint.conventions import conventions
from awesome_lint.conventions.order import longest_non_decreasing
from awesome_lint.engine import Engine, Violation
from awesome_lint.fixer import apply_edits
from awesome_lint.parser import parse
from awesome_lint.registry import load_rules
from tests.conftest import CORPUS, FIXED_TODAY, FIXTURES, ROOT

LISTS = FIXTURES / "lists"
SEED = CORPUS / "history" / "speech-trident" / "011_8804c59.md"
PAPER_RULES = ("DAT", "DUP", "ARX001", "ARX002")


def lint(text: str, *select: str, **settings: object) -> list[Violation]:
    overrides: dict[str, object] = {"today": dt.date.fromisoformat(FIXED_TODAY), **settings}
    if select:
        overrides["select"] = select
    engine = Engine(load_rules(), overrides, isolated=True)
    document = engine.parse(text, "list.md")
    return engine.check(document, engine.profile_for(None))


def render(violations: list[Violation]) -> list[str]:
    return [
        f"{v.line}:{v.column}: {v.code}{' [*]' if v.fixable else ''} {v.message}"
        for v in violations
    ]


def fixed(text: str, violation: Violation) -> str:
    assert violation.fix is not None
    return apply_edits(parse(text, "list.md"), list(violation.fix.edits))


TABLE = """\
| Date    | Model Name | Paper Title | Link                                      |
| ------- | ---------- | ----------- | ----------------------------------------- |
"""


def rows(*cells: tuple[str, str, str]) -> str:
    return TABLE + "".join(
        f"| {date} | {name} | Paper {name} | [paper](https://arxiv.org/abs/{paper}) |\n"
        for date, name, paper in cells
    )


# --- fixes ----------------------------------------------------------------------------------


def test_date_format_fix_rewrites_the_date_and_keeps_what_surrounds_it() -> None:
    text = rows(("2024-02", "A", "2402.00001"), ("**2024/01** <!-- late -->", "B", "2401.00001"))
    [violation] = lint(text, "DAT001")
    assert fixed(text, violation).splitlines()[3].startswith("| **2024-01** <!-- late --> | B |")


def test_date_order_fix_moves_whole_lines_and_is_stable() -> None:
    text = rows(
        ("2024-03", "A", "2403.00001"),
        ("2024-01", "B", "2401.00001"),
        ("2024-02", "C", "2402.00001"),
        ("2024-02", "D", "2402.00002"),
        ("2024-01", "E", "2401.00002"),
        ("2023-12", "F", "2312.00001"),
    )
    [violation] = lint(text, "DAT002")
    assert violation.message == (
        "date 2024-01 is out of order (newest first): it belongs after line 6 (2024-02)"
    )
    lines = text.splitlines()
    expected = [*lines[:3], lines[4], lines[5], lines[3], *lines[6:]]
    after = fixed(text, violation)
    assert after.splitlines() == expected
    assert lint(after, "DAT002") == []


def test_only_the_first_finding_of_a_table_carries_the_sort() -> None:
    dates = [
        "2024-06",
        "2024-05",
        "2024-09",
        "2024-04",
        "2024-03",
        "2024-08",
        "2024-02",
        "2024-01",
        "2023-12",
        "2023-11",
        "2023-10",
    ]
    text = rows(
        *((date, f"M{i}", f"{date[2:4]}{date[5:]}.0000{i % 10}") for i, date in enumerate(dates))
    )
    violations = lint(text, "DAT002")
    assert [v.line for v in violations] == [5, 8]
    assert [v.fixable for v in violations] == [True, False]
    assert [v.related_line for v in violations] == [3, 3]


def test_noncanonical_fix_replaces_the_url_only() -> None:
    text = "| Title | Link |\n| --- | --- |\n| [T](https://arxiv.org/pdf/2404.00656v2.pdf) | x |\n"
    [violation] = lint(text, "ARX002")
    assert fixed(text, violation).splitlines()[2] == (
        "| [T](https://arxiv.org/abs/2404.00656) | x |"
    )


# --- duplicates -----------------------------------------------------------------------------


def test_duplicates_keep_the_earlier_row_and_the_finding_blamed_on_it() -> None:
    text = rows(("2024-02", "Tidal-LM", "2402.00001"), ("2024-01", "tidal lm", "2402.00001"))
    [violation] = lint(text, "DUP")  # one defect, one finding: by the most specific rule
    assert (violation.code, violation.line, violation.related_line) == ("DUP002", 4, 3)
    alternate = violation.alternate
    assert alternate is not None
    assert (alternate.line, alternate.related_line) == (3, 4)
    assert alternate.message == (
        "repeats line 4: same model, arXiv paper 2402.00001 and title; keep one of the two rows"
    )


@pytest.mark.parametrize(
    ("select", "code"), [("DUP", "DUP002"), ("DUP001,DUP003", "DUP003"), ("DUP001", "DUP001")]
)
def test_a_pair_is_reported_by_the_most_specific_rule_that_runs(select: str, code: str) -> None:
    text = rows(("2024-02", "Tidal-LM", "2402.00001"), ("2024-01", "tidal lm", "2402.00001"))
    assert [v.code for v in lint(text, *select.split(","))] == [code]


def test_row_facts_are_computed_once_per_document() -> None:
    engine = Engine(load_rules(), {"select": ("DUP", "ARX")}, isolated=True)
    document = engine.parse(rows(("2024-01", "A", "2401.00001")), "list.md")
    profile = engine.profile_for(None)
    engine.check(document, profile)
    first = conventions(document, profile.context)
    engine.check(document, profile)
    assert conventions(document, profile.context) is first


# --- ordering -------------------------------------------------------------------------------


def _longest_quadratic(keys: list[int]) -> int:
    best = [1] * len(keys)
    for i in range(len(keys)):
        for j in range(i):
            if keys[j] <= keys[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=40))
def test_longest_non_decreasing_is_longest_and_ordered(keys: list[int]) -> None:
    kept = longest_non_decreasing(keys)
    assert len(kept) == _longest_quadratic(keys)
    assert kept == sorted(kept)
    assert all(keys[a] <= keys[b] for a, b in itertools.pairwise(kept))


# --- rule pages: the examples show exactly what the rule reports ------------------------------

PAGES = sorted(
    page
    for page in (ROOT / "rules").glob("*.md")
    if page.name.startswith(("DAT", "DUP", "ARX001", "ARX002"))
)
_BLOCK = re.compile(r"```(?:markdown)?\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=[page.name[:6] for page in PAGES])
def test_page_examples(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    example, instead = text.split("## Example")[1].split("## Use instead")
    markdown, output = _BLOCK.findall(example)[:2]
    code = page.name[:6]
    assert render(lint(markdown, code)) == output.splitlines()
    assert lint(_BLOCK.findall(instead)[0], code) == []


# --- a realistic list, and the seed list ------------------------------------------------------


def test_a_clean_list_passes_every_default_rule() -> None:
    text = (LISTS / "speech-lm-clean.md").read_text(encoding="utf-8")
    assert "  \n" in text  # trailing spaces after the last pipe, as in the seed list
    assert render(lint(text)) == []


def test_a_defective_list_reports_each_defect_once() -> None:
    text = (LISTS / "speech-lm-defective.md").read_text(encoding="utf-8")
    expected = (LISTS / "speech-lm-defective.md.expected").read_text(encoding="utf-8")
    assert render(lint(text)) == expected.splitlines()


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not available")
def test_the_seed_list_reports_the_ltu_title_copied_from_ltu_as() -> None:
    found = render(lint(SEED.read_text(encoding="utf-8"), *PAPER_RULES))
    assert found == [
        "93:30: DUP003 has the same title as line 82 ('Joint Audio and Speech Understanding') "
        "with a different link: one of them has the wrong title (a copy-paste mistake?)"
    ]


# --- a table's conventions are warnings, rows that depart from them errors ------------------


def test_findings_about_a_whole_table_are_warnings_or_info() -> None:
    # a cell past the header in every row, with text GitHub drops
    generated = "".join(f"| T{i} | [paper](https://example.org/{i}) | note |\n" for i in range(3))
    months = (3, 11, 1, 9, 5, 12, 2, 7, 10, 4, 8, 6)
    unsorted = rows(*((f"2024-{m:02d}", f"M{m}", f"24{m:02d}.000{m:02d}") for m in months))
    mixed = rows(
        *((date, f"M{i}", "2401.00001") for i, date in enumerate(["2024-01", "2024/02"] * 4))
    )
    found = [
        (v.code, v.line, v.severity.value)
        for text, code in (
            ("| Title | Link |\n| --- | --- |\n" + generated, "TAB001"),
            (unsorted, "DAT002"),
            (mixed, "DAT001"),
        )
        for v in lint(text, code)
    ]
    # a table never sorted is its convention: worth knowing, never a failure
    assert found == [("TAB001", 1, "warning"), ("DAT002", 1, "info"), ("DAT001", 1, "warning")]


# --- what is cosmetic is a warning (judged on real lists, issue 10) ------------------------


def severities(violations: list[Violation]) -> list[tuple[int, str, str]]:
    return [(v.line, v.code, v.severity.value) for v in violations]


def test_zero_padding_and_a_coarser_date_are_warnings_a_wrong_format_an_error() -> None:
    days = [f"2024-03-{day:02}" for day in range(1, 11)]
    text = rows(*((day, f"M{i}", f"2403.{i + 1:05}") for i, day in enumerate(days)))
    text += "| 2024-03-8 | Pad | Paper Pad | [paper](https://arxiv.org/abs/2403.00097) |\n"
    text += "| 2024-03 | Month | Paper Month | [paper](https://arxiv.org/abs/2403.00098) |\n"
    text += "| 03/07/2024 | Other | Paper Other | [paper](https://arxiv.org/abs/2403.00099) |\n"
    assert severities(lint(text, "DAT001")) == [
        (13, "DAT001", "warning"),  # 2024-03-8: only the padding differs
        (14, "DAT001", "warning"),  # 2024-03: no day (a book, a venue month)
        (15, "DAT001", "error"),  # another format
    ]


def test_a_row_github_shows_as_meant_is_no_broken_row() -> None:
    header = "| Date | Title | Link | Code |\n| --- | --- | --- | --- |\n"
    filled = (
        "| 2024-03 | Alpha | [paper](https://arxiv.org/abs/2403.00001) | [code](https://x.y/a) |\n"
    )
    empty = "| 2024-02 | Beta | [paper](https://arxiv.org/abs/2402.00002) | |\n"
    body = filled * 2 + empty * 3
    short = "| 2024-01 | Gamma | [paper](https://arxiv.org/abs/2401.00003) |\n"
    dropped = "| 2023-12 | Delta | [paper](https://arxiv.org/abs/2312.00004) | | - |\n"
    no_link = "| 2023-11 | Epsilon |\n"
    lost = "| 2023-10 | Zeta | [paper](https://arxiv.org/abs/2310.00006) | | words |\n"
    violations = lint(header + body + short + dropped + no_link + lost, "TAB001")
    assert severities(violations) == [(10, "TAB001", "error"), (11, "TAB001", "error")]
    required = header + filled * 5 + short
    assert severities(lint(required, "TAB001")) == [(8, "TAB001", "warning")]


def test_an_empty_venue_is_a_warning_and_an_empty_title_an_error() -> None:
    text = (
        "| Title | Venue | Link |\n| --- | --- | --- |\n"
        "| A | CVPR 2024 | [paper](https://arxiv.org/abs/2301.00001) |\n"
        "|   |           | [paper](https://arxiv.org/abs/2302.00001) |\n"
        "| C | arXiv     | [paper](https://arxiv.org/abs/2303.00001) |\n"
        "| D | ICLR 2024 | [paper](https://arxiv.org/abs/2304.00001) |\n"
    )
    found = {(v.message.split(";")[0], v.severity.value) for v in lint(text, "TAB004")}
    assert found == {("empty Title cell", "error"), ("empty Venue cell", "warning")}
