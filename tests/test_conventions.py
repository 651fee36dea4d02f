"""The conventions layer: what is inferred about each table from its own cells (column
roles, placeholders, required columns, cell count, date format and precision, order,
duplicates, mirror links), checked on small tables written for each pattern."""

from __future__ import annotations

import datetime as dt

import pytest

from awesome_lint.conventions import TableSpec, conventions
from awesome_lint.conventions.duplicates import Kind
from awesome_lint.conventions.rowfacts import title_core, title_notes
from awesome_lint.dates import Precision
from awesome_lint.engine import Engine
from awesome_lint.model import Role
from awesome_lint.registry import load_rules
from tests.conftest import FIXED_TODAY


def infer(text: str, **settings: object):
    engine = Engine(
        load_rules(), {"today": dt.date.fromisoformat(FIXED_TODAY), **settings}, isolated=True
    )
    document = engine.parse(text, "list.md")
    return conventions(document, engine.profile_for(None).context)


def specs(text: str, **settings: object) -> list[TableSpec]:
    return infer(text, **settings).tables


def table(header: str, *rows: str) -> str:
    columns = header.count("|") - 1
    return f"{header}\n|{'---|' * columns}\n" + "".join(f"{row}\n" for row in rows)


# --- column roles -----------------------------------------------------------------------


def roles_of(
    header: list[str], body: list[list[str]] | None = None, **settings: object
) -> dict[str, str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body or []]
    (spec,) = specs("\n".join(lines) + "\n", **settings)
    return {role.value: header[index] for role, index in spec.roles.items()}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Date", "Model Name", "Paper Title", "Link"],
            {"date": "Date", "model": "Model Name", "title": "Paper Title", "link": "Link"},
        ),
        (
            ["Release Date", "Name", "Title", "URL"],
            {"date": "Release Date", "model": "Name", "title": "Title", "link": "URL"},
        ),
        (
            ["Pub. & Date", "Method", "Paper Title", "arXiv"],
            {"date": "Pub. & Date", "model": "Method", "title": "Paper Title", "link": "arXiv"},
        ),
        (
            ["Year", "Model", "Title", "Links"],
            {"date": "Year", "model": "Model", "title": "Title", "link": "Links"},
        ),
        (["Time", "Title", "Code"], {"date": "Time", "title": "Title"}),
        (
            ["DATE", "model name", "TITLE", "lInK"],
            {"date": "DATE", "model": "model name", "title": "TITLE", "link": "lInK"},
        ),
        (
            ["**Date**", "[Model](#models)", "<b>Title</b>", "Link"],
            {
                "date": "**Date**",
                "model": "[Model](#models)",
                "title": "<b>Title</b>",
                "link": "Link",
            },
        ),
        (["Website", "Description"], {}),
        (["日期", "模型"], {"date": "日期", "model": "模型"}),
        (["When?", "Name", "HF?"], {"date": "When?", "model": "Name"}),
    ],
)
def test_roles_from_header_text(header: list[str], expected: dict[str, str]) -> None:
    assert roles_of(header) == expected


def test_the_first_of_two_columns_with_the_same_role_wins() -> None:
    assert roles_of(["Date", "Date", "Title"]) == {"date": "Date", "title": "Title"}


@pytest.mark.parametrize(
    ("column", "role"),
    [
        (["[paper](https://arxiv.org/abs/2404.00656)", "[arXiv](https://arxiv.org/abs/1)"], "link"),
        (["https://arxiv.org/abs/2404.00656", "<https://arxiv.org/abs/2404.00657>"], "link"),
        (["[[pdf]](https://a.b/1)", "[2404.00656](https://arxiv.org/abs/2404.00656)"], "link"),
        ([":fire: NEW! [Paper](https://arxiv.org/abs/2505.15957)", "-", "-", "—"], "link"),
        (["[paper](https://a.b/1) / [code](https://c.d)", "N/A"], "link"),
        (["[WavLLM: Towards Robust](https://arxiv.org/abs/2404.00656)", "Plain Title"], "title"),
        (["A Title [pdf](https://a.b/1)", "Another Long Title [pdf](https://a.b/2)"], "title"),
        (["[paper](https://a.b/1)", "Some Title"], "title"),  # a tie is not "mostly"
        # Citations of the paper a row's scores come from, shared by several rows.
        (["[Wang et al., 2021](https://a.b/1)", "[Smith and Lee 2020](https://a.b/2)"], "link"),
        (["[Ma (2024)](https://a.b/1)", "[Adoma et al. 2020a](https://a.b/2)"], "link"),
    ],
)
def test_ambiguous_paper_column_is_decided_from_its_cells(column: list[str], role: str) -> None:
    body = [["2024", cell] for cell in column]
    assert roles_of(["Date", "Paper"], body) == {"date": "Date", role: "Paper"}


def test_paper_column_next_to_a_title_or_link_column() -> None:
    links = [["[x](https://a.b)", "[y](https://c.d)"]]
    assert roles_of(["Title", "Paper"], links) == {"title": "Title", "link": "Paper"}
    assert roles_of(["**Paper**", "**Links**"], links) == {
        "title": "**Paper**",
        "link": "**Links**",
    }
    assert roles_of(["Date", "Paper"]) == {"date": "Date"}  # no cells, no decision
    assert roles_of(["Date", "Paper"], [["2024", "-"]]) == {"date": "Date"}


def test_configured_columns_win_over_detection() -> None:
    columns = {Role.DATE: "Released", Role.MODEL: "checkpoint", Role.LINK: "Resources"}
    found = roles_of(["Name", "Checkpoint", "Released", "Resources", "Date"], columns=columns)
    assert found == {"model": "Checkpoint", "date": "Released", "link": "Resources"}


def test_configured_column_missing_from_a_table_falls_back_to_detection() -> None:
    found = roles_of(["Date", "Model", "Link"], columns={Role.LINK: "Resources"})
    assert found == {"date": "Date", "model": "Model", "link": "Link"}


def test_a_column_of_dates_is_the_date_column_whatever_its_header() -> None:
    text = table(
        "| Published | Paper | Venue |",
        "| 2024-03 | [A](https://arxiv.org/abs/2403.00001) | CVPR 2024 |",
        "| 2024-02 | [B](https://arxiv.org/abs/2402.00001) | ICLR 2024 |",
        "| 2024-01 | [C](https://arxiv.org/abs/2401.00001) | arXiv |",
    )
    assert roles_of(["Published", "Paper", "Venue"]) == {"date": "Published"}
    (spec,) = specs(text.replace("Published", "Shown"))
    assert spec.roles[Role.DATE] == 0


def test_a_venue_column_is_not_a_date_column() -> None:
    (spec,) = specs(
        table(
            "| Year | Title | Link |",
            "| CVPR 2023 | A | [paper](https://arxiv.org/abs/2303.00001) |",
            "| NeurIPS'24 | B | [paper](https://arxiv.org/abs/2405.00001) |",
            "| ICLR 2024 | C | [paper](https://arxiv.org/abs/2310.00001) |",
        )
    )
    assert Role.DATE not in spec.roles
    assert spec.dates is None


def test_scores_are_not_dates() -> None:
    (spec,) = specs(
        table(
            "| Model | HumanEval | Link |",
            *(f"| M{i} | 9{i}.5 | [p](https://a.b/{i}) |" for i in range(5)),
        )
    )
    assert Role.DATE not in spec.roles


# --- placeholders, required columns, cell counts, paper tables ----------------------------


def test_placeholders_are_learned_per_table() -> None:
    (spec,) = specs(
        table(
            "| Date | Model | Title | Code |",
            "| 2024-01 | none | A | ⚠️ |",
            "| 2024-02 | X | B | ⚠️ |",
            "| 2024-03 | Y | C | [code](https://github.com/a/b) |",
        )
    )
    assert {"none", "⚠️", "-", "n/a", "tbd", "null"} <= spec.placeholders
    facts = infer(
        table("| Date | Model | Title |", "| 2024-01 | none | A |", "| 2024-02 | none | B |")
    ).rows
    assert all(row.model is None for row in facts.values())  # a placeholder is no name


def test_each_column_counts_its_filled_empty_and_placeholder_cells() -> None:
    (spec,) = specs(
        table(
            "| Date | Model | Title | Code |",
            "| 2024-01 | N/A | A | :heavy_minus_sign: |",
            "| 2024-02 | TBD | B | not released yet |",
            "| 2024-03 | - | C |  |",
            "| 2024-04 | X | D | [code](https://github.com/a/b) |",
        ),
        placeholders=["not released yet"],
    )
    counts = [(column.filled, column.empty, column.placeholders) for column in spec.columns]
    assert counts == [(4, 0, 0), (1, 0, 3), (4, 0, 0), (1, 1, 2)]
    assert spec.used_placeholders == ("-", ":heavy_minus_sign:", "N/A", "TBD", "not released yet")


def test_a_column_the_table_leaves_empty_at_times_is_optional() -> None:
    rows = [
        f"| 2024-0{i} | M{i} | T{i} | {'[p](https://a.b)' if i % 3 else ''} |" for i in range(1, 10)
    ]
    (spec,) = specs(table("| Date | Model | Title | Link |", *rows))
    assert [column.required for column in spec.columns] == [True, True, True, False]


def test_an_image_is_not_an_empty_cell() -> None:
    (spec,) = specs(
        table(
            "| Title | Date | Links |",
            "| A | ![Jun 1, 2026](https://img.shields.io/badge/x) | [P](https://a.b/2606.00001) |",
        )
    )
    assert spec.columns[1].empty == 0


def test_the_cell_count_most_rows_share_is_the_tables() -> None:
    rows = [
        f"| T{i} | x | [p](https://arxiv.org/abs/2401.0000{i}) | [//]: #Recommend |"
        for i in range(1, 5)
    ]
    (spec,) = specs(table("| Title | Introduction | Links |", *rows))
    assert (spec.width, spec.usual_width) == (3, 4)
    assert spec.has_known_columns(spec.table.rows[0])


def test_rows_that_leave_off_the_last_cells_keep_their_columns() -> None:
    rows = [f"| T{i} | [p](https://arxiv.org/abs/2401.0000{i}) | 2024 |" for i in range(1, 5)]
    (spec,) = specs(table("| Title | Links | Year | Notes |", *rows))
    assert (spec.width, spec.usual_width) == (4, 3)
    assert spec.paper and spec.has_known_columns(spec.table.rows[0])
    notes = spec.columns[3]  # GitHub shows the cells the rows lack empty
    assert (notes.filled, notes.empty, notes.required) == (0, 4, False)


def test_a_table_whose_paper_column_is_mostly_placeholders_is_not_a_paper_table() -> None:
    (spec,) = specs(
        table(
            "| Name | GitHub Repo | Paper |",
            "| A | [Link](https://github.com/a/a) | [Paper](https://arxiv.org/abs/2505.15957) |",
            "| B | [Link](https://github.com/b/b) | - |",
            "| C | [Link](https://github.com/c/c) | - |",
        )
    )
    assert not spec.paper


# --- dates ------------------------------------------------------------------------------


def date_spec(*cells: str, header: str = "| Date | Title |"):
    (spec,) = specs(table(header, *(f"| {cell} | T{i} |" for i, cell in enumerate(cells))))
    assert spec.dates is not None
    return spec.dates


@pytest.mark.parametrize(
    ("cells", "formats"),
    [
        (("2026.3", "2026.12", "2026.11", "2026.4"), {Precision.MONTH: "YYYY.M"}),
        (("2026.03", "2026.12", "2026.4", "2026.05"), {Precision.MONTH: "YYYY.MM"}),
        (("**2024-08-20**", "`2024-08-19`", "*2024-08-18*"), {Precision.DAY: "YYYY-MM-DD"}),
        (("Dec 2023 (arXiv)", "Jan 2024", "Feb 2024 (arXiv)"), {Precision.MONTH: "Mon YYYY"}),
        (("2023-05<br>ICLR 2024", "2023-04"), {Precision.MONTH: "YYYY-MM"}),
        (("Jun 1, 2026", "May 12, 2026"), {Precision.DAY: "Mon D, YYYY"}),
        (("9/04/24", "8/28/24", "11/3/21", "5/5/22"), {Precision.DAY: "M/D/YY"}),
        (("2024年3月", "2024年12月"), {Precision.MONTH: "YYYY年M月"}),
        # year-only cells a steady share: mixed on purpose
        (
            ("2025", "08/2023", "2026", "04/2025", "2024", "2025", "11/2025"),
            {Precision.YEAR: "YYYY", Precision.MONTH: "MM/YYYY"},
        ),
    ],
)
def test_date_formats_are_the_columns_own(cells: tuple[str, ...], formats: dict) -> None:
    assert date_spec(*cells).formats == formats


def test_a_badge_image_alt_text_is_its_date() -> None:
    dates = date_spec(
        "![Jun 1, 2026](https://img.shields.io/badge/Jun_1,_2026-red?style=flat-square)",
        "![May 12, 2026](https://img.shields.io/badge/May_12,_2026-red?style=flat-square)",
    )
    assert [cell.text for cell in dates.cells] == ["Jun 1, 2026", "May 12, 2026"]
    assert not any(cell.editable for cell in dates.cells)  # rewriting the alt alone is wrong


def test_cells_that_show_the_same_are_read_each_as_written() -> None:
    """A column's cells are read once per distinct text: not once per visible text, which
    an empty cell and a badge share, nor once per date, which a bold cell shares."""
    dates = date_spec(
        "",
        "![May 12, 2026](https://img.shields.io/badge/May_12,_2026-red)",
        "2026-05-12",
        "**2026-05-12**",
        "2026-05-12 2026-05-12",
        "2026-05-12",
    )
    read = [(cell.kind.value, cell.text, cell.editable) for cell in dates.cells]
    assert read == [
        ("blank", "", False),
        ("date", "May 12, 2026", False),
        ("date", "2026-05-12", True),
        ("date", "2026-05-12", True),
        ("invalid", "2026-05-12 2026-05-12", False),
        ("date", "2026-05-12", True),
    ]
    assert dates.cells[2].row is not dates.cells[5].row  # each cell keeps its own row


def test_day_and_month_order_is_decided_per_column() -> None:
    dates = date_spec("18/9/2023", "08/2/2024", "20/3/2024")
    assert dates.day_first
    assert [(cell.date.month, cell.date.day) for cell in dates.dates] == [(9, 18), (2, 8), (3, 20)]
    assert not date_spec("12/25/2024", "08/02/2024").day_first


def test_placeholders_never_count_as_dates() -> None:
    dates = date_spec("2024-01", "TBD", "-", "2024-02")
    assert [cell.kind.value for cell in dates.cells] == ["date", "blank", "blank", "date"]


def test_sections_with_one_header_share_their_precision_mix() -> None:
    section = "| Date | Title |\n|---|---|\n| {} | A |\n| {} | B |\n\n"
    text = section.format("2025", "2025.01.02") + section.format("2025.03.04", "2024")
    found = specs(text + section.format("2025.05.06", "2025.07.08"))
    assert all(Precision.YEAR in spec.dates.formats for spec in found if spec.dates)


# --- order ------------------------------------------------------------------------------


def order_of(*cells: tuple[str, str]):
    rows = [
        f"| {date} | T{i} | [p](https://arxiv.org/abs/{paper}) |"
        for i, (date, paper) in enumerate(cells)
    ]
    (spec,) = specs(table("| Date | Title | Link |", *rows))
    return spec.order


def test_a_table_sorted_by_arxiv_id_is_ordered_where_its_dates_are_not() -> None:
    order = order_of(
        ("2024-05-01", "2404.00005"),
        ("2024-04-30", "2404.00004"),
        ("2024-05-03", "2404.00003"),
        ("2024-04-02", "2404.00002"),
        ("2024-04-29", "2404.00001"),
    )
    assert (order.key, order.direction, order.moved) == ("arXiv ID", "newest-first", 0)


def test_a_long_table_in_no_order_was_never_sorted() -> None:
    years = [2021, 2024, 2022, 2025, 2021, 2023, 2025, 2022, 2024, 2023, 2021, 2025]
    order = order_of(*((f"{year}-01", "x") for year in years))
    assert not order.is_sorted
    assert order.misplaced == ()


def test_a_short_table_with_two_rows_added_in_the_wrong_place_names_them() -> None:
    order = order_of(
        *((f"2024-0{month}", "x") for month in (2, 9, 8, 7, 1, 6, 5)),
    )
    assert order.is_sorted
    assert [m.placed.label for m in order.misplaced] == ["2024-02", "2024-01"]


def test_a_misplaced_date_a_year_off_its_arxiv_id_is_a_likely_typo() -> None:
    order = order_of(
        ("2024-04-01", "2404.00001"),
        ("2024-03-20", "2403.00020"),
        ("2023-03-05", "2403.03003"),
        ("2024-02-01", "2402.00001"),
        ("2024-01-10", "2401.00001"),
    )
    (misplaced,) = order.misplaced
    assert (misplaced.placed.label, misplaced.likely) == ("2023-03-05", "2024-03-05")


# --- duplicates ---------------------------------------------------------------------------


SEED = "| Date | Model Name | Paper Title | Link |"


def duplicates(*rows: tuple[str, str, str, str]):
    """Rows of (date, model, title, link: an arXiv ID or a URL) in the seed list's format."""
    lines = [
        f"| {date} | {model} | {title} | [paper]({url if '/' in url else ARXIV + url}) |"
        for date, model, title, url in rows
    ]
    return list(infer(table(SEED, *lines)).duplicates.values())


ARXIV = "https://arxiv.org/abs/"
IEEE = "https://ieeexplore.ieee.org/document/10738376"


def test_a_copied_row_with_a_new_name_but_the_old_title_and_link_is_a_duplicate() -> None:
    (found,) = duplicates(
        ("2024-04", "OldModel", "OldModel: Towards Speech", "2404.00656"),
        ("2024-05", "NewModel", "OldModel: Towards Speech", "2404.00656"),
    )
    assert found.kind is Kind.COPY_PASTE
    assert found.blamed.row.line == 4


def test_several_models_of_one_paper_are_allowed() -> None:
    assert not duplicates(
        ("2023-12", "SeamlessM4T", "Seamless: Multilingual Expressive", "2312.05187"),
        ("2023-12", "W2v-BERT 2.0", "Seamless: Multilingual Expressive", "2312.05187"),
    )


def test_one_model_name_with_two_titles_is_a_name_clash_whatever_they_link() -> None:
    assert not duplicates(
        ("2025-02", "UniCodec", "UniCodec: Unified Audio Codec", "2502.20067"),
        ("2024-11", "UniCodec", "Universal Speech Token Learning", IEEE),
    )


def test_a_repeated_row_is_one_pair_sharing_everything() -> None:
    (found,) = duplicates(
        ("2025-03", "UniCodec", "Universal Speech Token Learning", "2503.12115"),
        ("2024-11", "UniCodec", "Universal Speech Token Learning", IEEE),
    )
    assert (found.kind, found.shared) == (Kind.REPEAT, ("model", "title"))


def test_different_versions_of_one_paper_are_different_entries() -> None:
    assert not duplicates(
        ("2024-04", "T-GATE V1", "Cross-Attention", "https://arxiv.org/pdf/2404.02747v1"),
        ("2024-04", "T-GATE V2", "Faster Diffusion", "https://arxiv.org/pdf/2404.02747v2"),
    )


@pytest.mark.parametrize(
    ("title", "core"),
    [
        ("[Data, Model] Learning Representations (FDCA, FineCVR-1M)", "Learning Representations"),
        (
            "🔥🔥[Mooncake] Mooncake: A KVCache Architecture(@Moonshot AI)",
            "Mooncake: A KVCache Architecture",
        ),
        (
            "✨ MMaDA: Multimodal Diffusion Models (ByteDance Seed) ✨",
            "MMaDA: Multimodal Diffusion Models",
        ),
        ("视频理解论文串讲（上）", "视频理解论文串讲"),
        ("理由、论据和担保【研究的艺术·四】", "理由、论据和担保"),
        ("(Un)Fair Ranking of Papers", "(Un)Fair Ranking of Papers"),  # no tag: part of it
        ("[Benchmark]", "[Benchmark]"),  # nothing but a tag: the title
        ("Plain Title", "Plain Title"),
    ],
)
def test_the_title_of_a_cell_is_read_without_tags_before_it_and_notes_after_it(
    title: str, core: str
) -> None:
    assert title_core(title)[1] == core


def test_notes_compare_as_their_items() -> None:
    assert title_notes("T (FDCA, FineCVR-1M)") == title_notes("[x] T (FineCVR-1M, FDCA)")
    assert title_notes("T（上）") != title_notes("T（下）")
    assert title_notes("[Survey] T ✨") == frozenset()


def test_a_title_that_another_row_gives_another_paper_is_mixed_up_across_tables() -> None:
    simple = "SimpleSpeech: Towards Simple and Efficient Text-to-Speech"
    collapse = "Addressing Index Collapse of Large-Codebook Speech Tokenizers"
    text = table(SEED, f"| 2024-06 | SimpleSpeech | {simple} | [paper]({ARXIV}2406.02328) |")
    text += "\n" + table(
        SEED,
        f"| 2024-06 | SQ-Codec | {collapse} | [paper]({ARXIV}2406.02328) |",
        f"| 2024-06 | PQ-VAE | {simple} | [paper]({ARXIV}2406.02940) |",
    )
    (found,) = infer(text).duplicates.values()
    assert found.kind is Kind.MIXED_UP
    assert found.witness is not None
    assert (found.blamed.row.line, found.other.row.line, found.witness.row.line) == (7, 3, 8)


def test_one_paper_under_two_titles_in_two_tables_is_no_mix_up_without_a_third_row() -> None:
    text = table(
        SEED, f"| 2023-05 | - | A First Look at News Recommendation | [p]({ARXIV}2305.06566) |"
    )
    text += "\n" + table(
        SEED,
        f"| 2023-05 | - | ONCE: Boosting Content-based Recommendation | [p]({ARXIV}2305.06566) |",
    )
    assert not infer(text).duplicates


# --- links --------------------------------------------------------------------------------


def test_a_column_of_mirror_links_is_deliberate() -> None:
    rows = [
        f"| 2026-01-3{i} | T{i} | [{p}]({ARXIV}{p}) | [alphaXiv](https://alphaxiv.org/abs/{p}) |"
        for i in range(1, 4)
        for p in [f"240{i}.0000{i}"]
    ]
    (spec,) = specs(table("| Publish Date | Title | PDF | alphaXiv |", *rows))
    assert spec.mirror_columns == frozenset({3})
    assert len(spec.deliberate_mirrors) == 3


def test_a_link_pinned_beside_the_same_link_at_no_other_version_is_deliberate() -> None:
    (spec,) = specs(
        table(
            "| Date | Title | Links |",
            f"| 2023-08 | CoVR | [CoVR-2]({ARXIV}2308.14746) & [CoVR]({ARXIV}2308.14746v3) |",
            f"| 2024-01 | Twice | [a]({ARXIV}2401.00001v2) [b]({ARXIV}2401.00001v2) |",
            f"| 2024-02 | PDF | [a]({ARXIV}2402.00002) [b](https://arxiv.org/pdf/2402.00002v1) |",
        )
    )
    assert len(spec.deliberate_pins) == 1


def test_the_form_most_arxiv_links_share_is_the_tables() -> None:
    rows = [f"| 2024-0{i} | T{i} | [p](http://arxiv.org/abs/2401.0000{i}) |" for i in range(1, 5)]
    (spec,) = specs(table("| Date | Title | Link |", *rows))
    assert spec.arxiv_form is not None
    assert (spec.arxiv_form.template, spec.arxiv_form.count) == ("http://arxiv.org/abs/ID", 4)
