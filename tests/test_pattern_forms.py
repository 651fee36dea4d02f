"""Patterns run over every cell are written for the regex engine's speed: loops unrolled
(a run of plain characters, then one special piece and the run after it) and a literal
first with the look-behind after it. Each must match exactly what its plain form, as
first written, matches: same places, same groups, on pieces of the syntax it reads."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import arxiv, cells, links

# (the shipped pattern, its plain form, the pieces of text to build inputs from)
_LINK_PIECES = [*"[]()\\!<>\"' \n\ta/日", "](", "[a](", "\\]", "\\[", "![", "(x)", "<u>", ' "t"']
_FORMS = {
    "inline link": (
        links._INLINE_LINK,
        r"(?<!\\)(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
        r"\(\s*(?!\s)(?:<(?P<aurl>[^<>\n]*)>|(?P<url>(?:[^\s()\\]|\\.|\([^\s()]*\))*))"
        r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)",
        _LINK_PIECES,
    ),
    "image": (
        links._IMAGE,
        r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\((?P<src>[^()\s]*)(?:\s+\"[^\"]*\")?\)",
        _LINK_PIECES,
    ),
    "bare URL": (
        links._BARE_URL,
        r"(?<![\w/.:@-])(?:https?://|www\.)[^\s<>|]*[^\s<>|.,:;\"')\]*_~?!]",
        [*"hw/.:@-a |<>)]*_~?!,", "http://", "https://", "www.", "xhttps://", "éhttp://"],
    ),
    "emphasis": (
        links._EMPHASIS,
        r"(?<!\\)(?:\*{1,3}|_{2,3}|~~|`+)",
        [*"*_~`\\ a", "**", "__", "~~", "``", "\\*", "\\_", "\\~", "\\`"],
    ),
    "title markup": (arxiv._MD_MARK, r"(?<!\\)[*_`]", [*"*_`\\ a", "\\*", "\\\\"]),
    "unescaped pipe": (cells._UNESCAPED_PIPE, r"(?<!\\)\|", [*"|\\ a", "\\|", "\\\\|"]),
}


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(match.span(), match.groupdict()) for match in pattern.finditer(text)]


@pytest.mark.parametrize("name", _FORMS)
def test_a_fast_pattern_matches_as_its_plain_form(name: str) -> None:
    shipped, plain, pieces = _FORMS[name]
    reference = re.compile(plain)

    @settings(max_examples=2000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=30).map("".join))
    def check(text: str) -> None:
        assert _matches(shipped, text) == _matches(reference, text)

    check()
