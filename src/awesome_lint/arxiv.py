"""arXiv identifiers and links: validation, canonical URLs and title comparison.

Implements the project reference ``ARXIV.md`` (§1 identifier scheme, §2 URL forms,
§6 title recipe). Everything here is pure and offline.

Choices made by :func:`classify_url`:

* A paper path on an arXiv host (``/abs/``, ``/pdf/``, ``/html/``, ...) always yields an
  :class:`ArxivLink`; a missing or invalid identifier there is reported, never repaired
  (``1501.0001`` is malformed, not ``1501.00001``).
* Other pages of arXiv's site (``/``, ``/list/...``, ``/a/...``, ``/help/...``, ``/search``,
  ``/archive/...``, ``/user``, ``/auth``, the API endpoint) return ``None``: they are
  legitimate links to the site, not paper links. Only a non-paper path that still carries
  something shaped like an identifier (``/bas/2401.00001``, ``/2401.00001``) is a mistyped
  paper link and is reported as "not a paper path". alphaXiv is treated the same way.
* Hugging Face: only ``/papers/<something ID-shaped>`` is a paper link; listings such as
  ``/papers/trending`` or ``/papers/date/...`` return ``None``.
* ``.pdf`` after an identifier on an arXiv paper path (``/pdf/ID.pdf``, ``/abs/ID.pdf``,
  the legacy ``/ftp/`` path) is URL noise that arXiv tolerates (ARXIV.md §1): the link is
  valid but not canonical. ``.md`` is stripped only on alphaXiv and Hugging Face.
* A DOI with a version suffix is malformed: arXiv DOIs are versionless.
* ``paper_id`` is ``None`` exactly when ``problem`` is set (future IDs included).
"""

from __future__ import annotations

import enum
import html
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from awesome_lint.lazyre import LazyPattern

# --- §1 identifier regexes, verbatim from ARXIV.md ------------------------------------------

NEW4 = r"(?P<new4>(?:07(?:0[4-9]|1[0-2])|(?:0[89]|1[0-4])(?:0[1-9]|1[0-2]))\.(?!0000)\d{4})"
NEW5 = r"(?P<new5>(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.(?!00000)\d{5})"
ARCH = (
    r"acc-phys|adap-org|alg-geom|ao-sci|astro-ph|atom-ph|bayes-an|chao-dyn|chem-ph|cmp-lg|"
    r"comp-gas|cond-mat|cs|dg-ga|funct-an|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math|math-ph|"
    r"mtrl-th|nlin|nucl-ex|nucl-th|patt-sol|physics|plasm-ph|q-alg|q-bio|quant-ph|solv-int|supr-con"
)
OLD = (
    r"(?P<arch>" + ARCH + r")(?:\.(?P<sc>[A-Z]{2}))?/"
    r"(?P<yymm>9[1-9](?:0[1-9]|1[0-2])|0[0-6](?:0[1-9]|1[0-2])|070[1-3])(?!000)\d{3}"
)
VER = r"(?:v(?P<ver>[1-9]\d*))?"
ANY_ID = rf"(?:[aA][rR][xX][iI][vV]:)?(?:{NEW5}|{NEW4}|{OLD}){VER}"

_ANY_ID = re.compile(ANY_ID)
_FIND_ID = LazyPattern(r"(?<![\w.-])" + ANY_ID + r"(?!\w)")
_ARCHIVES = frozenset(ARCH.split("|"))

# Loose shapes, only used to explain why a token failed the strict regexes. Anchored
# (\A): tried from every position of a long token, they would be quadratic.
_ARXIV_PREFIX = re.compile(r"arxiv:", re.IGNORECASE)
_LOOSE_NEW = LazyPattern(r"\A(?P<yymm>\d+)\.(?P<num>\d+)(?P<ver>[vV]\d*)?")
_LOOSE_OLD = LazyPattern(
    r"\A(?P<arch>[A-Za-z][A-Za-z-]*)(?:\.(?P<sc>[A-Za-z]+))?/(?P<num>\d+)(?P<ver>[vV]\d*)?"
)
_GOOD_VERSION = re.compile(r"v[1-9]\d*")

# --- §2 URL forms ------------------------------------------------------------------------------

_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*)://")  # \A: linear even if searched
_SLASHES = re.compile(r"/{2,}")
# The old-style half starts where a run of letters and dashes does: tried inside the run
# too, a search would be quadratic on a long path (only whether it matches is used).
_ID_SHAPED = LazyPattern(
    r"\d{3,4}\.\d{4,5}|(?<![A-Za-z-])-*[A-Za-z][A-Za-z-]*(?:\.[A-Za-z]{2})?/\d{7}"
)
_ARCHIVE_SEGMENT = LazyPattern(r"(?:arxiv:)?[a-z][a-z-]*(?:\.[a-z]+)?", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"10\.48550/arxiv\.", re.IGNORECASE)
_ARXIV_PATHS = frozenset({"abs", "pdf", "html", "format", "ps", "src", "e-print", "tb"})
_ALPHAXIV_PATHS = frozenset({"abs", "overview"})
_FTP_PREFIX = "ftp/arxiv/papers/"
_HOST_FAMILIES = {
    "arxiv.org": "arxiv",
    "ar5iv.org": "arxiv",
    "alphaxiv.org": "alphaxiv",
    "www.alphaxiv.org": "alphaxiv",
    "huggingface.co": "hf",
    "www.huggingface.co": "hf",
    "hf.co": "hf",
    "doi.org": "doi",
    "dx.doi.org": "doi",
    "www.doi.org": "doi",
}
_NO_ID = "no arXiv identifier in the URL"
# The usual forms (https://arxiv.org/abs/ID, http and /pdf/ variants, a version): the
# same answer as the full parser below, without urlsplit and the path analysis.
_FAST_URL = re.compile(rf"https?://arxiv\.org/(?:abs|pdf)/(?:{NEW5}|{NEW4}){VER}")


class ArxivLink(NamedTuple):
    url: str
    paper_id: str | None
    version: int | None
    problem: str | None
    canonical_url: str | None
    is_canonical: bool


def classify_url(
    url: str, *, today: tuple[int, int] | None = None, keep_version: bool = False
) -> ArxivLink | None:
    """Classify ``url``; ``None`` when it is not a link to an arXiv paper at all.

    ``today`` is ``(year, month)``; IDs after it are reported as being in the future.
    With ``keep_version``, ``canonical_url + "v<N>"`` also counts as canonical.
    """
    fast = _FAST_URL.fullmatch(url)
    if fast is not None:
        new5, new4, written_version = fast.group("new5", "new4", "ver")
        paper_id = new5 or new4
        if today is not None and id_year_month(paper_id) > today:
            return ArxivLink(url, None, None, f"ID {paper_id} is in the future", None, False)
        version = int(written_version) if written_version else None
        return _valid(url, paper_id, version, keep_version)
    return _classify_url(url, today=today, keep_version=keep_version)


def _classify_url(
    url: str, *, today: tuple[int, int] | None = None, keep_version: bool = False
) -> ArxivLink | None:
    """:func:`classify_url` without its fast path (the tests compare both)."""
    located = _locate(url)
    if located is None:
        return None
    family, path = located
    found = _candidate(family, path)
    if found is None:
        return None
    token, problem = found
    parsed = problem or _parse_id(token, today)
    if isinstance(parsed, str):
        return ArxivLink(url, None, None, parsed, None, False)
    paper_id, version = parsed
    if family == "doi" and version is not None:
        return ArxivLink(url, None, None, f"arXiv DOIs have no version (v{version})", None, False)
    return _valid(url, paper_id, version, keep_version)


def _valid(url: str, paper_id: str, version: int | None, keep_version: bool) -> ArxivLink:
    canonical = canonical_url(paper_id)
    if url == canonical:  # most links: keep one copy of the string
        return ArxivLink(url, paper_id, version, None, url, True)
    is_canonical = keep_version and version is not None and url == canonical_url(paper_id, version)
    return ArxivLink(url, paper_id, version, None, canonical, is_canonical)


def find_arxiv_ids(text: str) -> list[str]:
    """Canonical versionless IDs mentioned in ``text``, deduplicated, in order of appearance."""
    ids = (
        _id_from_match(match)
        for match in _FIND_ID().finditer(text)
        if not (match["yymm"] and _old_range_problem(match["yymm"]))
    )
    return list(dict.fromkeys(ids))


def canonical_url(paper_id: str, version: int | None = None) -> str:
    suffix = "" if version is None else f"v{version}"
    return f"https://arxiv.org/abs/{paper_id}{suffix}"


def id_year_month(paper_id: str) -> tuple[int, int]:
    """``(year, month)`` of a canonical ID: ``(2024, 4)`` for ``2404.00656``."""
    archive, _, number = paper_id.rpartition("/")
    prefix = number[:4] if not archive else "/" + number[:4]  # old IDs: another century
    found = _YEAR_MONTHS.get(prefix)
    if found is None:
        yy, month = int(number[:2]), int(number[2:4])
        century = 1900 if archive and yy >= 91 else 2000
        found = _YEAR_MONTHS[prefix] = (century + yy, month)
    return found


# The (year, month) of each ID prefix seen: the ID's month is asked for by several rules
# and inferences for every row. Bounded: two entries (old and new IDs) per YYMM at most.
_YEAR_MONTHS: dict[str, tuple[int, int]] = {}


# --- URL helpers -------------------------------------------------------------------------------


def _locate(url: str) -> tuple[str, str] | None:
    """(host family, path without outer slashes) of an http(s) URL on a known host."""
    if not _names_known_host(url):  # most links (GitHub, project pages): no urlsplit
        return None
    text = url.strip()
    scheme = _SCHEME.match(text)
    if scheme is None:
        text = text if text.startswith("//") else "//" + text
    elif scheme[1].lower() not in ("http", "https"):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return None
    family = "arxiv" if host.endswith(".arxiv.org") else _HOST_FAMILIES.get(host)
    if family is None:
        return None
    return family, _SLASHES.sub("/", unquote(parts.path)).strip("/")


# What the host of a URL _locate knows contains: the host is part of the URL, and the
# URL lower-cased holds it lower-cased as urlsplit gives it (which drops tabs and line
# breaks first).
_HOST_HINTS = tuple(sorted({"arxiv.org", *_HOST_FAMILIES}))


def _names_known_host(url: str) -> bool:
    lowered = url.lower()
    if "\t" in lowered or "\n" in lowered or "\r" in lowered:
        lowered = lowered.replace("\t", "").replace("\n", "").replace("\r", "")
    return any(host in lowered for host in _HOST_HINTS)


def _candidate(family: str, path: str) -> tuple[str, str | None] | None:
    """``(token, None)`` for a paper path, ``("", problem)`` for a mistyped one, else None."""
    head, _, rest = path.partition("/")
    if family == "hf":
        is_paper = head == "papers" and _ID_SHAPED().search(rest)
        return (_strip_suffix(rest, ".md"), None) if is_paper else None
    if family == "doi":
        prefix = _DOI_PREFIX.match(path)
        return (path[prefix.end() :], None) if prefix else None
    if family == "alphaxiv" and head in _ALPHAXIV_PATHS:
        return _strip_suffix(_id_part(rest, assets=False), ".md"), None
    if family == "arxiv" and head in _ARXIV_PATHS:
        token = _id_part(rest, assets=head == "html")
        return _strip_suffix(token, ".pdf"), None
    if family == "arxiv" and path.startswith(_FTP_PREFIX):
        return _strip_suffix(path.rpartition("/")[2], ".pdf"), None
    if _ID_SHAPED().search(path):
        return "", f"not a paper path: /{path}"
    return None


def _id_part(rest: str, *, assets: bool) -> str:
    """The ID at the start of ``rest``; all of ``rest`` if trailing segments are not allowed."""
    segments = rest.split("/")
    size = 2 if len(segments) > 1 and _ARCHIVE_SEGMENT().fullmatch(segments[0]) else 1
    return "/".join(segments[:size]) if assets or len(segments) <= size else rest


def _strip_suffix(text: str, suffix: str) -> str:
    return text[: -len(suffix)] if text.lower().endswith(suffix) else text


# --- identifier validation ---------------------------------------------------------------------


def _parse_id(token: str, today: tuple[int, int] | None) -> tuple[str, int | None] | str:
    """``(paper_id, version)`` for a valid token, else a message saying what is wrong."""
    if not token:
        return _NO_ID
    token = _lower_archive(token)
    match = _ANY_ID.fullmatch(token)
    if match is None:
        return _diagnose(token)
    if match["yymm"] and (problem := _old_range_problem(match["yymm"])):
        return problem
    paper_id = _id_from_match(match)
    if today is not None and id_year_month(paper_id) > today:
        return f"ID {paper_id} is in the future"
    return paper_id, int(match["ver"]) if match["ver"] else None


def _lower_archive(token: str) -> str:
    """Lowercase an old-style archive name (arXiv does), keeping the subject class as is."""
    head, slash, tail = token.partition("/")
    archive, dot, subject = head.partition(".")
    return archive.lower() + dot + subject + slash + tail


def _id_from_match(match: re.Match[str]) -> str:
    if match["arch"] is None:
        return match["new5"] or match["new4"]
    start = match.end("yymm")
    return f"{match['arch']}/{match['yymm']}{match.string[start : start + 3]}"


def _diagnose(token: str) -> str:
    bare = token[6:] if _ARXIV_PREFIX.match(token) else token
    problem = None
    if new := _LOOSE_NEW().fullmatch(bare):
        problem = _new_problem(new["yymm"], new["num"]) or _version_problem(new["ver"])
    elif old := _LOOSE_OLD().fullmatch(bare):
        problem = _old_problem(old["arch"], old["sc"], old["num"]) or _version_problem(old["ver"])
    # The path was read with its runs of "/" made one: a URL pasted into it reads "https:/".
    return problem or f"malformed arXiv identifier '{token.replace(':/', '://')}'"


def _new_problem(yymm: str, number: str) -> str | None:
    if len(yymm) != 4:
        return f"'{yymm}' is not a 4-digit YYMM"
    if problem := _month_problem(yymm[2:]):
        return problem
    if yymm < "0704":
        return f"new-style IDs start at 0704, not {yymm}"
    if yymm >= "1501" and len(number) != 5:
        return f"{len(number)}-digit number after 2015-01 (arXiv IDs from 1501 on have 5 digits)"
    if yymm < "1501" and len(number) != 4:
        return f"{len(number)}-digit number before 2015-01 (arXiv IDs up to 1412 have 4 digits)"
    return _zero_problem(number)


def _old_problem(archive: str, subject: str | None, digits: str) -> str | None:
    if archive.lower() not in _ARCHIVES:
        return f"unknown archive '{archive}'"
    if subject is not None and not (len(subject) == 2 and subject.isupper()):
        return f"subject class '{subject}' is not two capital letters"
    if len(digits) != 7:
        return f"old-style IDs have 7 digits after the slash, not {len(digits)}"
    return (
        _month_problem(digits[2:4]) or _old_range_problem(digits[:4]) or _zero_problem(digits[4:])
    )


def _old_range_problem(yymm: str) -> str | None:
    if "0703" < yymm < "9107":
        return f"old-style IDs run from 9107 to 0703, not {yymm}"
    return None


def _month_problem(month: str) -> str | None:
    return None if "01" <= month <= "12" else f"month {month} does not exist"


def _zero_problem(number: str) -> str | None:
    return f"number {number} is not a paper" if int(number) == 0 else None


def _version_problem(version: str | None) -> str | None:
    if version is None or _GOOD_VERSION.fullmatch(version):
        return None
    if version[1:] and int(version[1:]) == 0:
        return f"version {version} does not exist"
    return f"version {version} is not written as v<N> (lowercase v, no leading zero)"


# --- §6 titles ---------------------------------------------------------------------------------


class TitleMatch(enum.Enum):
    SAME = "same"
    SUBTITLE = "subtitle"  # subtitle added/dropped, or a truncated title
    MINOR = "minor"  # similarity ratio >= 0.90
    DIFFERENT = "different"
    UNRELATED = "unrelated"  # hardly a word in common: another paper's title


_MINOR_RATIO = 0.90
# One level of nested brackets and parentheses, so that no match rescans the whole
# text from every "[" (linear on hostile cells).
_MD_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # [^<>]: linear on "<a<a<a..."
_MD_MARK = re.compile(r"[*_`](?<!\\[*_`])")
_GREEK = (
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "chi",
    "psi",
    "omega",
)
_GREEK_COMMAND = re.compile(r"\\(?:var)?(" + "|".join(_GREEK) + r")(?![A-Za-z])", re.IGNORECASE)
_LATEX_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[\"'^~`=.])?")


class _CharMap:
    """``str.translate`` for a few characters, found by a pattern: ``str.translate`` looks
    every character of a non-ASCII text up in its table (a long non-ASCII title took
    fifty times longer)."""

    __slots__ = ("_chars", "_mapping")

    def __init__(self, mapping: dict[str, str]) -> None:
        self._mapping = mapping
        self._chars = LazyPattern("[" + re.escape("".join(mapping)) + "]")

    def __call__(self, text: str) -> str:
        return self._chars().sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        return self._mapping[match.group()]


_GREEK_LETTERS = _CharMap(
    {
        **dict(zip("αβγδεζηθικλμνξοπρστυφχψω", _GREEK, strict=True)),
        **dict(zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", _GREEK, strict=True)),
        "ς": "sigma",
    }
)
_TYPOGRAPHY = _CharMap(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
)
_LATEX_MARKS = re.compile(r"[${}^_]+")
_NON_ASCII = LazyPattern(r"[^\x00-\x7f]+")
_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = str.maketrans(
    "", "", "".join(filter(lambda c: not c.isalnum(), map(chr, range(128))))
)
# Every ASCII character steps 1-4 may change other than case (entities, links, tags,
# emphasis, LaTeX commands and marks).
_MARKUP = re.compile(r"[&\[<*_`\\${}^]")


def title_key(title: str) -> str:
    """Comparison key of a title (ARXIV.md §6 steps 1-5)."""
    return _squash(_clean(title))


def compact_title_key(title: str) -> str:
    """:func:`title_key` without its spaces."""
    # What _NON_ALNUM removes. str.isalnum is what \w means besides "_": when it holds,
    # nothing is left to remove. Most titles hold only words and spaces; of the others,
    # the ASCII part goes in one pass of str.translate (per character, still fifty times
    # faster than the pattern on a long title), and the pattern takes what is left.
    cleaned = _clean(title)
    compact = cleaned.replace(" ", "")
    if compact.isalnum():
        return compact
    compact = cleaned.translate(_ASCII_NON_ALNUM)
    return compact if compact.isalnum() else _NON_ALNUM.sub("", compact)


def compare_titles(row_title: str, arxiv_title: str) -> TitleMatch:
    """How a table's title relates to arXiv's (ARXIV.md §6 steps 6-8)."""
    row, arxiv = _clean(row_title), _clean(arxiv_title)
    row_key, arxiv_key = _squash(row), _squash(arxiv)
    if _same(row_key, arxiv_key):
        return TitleMatch.SAME
    if not row_key or not arxiv_key:
        return TitleMatch.DIFFERENT
    if _is_subtitle(row, row_key, arxiv, arxiv_key):
        return TitleMatch.SUBTITLE
    import difflib  # only online runs compare titles; plain runs skip its import

    matcher = difflib.SequenceMatcher(None, row_key, arxiv_key)
    if matcher.quick_ratio() >= _MINOR_RATIO and matcher.ratio() >= _MINOR_RATIO:
        return TitleMatch.MINOR
    if _shares_almost_nothing(row_key, arxiv_key):
        return TitleMatch.UNRELATED
    return TitleMatch.DIFFERENT


# Words that say nothing about which paper a title names.
_STOP_WORDS = frozenset(
    (
        *("a", "an", "and", "are", "as", "at", "by", "can", "for", "from", "in", "into"),
        *("is", "it", "its", "of", "on", "or", "our", "the", "their", "to", "towards"),
        *("via", "we", "while", "with", "without", "you", "your"),
    )
)
_UNRELATED_SHARE = 3  # fewer than a third of the words in common


def _shares_almost_nothing(row_key: str, arxiv_key: str) -> bool:
    """Fewer than a third of the shorter title's words are in the other title."""
    row_words, arxiv_words = _words(row_key), _words(arxiv_key)
    if not row_words or not arxiv_words:
        return True
    common = len(row_words & arxiv_words)
    return common * _UNRELATED_SHARE < min(len(row_words), len(arxiv_words))


def _words(key: str) -> set[str]:
    return {word for word in key.split() if word not in _STOP_WORDS}


def _clean(title: str) -> str:
    """Steps 1-4: the title without markup, LaTeX, typography, accents or case."""
    if title.isascii() and _MARKUP.search(title) is None:
        return title.casefold()  # nothing for steps 1-4 to remove but case
    return _clean_markup(title)


def _clean_markup(title: str) -> str:
    """:func:`_clean` without its fast path (the tests compare both)."""
    text = _HTML_TAG.sub("", _MD_LINK.sub(r"\1", html.unescape(title)))
    text = _MD_MARK.sub("", text)
    if not text.isascii():
        text = _TYPOGRAPHY(unicodedata.normalize("NFKC", text))
    text = _LATEX_MARKS.sub("", _LATEX_COMMAND.sub("", _GREEK_COMMAND.sub(_greek_name, text)))
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = _GREEK_LETTERS(_NON_ASCII().sub(_without_combining, decomposed))
    return text.casefold()


def _greek_name(match: re.Match[str]) -> str:
    return match[1].lower()


def _without_combining(run: re.Match[str]) -> str:
    """A run of non-ASCII characters without its accents (ASCII has none)."""
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def _squash(text: str) -> str:
    """Step 5: every run of non-alphanumerics becomes one space."""
    return _NON_ALNUM.sub(" ", text).strip()


def _same(key: str, other: str) -> bool:
    return key == other or key.replace(" ", "") == other.replace(" ", "")


def _is_subtitle(row: str, row_key: str, arxiv: str, arxiv_key: str) -> bool:
    row_head, arxiv_head = _squash(row.split(":", 1)[0]), _squash(arxiv.split(":", 1)[0])
    if _same(row_key, arxiv_head) or _same(arxiv_key, row_head):
        return True
    if arxiv_key.startswith(row_key + " ") or row_key.startswith(arxiv_key + " "):
        return True
    truncated = row.rstrip().endswith("...")
    return truncated and arxiv_key.replace(" ", "").startswith(row_key.replace(" ", ""))
