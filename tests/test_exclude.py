"""Which files a run checks (exclude, extend-exclude, --exclude, --force-exclude, what
Git ignores), and a run that checked nothing saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.git_helpers import init_repo

TABLE = (
    "| Date | Model | Title | Link |\n|---|---|---|---|\n"
    "| 2024-01 | A | T | [p](https://arxiv.org/abs/2401.00001) |\n"
)
BROKEN = TABLE + "| 2024-02 | B |\n"  # TAB001 on line 4


def checked(result) -> list[str]:  # type: ignore[no-untyped-def]
    """The files a run reported on (each has one TAB001)."""
    return [line.split(":")[0] for line in result.stdout.splitlines()]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(
        tmp_path / "repo",
        {
            "README.md": BROKEN,
            "CONTRIBUTING.md": BROKEN,
            "docs/list.md": BROKEN,
            "docs/drafts/wip.md": BROKEN,
            "build/out.md": BROKEN,
            ".gitignore": "build/\n",
        },
    )


def lint(repo: Path, *args: str):  # type: ignore[no-untyped-def]
    result = run_cli("--select", "TAB001", *args, cwd=repo)
    assert "Traceback" not in result.stderr
    return result


def test_a_walk_leaves_out_the_default_exclusions_and_what_git_ignores(repo: Path) -> None:
    (repo / "build" / "out.md").write_text(BROKEN)  # untracked, ignored
    assert checked(lint(repo, ".")) == ["README.md", "docs/drafts/wip.md", "docs/list.md"]


def test_files_named_are_linted_unless_force_exclude(repo: Path) -> None:
    assert checked(lint(repo, "CONTRIBUTING.md")) == ["CONTRIBUTING.md"]
    result = lint(repo, "--force-exclude", "CONTRIBUTING.md", "README.md")
    assert checked(result) == ["README.md"]
    alone = lint(repo, "--force-exclude", "CONTRIBUTING.md")
    assert (alone.returncode, alone.stdout) == (0, "")
    assert alone.stderr == "Nothing checked: no files (1 excluded).\n"


def test_configured_patterns_are_relative_to_the_configuration(repo: Path) -> None:
    (repo / "docs" / ".awesome-lint.yaml").write_text("extend-exclude: [drafts/]\n")
    assert checked(lint(repo, ".")) == ["README.md", "docs/list.md"]
    # `exclude` replaces the defaults: CONTRIBUTING.md is linted again.
    (repo / ".awesome-lint.yaml").write_text("exclude: ['/docs/*.md']\n")
    assert checked(lint(repo, "CONTRIBUTING.md", "README.md", "docs/list.md")) == [
        "CONTRIBUTING.md",
        "README.md",
        "docs/list.md",
    ]
    forced = lint(repo, "--force-exclude", "CONTRIBUTING.md", "README.md", "docs/list.md")
    # docs/ has its own configuration (nearest wins): its patterns apply there.
    assert checked(forced) == ["CONTRIBUTING.md", "README.md", "docs/list.md"]
    (repo / "docs" / ".awesome-lint.yaml").unlink()
    forced = lint(repo, "--force-exclude", "CONTRIBUTING.md", "README.md", "docs/list.md")
    assert checked(forced) == ["CONTRIBUTING.md", "README.md"]


def test_exclude_on_the_command_line_adds_patterns(repo: Path) -> None:
    result = lint(repo, "--exclude", "docs/**/wip.md,README.md", ".")
    assert checked(result) == ["docs/list.md"]


def test_a_directory_named_although_excluded_is_linted(repo: Path) -> None:
    (repo / ".awesome-lint.yaml").write_text("extend-exclude: [docs/]\n")
    assert checked(lint(repo, ".")) == ["README.md"]
    assert checked(lint(repo, "docs")) == ["docs/drafts/wip.md", "docs/list.md"]
    forced = lint(repo, "--force-exclude", "docs")
    assert (forced.stdout, forced.stderr) == ("", "Nothing checked: no files (1 excluded).\n")


def test_a_directory_with_everything_excluded_is_an_input_error(repo: Path) -> None:
    (repo / "only").mkdir()
    (repo / "only" / "CHANGELOG.md").write_text(BROKEN)
    result = lint(repo, "only")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "awesome-lint: error: only: directory contains no Markdown (*.md) files "
        "that are not excluded or ignored"
    )


# --- a run that checked nothing -----------------------------------------------------------


def test_files_without_a_paper_table_are_named(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\n| Step | Who |\n|---|---|\n| 1 | me |\n")
    (tmp_path / "list.md").write_text(TABLE)
    alone = run_cli("notes.md", cwd=tmp_path)
    assert (alone.returncode, alone.stderr) == (0, "Nothing checked: no paper table in notes.md.\n")
    both = run_cli("notes.md", "list.md", cwd=tmp_path)
    assert both.stderr == "All checks passed (2 files); no paper table in notes.md.\n"


def test_a_selected_rule_without_its_setting_says_it_checks_nothing(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(TABLE)
    result = run_cli("--select", "TAB002,arxiv-not-found", "list.md", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "awesome-lint: warning: ARX003 (arxiv-not-found) is selected but checks nothing "
        "unless `online` is set",
        "awesome-lint: warning: TAB002 (table-header) is selected but checks nothing "
        "unless `header` is set",
        "Nothing checked: the selected rules need settings (see the warnings above).",
    ]
    # A prefix that brings such rules in along with others is no reason for a warning.
    assert run_cli("--select", "TAB", "list.md", cwd=tmp_path).stderr == (
        "All checks passed (1 file).\n"
    )


def test_an_unknown_code_in_a_suppression_comment_is_a_warning(tmp_path: Path) -> None:
    text = (
        "<!-- awesome-lint-disable-next-line DAT009, table-column-count -->\n"
        + TABLE
        + "\nShown as code, not a comment: `<!-- awesome-lint-disable XYZ -->`.\n"
    )
    (tmp_path / "list.md").write_text(text)
    result = run_cli("list.md", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "awesome-lint: warning: list.md:1: unknown rule 'DAT009' in a suppression comment; "
        "it silences nothing",
        "All checks passed (1 file).",
    ]
