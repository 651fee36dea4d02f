"""What a finding is, whatever line it is on today.

A finding is known by its code, its file (relative to the repository root) and the
content of its row: the cells of the row as GFM reads them (so re-padding a table
changes nothing), plus those of the related row for duplicates and order (the pair in
either order); outside a table, the text of its line. Rows added above it, a re-sorted
table and edits elsewhere leave it the same finding. The baseline and the GitLab
report's fingerprints use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from awesome_lint.discovery import repository_path
from awesome_lint.engine import Violation
from awesome_lint.model import Document, Row

Key = tuple[str, str, str, str]  # code, file, row, related row


class FindingKeys:
    """The key of each finding; each document's rows indexed by line once."""

    def __init__(self, documents: Mapping[str, Document], root: Path) -> None:
        self._documents = documents
        self._root = root
        self._rows: dict[str, dict[int, Row]] = {}

    def of(self, violation: Violation) -> Key:
        document = self._documents.get(violation.path)
        rows = self._rows.get(violation.path)
        if rows is None:
            rows = self._rows[violation.path] = _rows_by_line(document)
        row = _content(document, rows, violation.line)
        if not violation.related_line:
            return (violation.code, self._file(violation.path), row, "")
        # A pair (a duplicate, two rows out of order) is the same pair whichever of its
        # rows comes first: a re-sorted table reports it on the other one.
        first, second = sorted((row, _content(document, rows, violation.related_line)))
        return (violation.code, self._file(violation.path), first, second)

    def _file(self, path: str) -> str:
        return repository_path(path, self._root) or path


def _rows_by_line(document: Document | None) -> dict[int, Row]:
    if document is None:
        return {}
    return {row.line: row for table in document.tables for row in table.all_rows()}


def _content(document: Document | None, rows: Mapping[int, Row], line: int) -> str:
    """A row as GFM reads it (padding aside), or the line's text outside tables."""
    row = rows.get(line)
    if row is not None:
        return " | ".join(cell.text for cell in row.cells)
    return document.line_text(line).strip() if document is not None else ""
