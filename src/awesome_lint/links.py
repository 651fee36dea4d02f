"""Links and visible text of a table cell.

Cells are scanned with a few precompiled patterns instead of markdown-it's inline
parser, which would cost more than the rest of a run on a large list. Recognised:
inline links ``[text](url "title")`` (also around images), autolinks ``<https://…>``,
GFM bare URLs and HTML ``<a href="…">text</a>``. Images alone are not links.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# "(?!\s)": the blanks before the target are all taken at once; split between the
# "\s*" around an empty target, a run of blanks with no ")" was quadratic. The text and
# the target are unrolled loops (runs of plain characters, then an escape or a bracketed
# part and the run after it): one alternation per character made this pattern most of
# the time spent on cells with several links.
_INLINE_LINK = re.compile(
    r"(?<!\\)(?P<bang>!?)\[(?P<text>[^\[\]\\]*(?:(?:\\.|\[[^\[\]\\]*(?:\\.[^\[\]\\]*)*\])[^\[\]\\]*)*)\]"
    r"\(\s*(?!\s)(?:<(?P<aurl>[^<>\n]*)>|(?P<url>[^\s()\\]*(?:(?:\\.|\([^\s()]*\))[^\s()\\]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
# Written so that no part can rescan the rest of the cell from every "<a" (hostile
# cells stay linear): attributes stop at "<", the text at the next "<a".
_HTML_ANCHOR = re.compile(
    r"<a\s[^<>]*?href\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s<>]+)(?=[\s>]))"
    r"[^<>]*>(?P<text>(?:(?!<a\s).)*?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
# Patterns searched through every cell start with a literal character and look behind it
# after it ("h(?<![\w/.:@-]h)ttps", not "(?<![\w/.:@-])https"): the regex engine then skips
# to the places where that character is, where a leading look-behind is tried at every
# character (nine times slower for emphasis). tests/test_pattern_forms.py pins each
# pattern to its plain form.
_BARE_URL = re.compile(
    r"(?:h(?<![\w/.:@-]h)ttps?://|w(?<![\w/.:@-]w)ww\.)[^\s<>|]*[^\s<>|.,:;\"')\]*_~?!]"
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(
    r"!\[(?P<alt>[^\[\]\\]*(?:\\.[^\[\]\\]*)*)\]\((?P<src>[^()\s]*)(?:\s+\"[^\"]*\")?\)"
)
# <img ... alt="..."> with the alt attribute anywhere among the others ([^<>]: linear).
_IMG_TAG = re.compile(
    r"<img\s[^<>]*?\balt\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.IGNORECASE
)
_EMPHASIS = re.compile(r"\*(?<!\\\*)\*{0,2}|_(?<!\\_)_{1,2}|~(?<!\\~)~|`(?<!\\`)`*")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)")
# A cell that is one plain inline link and nothing else, the usual link cell
# (``[paper](https://arxiv.org/abs/2404.00656)``): no brackets, escapes, code or HTML in
# it, no blank or parenthesis in its target. _INLINE_LINK matches it whole, and nothing
# else in it can be a link, so it is read without the general scan.
_ONLY_LINK = re.compile(r"\[(?P<text>[^\[\]\\`<>]*)\]\((?P<url>[^\s()\\<>`]*)\)")


class Link(NamedTuple):
    """A link found in a cell: its visible text, its target, and where it is written."""

    text: str
    url: str
    line: int
    column: int
    end_column: int
    url_column: int
    url_end_column: int


def extract_links(text: str, line: int, column: int) -> tuple[Link, ...]:
    """Links of a cell whose ``text`` starts at 1-based ``column`` of ``line`` (a tuple:
    most cells have none, and all of those share the empty one)."""
    return links_and_text(text, line, column)[0]


def _scan_links(text: str, line: int, column: int) -> tuple[Link, ...]:
    """The links of a cell that is not one plain link: every kind, in order."""
    found: list[tuple[int, Link]] = []
    taken = _Taken(len(text))
    if "`" in text:  # nothing inside a code span is a link
        for code in _CODE_SPAN.finditer(text):
            taken.add(*code.span())
    for match in _INLINE_LINK.finditer(text):
        if taken.overlaps(match.start(), match.start() + 1):
            continue
        if match.group("bang"):
            taken.add(*match.span())  # an image's source is not a bare link either
            continue
        target = "aurl" if match.group("aurl") is not None else "url"
        url = _unescape(match.group(target))
        link_text = plain_text(match.group("text"))
        found.append((match.start(), _link(link_text, url, match, target, line, column)))
        taken.add(*match.span())
    url_groups: tuple[str | int, ...] = (0, "url", 0)
    for pattern, group in zip((_HTML_ANCHOR, _AUTOLINK, _BARE_URL), url_groups, strict=True):
        if pattern is not _BARE_URL and "<" not in text:
            continue
        if pattern is _BARE_URL and taken.covers(text, "://") and taken.covers(text, "www."):
            continue  # most cells: every URL is a link's target already
        if pattern is _BARE_URL and "<" in text:
            # URLs in HTML attributes (<img src=...>) are not links.
            for tag in _TAG.finditer(text):
                taken.add(*tag.span())
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            if pattern is _HTML_ANCHOR:  # the quoted or bare value of its href
                value = next(g for g in ("dq", "sq", "bare") if match.group(g) is not None)
                shown, href = plain_text(match.group("text")), match.group(value)
                link = _link(shown, href, match, value, line, column)
            else:  # the URL shows as itself
                url = match.group(group)
                link = _link(url, url, match, group, line, column)
            found.append((match.start(), link))
            taken.add(*match.span())
    found.sort(key=lambda item: item[0])
    return tuple(link for _, link in found)


def links_and_text(text: str, line: int, column: int) -> tuple[tuple[Link, ...], str]:
    """``extract_links`` and ``plain_text`` of a cell, the usual cell that is one link
    (``[paper](https://...)``) read once for both."""
    if "](" not in text and "://" not in text and "www." not in text:
        return (), plain_text(text)  # most cells: no link
    only = _ONLY_LINK.fullmatch(text) if text[:1] == "[" else None
    if only is None:
        return _scan_links(text, line, column), plain_text(text)
    shown = plain_text(only["text"])
    return (_link(shown, only["url"], only, "url", line, column),), shown


def _link(
    text: str, url: str, match: re.Match[str], group: str | int, line: int, column: int
) -> Link:
    start, end = match.span()
    url_start, url_end = match.span(group)
    # Positional: a named tuple's keyword arguments cost as much again as the tuple.
    return Link(text, url, line, column + start, column + end, column + url_start, column + url_end)


class _Taken:
    """The characters of a cell that are already part of a link, an image, a code span
    or a tag: one byte each, so that checks stay linear in the number of links."""

    __slots__ = ("_mask",)

    def __init__(self, size: int) -> None:
        self._mask = bytearray(size)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) != -1

    def covers(self, text: str, needle: str) -> bool:
        """Whether every occurrence of ``needle`` in ``text`` is (partly) taken."""
        start = text.find(needle)
        while start != -1:
            if not self.overlaps(start, start + len(needle)):
                return False
            start = text.find(needle, start + 1)
        return True


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def _link_text(match: re.Match[str]) -> str:
    return "" if match.group("bang") else match.group("text")


def shows_image(text: str) -> bool:
    """Whether the cell shows an image (Markdown or an ``<img>`` tag)."""
    return ("![" in text and _IMAGE.search(text) is not None) or "<img" in text.lower()


def image_alts(text: str) -> list[str]:
    """The alternative texts of the cell's images, in order, without blank ones."""
    alts = []
    if "![" in text:
        alts += [_unescape(match["alt"]) for match in _IMAGE.finditer(text)]
    if "<img" in text.lower():
        alts += [match["dq"] or match["sq"] or "" for match in _IMG_TAG.finditer(text)]
    return [" ".join(alt.split()) for alt in alts if alt.strip()]


class Image(NamedTuple):
    """A Markdown image in a cell: its source, and where it is written (columns of the
    line, as for links)."""

    src: str
    line: int
    column: int
    end_column: int


def images(text: str, line: int, column: int) -> list[Image]:
    """The Markdown images of a cell whose ``text`` starts at 1-based ``column`` of ``line``."""
    if "![" not in text:
        return []
    return [
        Image(match["src"], line, column + match.start(), column + match.end())
        for match in _IMAGE.finditer(text)
    ]


def _has_markup(text: str) -> bool:
    """Whether the text holds a character that may start markup. Seven scans in C: a
    character-class pattern was slower on all but the shortest cells, and thirty times
    slower on a long one."""
    return (
        "[" in text
        or "<" in text
        or "*" in text
        or "_" in text
        or "`" in text
        or "~" in text
        or "\\" in text
    )


def plain_text(text: str) -> str:
    """What a reader sees in a cell: link texts, no HTML, comments, images or emphasis."""
    if text.isalnum():  # a word ("paper", a model's name): no markup, no blanks
        return text
    if not _has_markup(text):
        joined = " ".join(text.split())
        return text if joined == text else joined  # keep one copy of most cell texts
    only = _ONLY_LINK.fullmatch(text)
    if only is not None:  # the usual link cell: what it shows is its link's text
        return plain_text(only["text"])
    # Each pattern starts with a literal that is checked first: most cells have none.
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    if "![" in text:
        text = _IMAGE.sub("", text)
    if "](" in text:  # a link shows its text; an image left (see _IMAGE) shows none
        text = _INLINE_LINK.sub(_link_text if "![" in text else r"\g<text>", text)
    if "<" in text:
        text = _HTML_ANCHOR.sub(r"\g<text>", text)
        text = _AUTOLINK.sub(r"\g<url>", text)
        text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(_unescape(text).split())


class ShownMarkup(NamedTuple):
    """Link syntax that GitHub shows as text instead of a link; offsets in the cell text."""

    start: int
    end: int
    problem: str  # what is wrong, for the message
    meant: str | None  # the text meant for ``text[start:end]``, when it is certain


_WEB_TARGET = r"(?:https?://|www\.)[^\s()<>]*"
_SPACED_LINK = re.compile(rf"\[(?P<text>[^\[\]]*)\][ \t]+\((?P<url>{_WEB_TARGET})\)")
_REVERSED_LINK = re.compile(rf"\((?P<url>{_WEB_TARGET})\)\[(?P<text>[^\[\]]*)\]")
_OPENED_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(")
_WEB_URL = re.compile(r"https?://[^\s()<>]+")
# A longer "target" is text after a link whose ")" is missing.
_LONGEST_TARGET = 300


def shown_link_markup(text: str) -> list[ShownMarkup]:
    """The links of a cell that GitHub does not read as links, so that it shows their
    brackets: ``[paper] (https://…)``, ``(https://…)[paper]``, ``[code](https: //…)``,
    ``[title](https://…`` without its ``)``, ``title](https://…)`` without its ``[``.
    Code spans, escapes, HTML and the links that work are left out first."""
    masked = _mask_working_markup(text)
    found: list[ShownMarkup] = []
    taken = _Taken(len(text))

    def keep(shown: ShownMarkup) -> None:
        if not taken.overlaps(shown.start, shown.end):
            found.append(shown)
            taken.add(shown.start, shown.end)

    for match in _SPACED_LINK.finditer(masked):
        keep(_swapped(text, match, "a blank between ']' and '(' makes it text"))
    for match in _REVERSED_LINK.finditer(masked):
        keep(_swapped(text, match, "its URL comes before its text"))
    close = -2  # the first ")" at or after the current link's target (-1: none)
    for match in _OPENED_LINK.finditer(masked):
        if close != -1 and close < match.end():
            close = text.find(")", match.end())
        if not taken.overlaps(*match.span()) and (shown := _opened_link(text, match, close)):
            keep(shown)
    first_open = masked.find("[")
    position = masked.find("](")
    while position != -1 and (first_open == -1 or position < first_open):
        if _WEB_URL.match(text, position + 2):
            close = text.find(")", position + 2)
            problem = "the '[' opening it is missing: add it where the link's text starts"
            keep(ShownMarkup(position, len(text) if close == -1 else close + 1, problem, None))
        position = masked.find("](", position + 2)
    return sorted(found)


def _mask_working_markup(text: str) -> str:
    """``text`` with its code spans, escapes, working links and images, and HTML tags
    blanked out (offsets kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\0" * (match.end() - match.start())

    if "`" in text:
        text = _CODE_SPAN.sub(blank, text)
    if "\\" in text:
        text = _ESCAPE.sub(blank, text)
    text = _INLINE_LINK.sub(blank, text)
    if "<" in text:
        text = _AUTOLINK.sub(blank, text)
        text = _TAG.sub(blank, text)
    return text


def _swapped(text: str, match: re.Match[str], problem: str) -> ShownMarkup:
    """``match`` is in the masked text: what it covers is read from ``text``."""
    shown, url = text[slice(*match.span("text"))], text[slice(*match.span("url"))]
    return ShownMarkup(*match.span(), problem, f"[{shown}]({url})")


def _opened_link(text: str, match: re.Match[str], close: int) -> ShownMarkup | None:
    """``[text](`` whose target GFM does not accept: it has blanks, or no ``)``."""
    start, target_start = match.start(), match.end()
    if close == -1 or close - target_start > _LONGEST_TARGET:
        url = _WEB_URL.match(text, target_start)
        end = url.end() if url else -1
        if url is None or (end < len(text) and not text[end].isspace()):
            return None
        return ShownMarkup(start, end, "the ')' closing it is missing", f"{text[start:end]})")
    target = text[target_start:close]
    words = target.split()
    if len(words) < 2 or "(" in target:
        return None  # a target this module's patterns do not read, not a broken one
    joined = "".join(words)
    if _WEB_URL.fullmatch(joined) and not _WEB_URL.fullmatch(words[0]):
        problem, meant = "its URL has a blank in it", f"{text[start:target_start]}{joined})"
    elif _WEB_URL.match(words[0]):
        problem, meant = "its target has a blank in it: write the URL alone", None
    else:
        problem, meant = "its target is not a URL: write the link's address there", None
    return ShownMarkup(start, close + 1, problem, meant)
