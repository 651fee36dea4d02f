"""How a table writes its arXiv links: deliberate mirror links, deliberate version pins,
and the form most of its links share.

A mirror (alphaXiv, a Hugging Face paper page, ar5iv) is deliberate in a column given
over to mirror links, or beside a link to the same paper on arxiv.org in its row. When
most arXiv links of a table share one non-canonical form (``http://arxiv.org/abs/ID``
from a generator, ``/pdf/ID`` by habit), that form is the table's convention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from awesome_lint.arxiv import ArxivLink, canonical_url
from awesome_lint.conventions.rowfacts import RowFacts
from awesome_lint.links import Link
from awesome_lint.repolinks import hostname

MIRROR_HOSTS = frozenset(
    {
        "alphaxiv.org",
        "www.alphaxiv.org",
        "huggingface.co",
        "www.huggingface.co",
        "hf.co",
        "ar5iv.org",
        "www.ar5iv.org",
        "ar5iv.labs.arxiv.org",
    }
)
_VERSION = re.compile(r"(?<=ID)v\d+")
# A form is a convention when it is this many links at least, and most of the table's.
_CONVENTION_COUNT = 3


class LinkForm(NamedTuple):
    """The non-canonical form most arXiv links of a table (or of the whole file) share."""

    template: str  # the form with the ID as "ID": http://arxiv.org/abs/ID (the most used)
    # Links of its family: written like it, give or take a scheme or a suffix.
    count: int  # type: ignore[assignment]  # a field, not tuple.count
    total: int
    scope: str = "table"  # "file": the list's habit, which tables too small to tell follow

    def covers(self, form: str | None) -> bool:
        return form is not None and family(form) == family(self.template)


def family(form: str) -> str:
    """A link form without what does not change what it shows (the scheme, ``www.``, a
    ``.pdf`` suffix, a version): ``/pdf/ID`` and ``/pdf/ID.pdf`` are one habit."""
    bare = form.split("://", 1)[-1].removeprefix("www.")
    return bare.replace("IDvN", "ID").removesuffix(".pdf")


_MIRROR_WORDS = re.compile(r"alphaxiv|huggingface|hf\.co|ar5iv")  # one search, not four


def is_mirror(url: str) -> bool:
    if _MIRROR_WORDS.search(url) is None:  # most links: no parse needed
        return False
    try:
        return (hostname(url.strip()) or "") in MIRROR_HOSTS
    except ValueError:
        return False


def canonical_target(found: ArxivLink, keep_version: bool) -> str | None:
    """The URL a valid arXiv link should have (None for a malformed one)."""
    if keep_version and found.version is not None and found.paper_id is not None:
        return canonical_url(found.paper_id, found.version)
    return found.canonical_url  # the versionless one, built when the link was read


def form_of(link: Link, found: ArxivLink) -> str:
    """The link's URL with its paper ID written "ID" (and a version "vN")."""
    return url_form(link.url, found.paper_id)


def url_form(url: str, paper_id: str | None) -> str:
    """``url`` with ``paper_id`` written "ID" (and a version after it "vN")."""
    if paper_id is None or paper_id not in url:
        return url
    return _VERSION.sub("vN", url.replace(paper_id, "ID", 1))


def has_mirrors(rows: list[RowFacts]) -> bool:
    """Whether any arXiv link of the rows is a mirror (most tables have none)."""
    urls = [link.url for facts in rows for link, _found in facts.arxiv]
    if _MIRROR_WORDS.search("\n".join(urls)) is None:  # one search for the table
        return False
    return any(is_mirror(url) for url in urls)


def mirror_columns(rows: list[RowFacts]) -> frozenset[int]:
    """Columns whose arXiv links are mostly mirrors."""
    mirrors: Counter[int] = Counter()
    linked: Counter[int] = Counter()
    for facts in rows:
        if not facts.arxiv:
            continue
        arxiv_links = {id(link) for link, _found in facts.arxiv}
        for index, cell in enumerate(facts.row.cells):
            urls = [link.url for link in cell.links if id(link) in arxiv_links]
            if urls:
                linked[index] += 1
                mirrors[index] += all(is_mirror(url) for url in urls)
    return frozenset(
        index for index, count in mirrors.items() if count >= 2 and count * 2 >= linked[index]
    )


def deliberate_mirrors(facts: RowFacts, columns: frozenset[int]) -> frozenset[int]:
    """ids (``id()``) of the row's mirror links that are there on purpose."""
    on_arxiv = {found.paper_id for link, found in facts.arxiv if not is_mirror(link.url)}
    in_columns = {
        id(link)
        for index in columns
        if index < len(facts.row.cells)
        for link in facts.row.cells[index].links
    }
    return frozenset(
        id(link)
        for link, found in facts.arxiv
        if is_mirror(link.url) and (found.paper_id in on_arxiv or id(link) in in_columns)
    )


def deliberate_pins(facts: RowFacts) -> frozenset[int]:
    """ids (``id()``) of the row's links pinned to a version on purpose: the row links the
    same paper, written the same way, at another version or at none (an ID reused for a
    renamed paper, each version its own entry)."""
    written = [
        (link, found.version, (found.paper_id, family(form_of(link, found))))
        for link, found in facts.arxiv
        if found.paper_id is not None and not is_mirror(link.url)
    ]
    versions: dict[tuple[str | None, str], set[int | None]] = {}
    for _link, version, key in written:
        versions.setdefault(key, set()).add(version)
    return frozenset(
        id(link) for link, version, key in written if version is not None and len(versions[key]) > 1
    )


def arxiv_forms(
    rows: Iterable[RowFacts], mirrors: frozenset[int], pins: frozenset[int], keep_version: bool
) -> list[str | None]:
    """The form of each arXiv link of the rows (None: canonical), mirrors aside; a
    deliberate pin (``pins``) keeps its version."""
    return [
        None
        if canonical_target(found, keep_version or id(link) in pins) == link.url
        else form_of(link, found)
        for facts in rows
        for link, found in facts.arxiv
        if found.paper_id is not None and id(link) not in mirrors
    ]


def file_form(per_table: Iterable[list[str | None]]) -> LinkForm | None:
    """The form most links of the whole file share: the list's habit."""
    form = dominant_form(form for forms in per_table for form in forms)
    return None if form is None else form._replace(scope="file")


def follows(own: LinkForm | None, forms: list[str | None], habit: LinkForm) -> bool:
    """Whether a table with these link ``forms`` (and its ``own`` convention, if any)
    writes its links as the file does: its own convention is the file's, or it has none
    and more of its links are written the file's way than canonically."""
    if own is not None:
        return habit.covers(own.template)
    return sum(1 for form in forms if habit.covers(form)) > forms.count(None)


def dominant_form(forms: Iterable[str | None]) -> LinkForm | None:
    """The non-canonical form most of these links share (a link in canonical form is
    None), by family, when that many links make it a convention; written as the most
    used form of that family."""
    every = Counter(forms)
    total = every.total()
    counts = Counter({form: n for form, n in every.items() if form is not None})  # not canonical
    families: Counter[str] = Counter()
    for form, count in counts.items():
        families[family(form)] += count
    if not families:
        return None
    best, count = families.most_common(1)[0]
    if count < _CONVENTION_COUNT or count * 2 <= total:
        return None
    template = max((form for form in counts if family(form) == best), key=counts.__getitem__)
    return LinkForm(template, count, total)
