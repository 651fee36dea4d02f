"""Paper identifiers other than arXiv's (paperids) and GitHub repository links (repolinks)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.paperids import IdKind, classify_paper_url, describe_key
from awesome_lint.repolinks import github_repo, hostname, on_host, url_host

TODAY = (2026, 11)


@pytest.mark.parametrize(
    ("url", "kind", "paper_id", "canonical"),
    [
        (
            "https://doi.org/10.1145/3394486.3403237",
            IdKind.DOI,
            "10.1145/3394486.3403237",
            "https://doi.org/10.1145/3394486.3403237",
        ),
        (
            "http://dx.doi.org/10.1109/ICASSP.2024.10446",
            IdKind.DOI,
            "10.1109/ICASSP.2024.10446",
            "https://doi.org/10.1109/ICASSP.2024.10446",
        ),
        (
            "https://doi.org/10.1000.10/182",
            IdKind.DOI,
            "10.1000.10/182",
            "https://doi.org/10.1000.10/182",
        ),
        (
            "https://dl.acm.org/doi/pdf/10.1145/3394486.3403237",
            IdKind.DOI,
            "10.1145/3394486.3403237",
            None,
        ),
        (
            "https://link.springer.com/article/10.1007/s11263-023-01",
            IdKind.DOI,
            "10.1007/s11263-023-01",
            None,
        ),
        ("https://doi.org/10.1145/1?x=1", IdKind.DOI, "10.1145/1", None),  # which part is the DOI?
        (
            "https://openreview.net/pdf?id=OkNfb8SmLh",
            IdKind.OPENREVIEW,
            "OkNfb8SmLh",
            "https://openreview.net/forum?id=OkNfb8SmLh",
        ),
        (
            "https://openreview.net/forum?id=hFx3fY7-m9b&noteId=xyz",
            IdKind.OPENREVIEW,
            "hFx3fY7-m9b",
            "https://openreview.net/forum?id=hFx3fY7-m9b&noteId=xyz",
        ),
        (
            "https://aclanthology.org/2020.acl-main.1v2.pdf",
            IdKind.ACL,
            "2020.acl-main.1",
            "https://aclanthology.org/2020.acl-main.1/",
        ),
        (
            "https://www.aclweb.org/anthology/P/P19/P19-1001.pdf",
            IdKind.ACL,
            "P19-1001",
            "https://aclanthology.org/P19-1001/",
        ),
        ("aclanthology.org/N19-1423", IdKind.ACL, "N19-1423", "https://aclanthology.org/N19-1423/"),
    ],
)
def test_valid_links(url: str, kind: IdKind, paper_id: str, canonical: str | None) -> None:
    found = classify_paper_url(url, today=TODAY)

    assert found is not None
    assert (found.kind, found.paper_id, found.problem, found.canonical_url) == (
        kind,
        paper_id,
        None,
        canonical,
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://aclanthology.org/2023.acl-long.405/",
        "https://aclanthology.org/2023.acl-long.405",
        "https://doi.org/10.1145/1",
        "https://openreview.net/forum?id=OkNfb8SmLh",
        "https://dl.acm.org/doi/10.1145/1",  # a publisher's form is its own
    ],
)
def test_canonical_forms(url: str) -> None:
    found = classify_paper_url(url)
    assert found is not None and found.is_canonical()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://doi.org/", "no DOI in the URL"),
        ("https://doi.org/1145/3", "'1145/3' is not a DOI: DOIs start with '10.'"),
        (
            "https://doi.org/10.x1/3",
            "DOI prefix '10.x1' is not 10. and a registrant number (10.1145)",
        ),
        ("https://doi.org/10.1145", "DOI '10.1145' has no suffix after '10.1145/'"),
        ("https://doi.org/10.1145/a%20b", "DOI '10.1145/a b' contains white space"),
        ("https://openreview.net/forum", "no paper ID (/forum?id=...)"),
        (
            "https://openreview.net/pdf?id=a.b",
            "'a.b' is not an OpenReview ID (8 to 15 letters, digits, '_' or '-')",
        ),
        (
            "https://aclanthology.org/2027.acl-long.1/",
            "ACL Anthology ID 2027.acl-long.1 is from a future year",
        ),
    ],
)
def test_malformed_links(url: str, problem: str) -> None:
    found = classify_paper_url(url, today=TODAY)
    assert found is not None
    assert (found.paper_id, found.problem, found.key) == (None, problem, None)


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.48550/arXiv.2404.00656",  # arXiv's: the ARX rules'
        "https://openreview.net/group?id=ICLR.cc/2024/Conference",
        "https://openreview.net/pdf/3b1f0c0a2b.pdf",
        "https://aclanthology.org/events/acl-2023/",
        "https://aclanthology.org/volumes/2023.acl-long/",
        "https://aclanthology.org/2023.acl-long.pdf",  # a whole volume
        "https://aclanthology.org/P19-1.pdf",
        "https://www.aclweb.org/portal/",
        "ftp://doi.org/10.1145/1",
        "https://example.org/doi/x",
        "https://github.com/doi/x",
        "http://[doi",
    ],
)
def test_not_paper_links(url: str) -> None:
    assert classify_paper_url(url, today=TODAY) is None


def test_keys_and_their_descriptions() -> None:
    one = classify_paper_url("https://doi.org/10.1109/ICASSP.2024.1")
    other = classify_paper_url("https://ieeexplore.ieee.org/doi/10.1109/icassp.2024.1")
    assert one is not None and other is not None
    assert one.key == other.key == "doi:10.1109/icassp.2024.1"  # DOIs ignore case
    assert describe_key("doi:10.1/x") == "DOI 10.1/x"
    assert describe_key("openreview:OkNfb8SmLh") == "OpenReview paper OkNfb8SmLh"
    assert describe_key("acl:P19-1001") == "ACL Anthology paper P19-1001"
    assert describe_key("hep-th/9901001") == "arXiv paper hep-th/9901001"


@pytest.mark.parametrize(
    ("url", "full_name", "renamed"),
    [
        ("https://github.com/openai/whisper", "openai/whisper", "https://github.com/x/y"),
        (
            "https://github.com/openai/whisper/tree/main/a?b#c",
            "openai/whisper",
            "https://github.com/x/y/tree/main/a?b#c",
        ),
        ("http://www.github.com/A-b/c.d.git", "A-b/c.d", "http://www.github.com/x/y.git"),
        ("github.com/a/b", "a/b", "github.com/x/y"),
    ],
)
def test_github_repositories(url: str, full_name: str, renamed: str) -> None:
    repo = github_repo(url)
    assert repo is not None
    assert repo.full_name == full_name and repo.key == full_name.casefold()
    assert repo.renamed_url(url, "x/y") == renamed


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/openai",
        "https://github.com/topics/llm",
        "https://github.com/orgs/openai/repositories",
        "https://gist.github.com/a/b",
        "https://openai.github.io/whisper",
        "https://github.com/-bad/name",
        "https://github.com/a/..",
        "https://example.org/github.com/a/b",
    ],
)
def test_not_repository_links(url: str) -> None:
    assert github_repo(url) is None


def test_hosts() -> None:
    assert url_host("https://www.arxiv-vanity.com/papers/1") == "arxiv-vanity.com"
    assert url_host("paperswithcode.com/x") == "paperswithcode.com"
    assert url_host("http://[broken") == ""
    assert on_host("cs.paperswithcode.com", "paperswithcode.com")
    assert not on_host("notpaperswithcode.com", "paperswithcode.com")


_URL_PIECES = [
    *("https://", "http://", "//", "HTTPS://", "ftp://", " ", "\t", "\n", "\x01"),
    *("hf.co", "HF.Co", "www.", "a-b", "x.", ".", "..", "é", "[::1]", "[", "]"),
    *(":443", ":", "@", "user:pw@", "%41", "/", "?", "#", "/papers/2404.00656", "\\"),
]


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=8).map("".join))
def test_hostname_is_urlsplits(text: str) -> None:
    try:
        expected: str | type[ValueError] | None = urlsplit(text).hostname
    except ValueError:
        expected = ValueError
    try:
        found: str | type[ValueError] | None = hostname(text)
    except ValueError:
        found = ValueError
    assert found == expected
