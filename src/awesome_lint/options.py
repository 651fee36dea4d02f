"""Parsers for configuration values and the options every rule may read.

Each parser takes the value as written in YAML or TOML and returns the setting,
or raises ValueError with what was expected; the configuration loader adds the
file and line. The parsers here are :class:`Parser` objects: they also carry the JSON
Schema of the values they accept, from which the configuration's schema is made
(configschema.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from awesome_lint.discovery import DEFAULT_EXCLUDE
from awesome_lint.model import Role
from awesome_lint.rule import Option

DEFAULT_PLACEHOLDERS = ("-", "--", "—", "N/A")
DEFAULT_BASELINE = ".awesome-lint-baseline.json"  # at the repository root

T = TypeVar("T")


class Parser(Generic[T]):
    """A value parser and the JSON Schema of what it accepts: what an editor checks and
    completes (the parser stays the judge: a schema may accept more)."""

    __slots__ = ("parse", "schema")

    def __init__(self, parse: Callable[[Any], T], schema: Mapping[str, Any]) -> None:
        self.parse = parse
        self.schema = schema

    def __call__(self, value: Any) -> T:
        return self.parse(value)


def accepts(schema: Mapping[str, Any]) -> Callable[[Callable[[Any], T]], Parser[T]]:
    """Make a parser function a :class:`Parser` accepting ``schema``."""
    return lambda parse: Parser(parse, schema)


def schema_of(parse: Callable[[Any], Any]) -> Mapping[str, Any]:
    """The JSON Schema of a parser's values; ``{}`` (anything) for a plain function, such
    as a plugin's."""
    return parse.schema if isinstance(parse, Parser) else {}


def choice(*values: str) -> Parser[str]:
    def parse(value: Any) -> str:
        if value not in values:
            raise ValueError(f"expected one of {', '.join(values)}; got {value!r}")
        return str(value)

    return Parser(parse, {"enum": list(values)})


@accepts({"type": "boolean"})
def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false; got {value!r}")
    return value


def integer(minimum: int = 0) -> Parser[int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(f"expected an integer >= {minimum}; got {value!r}")
        return value

    return Parser(parse, {"type": "integer", "minimum": minimum})


@accepts({"type": "number", "minimum": 0})
def number(value: Any) -> float:
    """A finite number >= 0 (NaN and infinities are refused: a NaN interval would compare
    false with every minimum)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a non-negative number; got {value!r}")
    if not 0 <= value < math.inf:
        raise ValueError(f"expected a finite non-negative number; got {value!r}")
    return float(value)


@accepts({"type": "number", "exclusiveMinimum": 0})
def seconds(value: Any) -> float:
    """A duration that must not be zero (a time-out, a budget)."""
    parsed = number(value)
    if parsed == 0:
        raise ValueError("expected a number of seconds > 0; got 0")
    return parsed


@accepts({"type": "string"})
def string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string; got {value!r}")
    return value


@accepts({"type": "string", "format": "uri", "pattern": "^https?://"})
def http_url(value: Any) -> str:
    from urllib.parse import urlsplit

    text = string(value)
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http:// or https:// URL; got {value!r}")
    return text


_STRINGS = {"type": "array", "items": {"type": "string"}}


@accepts({"anyOf": [_STRINGS, {"type": "string", "description": "comma-separated"}]})
def string_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings; got {value!r}")
    return tuple(value)


def string_map(value_parser: Callable[[Any], Any]) -> Parser[dict[str, Any]]:
    def parse(value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a mapping; got {value!r}")
        parsed = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"expected string keys; got {key!r}")
            try:
                parsed[key] = value_parser(item)
            except ValueError as error:
                raise ValueError(f"{key}: {error}") from None
        return parsed

    return Parser(parse, {"type": "object", "additionalProperties": schema_of(value_parser)})


@accepts(
    {
        "type": "object",
        "properties": {role.value: {"type": "string"} for role in Role},
        "additionalProperties": False,
    }
)
def columns(value: Any) -> dict[Role, str]:
    roles = {role.value: role for role in Role}
    parsed = string_map(string)(value)
    unknown = [key for key in parsed if key not in roles]
    if unknown:
        raise ValueError(f"unknown column role {unknown[0]!r}; expected {', '.join(roles)}")
    return {roles[key]: text for key, text in parsed.items()}


@accepts({"type": "string", "format": "date"})
def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD; got {value!r}") from None


def optional(parse: Callable[[Any], T]) -> Parser[T | None]:
    """``parse``, or None for a key written without a value."""
    schema = schema_of(parse)
    alternatives = list(schema["anyOf"]) if set(schema) == {"anyOf"} else [schema]
    return Parser(
        lambda value: None if value is None else parse(value),
        {"anyOf": [*alternatives, {"type": "null"}]} if schema else {},
    )


CORE_OPTIONS: tuple[Option, ...] = (
    Option("select", None, optional(string_list), "Rules to check (codes, names or prefixes)."),
    Option("ignore", (), string_list, "Rules not to check."),
    Option("extend-select", (), string_list, "Rules to check in addition to the selection."),
    Option("severity", {}, string_map(choice("error", "warning", "info")), "Severity per rule."),
    Option("columns", {}, columns, "Header text per column role (date, model, title, link)."),
    Option(
        "placeholders",
        DEFAULT_PLACEHOLDERS,
        string_list,
        "Cell texts that stand for 'no value' (accepted in the model-name column).",
    ),
    Option(
        "per-row-ignores",
        {},
        string_map(string_list),
        "Rule -> model names or arXiv IDs of rows where that rule is silenced.",
    ),
    Option(
        "exclude",
        DEFAULT_EXCLUDE,
        string_list,
        "Gitignore-style patterns of files to leave out (relative to the configuration).",
    ),
    Option("extend-exclude", (), string_list, "More patterns of files to leave out."),
    Option("today", None, optional(date), "Fixed current date (YYYY-MM-DD) for reproducible runs."),
    Option(
        "baseline",
        None,
        optional(string),
        f"The baseline file, relative to the repository root (default {DEFAULT_BASELINE}).",
    ),
)
