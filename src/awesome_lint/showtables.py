"""``--show-tables``: what was inferred about each table, to understand a finding one
doubts and to check the inference on a real list."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from awesome_lint.conventions import Conventions, TableSpec
from awesome_lint.conventions.arxivform import LinkForm
from awesome_lint.dates import padding_note
from awesome_lint.engine import Violation
from awesome_lint.model import Role


def write_tables(conventions: Conventions, violations: list[Violation], out: TextIO) -> None:
    document = conventions.document
    if not conventions.tables:
        out.write(f"{document.path}: no tables\n")
    for spec in conventions.tables:
        table = spec.table
        found = Counter(
            violation.code
            for violation in violations
            if violation.path == document.path and table.line <= violation.line <= table.end_line
        )
        header = " | ".join(cell.plain for cell in table.header.cells)
        kind = "paper table" if spec.paper else "not a paper table (structure rules only)"
        out.write(f"{document.path}:{table.line}: | {header} | ({len(table.rows)} rows, {kind})\n")
        for label, value in _facts(spec):
            out.write(f"    {label + ':':<14} {value}\n")
        total = sum(found.values())
        details = ", ".join(f"{code} {count}" for code, count in sorted(found.items()))
        out.write(f"    {'findings:':<14} {total}{f' ({details})' if details else ''}\n")


def _facts(spec: TableSpec) -> list[tuple[str, str]]:
    facts = [("columns", _columns(spec))]
    if spec.usual_width != spec.width:
        facts.append(("cells", f"{spec.usual_width} in most rows, {spec.width} in the header"))
    used = sorted(
        {cell.plain for row in spec.table.rows for cell in row.cells if spec.is_placeholder(cell)}
    )
    facts.append(("placeholders", ", ".join(repr(text) for text in used) or "none used"))
    optional = [c.header or str(c.index + 1) for c in spec.columns if c.role and not c.required]
    facts.append(("optional", ", ".join(optional) or "none of the paper columns"))
    if spec.dates is not None:
        facts.append(("dates", _dates(spec)))
    facts.append(("order", _order(spec)))
    facts.append(("arXiv links", _links(spec)))
    if spec.id_forms:
        forms = (f"{k.value} {_form(f)}" for k, f in spec.id_forms.items())
        facts.append(("other links", "; ".join(forms)))
    if spec.venue is not None:
        facts.append(("venue", f"column '{spec.table.header.cells[spec.venue].plain}'"))
    return facts


def _columns(spec: TableSpec) -> str:
    roles = {index: role.value for role, index in spec.roles.items()}
    return ", ".join(
        f"{cell.plain or '(empty)'}={roles.get(index, '-')}"
        for index, cell in enumerate(spec.table.header.cells)
    )


def _dates(spec: TableSpec) -> str:
    dates = spec.dates
    assert dates is not None
    parts = []
    for precision, fmt in dates.formats.items():
        count = sum(1 for cell in dates.dates if cell.date and cell.date.precision == precision)
        note = padding_note(fmt)
        parts.append(f"{fmt} ({count}{', ' + note if note else ''})")
    order = "day first" if dates.day_first else ""
    header = spec.table.header.cells[dates.index].plain
    return f"column '{header}': " + ", ".join(parts) + (f"; {order}" if order else "")


def _order(spec: TableSpec) -> str:
    order = spec.order
    if order is None:
        return "none (no date column)" if Role.DATE not in spec.roles else "not checked"
    if not order.is_sorted:
        return f"not ordered ({order.moved} of {order.placed} rows would move)"
    moved = f", {order.moved} of {order.placed} rows out of place" if order.moved else ""
    return f"{order.describe()}{moved}"


def _form(form: LinkForm) -> str:
    where = " of the file (the list's habit)" if form.scope == "file" else ""
    return f"{form.count} of {form.total}{where} written like {form.template}"


def _links(spec: TableSpec) -> str:
    parts = []
    if spec.arxiv_form is not None:
        parts.append(_form(spec.arxiv_form))
    if spec.mirror_columns:
        names = [spec.table.header.cells[i].plain for i in sorted(spec.mirror_columns)]
        parts.append("mirror columns: " + ", ".join(names))
    return "; ".join(parts) or "-"
