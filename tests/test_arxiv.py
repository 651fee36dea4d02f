"""Tests for awesome_lint.arxiv, following the edge cases of ARXIV.md §1, §2 and §6."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.arxiv import (
    ArxivLink,
    TitleMatch,
    canonical_url,
    classify_url,
    compact_title_key,
    compare_titles,
    find_arxiv_ids,
    id_year_month,
    title_key,
)

ABS = "https://arxiv.org/abs/"
FIVE_DIGITS = "4-digit number after 2015-01 (arXiv IDs from 1501 on have 5 digits)"
FOUR_DIGITS = "5-digit number before 2015-01 (arXiv IDs up to 1412 have 4 digits)"
BAD_VERSION = "is not written as v<N> (lowercase v, no leading zero)"
SAME, SUBTITLE, MINOR, DIFFERENT, UNRELATED = TitleMatch
AIAYN = "Attention Is All You Need"

# --- §1 identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "paper_id", "version"),
    [
        ("0704.0001", "0704.0001", None),  # the first new-style paper
        ("1412.9999", "1412.9999", None),
        ("1501.00001", "1501.00001", None),
        ("2404.00656", "2404.00656", None),
        ("2404.00656v2", "2404.00656", 2),
        ("2404.00656v12", "2404.00656", 12),
        ("arXiv:1501.00001v1", "1501.00001", 1),
        ("ARXIV:2404.00656", "2404.00656", None),
        ("hep-th/9107001", "hep-th/9107001", None),  # lower bound 9107
        ("hep-th/9901001", "hep-th/9901001", None),
        ("cond-mat/0001001", "cond-mat/0001001", None),
        ("quant-ph/0703999v3", "quant-ph/0703999", 3),  # last old-style month
        ("math.GT/0309136", "math/0309136", None),  # subject class dropped
        ("math.CA/0611800v2", "math/0611800", 2),
        ("HEP-TH/9901001", "hep-th/9901001", None),  # archive lowercased
        ("arXiv:hep-th/9901001", "hep-th/9901001", None),
    ],
)
def test_valid_identifiers(token: str, paper_id: str, version: int | None) -> None:
    link = classify_url(ABS + token)
    assert link is not None
    assert (link.paper_id, link.version, link.problem) == (paper_id, version, None)
    assert link.canonical_url == ABS + paper_id
    assert link.is_canonical is (token == paper_id)


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("1501.0001", FIVE_DIGITS),
        ("0808.05394", FOUR_DIGITS),
        ("1412.99999", FOUR_DIGITS),
        ("1706.037621", "6-digit number after 2015-01 (arXiv IDs from 1501 on have 5 digits)"),
        ("0703.0001", "new-style IDs start at 0704, not 0703"),
        ("0701.0001", "new-style IDs start at 0704, not 0701"),
        ("1713.00001", "month 13 does not exist"),
        ("0000.0000", "month 00 does not exist"),
        ("0704.0000", "number 0000 is not a paper"),
        ("2404.00000", "number 00000 is not a paper"),
        ("704.0001", "'704' is not a 4-digit YYMM"),
        ("11706.03762", "'11706' is not a 4-digit YYMM"),
        ("2404.00656v0", "version v0 does not exist"),
        ("2404.00656v01", f"version v01 {BAD_VERSION}"),
        ("2404.00656V2", f"version V2 {BAD_VERSION}"),
        ("2404.00656v", f"version v {BAD_VERSION}"),
        ("hep-th/0704001", "old-style IDs run from 9107 to 0703, not 0704"),
        ("hep-th/9106001", "old-style IDs run from 9107 to 0703, not 9106"),  # 91MM needs MM>=07
        ("hep-th/9913001", "month 13 does not exist"),
        ("hep-th/9901000", "number 000 is not a paper"),
        ("hep-th/990100", "old-style IDs have 7 digits after the slash, not 6"),
        ("foo-bar/9901001", "unknown archive 'foo-bar'"),
        ("stat/0601001", "unknown archive 'stat'"),  # stat never had old-style IDs
        ("math.gt/0309136", "subject class 'gt' is not two capital letters"),
        ("hep-th/9901001v0", "version v0 does not exist"),
        ("2404.00656/extra", "malformed arXiv identifier '2404.00656/extra'"),
        ("abc", "malformed arXiv identifier 'abc'"),
        ("", "no arXiv identifier in the URL"),
    ],
)
def test_malformed_identifiers_are_reported_not_repaired(token: str, problem: str) -> None:
    assert classify_url(ABS + token) == ArxivLink(ABS + token, None, None, problem, None, False)


@pytest.mark.parametrize(
    ("token", "today", "problem"),
    [
        ("2605.00001", (2026, 5), None),
        ("2606.00001", (2026, 5), "ID 2606.00001 is in the future"),
        ("2701.00001", (2026, 12), "ID 2701.00001 is in the future"),
        ("9901.00001", (2026, 5), "ID 9901.00001 is in the future"),  # 2099, not 1999
        ("9901.00001", None, None),  # no date given: only the syntax is checked
        ("hep-th/9901001", (2026, 5), None),  # 1999
    ],
)
def test_future_identifiers(token: str, today: tuple[int, int] | None, problem: str | None) -> None:
    link = classify_url(ABS + token, today=today)
    assert link is not None
    assert link.problem == problem
    assert (link.paper_id is None) is (problem is not None)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("see arXiv:1706.03762.", ["1706.03762"]),
        ("https://arxiv.org/pdf/1706.03762v5.pdf", ["1706.03762"]),
        ("(arXiv:1501.00001v1)", ["1501.00001"]),
        ("11706.03762", []),
        ("1706.037621", []),
        ("x1706.03762", []),
        ("1.1706.03762", []),
        ("0808.05394", []),  # 5 digits before 2015: not an ID
        ("1501.0001", []),
        ("2404.00656v0", []),
        ("0703.0001 1713.00001 0000.0000", []),
        ("hep-th/9106001", []),  # before 1991-07
        ("arXiv:math.GT/0309136v2 and hep-th/9901001", ["math/0309136", "hep-th/9901001"]),
        ("1706.03762 and again 1706.03762v2, then 0704.0001", ["1706.03762", "0704.0001"]),
        ("no identifiers here, version 1.2 of 2024", []),
    ],
)
def test_find_arxiv_ids(text: str, ids: list[str]) -> None:
    assert find_arxiv_ids(text) == ids


@pytest.mark.parametrize(
    ("paper_id", "year_month"),
    [
        ("2404.00656", (2024, 4)),
        ("0704.0001", (2007, 4)),
        ("1412.9999", (2014, 12)),
        ("hep-th/9901001", (1999, 1)),
        ("hep-th/9108001", (1991, 8)),
        ("math/0611800", (2006, 11)),
        ("cond-mat/0001001", (2000, 1)),
        # one YYMM, two centuries: old IDs and new ones are told apart
        ("hep-th/9912001", (1999, 12)),
        ("9912.00001", (2099, 12)),
        ("hep-th/9912002", (1999, 12)),
    ],
)
def test_id_year_month(paper_id: str, year_month: tuple[int, int]) -> None:
    assert id_year_month(paper_id) == year_month


@pytest.mark.parametrize(
    ("paper_id", "version", "url"),
    [
        ("2404.00656", None, "https://arxiv.org/abs/2404.00656"),
        ("2404.00656", 3, "https://arxiv.org/abs/2404.00656v3"),
        ("hep-th/9901001", None, "https://arxiv.org/abs/hep-th/9901001"),
    ],
)
def test_canonical_url(paper_id: str, version: int | None, url: str) -> None:
    assert canonical_url(paper_id, version) == url


# --- §2 URL forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "paper_id", "version"),
    [
        ("http://arxiv.org/abs/2404.00656", "2404.00656", None),
        ("arxiv.org/abs/2404.00656", "2404.00656", None),
        ("//arxiv.org/abs/2404.00656", "2404.00656", None),
        ("HTTPS://ARXIV.ORG/abs/2404.00656", "2404.00656", None),
        ("https://www.arxiv.org/abs/2404.00656", "2404.00656", None),
        ("https://arxiv.org/abs/2404.00656v3", "2404.00656", 3),
        ("https://arxiv.org/abs/2404.00656/", "2404.00656", None),
        ("https://arxiv.org/abs/2404.00656.pdf", "2404.00656", None),
        ("https://arxiv.org/abs/2404.00656v2.pdf", "2404.00656", 2),
        ("https://arxiv.org/abs/2404.00656?context=cs.LG", "2404.00656", None),
        ("https://arxiv.org/abs/2404.00656?fmt=txt#S2", "2404.00656", None),
        ("https://arxiv.org//abs//2404.00656", "2404.00656", None),
        ("https://arxiv.org/abs/arXiv:2404.00656", "2404.00656", None),
        ("https://arxiv.org/abs/hep-th%2F9901001", "hep-th/9901001", None),
        ("https://arxiv.org/pdf/2404.00656", "2404.00656", None),
        ("https://arxiv.org/pdf/2404.00656v2.pdf", "2404.00656", 2),
        ("https://arxiv.org/pdf/1706.03762.PDF", "1706.03762", None),
        ("https://arxiv.org/pdf/hep-th/9901001v1.pdf", "hep-th/9901001", 1),
        ("https://arxiv.org/pdf/math.GT/0309136v1", "math/0309136", 1),
        ("https://arxiv.org/html/2404.00656v1", "2404.00656", 1),
        ("https://arxiv.org/html/2404.00656v1/x1.png", "2404.00656", 1),
        ("https://arxiv.org/html/2404.00656v1/#S3.F2", "2404.00656", 1),
        ("https://arxiv.org/format/2404.00656", "2404.00656", None),
        ("https://arxiv.org/ps/2404.00656v1", "2404.00656", 1),
        ("https://arxiv.org/src/2404.00656", "2404.00656", None),
        ("https://arxiv.org/e-print/2404.00656", "2404.00656", None),
        ("https://arxiv.org/tb/2404.00656", "2404.00656", None),
        ("https://export.arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001", 2),
        ("http://export.arxiv.org/pdf/2404.00656", "2404.00656", None),
        ("https://lanl.arxiv.org/abs/quant-ph/0201082", "quant-ph/0201082", None),
        ("https://browse.arxiv.org/abs/2404.00656", "2404.00656", None),
        ("https://arxiv.org/ftp/arxiv/papers/1706/1706.03762.pdf", "1706.03762", None),
        ("https://ar5iv.labs.arxiv.org/html/1706.03762", "1706.03762", None),
        ("https://ar5iv.org/abs/1706.03762", "1706.03762", None),
        ("https://doi.org/10.48550/arXiv.2404.00656", "2404.00656", None),
        ("https://dx.doi.org/10.48550/ARXIV.2404.00656", "2404.00656", None),
        ("https://doi.org/10.48550/arxiv.hep-th/9901001", "hep-th/9901001", None),
        ("https://doi.org/10.48550%2FarXiv.2404.00656", "2404.00656", None),
        ("https://alphaxiv.org/abs/2404.00656v2", "2404.00656", 2),
        ("https://www.alphaxiv.org/abs/2404.00656?chatId=abc", "2404.00656", None),
        ("https://www.alphaxiv.org/overview/2404.00656", "2404.00656", None),
        ("https://alphaxiv.org/overview/2404.00656.md", "2404.00656", None),
        ("https://huggingface.co/papers/2404.00656", "2404.00656", None),
        ("https://hf.co/papers/2404.00656.md", "2404.00656", None),
    ],
)
def test_url_forms_are_valid_but_not_canonical(
    url: str, paper_id: str, version: int | None
) -> None:
    link = classify_url(url)
    assert link == ArxivLink(url, paper_id, version, None, ABS + paper_id, False)


@pytest.mark.parametrize(
    "url",
    ["https://arxiv.org/abs/2404.00656", "https://arxiv.org/abs/hep-th/9901001"],
)
def test_canonical_urls(url: str) -> None:
    link = classify_url(url)
    assert link is not None
    assert link.is_canonical
    assert link.canonical_url == url


@pytest.mark.parametrize(
    ("url", "keep_version", "is_canonical"),
    [
        ("https://arxiv.org/abs/2404.00656v2", False, False),
        ("https://arxiv.org/abs/2404.00656v2", True, True),
        ("https://arxiv.org/abs/2404.00656", True, True),
        ("http://arxiv.org/abs/2404.00656v2", True, False),
        ("https://arxiv.org/pdf/2404.00656v2", True, False),
        ("https://arxiv.org/abs/2404.00656v2/", True, False),
    ],
)
def test_keep_version(url: str, keep_version: bool, is_canonical: bool) -> None:
    link = classify_url(url, keep_version=keep_version)
    assert link is not None
    assert link.is_canonical is is_canonical
    assert link.canonical_url == "https://arxiv.org/abs/2404.00656"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://github.com/huggingface/transformers",
        "https://paperswithcode.com/paper/attention-is-all-you-need",
        "https://openreview.net/forum?id=abc123",
        "https://arxiv.org.evil.com/abs/2404.00656",
        "https://notarxiv.org/abs/2404.00656",
        "ftp://arxiv.org/abs/2404.00656",
        "arXiv:2404.00656",
        "mailto:help@arxiv.org",
        "https://[broken/abs/2404.00656",
        # arXiv's own non-paper pages
        "https://arxiv.org/",
        "https://arxiv.org",
        "https://arxiv.org/list/cs.CL/recent",
        "https://arxiv.org/a/smith_j_1",
        "https://arxiv.org/help/api/user-manual",
        "https://arxiv.org/search/?query=2404.00656&searchtype=all",
        "https://arxiv.org/archive/cs",
        "https://arxiv.org/user",
        "https://arxiv.org/auth/endorse",
        "https://export.arxiv.org/api/query?id_list=2404.00656",
        # other hosts' non-paper pages
        "https://www.alphaxiv.org/explore",
        "https://huggingface.co/papers",
        "https://huggingface.co/papers/trending",
        "https://huggingface.co/papers/date/2024-04-01",
        "https://huggingface.co/bert-base-uncased",
        "https://huggingface.co/datasets/squad",
        "https://doi.org/10.1145/3292500.3330701",
    ],
)
def test_not_arxiv_paper_links(url: str) -> None:
    assert classify_url(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://arxiv.org/bas/2401.00001", "not a paper path: /bas/2401.00001"),
        ("https://arxiv.org/2401.00001", "not a paper path: /2401.00001"),
        ("https://arxiv.org/abss/hep-th/9901001", "not a paper path: /abss/hep-th/9901001"),
        ("https://www.alphaxiv.org/paper/2401.00001", "not a paper path: /paper/2401.00001"),
        ("https://arxiv.org/abs/", "no arXiv identifier in the URL"),
        ("https://arxiv.org/pdf", "no arXiv identifier in the URL"),
        ("https://doi.org/10.48550/arXiv.", "no arXiv identifier in the URL"),
        ("https://doi.org/10.48550/arXiv.2404.00656v2", "arXiv DOIs have no version (v2)"),
        ("https://arxiv.org/abs/2404.00656/extra", "malformed arXiv identifier '2404.00656/extra'"),
        (  # a URL pasted into the ID is quoted as written
            "https://arxiv.org/abs/2402.05https://arxiv.org/pdf/2404.00928",
            "malformed arXiv identifier '2402.05https://arxiv.org/pdf/2404.00928'",
        ),
        ("https://arxiv.org/pdf/1501.0001.pdf", FIVE_DIGITS),
        ("https://huggingface.co/papers/2404.0065", FIVE_DIGITS),
        ("https://alphaxiv.org/abs/0808.05394", FOUR_DIGITS),
    ],
)
def test_malformed_links(url: str, problem: str) -> None:
    assert classify_url(url) == ArxivLink(url, None, None, problem, None, False)


# --- §6 titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Attention Is All You Need.", "attention is all you need"),
        ("  Attention   is all you need  ", "attention is all you need"),
        ("&quot;Why Should I Trust You?&quot;", "why should i trust you"),
        ("Q&amp;A", "q a"),
        (
            "**BERT**: Pre-training of _Deep_ `Bidirectional`",
            "bert pre training of deep bidirectional",
        ),
        ("[LoRA](https://github.com/microsoft/LoRA): Low-Rank", "lora low rank"),
        ("Trans*former*s and `x`y", "transformers and xy"),
        ("![logo](img.png)Bold", "logobold"),
        ("<b>Big</b> <a href='https://x.org/a_b'>Bird</a><br/>", "big bird"),
        ("A < B and C > D", "a b and c d"),
        ("ﬁne-tuning ＬＬＭｓ", "fine tuning llms"),
        ("Pre‐trained—models − a–b", "pre trained models a b"),
        ("“Quoted” ‘words’ don’t", "quoted words don t"),
        ("$\\alpha$-Net", "alpha net"),
        ("α-Net", "alpha net"),
        ("$\\Gamma$, $\\varepsilon$ and $\\vartheta$", "gamma epsilon and theta"),
        ("ΓΣ and ς", "gammasigma and sigma"),
        ("$\\mathcal{O}(n^2)$ Attention", "o n2 attention"),
        ("$x_i$ vs x_i", "xi vs xi"),
        ("\\textbf{Big} \\emph{Bird}", "big bird"),
        ("\\etal and \\mu", "and mu"),
        ('Schr\\"odinger', "schrodinger"),
        ('Schr{\\"o}dinger', "schrodinger"),
        ("Schrödinger", "schrodinger"),
        ("Erd\\H{o}s and \\v{C}ech and Poincar\\'e", "erdos and cech and poincare"),
        ("Ά and µ-law", "alpha and mu law"),
        ("Łódź STRAẞE", "łodz strasse"),
        ("A \\| B | C", "a b c"),
        ("snake\\_case and snake_case", "snakecase and snakecase"),
        ("Q\\&A", "q a"),
        ("深度学习: 综述", "深度学习 综述"),
        ("", ""),
    ],
)
def test_title_key(title: str, key: str) -> None:
    assert title_key(title) == key


@pytest.mark.parametrize(
    ("row", "arxiv", "expected"),
    [
        (AIAYN, AIAYN, SAME),
        ("attention is all you need.", AIAYN, SAME),
        ("$\\alpha$-Net: a study", "α-Net: A Study", SAME),
        ("Pretrained Models", "Pre-trained Models", SAME),
        ("Self–Supervised Pre‐training", "Self-supervised Pretraining", SAME),
        ('Schr\\"odinger Bridges', "Schrödinger Bridges", SAME),
        ("A \\| B", "A | B", SAME),
        ("[**BERT**](https://x.org): Deep", "BERT: Deep", SAME),
        ("BERT", "BERT: Pre-training of Deep Bidirectional Transformers", SUBTITLE),
        ("BERT: Pre-training of Deep Bidirectional Transformers", "BERT", SUBTITLE),
        ("Pre-trained LMs", "PretrainedLMs: a survey", SUBTITLE),
        ("Attention Is All", AIAYN, SUBTITLE),
        ("Attention Is All You Need (NeurIPS 2017)", AIAYN, SUBTITLE),
        ("Attention Is All You Ne...", AIAYN, SUBTITLE),
        ("Attention Is All You Ne…", AIAYN, SUBTITLE),
        ("A Survey of LLMs for C…", "A Survey of LLMs for Code Generation", SUBTITLE),
        ("Attention Is All You Ne", AIAYN, MINOR),
        ("Attention Is All You Needs", AIAYN, MINOR),
        ("Language Models are Few-Shot Learner", "Language models are few-shot learners", MINOR),
        ("Attention Is Not All You Need", AIAYN, MINOR),
        ("Deep Residual Learning for Image Recognition", AIAYN, UNRELATED),
        # Swapped titles (another row's paper): hardly a word in common.
        (
            "Language Model Can Listen While Speaking",
            "Make-A-Voice: Revisiting Voice Large Language Models as Scalable Multilingual "
            "and Multitask Learner",
            UNRELATED,
        ),
        (
            "SimpleSpeech: Towards Simple and Efficient Text-to-Speech with Scalar Latent "
            "Transformer Diffusion Models",
            "Addressing Index Collapse of Large-Codebook Speech Tokenizer with Dual-Decoding "
            "Product-Quantized Variational Auto-Encoder",
            UNRELATED,
        ),
        ("GPT: generative pretraining", "GPT: a survey of transformers", DIFFERENT),
        ("Attention Is All You Nee... or not", AIAYN, DIFFERENT),
        ("Attention Is Most of What You Need", AIAYN, DIFFERENT),
        ("", AIAYN, DIFFERENT),
        ("...", AIAYN, DIFFERENT),
    ],
)
def test_compare_titles(row: str, arxiv: str, expected: TitleMatch) -> None:
    assert compare_titles(row, arxiv) is expected


# --- fast paths ------------------------------------------------------------------------------


def _parametrized_strings() -> set[str]:
    """Every string argument of this module's parametrized tests."""
    found: set[str] = set()
    for test in list(globals().values()):
        for mark in getattr(test, "pytestmark", ()):
            if mark.name != "parametrize":
                continue
            for values in mark.args[1]:
                items = values if isinstance(values, tuple) else (values,)
                found.update(item for item in items if isinstance(item, str))
    return found


def _corpus_urls() -> set[str]:
    from tests.conftest import CORPUS

    urls: set[str] = set()
    for path in sorted(CORPUS.glob("**/*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        urls.update(re.findall(r"\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)", text))
        urls.update(re.findall(r"https?://[^\s)\]>|\"']+", text))
    return {url for url in urls if "arxiv" in url.lower()}


def _url_cases() -> list[str]:
    strings = _parametrized_strings()
    urls = {text for text in strings if "/" in text or "." in text}
    urls |= {ABS + text for text in strings}
    for paper in ("2404.00656", "0704.0001", "1412.9999", "2404.00000", "2613.00001"):
        for base in ("https://arxiv.org/abs/", "http://arxiv.org/pdf/", "https://arxiv.org/abs"):
            for suffix in ("", "v1", "v12", "v0", "v01", "V2", "/", " ", ".pdf", "v2.pdf"):
                urls.add(base + paper + suffix)
    urls |= {ABS + "2404.\u0660\u0660656", " " + ABS + "2404.00656", ABS + "2404.00656\n"}
    return sorted(urls | _corpus_urls())


def test_classify_url_fast_path_agrees_with_the_full_parser() -> None:
    from awesome_lint.arxiv import _classify_url

    cases = _url_cases()
    assert len(cases) > 300
    for url in cases:
        for today in (None, (2024, 3), (2030, 1)):
            for keep_version in (False, True):
                expected = _classify_url(url, today=today, keep_version=keep_version)
                assert classify_url(url, today=today, keep_version=keep_version) == expected, url


def test_title_fast_path_agrees_with_the_full_recipe() -> None:
    from awesome_lint.arxiv import _clean, _clean_markup

    titles = _parametrized_strings() | {
        "LoRA+: Efficient Low Rank Adaptation",
        "A & B",
        "x^2 and {braces} and $math$",
        "snake_case title",
        "back\\slash",
        "Plain Title: With a Subtitle (2024)",
        "<b>Bold</b> [link](https://x.y) `code` *em*",
    }
    for title in sorted(titles):
        assert _clean(title) == _clean_markup(title), title


def _clean_with_translate(title: str) -> str:
    """Steps 1-4 as first written, with ``str.translate`` and a loop over every character:
    the shipped recipe finds the few characters to change with patterns instead."""
    from awesome_lint import arxiv

    text = arxiv._HTML_TAG.sub("", arxiv._MD_LINK.sub(r"\1", html.unescape(title)))
    text = arxiv._MD_MARK.sub("", text)
    typography = {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
    greek = {
        **dict(zip("αβγδεζηθικλμνξοπρστυφχψω", arxiv._GREEK, strict=True)),
        **dict(zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", arxiv._GREEK, strict=True)),
        "ς": "sigma",
    }
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(str.maketrans(typography))
    text = arxiv._LATEX_COMMAND.sub("", arxiv._GREEK_COMMAND.sub(arxiv._greek_name, text))
    text = text.translate(str.maketrans(dict.fromkeys("${}^_")))
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = text.translate(str.maketrans(greek))
    return text.casefold()


_TITLE_CHARS = "aZ9 _-.:'\"&$^{}\\é中ß²ﬁΣσςαΩ\u0301\u00a0\u2013\u2019\u201c\u2212\u3000"


@settings(derandomize=True, max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TITLE_CHARS)) | st.text())
def test_the_title_recipe_agrees_with_its_plain_form(title: str) -> None:
    from awesome_lint.arxiv import _clean_markup

    assert _clean_markup(title) == _clean_with_translate(title)


@settings(derandomize=True, max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 _-.:'&é中ß²\u00a0\u2013\u3000")) | st.text())
def test_the_compact_title_key_keeps_only_what_unicode_calls_alphanumeric(title: str) -> None:
    assert compact_title_key(title) == re.sub(r"[\W_]+", "", title_key(title))


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://ARXIV.ORG/abs/2404.00656",  # the host test is on the lower-cased URL
        "https://arx\tiv.org/abs/2404.00656",  # urlsplit drops tabs and line breaks ...
        "https://arxiv.o\nrg/abs/2404.00656",  # ... so the host test does too
        "https://export.arxiv.org/abs/2404.00656",
        "https://HF.co/papers/2404.00656",
    ],
)
def test_a_known_host_is_found_however_the_url_writes_it(url: str) -> None:
    found = classify_url(url)
    assert found is not None and found.paper_id == "2404.00656"
