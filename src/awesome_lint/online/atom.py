"""Parse arXiv API answers (Atom 1.0 feeds, ARXIV.md §3) safely."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
ARXIV_NS = "http://arxiv.org/schemas/atom"
MAX_BODY_BYTES = 10 * 1024 * 1024
ERROR_ID_MARK = "/api/errors"
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_ENTRY_ID = re.compile(
    r"https?://(?:[\w-]+\.)*arxiv\.org/abs/"
    r"(?P<id>[^/?#\s]+?(?:/[^/?#\s]+?)?)"  # new style, or archive/YYMMNNN
    r"(?:v\d+)?"
)


class MalformedResponse(Exception):
    """The body is not a well-formed, safe Atom feed of the expected shape."""


@dataclass(frozen=True)
class Feed:
    """What one API answer says: titles (and the date of the first version, YYYY-MM-DD,
    the journal reference and DOI the authors gave) by versionless ID, plus any API error
    messages."""

    titles: dict[str, str]
    errors: tuple[str, ...]
    published: dict[str, str] = field(default_factory=dict)
    total: int | None = None  # opensearch:totalResults, when the answer has it
    journal_refs: dict[str, str] = field(default_factory=dict)  # arxiv:journal_ref
    dois: dict[str, str] = field(default_factory=dict)  # arxiv:doi


def parse_feed(body: bytes) -> Feed:
    """Parse an API answer; raise `MalformedResponse` on anything unexpected or unsafe."""
    root = _parse_xml(body)
    if root.tag != _atom("feed"):
        raise MalformedResponse(f"root element is {root.tag!r}, not an Atom feed")
    titles: dict[str, str] = {}
    published: dict[str, str] = {}
    journal_refs: dict[str, str] = {}
    dois: dict[str, str] = {}
    errors: list[str] = []
    for entry in root.iterfind(_atom("entry")):
        entry_id = _text(entry, "id")
        if not entry_id:
            continue  # the pre-2025 API sent id-less placeholder entries for missing IDs
        if ERROR_ID_MARK in entry_id:
            errors.append(_text(entry, "summary") or entry_id)
        else:
            paper_id = versionless_id(entry_id)
            titles[paper_id] = _title(entry, entry_id)
            if _DAY.fullmatch(day := _text(entry, "published")[:10]):
                published[paper_id] = day
            if journal_ref := _text(entry, "journal_ref", ARXIV_NS):
                journal_refs[paper_id] = journal_ref
            if doi := _text(entry, "doi", ARXIV_NS):
                dois[paper_id] = doi
    return Feed(titles, tuple(errors), published, _total(root), journal_refs, dois)


def _total(root: Element) -> int | None:
    child = root.find(f"{{{OPENSEARCH_NS}}}totalResults")
    text = "" if child is None or child.text is None else child.text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def versionless_id(entry_id: str) -> str:
    """`http://arxiv.org/abs/hep-th/9901001v1` -> `hep-th/9901001`."""
    match = _ENTRY_ID.fullmatch(entry_id.strip())
    if match is None:
        raise MalformedResponse(f"unexpected entry id {entry_id!r}")
    return match["id"]


def _collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def _parse_xml(body: bytes) -> Element:
    if len(body) > MAX_BODY_BYTES:
        raise MalformedResponse(f"body larger than {MAX_BODY_BYTES} bytes")
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(body, forbid_dtd=True)
    except ParseError as exc:
        raise MalformedResponse(f"not well-formed XML ({exc})") from exc
    except DefusedXmlException as exc:
        raise MalformedResponse(f"unsafe XML refused ({type(exc).__name__})") from exc


def _title(entry: Element, entry_id: str) -> str:
    title = _text(entry, "title")
    if not title:
        raise MalformedResponse(f"entry {entry_id!r} has no title")
    return title


def _text(parent: Element, name: str, namespace: str = ATOM_NS) -> str:
    child = parent.find(f"{{{namespace}}}{name}")
    return "" if child is None else _collapse_whitespace("".join(child.itertext()))


def _atom(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"
