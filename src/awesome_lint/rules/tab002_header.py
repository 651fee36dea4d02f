"""TAB002 table-header: the header differs from the configured column names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from awesome_lint.options import accepts, optional
from awesome_lint.rule import Finding, Option, Rule, Severity

if TYPE_CHECKING:
    from awesome_lint.model import Document
    from awesome_lint.rule import Context

_NAMES = {"type": "array", "minItems": 1, "items": {"type": "string"}}


@accepts({"anyOf": [_NAMES, {"type": "array", "minItems": 1, "items": _NAMES}]})
def _headers(value: Any) -> tuple[tuple[str, ...], ...]:
    """One header (a list of names) or several accepted headers (a list of lists)."""
    if isinstance(value, list) and value and all(isinstance(item, list) for item in value):
        return tuple(_names(item) for item in value)
    return (_names(value),)


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(
            f"expected a list of column names (or a list of such lists); got {value!r}"
        )
    return tuple(" ".join(name.split()) for name in value)


def check(document: Document, context: Context) -> Iterator[Finding]:
    accepted = context.settings["header"]
    if accepted is None:  # selected explicitly, but `header` is not configured
        return
    for table in document.tables:
        names = tuple(" ".join(cell.plain.split()) for cell in table.header.cells)
        if names not in accepted:
            expected = " | ".join(accepted[0])
            yield Finding.at(
                table.header, f"header is '{' | '.join(names)}', expected '{expected}'"
            )


RULE = Rule(
    code="TAB002",
    name="table-header",
    severity=Severity.ERROR,
    summary="A table header differs from the configured column names.",
    check=check,
    enabled_by_option="header",
    options=(
        Option(
            "header",
            None,
            optional(_headers),
            "Column names every table header must have (a list, or a list of lists).",
        ),
    ),
)
