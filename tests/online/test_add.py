"""``awesome-lint add`` as users run it, against the local fake arXiv server.

The fake's first version of a paper is dated the 10th of the ID's month plus the ID's
last digit (2404.00656 -> 2024-04-16).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

from .fake_arxiv import FakeArxiv, closed_port_url

WAVLLM = "WavLLM: Towards Robust and Adaptive Speech Large Language Model"
PAPERS = {
    "2404.00656": WAVLLM,
    "2401.01234": "Mamba-2: Faster State Space Models",
    "2312.05555": "A Survey of Speech Codecs",
    "2405.00007": "SpeechFlow: Generative Pre-training with Flow Matching",
}
CONFIG = "arxiv-request-interval: 0.02\narxiv-timeout: 2\n"

SEED = (Path(__file__).parent.parent / "fixtures" / "add" / "seed.md").read_text(encoding="utf-8")


@pytest.fixture
def fake(fake_arxiv: FakeArxiv) -> FakeArxiv:
    fake_arxiv.papers.update(PAPERS)
    return fake_arxiv


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".awesome-lint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def add(
    project: Path, fake: FakeArxiv | None, *args: str, to: str = "README.md"
) -> subprocess.CompletedProcess[str]:
    url = fake.url if fake is not None else closed_port_url()
    cache = str(project / "cache")
    completed = run_cli(
        "add", *args, "--to", to, "--arxiv-api-url", url, "--cache-dir", cache, cwd=project
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


def write(project: Path, text: str, name: str = "README.md") -> Path:
    path = project / name
    path.write_bytes(text.encode("utf-8"))
    return path


def lines_added(before: str, after: str) -> list[str]:
    old = before.splitlines()
    return [line for line in after.splitlines() if line not in old]


def lint_findings(project: Path, path: Path) -> list[str]:
    completed = run_cli("--output-format", "text", "-q", str(path), cwd=project)
    return completed.stdout.splitlines()


# --- the seed's table: YYYY-MM, newest first, aligned -------------------------------------


def test_seed_table_gets_the_row_in_place_and_stays_aligned(project: Path, fake: FakeArxiv) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "https://arxiv.org/pdf/2404.00656v2", "--table", "language")

    assert completed.returncode == 0, completed.stderr
    text = readme.read_text(encoding="utf-8")
    lines = text.splitlines()
    added = lines.index(
        "| 2024-04 | WavLLM     | WavLLM: Towards Robust and Adaptive Speech Large Language Model "
        "| [paper](https://arxiv.org/abs/2404.00656) |"
    )
    # After the rows of the same month, before the older ones.
    assert lines[added - 1].startswith("| 2024-04 | SALMONN")
    assert lines[added + 1].startswith("| 2024-03 | Qwen-Audio")
    # The table was re-padded (the new title is wider): every pipe still lines up.
    table = lines[4:11]
    assert len({tuple(i for i, c in enumerate(line) if c == "|") for line in table}) == 1
    # The other table and everything outside the tables are untouched.
    assert (
        text.split("## Speech/Audio Codec Models")[1]
        == SEED.split("## Speech/Audio Codec Models")[1]
    )
    assert f"{readme.name}:{added + 1}: added arXiv 2404.00656" in completed.stderr
    assert lint_findings(project, readme) == []
    [request] = fake.requests
    assert request.ids == ["2404.00656"]


def test_several_tables_without_table_is_an_error_listing_them(
    project: Path, fake: FakeArxiv
) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "2404.00656")

    assert completed.returncode == 2
    [line] = completed.stderr.splitlines()
    assert "2 paper tables, choose one with --table TEXT" in line
    assert "line 5: Speech/Audio Language Models (Date | Model Name" in line
    assert "line 14: Speech/Audio Codec Models" in line
    assert readme.read_text(encoding="utf-8") == SEED
    assert fake.requests == []  # nothing asked before the table is known


def test_several_papers_go_in_one_request_each_in_its_place(project: Path, fake: FakeArxiv) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "2401.01234", "arXiv:2312.05555", "--table", "codec")

    assert completed.returncode == 0, completed.stderr
    lines = readme.read_text(encoding="utf-8").splitlines()
    codec = lines[lines.index("## Speech/Audio Codec Models") :]
    assert [line.split("|")[1].strip() for line in codec[4:]] == [
        "2024-02",
        "2024-01",
        "2023-12",
        "2023-10",
    ]
    # The model name is the title's head, as in the rest of the table.
    assert "| 2024-01 | Mamba-2 | Mamba-2: Faster State Space Models |" in codec[5]
    # The title has no head: the model column gets nothing to go on.
    assert "| 2023-12 |  | A Survey of Speech Codecs |" in codec[6]
    assert [request.ids for request in fake.requests] == [["2401.01234", "2312.05555"]]


# --- other conventions --------------------------------------------------------------------


def test_dotted_month_table_oldest_first(project: Path, fake: FakeArxiv) -> None:
    readme = write(
        project,
        "| Title | Venue | Date |\n|---|---|---|\n"
        "| [Alpha](https://arxiv.org/abs/2311.00001) | NeurIPS | 2023.11 |\n"
        "| [Beta](https://arxiv.org/abs/2402.00002) | - | 2024.2 |\n"
        "| [Gamma](https://arxiv.org/abs/2406.00003) | ICML | 2024.6 |\n",
    )

    completed = add(project, fake, "2404.00656")

    assert completed.returncode == 0, completed.stderr
    lines = readme.read_text(encoding="utf-8").splitlines()
    # Unpadded months, the title linked to the paper, the venue's placeholder.
    assert lines[4] == f"| [{WAVLLM}](https://arxiv.org/abs/2404.00656) | - | 2024.4 |"
    assert lint_findings(project, readme) == []


def test_month_name_table_and_bold_linked_titles(project: Path, fake: FakeArxiv) -> None:
    readme = write(
        project,
        "| Date | Paper | Code |\n| --- | --- | --- |\n"
        "| Jan 2024 | **[Alpha](https://arxiv.org/abs/2401.00001)** | [code](https://x.org/a) |\n"
        "| Mar 2024 | **[Beta](https://arxiv.org/abs/2403.00002)** | |\n"
        "| Jun 2024 | **[Gamma](https://arxiv.org/abs/2406.00003)** | [code](https://x.org/c) |\n",
    )

    completed = add(project, fake, "2405.00007")

    assert completed.returncode == 0, completed.stderr
    lines = readme.read_text(encoding="utf-8").splitlines()
    assert lines[4] == (
        "| May 2024 | **[SpeechFlow: Generative Pre-training with Flow Matching]"
        "(https://arxiv.org/abs/2405.00007)** |  |"
    )


def test_day_precise_table_gets_the_day_of_the_first_version(
    project: Path, fake: FakeArxiv
) -> None:
    readme = write(
        project,
        "| Date | Model | Title | Paper |\n| --- | --- | --- | --- |\n"
        "| 2024-04-20 | A | A: One | [arXiv](https://arxiv.org/abs/2404.00011) |\n"
        "| 2024-04-02 | B | B: Two | [arXiv](https://arxiv.org/abs/2404.00012) |\n"
        "| 2024-03-30 | C | C: Three | [arXiv](https://arxiv.org/abs/2403.00013) |\n",
    )

    completed = add(project, fake, "2404.00656")

    assert completed.returncode == 0, completed.stderr
    lines = readme.read_text(encoding="utf-8").splitlines()
    assert lines[3] == (
        f"| 2024-04-16 | WavLLM | {WAVLLM} | [arXiv](https://arxiv.org/abs/2404.00656) |"
    )


def test_table_sorted_by_arxiv_id_and_its_link_form(project: Path, fake: FakeArxiv) -> None:
    readme = write(
        project,
        "| Paper | Link |\n| --- | --- |\n"
        "| Alpha | [pdf](http://arxiv.org/pdf/2312.00001) |\n"
        "| Beta | [pdf](http://arxiv.org/pdf/2401.00002) |\n"
        "| Gamma | [pdf](http://arxiv.org/pdf/2403.00003) |\n"
        "| Delta | [pdf](http://arxiv.org/pdf/2405.00004) |\n"
        "| Epsilon | [pdf](http://arxiv.org/pdf/2407.00005) |\n",
    )

    completed = add(project, fake, "2404.00656")

    assert completed.returncode == 0, completed.stderr
    lines = readme.read_text(encoding="utf-8").splitlines()
    # The table's own link form: ARX002's one finding for the table stays the only one.
    assert lines[5] == f"| {WAVLLM} | [pdf](http://arxiv.org/pdf/2404.00656) |"
    [finding] = lint_findings(project, readme)
    assert ":1:1: ARX002 [*] 6 of 6 arXiv links of this table are written" in finding


# --- refusals -----------------------------------------------------------------------------


def test_a_paper_already_there_is_refused_naming_the_line(project: Path, fake: FakeArxiv) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "2404.00002", "2405.00007", "--table", "language")

    assert completed.returncode == 1
    assert "2404.00002: line 8 already links arXiv paper 2404.00002: not added" in completed.stderr
    text = readme.read_text(encoding="utf-8")
    assert text.count("2404.00002") == 1
    assert "2405.00007" in text  # the other paper is added


def test_same_title_under_another_link_is_refused(project: Path, fake: FakeArxiv) -> None:
    fake.papers["2406.00009"] = "SALMONN: Towards Generic Hearing Abilities"
    readme = write(project, SEED)

    completed = add(project, fake, "2406.00009", "--table", "language")

    assert completed.returncode == 1
    assert "line 8 already has the title" in completed.stderr
    assert readme.read_text(encoding="utf-8") == SEED


def test_an_unknown_paper_is_refused(project: Path, fake: FakeArxiv) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "2404.99999", "--table", "language")

    assert completed.returncode == 1
    assert "arXiv has no paper 2404.99999" in completed.stderr
    assert readme.read_text(encoding="utf-8") == SEED


@pytest.mark.parametrize("bad", ["2404.0065", "https://arxiv.org/abs/2413.00001", "hello"])
def test_a_malformed_id_is_refused_before_anything_else(
    project: Path, fake: FakeArxiv, bad: str
) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, bad, "--table", "language")

    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1
    assert readme.read_text(encoding="utf-8") == SEED
    assert fake.requests == []


# --- offline ------------------------------------------------------------------------------


def test_offline_needs_a_title_and_takes_the_month_of_the_id(project: Path) -> None:
    readme = write(project, SEED)

    refused = add(project, None, "2404.00656", "--table", "language", "--offline")
    assert refused.returncode == 2
    assert "give the paper's title with --title" in refused.stderr

    completed = add(
        project, None, "2404.00656", "--table", "language", "--offline", "--title", WAVLLM
    )
    assert completed.returncode == 0, completed.stderr
    assert "| 2024-04 | WavLLM " in readme.read_text(encoding="utf-8")


NUMBERED = (
    "| # | Date | Title | Link |\n| --- | --- | --- | --- |\n"
    "| 1 | 2023-01 | Alpha: Speech | [paper](https://arxiv.org/abs/2301.00001) |\n"
    "| 2 | 2023-05 | Beta: Audio | [paper](https://arxiv.org/abs/2305.00002) |\n"
    "| 3 | 2023-02 | Gamma: Music | [paper](https://arxiv.org/abs/2302.00003) |\n"
)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (NUMBERED, "| 4 | 2024-04 | WavLLM"),  # counting up: the next number, at the end
        (
            NUMBERED.replace("| 1 |", "| 3. |")
            .replace("| 3 |", "| 1. |")
            .replace("| 2 |", "| 2. |"),
            "| 4. | 2024-04 | WavLLM",
        ),  # counting down: on top, as the table writes numbers
    ],
)
def test_a_numbered_table_gets_the_next_number(project: Path, rows: str, expected: str) -> None:
    readme = write(project, rows)
    completed = add(project, None, "2404.00656", "--offline", "--title", WAVLLM)
    assert completed.returncode == 0, completed.stderr
    added = lines_added(rows, readme.read_text(encoding="utf-8"))
    assert [line[: len(expected)] for line in added] == [expected]
    body = readme.read_text(encoding="utf-8").splitlines()[2:]
    assert (body[-1] if "| 4 |" in expected else body[0]).startswith(expected)


def test_a_file_add_cannot_rewrite_safely_is_a_one_line_error(project: Path) -> None:
    readme = write(project, SEED)
    os.link(readme, project / "LINKED.md")

    completed = add(
        project, None, "2404.00656", "--table", "language", "--offline", "--title", WAVLLM
    )

    assert completed.returncode == 2
    assert completed.stderr == (
        f"awesome-lint: error: {readme.name}: not rewritten: it has 2 hard links, which "
        "replacing it would break (nothing was written; work on a copy instead)\n"
    )
    assert readme.read_text(encoding="utf-8") == SEED


def test_unreachable_api_without_title_is_a_one_line_error(project: Path) -> None:
    write(project, SEED)

    completed = add(project, None, "2404.00656", "--table", "language")

    assert completed.returncode == 2
    assert completed.stderr.strip().endswith("give the paper's title with --title")
    assert len(completed.stderr.strip().splitlines()) == 1


# --- bytes kept ---------------------------------------------------------------------------


def test_diff_writes_nothing(project: Path, fake: FakeArxiv) -> None:
    readme = write(project, SEED)

    completed = add(project, fake, "2404.00656", "--table", "language", "--diff")

    assert completed.returncode == 0
    assert readme.read_text(encoding="utf-8") == SEED
    assert completed.stdout.startswith(f"--- {readme.name}\n+++ {readme.name}\n")
    assert "+| 2024-04 | WavLLM " in completed.stdout


def test_crlf_bom_and_missing_final_newline_are_kept(project: Path, fake: FakeArxiv) -> None:
    table = (
        "| Date | Model | Title | Link |\r\n| --- | --- | --- | --- |\r\n"
        "| 2024-05 | A | A: One | [paper](https://arxiv.org/abs/2405.00001) |\r\n"
        "| 2024-03 | B | B: Two | [paper](https://arxiv.org/abs/2403.00002) |"
    )
    path = project / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + table.encode())

    completed = add(project, fake, "2404.00656")

    assert completed.returncode == 0, completed.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data.endswith(b"\n")
    assert data.count(b"\r\n") == 4 and data.count(b"\n") == 4
    new_line = f"| 2024-04 | WavLLM | {WAVLLM} | [paper](https://arxiv.org/abs/2404.00656) |"
    assert data.decode("utf-8-sig").split("\r\n")[3] == new_line
