"""``--diff-base REF``: only what changed since REF is reported."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_cli
from tests.git_helpers import GIT_ENV, commit, git, init_repo, write

HEADER = "| Date | Model | Title | Link |\n| --- | --- | --- | --- |\n"
WAVLLM = (
    "| 2024-04 | WavLLM | WavLLM: Robust Speech | [paper](https://arxiv.org/abs/2404.00656) |\n"
)
SALMONN = (
    "| 2023-10 | SALMONN | SALMONN: Generic Hearing | [paper](https://arxiv.org/abs/2310.13289) |\n"
)
MOSHI = "| 2024-10 | Moshi | Moshi: Speech-Text | [paper](https://arxiv.org/abs/2410.00037) |\n"
OLD_DEFECT = "| 2023-09 | Qwen-Audio | Qwen-Audio: Advancing Audio | no link |\n"  # TAB005
NEW_DEFECT = "| 2024-05 | AnyGPT | AnyGPT: Unified Multimodal |\n"  # TAB001


def lint(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--select", "TAB,DUP,DAT", *args, cwd=repo, env=GIT_ENV)


def findings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.split(": ", 1)[0] + " " + line.split()[1] for line in result.stdout.splitlines()]


def test_only_lines_changed_since_the_base_are_reported(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + WAVLLM + SALMONN + OLD_DEFECT})
    write(repo, {"README.md": HEADER + NEW_DEFECT + WAVLLM + SALMONN + OLD_DEFECT})
    assert findings(lint(repo, "README.md")) == ["README.md:3:1 TAB001", "README.md:6:56 TAB005"]
    result = lint(repo, "--diff-base", "HEAD", "README.md")
    assert (findings(result), result.returncode) == (["README.md:3:1 TAB001"], 1)


def test_committed_and_staged_changes_count_too(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + WAVLLM + SALMONN})
    write(repo, {"README.md": HEADER + NEW_DEFECT + WAVLLM + SALMONN})
    commit(repo, "add a row")
    write(repo, {"README.md": HEADER + NEW_DEFECT + WAVLLM + SALMONN + OLD_DEFECT})
    git(repo, "add", "README.md")
    assert findings(lint(repo, "--diff-base", "HEAD~1", "README.md")) == [
        "README.md:3:1 TAB001",
        "README.md:6:56 TAB005",
    ]
    assert findings(lint(repo, "--diff-base", "HEAD", "README.md")) == ["README.md:6:56 TAB005"]


def test_an_untracked_file_is_new_throughout(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + WAVLLM})
    write(repo, {"docs/new.md": HEADER + WAVLLM + OLD_DEFECT})
    result = lint(repo, "--diff-base", "main", "README.md", "docs")
    assert findings(result) == ["docs/new.md:4:56 TAB005"]
    assert result.returncode == 0  # a warning


def test_a_duplicate_added_above_an_older_copy_is_blamed_on_the_added_row(
    tmp_path: Path,
) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + WAVLLM + SALMONN})
    write(repo, {"README.md": HEADER + SALMONN.replace("2023-10", "2024-04") + WAVLLM + SALMONN})
    # Without --diff-base, the later row (line 5, unchanged) is the duplicate: one finding.
    assert findings(lint(repo, "README.md")) == ["README.md:5:50 DUP002"]
    result = lint(repo, "--diff-base", "HEAD", "README.md")
    assert result.stdout == (
        "README.md:3:50: DUP002 repeats line 5: same model, arXiv paper 2310.13289 and title; "
        "keep one of the two rows (error)\n"
    )
    assert result.returncode == 1


def test_a_mix_up_is_blamed_on_the_mixed_rows_never_on_the_right_row_a_change_adds(
    tmp_path: Path,
) -> None:
    simple = "SimpleSpeech: Towards Simple and Efficient Text-to-Speech"
    collapse = "Addressing Index Collapse of Large-Codebook Speech Tokenizers"
    right = f"| 2024-06 | SimpleSpeech | {simple} | [paper](https://arxiv.org/abs/2406.02328) |\n"
    mixed = f"| 2024-06 | SQ-Codec | {collapse} | [paper](https://arxiv.org/abs/2406.02328) |\n"
    witness = f"| 2024-06 | PQ-VAE | {simple} | [paper](https://arxiv.org/abs/2406.02940) |\n"
    repo = init_repo(tmp_path, {"README.md": HEADER + WAVLLM + "\n" + HEADER + mixed + witness})
    write(repo, {"README.md": HEADER + right + WAVLLM + "\n" + HEADER + mixed + witness})
    assert findings(lint(repo, "README.md")) == ["README.md:8:88 DUP002"]
    # The added row agrees with both others: it reveals the mix-up, it makes none.
    assert lint(repo, "--diff-base", "HEAD", "README.md").stdout == ""
    commit(repo, "right row")
    write(repo, {"README.md": HEADER + right + WAVLLM + "\n" + HEADER + mixed})
    commit(repo, "no witness")
    write(repo, {"README.md": HEADER + right + WAVLLM + "\n" + HEADER + mixed + witness})
    assert lint(repo, "--diff-base", "HEAD", "README.md").stdout == (
        "README.md:9:82: DUP002 has line 3's title with arXiv paper 2406.02940, and line 8 "
        "links line 3's arXiv paper 2406.02328 under another title: titles or links mixed "
        "up between lines 3, 8 and 9? (error)\n"
    )


def test_links_swapped_between_two_rows_are_one_finding_on_the_row_the_change_adds(
    tmp_path: Path,
) -> None:
    univi = "Chat-UniVi: Unified Visual Representation for Image and Video Understanding"
    vid = "LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models"
    titled = (
        f"| 2023-11 | Chat-UniVi | {univi} | [paper](https://arxiv.org/abs/2311.08046) |\n"
        f"| 2023-11 | LLaMA-VID | {vid} | [paper](https://arxiv.org/abs/2311.17043) |\n"
    )
    wrong = f"| 2023-11 | Chat-UniVi | {univi} | [paper](https://arxiv.org/abs/2311.17043) |\n"
    added = f"| 2023-11 | LLaMA-VID | {vid} | [paper](https://arxiv.org/abs/2311.08046) |\n"
    repo = init_repo(tmp_path, {"README.md": HEADER + titled + "\n" + HEADER + wrong})
    write(repo, {"README.md": HEADER + titled + "\n" + HEADER + wrong + added})
    assert findings(lint(repo, "README.md")) == ["README.md:8:104 DUP002"]
    result = lint(repo, "--diff-base", "HEAD", "README.md")
    assert result.stdout == (
        "README.md:9:90: DUP002 its link (arXiv paper 2311.08046) and line 8's (arXiv paper "
        "2311.17043) are swapped: line 3 gives line 8's title to arXiv paper 2311.08046; "
        "swap the two links (or the two titles) (error)\n"
    )


def test_rows_cut_off_by_an_added_blank_line_are_blamed_on_that_line(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + MOSHI + WAVLLM + SALMONN})
    write(repo, {"README.md": HEADER + MOSHI + "\n" + WAVLLM + SALMONN})
    result = lint(repo, "--diff-base", "HEAD", "README.md")
    assert result.stdout == (
        "README.md:4:1: TAB006 [*] 2 table rows are outside any table: the blank line at 4 "
        "ends the table above; delete it (error)\n"
    )


def test_a_table_wide_finding_counts_when_any_row_of_its_table_changed(tmp_path: Path) -> None:
    ordered = HEADER + MOSHI + WAVLLM + SALMONN
    months = (3, 11, 1, 9, 5, 12, 2, 7, 10, 4, 8)  # never sorted: one finding, on the header
    unordered = (
        HEADER
        + MOSHI
        + "".join(
            f"| 2023-{m:02d} | M{m} | T{m} | [p](https://arxiv.org/abs/23{m:02d}.000{m:02d}) |\n"
            for m in months
        )
    )
    repo = init_repo(tmp_path, {"README.md": f"{unordered}\n{ordered}"})
    assert findings(lint(repo, "README.md")) == ["README.md:1:1 DAT002"]
    assert lint(repo, "--diff-base", "HEAD", "README.md").stdout == ""
    write(repo, {"README.md": f"{unordered}\n{ordered}".replace("Speech-Text", "Speech")})
    assert findings(lint(repo, "--diff-base", "HEAD", "README.md")) == ["README.md:1:1 DAT002"]
    write(repo, {"README.md": f"{unordered}\n{ordered}\nMore text.\n"})
    assert lint(repo, "--diff-base", "HEAD", "README.md").stdout == ""


def test_a_link_broken_like_the_tables_other_links_is_reported_when_added(
    tmp_path: Path,
) -> None:
    def table(broken: int) -> str:
        host = "https://github.com/"
        return "| Title | Code |\n| --- | --- |\n" + "".join(
            f"| T{n} | [code]({host}{host if n < broken else ''}o/r{n}) |\n" for n in range(7)
        )

    repo = init_repo(tmp_path, {"README.md": table(5)})  # one finding for the five
    assert findings(run_cli("--select", "LNK009", "README.md", cwd=repo)) == [
        "README.md:1:1 LNK009"
    ]
    write(repo, {"README.md": table(6)})  # a sixth, added by the change
    result = run_cli(
        "--select", "LNK009", "--diff-base", "HEAD", "README.md", cwd=repo, env=GIT_ENV
    )
    assert findings(result) == ["README.md:1:1 LNK009"]


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(HEADER + NEW_DEFECT, encoding="utf-8")
    result = run_cli("--diff-base", "HEAD", "README.md", cwd=tmp_path, env=GIT_ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "awesome-lint: error: --diff-base: not inside a git repository\n"


def test_an_unknown_revision_is_a_usage_error(tmp_path: Path) -> None:
    repo = init_repo(tmp_path, {"README.md": HEADER + NEW_DEFECT})
    for ref in ("no-such-branch", "-p"):
        result = run_cli(f"--diff-base={ref}", "README.md", cwd=repo, env=GIT_ENV)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"awesome-lint: error: --diff-base: unknown git revision '{ref}'\n"


def test_files_outside_the_repository_and_stdin_are_usage_errors(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", {"README.md": HEADER + WAVLLM})
    outside = tmp_path / "other.md"
    outside.write_text(HEADER + NEW_DEFECT, encoding="utf-8")
    result = run_cli("--diff-base", "HEAD", str(outside), cwd=repo, env=GIT_ENV)
    assert result.returncode == 2
    assert result.stderr.startswith(f"awesome-lint: error: --diff-base: {outside} is outside")
    piped = run_cli("--diff-base", "HEAD", "-", cwd=repo, env=GIT_ENV, stdin=b"text\n")
    assert piped.returncode == 2
    assert "--diff-base: standard input has no git history" in piped.stderr
