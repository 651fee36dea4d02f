"""Links and visible text of a table cell.

Cells are scanned with a few precompiled patterns instead of markdown-it's inline
parser, which would cost more than the rest of a run on a large list. Recognised:
inline links ``[text](url "title")`` (also around images), autolinks ``<https://…>``,
GFM bare URLs and HTML ``<a href="…">text</a>``. Images alone are not links.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_INLINE_LINK = re.compile(
    r"(?<!\\)(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(?:<(?P<aurl>[^<>\n]*)>|(?P<url>(?:[^\s()\\]|\\.|\([^\s()]*\))*))"
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
_BARE_URL = re.compile(r"(?<![\w/.:@-])(?:https?://|www\.)[^\s<>|]*[^\s<>|.,:;\"')\]*_~?!]")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\((?P<src>[^()\s]*)(?:\s+\"[^\"]*\")?\)")
# <img ... alt="..."> with the alt attribute anywhere among the others ([^<>]: linear).
_IMG_TAG = re.compile(
    r"<img\s[^<>]*?\balt\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.IGNORECASE
)
_EMPHASIS = re.compile(r"(?<!\\)(?:\*{1,3}|_{2,3}|~~|`+)")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_MARKUP = re.compile(r"[\[<*_`~\\]")
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
    if "://" not in text and "](" not in text and "www." not in text:
        return ()
    only = _ONLY_LINK.fullmatch(text)
    if only is not None:
        return (_link(plain_text(only["text"]), only["url"], only, "url", line, column),)
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
        group = "aurl" if match.group("aurl") is not None else "url"
        url = _unescape(match.group(group))
        link_text = plain_text(match.group("text"))
        found.append((match.start(), _link(link_text, url, match, group, line, column)))
        taken.add(*match.span())
    for pattern, group in ((_HTML_ANCHOR, None), (_AUTOLINK, "url"), (_BARE_URL, None)):
        if pattern is not _BARE_URL and "<" not in text:
            continue
        if pattern is _BARE_URL and "<" in text:
            # URLs in HTML attributes (<img src=...>) are not links.
            for tag in _TAG.finditer(text):
                taken.add(*tag.span())
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            if pattern is _HTML_ANCHOR:
                group = next(g for g in ("dq", "sq", "bare") if match.group(g) is not None)
                link_text = plain_text(match.group("text"))
                url = match.group(group)
            else:
                url = match.group(group or 0)
                link_text = url
            found.append((match.start(), _link(link_text, url, match, group or 0, line, column)))
            taken.add(*match.span())
    found.sort(key=lambda item: item[0])
    return tuple(link for _, link in found)


def links_and_text(text: str, line: int, column: int) -> tuple[tuple[Link, ...], str]:
    """``extract_links`` and ``plain_text`` of a cell, the usual cell that is one link
    (``[paper](https://...)``) read once for both."""
    only = _ONLY_LINK.fullmatch(text) if text[:1] == "[" else None
    if only is None:
        return extract_links(text, line, column), plain_text(text)
    shown = plain_text(only["text"])
    return (_link(shown, only["url"], only, "url", line, column),), shown


def _link(
    text: str, url: str, match: re.Match[str], group: str | int, line: int, column: int
) -> Link:
    start, end = match.span()
    url_start, url_end = match.span(group)
    return Link(
        text=text,
        url=url,
        line=line,
        column=column + start,
        end_column=column + end,
        url_column=column + url_start,
        url_end_column=column + url_end,
    )


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


def plain_text(text: str) -> str:
    """What a reader sees in a cell: link texts, no HTML, comments, images or emphasis."""
    if _MARKUP.search(text) is None:
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
    if "](" in text:
        text = _INLINE_LINK.sub(_link_text, text)
    if "<" in text:
        text = _HTML_ANCHOR.sub(lambda m: m.group("text"), text)
        text = _AUTOLINK.sub(lambda m: m.group("url"), text)
        text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(_unescape(text).split())
