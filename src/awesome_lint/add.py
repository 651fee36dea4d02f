"""``awesome-lint add``: write a paper's row into a table, in that table's own conventions.

The row is composed from what :mod:`awesome_lint.conventions` inferred about the table
(column roles, date format and precision, order, placeholders, link form) and from how
its own cells are written: each column's most common *shape* (the cell text with the
value, the paper's URL and its ID taken out: ``**[{title}]({url})**``,
``[paper]({url})``) is filled in with the new paper's values. It goes where the table's
order puts it, and the file is written only if the result holds every row it held
before plus the new ones (see :func:`awesome_lint.fixer.check_added_rows`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from awesome_lint.arxiv import ArxivLink, canonical_url, classify_url, id_year_month
from awesome_lint.conventions import Conventions, TableSpec
from awesome_lint.conventions.order import ARXIV, NEWEST_FIRST, arxiv_ordinal, numbering
from awesome_lint.conventions.rowfacts import model_key, title_compare_key
from awesome_lint.dates import CellDate, Precision, format_date
from awesome_lint.links import Link
from awesome_lint.model import Cell, Document, Role, Row

VALUE, URL, ID = "\0value\0", "\0url\0", "\0id\0"
_URL_LEFT = re.compile(r"https?://|www\.")
_TITLE_HEAD = re.compile(r"[:：]\s")
_ARXIV_PREFIX = re.compile(r"(?i)^arxiv:\s*")


class AddError(Exception):
    """The row cannot be written (bad input, no such table, not enough to go on): exit 2."""


class Refused(Exception):
    """The table already has the paper: exit 1."""


@dataclass(frozen=True, slots=True)
class Paper:
    paper_id: str
    title: str
    date: CellDate  # the day of the first version, or the month of the ID
    model: str | None = None  # given with --model


def paper_id(argument: str) -> str:
    """The versionless ID of an arXiv ID or link; AddError as ARX001 words it otherwise."""
    text = _ARXIV_PREFIX.sub("", argument.strip())
    if "://" in text:
        url = text
    elif "." in text.split("/", 1)[0] and "/" in text:  # arxiv.org/abs/... without a scheme
        url = f"https://{text}"
    else:
        url = canonical_url(text)
    found = classify_url(url)
    if found is None:
        raise AddError(f"{argument!r} is not an arXiv ID or link")
    if found.paper_id is None:
        raise AddError(f"malformed arXiv link {argument!r}: {found.problem}")
    return found.paper_id


def id_month(paper: str) -> CellDate:
    year, month = id_year_month(paper)
    return CellDate(year, month, None, "YYYY-MM")


# --- which table ---------------------------------------------------------------------------


def choose_table(found: Conventions, wanted: str | None) -> TableSpec:
    tables = list(found.paper_tables())
    if wanted is not None:
        needle = wanted.casefold()
        tables = [
            spec for spec in tables if needle in describe_table(found.document, spec).casefold()
        ]
    if len(tables) == 1:
        return tables[0]
    path = found.document.path
    if not tables:
        where = f"matching {wanted!r} " if wanted is not None else ""
        raise AddError(f"{path}: no paper table {where}to add to")
    listing = "; ".join(
        f"line {spec.table.line}: {describe_table(found.document, spec)}" for spec in tables
    )
    hint = "a more specific --table" if wanted is not None else "--table TEXT"
    raise AddError(f"{path}: {len(tables)} paper tables, choose one with {hint}: {listing}")


def describe_table(document: Document, spec: TableSpec) -> str:
    """The heading above the table and its header: what ``--table`` matches."""
    heading = next((h.text for h in reversed(document.headings) if h.line < spec.table.line), "")
    header = " | ".join(cell.plain for cell in spec.table.header.cells)
    return f"{heading} ({header})" if heading else f"({header})"


# --- the row -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Composed:
    cells: list[str]
    notes: list[str]  # what the caller should fill in by hand


def compose(found: Conventions, spec: TableSpec, paper: Paper) -> Composed:
    url = _link_url(spec, paper.paper_id)
    notes: list[str] = []
    cells = []
    number = _next_number(spec)
    for column in spec.columns:
        if column.index == 0 and number is not None:
            cells.append(number)
            continue
        text = _cell(found, spec, column.index, column.role, paper, url)
        if text is None:
            text = _placeholder(spec, column.index)
            if not text and column.required and column.role is not Role.LINK:
                notes.append(f"column {column.header or column.index + 1!r} was left empty")
        cells.append(text)
    return Composed(cells, notes)


def _next_number(spec: TableSpec) -> str | None:
    """The number of a new row in a table numbered in its first column (it goes at the
    end counting up, at the top counting down), written as the table writes them."""
    rows = spec.table.rows
    step = numbering(rows)
    if step is None:
        return None
    edge = rows[-1] if step > 0 else rows[0]
    text = edge.cells[0].plain
    return f"{int(text.rstrip('.')) + 1}{'.' if text.endswith('.') else ''}"


def _cell(
    found: Conventions, spec: TableSpec, index: int, role: Role | None, paper: Paper, url: str
) -> str | None:
    if role is Role.DATE and spec.dates is not None and spec.dates.index == index:
        return _fill(_shape(found, spec, index, _date_value), _date_text(spec, paper), url, paper)
    if role is Role.TITLE:
        return _fill(_shape(found, spec, index, _plain_value), _escape(paper.title), url, paper)
    if role is Role.MODEL:
        name = paper.model or _model_from_title(found, spec, paper.title)
        if name is None:
            return None
        return _fill(_shape(found, spec, index, _plain_value), _escape(name), url, paper)
    if role is Role.LINK:
        return _fill(_link_shape(found, spec, index), "", url, paper)
    return None


def _fill(shape: str, value: str, url: str, paper: Paper) -> str:
    return shape.replace(VALUE, value).replace(URL, url).replace(ID, paper.paper_id)


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _link_url(spec: TableSpec, paper: str) -> str:
    """The paper's link in the form most of the table's arXiv links share."""
    if spec.arxiv_form is not None:
        return spec.arxiv_form.template.replace("IDvN", "ID").replace("ID", paper)
    return canonical_url(paper)


def _column_cells(spec: TableSpec, index: int) -> Iterator[tuple[Row, Cell]]:
    for row in spec.table.rows:
        cell = row.cell(index) if spec.has_known_columns(row) else None
        if cell is not None and not spec.is_blank(cell):
            yield row, cell


def _plain_value(_spec: TableSpec, _row: Row, cell: Cell) -> str | None:
    return cell.plain


def _date_value(spec: TableSpec, row: Row, cell: Cell) -> str | None:
    assert spec.dates is not None
    read = next((d for d in spec.dates.cells if d.row is row), None)
    return read.text if read is not None and read.editable and read.date else None


ValueOf = Callable[[TableSpec, Row, Cell], "str | None"]


def _shape(found: Conventions, spec: TableSpec, index: int, value_of: ValueOf) -> str:
    """The most common way the column writes its value (``VALUE`` alone if none)."""
    shapes = Counter(
        shape
        for row, cell in _column_cells(spec, index)
        if (value := value_of(spec, row, cell))
        and (shape := _cell_shape(cell, value, found.rows[row].arxiv)) is not None
    )
    return shapes.most_common(1)[0][0] if shapes else VALUE


def _cell_shape(
    cell: Cell, value: str | None, arxiv: Iterable[tuple[Link, ArxivLink]]
) -> str | None:
    """The cell's text with ``value``, its links' targets and its paper's ID taken out;
    None when the rest still names something of its own row (another link, say)."""
    text = cell.text
    if value is not None:
        if text.count(value) != 1:
            return None
        text = text.replace(value, VALUE)
    links = cell.links
    if len(links) > 1:
        return None
    for link in links:
        text = text.replace(link.url, URL)
    for link, found in arxiv:
        if link in links and found.paper_id:
            text = text.replace(found.paper_id, ID)
    return None if _URL_LEFT.search(text) else text


def _link_shape(found: Conventions, spec: TableSpec, index: int) -> str:
    """How the link column writes a link to the row's paper: its most common shape, else a
    link with the text most of its arXiv links have."""
    shapes: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    for row, cell in _column_cells(spec, index):
        facts = found.rows[row]
        mine = [link for link, arxiv in facts.arxiv if arxiv.paper_id and link in cell.links]
        if len(mine) != 1:
            continue
        texts[mine[0].text] += 1
        if (shape := _cell_shape(cell, None, facts.arxiv)) is not None and URL in shape:
            shapes[shape] += 1
    if shapes:
        return shapes.most_common(1)[0][0]
    text = texts.most_common(1)[0][0] if texts else "paper"
    return f"[{text}]({URL})"


def _model_from_title(found: Conventions, spec: TableSpec, title: str) -> str | None:
    """The title's head (before ``:``) when the table's model names are their titles' heads."""
    named = headed = 0
    for row in spec.table.rows:
        facts = found.rows[row]
        if facts.title is not None and _TITLE_HEAD.search(facts.title.plain):
            headed += 1
            named += facts.title_names(facts.model_key)
    parts = _TITLE_HEAD.split(title, maxsplit=1)
    if len(parts) == 2 and named * 2 > headed:
        return parts[0].strip()
    return None


def _placeholder(spec: TableSpec, index: int) -> str:
    """What the column writes where it has no value: its most used placeholder, or nothing."""
    used = Counter(
        cell.plain
        for row in spec.table.rows
        if spec.has_known_columns(row)
        and (cell := row.cell(index)) is not None
        and spec.is_placeholder(cell)
    )
    return used.most_common(1)[0][0] if used else ""


def _date_text(spec: TableSpec, paper: Paper) -> str:
    """The paper's date in the column's format, at the finest precision the column uses
    on purpose that the date has."""
    assert spec.dates is not None
    for precision, fmt in sorted(spec.dates.formats.items(), reverse=True):
        if precision <= paper.date.precision and (text := format_date(paper.date, fmt)):
            return text
    finest = max(spec.dates.formats)
    raise AddError(
        f"the table's dates give the {_PRECISION_WORDS[finest]} "
        f"({spec.dates.formats[finest]}), and only the {_PRECISION_WORDS[paper.date.precision]}"
        " of the paper is known: give it with --date"
    )


_PRECISION_WORDS = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}


# --- where it goes -------------------------------------------------------------------------


def insertion_line(found: Conventions, spec: TableSpec, paper: Paper) -> int:
    """The line the new row goes after: where the table's order puts it, after rows with
    the same key; after the last row when the table has no order."""
    table = spec.table
    order = spec.order
    last = table.end_line
    if numbering(table.rows) == -1:  # counting down: the newest number on top
        return table.delimiter.line
    if order is None or not order.is_sorted:
        return last
    new_key = _key_of_paper(spec, order.key, paper)
    newest_first = order.direction == NEWEST_FIRST
    keys = _row_keys(found, spec, order.key)
    previous = table.delimiter.line
    for row in table.rows:
        key = keys.get(row)
        if key is None:
            previous = row.line
            continue
        if (key < new_key) if newest_first else (key > new_key):
            return previous
        previous = row.line
    return last


def _key_of_paper(spec: TableSpec, key: str, paper: Paper) -> tuple[int, ...]:
    if key == ARXIV:
        return (arxiv_ordinal(paper.paper_id),)
    assert spec.dates is not None
    return paper.date.key(spec.dates.order_precision)


def _row_keys(found: Conventions, spec: TableSpec, key: str) -> dict[Row, tuple[int, ...]]:
    if key == ARXIV:
        return {
            row: (arxiv_ordinal(found.rows[row].ids[0]),)
            for row in spec.table.rows
            if found.rows[row].ids
        }
    assert spec.dates is not None
    precision = spec.dates.order_precision
    return {
        cell.row: cell.date.key(precision)
        for cell in spec.dates.cells
        if cell.date is not None and cell.date.precision >= precision
    }


# --- duplicates ----------------------------------------------------------------------------


def already_there(found: Conventions, scope: list[TableSpec], paper: Paper) -> str | None:
    """Why the tables of ``scope`` already have the paper (naming the line), or None: the
    same arXiv paper, the same title, or the same model name on a row without a title."""
    new_title = title_compare_key(paper.title)
    new_model = model_key(paper.model) if paper.model else ""
    for row in (row for spec in scope for row in spec.table.rows):
        facts = found.rows[row]
        if paper.paper_id in facts.ids:
            return f"line {row.line} already links arXiv paper {paper.paper_id}"
        if facts.title_key and facts.title_key == new_title:
            return f"line {row.line} already has the title {paper.title!r}"
        if new_model and facts.model_key == new_model and not facts.title_key:
            return f"line {row.line} already has the model {paper.model!r}"
    return None
