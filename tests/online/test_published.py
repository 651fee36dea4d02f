"""LNK004 published-version, against the local fake arXiv server: the journal reference
and DOI of arXiv's answers (arxiv:journal_ref, arxiv:doi), through the feed parser, the
cache and the rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from awesome_lint.online.atom import parse_feed
from awesome_lint.online.cache import LookupCache
from awesome_lint.online.client import Found
from tests.conftest import run_cli

from .fake_arxiv import FakeArxiv, render_feed

WAVLLM = "WavLLM: Towards Robust and Adaptive Speech Large Language Model"
REFERENCE = "Proceedings of the 2024 Conference on Empirical Methods in Natural Language Processing"
PAPERS = {
    "2404.00656": WAVLLM,
    "2404.00657": "A Paper Still Under Review",
    "2404.00658": "A Published Paper",
    "2404.00659": "Another Published Paper",
}
HEADER = "| Date | Title | Venue | Link |\n| --- | --- | --- | --- |\n"
CONFIG = "arxiv-request-interval: 0.02\narxiv-timeout: 2\n"


def row(paper_id: str, venue: str) -> str:
    return (
        f"| 2024-04 | {PAPERS[paper_id]} | {venue} | [paper](https://arxiv.org/abs/{paper_id}) |\n"
    )


@pytest.fixture
def fake(fake_arxiv: FakeArxiv) -> FakeArxiv:
    fake_arxiv.papers.update(PAPERS)
    fake_arxiv.journal_refs.update({"2404.00656": REFERENCE, "2404.00658": "ICASSP 2024"})
    fake_arxiv.dois.update({"2404.00656": "10.18653/v1/2024.emnlp-main.1", "2404.00659": "10.1/x"})
    return fake_arxiv


def lint(tmp_path: Path, fake: FakeArxiv, text: str, *extra: str) -> tuple[int, list[dict]]:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    args = ["--config", str(config), "--output-format", "json", "--online"]
    args += ["--arxiv-api-url", fake.url, "--cache-dir", str(tmp_path / "cache")]
    result = run_cli(*args, *extra, str(readme), cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_the_feed_carries_journal_references_and_dois() -> None:
    feed = parse_feed(
        render_feed(
            [("2404.00656v2", WAVLLM), ("2404.00657v1", "Other")],
            journal_refs={"2404.00656": REFERENCE},
            dois={"2404.00656": "10.18653/v1/2024.emnlp-main.1"},
        )
    )

    assert feed.journal_refs == {"2404.00656": REFERENCE}  # wrapped in the feed, joined here
    assert feed.dois == {"2404.00656": "10.18653/v1/2024.emnlp-main.1"}


def test_the_cache_keeps_them(tmp_path: Path) -> None:
    cache = LookupCache(tmp_path)
    cache.put("2404.00656", Found(WAVLLM, "2024-04-01", REFERENCE, "10.1/x"))

    assert cache.get("2404.00656") == Found(WAVLLM)
    kept = cache.get("2404.00656")
    assert kept is not None and isinstance(kept, Found)
    assert (kept.published, kept.journal_ref, kept.doi) == ("2024-04-01", REFERENCE, "10.1/x")


def test_venues_that_name_no_venue_get_the_published_version(
    tmp_path: Path, fake: FakeArxiv
) -> None:
    text = (
        HEADER
        + row("2404.00656", "arXiv")
        + row("2404.00657", "arXiv")  # arXiv knows no publication
        + row("2404.00658", "ICASSP 2024")  # the venue is there
        + row("2404.00659", "")
    )
    code, found = lint(tmp_path, fake, text, "--select", "LNK004", "--fail-on", "warning")

    assert [(item["line"], item["severity"], item["message"]) for item in found] == [
        (
            3,
            "info",
            f"arXiv 2404.00656 was published: '{REFERENCE}', DOI 10.18653/v1/2024.emnlp-main.1; "
            "the venue says 'arXiv' (update it with the published version)",
        ),
        (
            6,
            "info",
            "arXiv 2404.00659 was published: DOI 10.1/x; the venue is empty "
            "(update it with the published version)",
        ),
    ]
    assert code == 0  # info never fails the run, whatever --fail-on says


@pytest.mark.parametrize("venue", ["Preprint", "arXiv'24", "ArXiv 2024", "-", "CoRR"])
def test_preprint_words_and_placeholders(tmp_path: Path, fake: FakeArxiv, venue: str) -> None:
    text = HEADER + row("2404.00658", venue) + row("2404.00657", "-")
    _code, found = lint(tmp_path, fake, text, "--select", "LNK004")

    assert [item["line"] for item in found] == [3]


def test_off_by_default_and_only_in_tables_with_a_venue_column(
    tmp_path: Path, fake: FakeArxiv
) -> None:
    _code, found = lint(tmp_path, fake, HEADER + row("2404.00656", "arXiv"))
    assert [item["code"] for item in found if item["code"].startswith("LNK")] == []

    no_venue = "| Date | Title | Notes | Link |\n| --- | --- | --- | --- |\n"
    _code, found = lint(tmp_path, fake, no_venue + row("2404.00656", "arXiv"), "--select", "LNK004")
    assert found == []


def test_offline_it_says_nothing_and_asks_nothing(tmp_path: Path, fake: FakeArxiv) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(HEADER + row("2404.00656", "arXiv"), encoding="utf-8")
    result = run_cli("--isolated", "--select", "LNK004", str(readme), cwd=tmp_path)

    assert (result.returncode, result.stdout) == (0, "")
    assert fake.requests == []


def test_a_warm_cache_answers_without_a_request(tmp_path: Path, fake: FakeArxiv) -> None:
    text = HEADER + row("2404.00656", "arXiv")
    _code, cold = lint(tmp_path, fake, text, "--select", "LNK004")
    asked = len(fake.requests)
    _code, warm = lint(tmp_path, fake, text, "--select", "LNK004")

    assert asked == 1 and len(fake.requests) == 1
    assert warm == cold and len(warm) == 1
