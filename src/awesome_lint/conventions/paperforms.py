"""How a table writes its links to papers by other identifiers (DOI, OpenReview, ACL
Anthology): the non-canonical form most of its links of one kind share, if any (a table
that always links OpenReview PDFs, ``https://openreview.net/pdf?id=ID``)."""

from __future__ import annotations

from collections.abc import Iterable

from awesome_lint.conventions.arxivform import LinkForm, dominant_form, url_form
from awesome_lint.conventions.rowfacts import RowFacts
from awesome_lint.paperids import IdKind, PaperLink


def id_link_forms(rows: Iterable[RowFacts]) -> dict[IdKind, list[str | None]]:
    """Per kind of identifier, the form of each link of the rows (None: canonical)."""
    by_kind: dict[IdKind, list[str | None]] = {}
    for facts in rows:
        for _link, found in facts.papers:
            if found.paper_id is not None and found.canonical_url is not None:
                by_kind.setdefault(found.kind, []).append(paper_form(found))
    return by_kind


def id_forms(by_kind: dict[IdKind, list[str | None]]) -> dict[IdKind, LinkForm]:
    """Per kind of identifier, the non-canonical form most of these links share."""
    return {
        kind: form for kind, forms in by_kind.items() if (form := dominant_form(forms)) is not None
    }


def paper_form(found: PaperLink) -> str | None:
    """The link's form with its ID written "ID"; None when it is canonical."""
    return None if found.is_canonical() else url_form(found.url, found.paper_id)
