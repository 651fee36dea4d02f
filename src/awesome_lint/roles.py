"""Column roles (date, model name, title, link) from header text, configuration or cells."""

from __future__ import annotations

import re
from collections.abc import Mapping

from awesome_lint.links import plain_text
from awesome_lint.model import Cell, Role, Row

_HEADER_WORDS: dict[str, Role] = {
    **dict.fromkeys(
        (
            "date",
            "release date",
            "pub date",
            "pub & date",
            "publish date",
            "published",
            "publication date",
            "year",
            "years",
            "time",
            "release",
            "released",
            "when",
            "日期",
            "时间",
            "年份",
            "发布时间",
            "发布日期",
        ),
        Role.DATE,
    ),
    **dict.fromkeys(
        (
            "model",
            "model name",
            "models",
            "name",
            "method",
            "methods",
            "language model",
            "模型",
            "名称",
            "名字",
        ),
        Role.MODEL,
    ),
    **dict.fromkeys(
        ("title", "paper title", "paper name", "titles", "标题", "题目", "论文标题"), Role.TITLE
    ),
    **dict.fromkeys(
        (
            "link",
            "links",
            "arxiv",
            "url",
            "urls",
            "pdf",
            "paper link",
            "paper/blog",
            "paper / blog",
            "paper/code",
            "arxiv link",
            "链接",
            "论文链接",
        ),
        Role.LINK,
    ),
}
_AMBIGUOUS = frozenset({"paper", "papers", "论文"})
_NORMALISE = re.compile(r"[^\w&/ ]+")
# Words of link texts that say "here is the paper" rather than name it. Checked word by
# word: one pattern of repeated words between optional separators backtracks exponentially.
_GENERIC_LINK_WORDS = frozenset(
    {"paper", "pdf", "arxiv", "link", "abs", "html", "code", "github", "project", "page"}
    | {"blog", "website", "openreview", "huggingface", "hf"}
)
# A citation in place of a title: "Wang et al., 2021", "Smith and Lee 2020", "Ma (2024)".
_CITATION = re.compile(
    r"[A-Z][\w'’-]*(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’-]*))?,?\s*\(?\d{4}[a-z]?\)?"
)
_LINK_TEXT_WORD = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?(?!\w)|\w+")
_PAPER_NUMBER = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_WORD = re.compile(r"[^\W_]+")
_NO_VALUE = frozenset({"-", "--", "—", "n/a"})


def is_generic_link_text(text: str) -> bool:
    """Whether a link's text only says "paper", "pdf", "arXiv", its ID and the like."""
    return all(
        word in _GENERIC_LINK_WORDS or _PAPER_NUMBER.fullmatch(word)
        for word in _LINK_TEXT_WORD.findall(text.casefold())
    )


def header_key(text: str) -> str:
    """Header text as compared: visible text, lower case, without punctuation but & and /."""
    return " ".join(_NORMALISE.sub(" ", plain_text(text).casefold()).split())


def detect_roles(header: Row, body: list[Row], configured: Mapping[Role, str]) -> dict[Role, int]:
    """Map each role to a column index. Configured header texts win over detection."""
    keys = [header_key(cell.text) for cell in header.cells]
    roles: dict[Role, int] = {}
    for role, wanted in configured.items():
        if header_key(wanted) in keys:
            roles[role] = keys.index(header_key(wanted))
    taken = set(roles.values())
    ambiguous = []
    for index, key in enumerate(keys):
        if index in taken:
            continue
        named = _HEADER_WORDS.get(key)
        if named is not None and named not in roles:
            roles[named] = index
            taken.add(index)
        elif key in _AMBIGUOUS:
            ambiguous.append(index)
    for index in ambiguous:
        decided = _decide_paper_column(index, body, roles)
        if decided is not None and decided not in roles:
            roles[decided] = index
    return roles


def _decide_paper_column(index: int, body: list[Row], roles: Mapping[Role, int]) -> Role | None:
    """A "Paper" column is a link column when its cells are mostly bare links (``[paper](…)``,
    a URL, ``:fire: [PDF](…)``), else a title column. Cells without a value do not vote."""
    if Role.TITLE in roles and Role.LINK not in roles:
        return Role.LINK
    if Role.LINK in roles and Role.TITLE not in roles:
        return Role.TITLE
    cells = [
        row.cells[index]
        for row in body
        if index < len(row.cells) and (row.cells[index].links or _has_value(row.cells[index]))
    ]
    if not cells:
        return None
    bare = sum(1 for cell in cells if _is_bare_link(cell))
    return Role.LINK if bare * 2 > len(cells) else Role.TITLE


def _has_value(cell: Cell) -> bool:
    return cell.plain.casefold() not in _NO_VALUE and _WORD.search(cell.plain) is not None


def _is_bare_link(cell: Cell) -> bool:
    """Links whose texts are generic, citations (the paper linked by its authors and year)
    or the URLs themselves, and at most two other words."""
    if not cell.links:
        return False
    rest, end = [], 0
    for link in cell.links:
        if (
            link.text != link.url
            and not is_generic_link_text(link.text)
            and not _CITATION.fullmatch(link.text.strip())
        ):
            return False
        rest.append(cell.text[end : link.column - cell.column])
        end = link.end_column - cell.column
    rest.append(cell.text[end:])
    words = _WORD.findall(_SHORTCODE.sub(" ", plain_text(" ".join(rest))))
    return len(words) <= 2
