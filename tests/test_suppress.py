"""Inline suppressions (``<!-- awesome-lint-... -->``) and ``per-row-ignores``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from awesome_lint.parser import parse

Lint = Callable[..., CompletedProcess[str]]
Check = Callable[..., list[tuple[int, str]]]

HEADER = "| Date | Model Name | Paper Title | Link |\n|---|---|---|---|\n"
EMPTY_DATE = "|  | {model} | T | [p](https://arxiv.org/abs/2401.00001) |\n"  # TAB004
NO_LINK = "| 2024-01 | {model} | U | nolink |\n"  # TAB005


@pytest.fixture
def check(lint: Lint, tmp_path: Path) -> Callable[..., list[tuple[int, str]]]:
    """Lint Markdown text (and optional YAML configuration) with the TAB rules; (line, code)
    of each finding."""
    (tmp_path / ".git").mkdir()

    def run(markdown: str, config: str | None = None, *args: str) -> list[tuple[int, str]]:
        (tmp_path / "list.md").write_text(markdown, encoding="utf-8")
        options = ["--isolated"]
        if config is not None:
            (tmp_path / "config.yaml").write_text(config, encoding="utf-8")
            options = ["--config", "config.yaml"]
        result = lint(*options, "--select", "TAB", *args, "list.md", cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        found = []
        for line in result.stdout.splitlines():
            _, number, _, rest = line.split(":", 3)
            found.append((int(number), rest.split()[0]))
        return found

    return run


def table(*rows: str) -> str:
    return HEADER + "".join(rows)


def test_without_comments_everything_is_reported(check: Check) -> None:
    text = table(EMPTY_DATE.format(model="A"), NO_LINK.format(model="B"))
    assert check(text) == [(3, "TAB004"), (4, "TAB005")]


def test_disable_and_enable_a_code(check: Check) -> None:
    text = (
        table(EMPTY_DATE.format(model="A"), NO_LINK.format(model="B"))
        + "\n<!-- awesome-lint-disable TAB004 -->\n\n"
        + table(EMPTY_DATE.format(model="C"), NO_LINK.format(model="D"))
        + "\n<!-- awesome-lint-enable TAB004 -->\n\n"
        + table(EMPTY_DATE.format(model="E"))
    )
    assert check(text) == [(3, "TAB004"), (4, "TAB005"), (11, "TAB005"), (17, "TAB004")]


def test_disable_all_and_enable_all(check: Check) -> None:
    text = (
        "<!-- awesome-lint-disable -->\n\n"
        + table(EMPTY_DATE.format(model="A"), NO_LINK.format(model="B"))
        + "\n<!-- awesome-lint-enable -->\n\n"
        + table(NO_LINK.format(model="C"))
    )
    assert check(text) == [(12, "TAB005")]


def test_disable_all_then_enable_one_code_re_enables_it(check: Check) -> None:
    text = "<!-- awesome-lint-disable -->\n<!-- awesome-lint-enable TAB005 -->\n\n" + table(
        EMPTY_DATE.format(model="A"), NO_LINK.format(model="B")
    )
    assert check(text) == [(7, "TAB005")]


def test_disable_one_code_then_enable_all(check: Check) -> None:
    text = "<!-- awesome-lint-disable TAB004 -->\n<!-- awesome-lint-enable -->\n\n" + table(
        EMPTY_DATE.format(model="A"), NO_LINK.format(model="B")
    )
    assert check(text) == [(6, "TAB004"), (7, "TAB005")]


@pytest.mark.parametrize(
    "codes",
    ["empty-cell", "TAB004", "TAB004,TAB005", "TAB004, missing-link", "TAB", "TAB004 TAB005"],
)
def test_codes_names_prefixes_and_lists(check: Check, codes: str) -> None:
    text = f"<!-- awesome-lint-disable {codes} -->\n\n" + table(
        EMPTY_DATE.format(model="A"), NO_LINK.format(model="B")
    )
    expected = (
        [] if ("TAB005" in codes or "missing" in codes or codes == "TAB") else [(6, "TAB005")]
    )
    assert check(text) == expected


def test_disable_next_line_before_a_table_covers_its_header(check: Check) -> None:
    text = "<!-- awesome-lint-disable-next-line table-header -->\n" + table(
        EMPTY_DATE.format(model="A")
    )
    config = "header: [Date, Model, Title, Link]\n"
    assert check(text, config) == [(4, "TAB004")]
    assert check(text.replace("table-header", "TAB004"), config) == [(2, "TAB002"), (4, "TAB004")]


def test_disable_next_line_inside_a_cell_covers_the_next_row(check: Check) -> None:
    text = table(
        "| 2024-01 | A <!-- awesome-lint-disable-next-line TAB005 --> | T | [p](https://a.b) |\n",
        NO_LINK.format(model="B"),
        NO_LINK.format(model="C"),
    )
    assert check(text) == [(5, "TAB005")]


def test_disable_file_anywhere(check: Check) -> None:
    text = (
        table(EMPTY_DATE.format(model="A"), NO_LINK.format(model="B"))
        + "\n<!-- awesome-lint-disable-file missing-link -->\n"
    )
    assert check(text) == [(3, "TAB004")]
    assert check(text.replace(" missing-link", "")) == []


def test_disable_line_in_a_cell_silences_one_row_and_keeps_the_table_whole(check: Check) -> None:
    rows = [
        NO_LINK.format(model="A"),
        NO_LINK.format(model="B <!-- awesome-lint-disable-line TAB005 -->"),
        NO_LINK.format(model="C"),
    ]
    text = table(*rows)
    document = parse(text)
    assert len(document.tables) == 1
    assert len(document.tables[0].rows) == 3
    assert document.tables[0].rows[1].cells[1].plain == "B"
    assert check(text) == [(3, "TAB005"), (5, "TAB005")]


def test_a_comment_line_between_rows_ends_the_table() -> None:
    text = table(
        NO_LINK.format(model="A"),
        "<!-- awesome-lint-disable-next-line TAB005 -->\n",
        NO_LINK.format(model="B"),
    )
    (only,) = parse(text).tables
    assert len(only.rows) == 1  # why the per-row forms exist


def test_comments_in_code_blocks_do_nothing(check: Check) -> None:
    text = "```\n<!-- awesome-lint-disable-file -->\n```\n\n" + table(NO_LINK.format(model="A"))
    assert check(text) == [(7, "TAB005")]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- awesome-lint-disable-nextline TAB005 -->",  # a typo, not "disable" + junk
        "<!-- awesome-lint-disabled TAB005 -->",
        "<!-- awesome-lint-disable XYZ999 -->",  # unknown codes silence nothing
        "<!-- not awesome-lint-disable TAB005 -->",
    ],
)
def test_comments_that_suppress_nothing(check: Check, comment: str) -> None:
    text = comment + "\n\n" + table(NO_LINK.format(model="A"))
    assert check(text) == [(5, "TAB005")]


# --- per-row-ignores ---------------------------------------------------------------------

PAPERS = table(
    "| 2024-01 | LTU-AS | [Joint Audio](https://arxiv.org/pdf/2309.14405v3.pdf) | soon |\n",
    "| 2024-01 | LTU | [Listen, Think](https://arxiv.org/abs/2305.10790) | soon |\n",
    "| 2024-01 | Old | [Old paper](http://arxiv.org/abs/math.GT/0309136) | soon |\n",
    "| 2024-01 | Other | Unlinked | soon |\n",
)  # TAB005 on lines 3-6


@pytest.mark.parametrize(
    ("names", "silenced"),
    [
        ("[LTU]", [4]),  # exact model names, not prefixes
        ("[ltu-as, '  LTU  ']", [3, 4]),  # case and surrounding blanks do not matter
        ("['2305.10790']", [4]),
        ("['2309.14405']", [3]),  # any URL form: pdf, version, .pdf
        ("['arXiv:2309.14405v2']", [3]),  # the ID as written on arXiv
        ("['math.GT/0309136']", [5]),
        ("[Unlinked]", []),  # titles are not keys
    ],
)
def test_per_row_ignores_by_model_name_or_arxiv_id(
    check: Check, names: str, silenced: list[int]
) -> None:
    found = check(PAPERS, f"per-row-ignores: {{TAB005: {names}}}\n")
    assert found == [(line, "TAB005") for line in (3, 4, 5, 6) if line not in silenced]


def test_per_row_ignores_by_rule_name_and_only_for_that_rule(check: Check) -> None:
    text = PAPERS + EMPTY_DATE.format(model="LTU")
    found = check(text, "per-row-ignores: {missing-link: [LTU, Other]}\n")
    assert found == [(3, "TAB005"), (5, "TAB005"), (7, "TAB004")]
