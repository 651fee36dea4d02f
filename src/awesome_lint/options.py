"""Parsers for configuration values and the options every rule may read.

Each parser takes the value as written in YAML or TOML and returns the setting,
or raises ValueError with what was expected; the configuration loader adds the
file and line.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from awesome_lint.discovery import DEFAULT_EXCLUDE
from awesome_lint.model import Role
from awesome_lint.rule import Option

DEFAULT_PLACEHOLDERS = ("-", "--", "—", "N/A")


def choice(*values: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in values:
            raise ValueError(f"expected one of {', '.join(values)}; got {value!r}")
        return str(value)

    return parse


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false; got {value!r}")
    return value


def integer(minimum: int = 0) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(f"expected an integer >= {minimum}; got {value!r}")
        return value

    return parse


def number(value: Any) -> float:
    """A finite number >= 0 (NaN and infinities are refused: a NaN interval would compare
    false with every minimum)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a non-negative number; got {value!r}")
    if not 0 <= value < math.inf:
        raise ValueError(f"expected a finite non-negative number; got {value!r}")
    return float(value)


def seconds(value: Any) -> float:
    """A duration that must not be zero (a time-out, a budget)."""
    parsed = number(value)
    if parsed == 0:
        raise ValueError("expected a number of seconds > 0; got 0")
    return parsed


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string; got {value!r}")
    return value


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


def string_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings; got {value!r}")
    return tuple(value)


def string_map(value_parser: Callable[[Any], Any]) -> Callable[[Any], dict[str, Any]]:
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

    return parse


def columns(value: Any) -> dict[Role, str]:
    roles = {role.value: role for role in Role}
    parsed = string_map(string)(value)
    unknown = [key for key in parsed if key not in roles]
    if unknown:
        raise ValueError(f"unknown column role {unknown[0]!r}; expected {', '.join(roles)}")
    return {roles[key]: text for key, text in parsed.items()}


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD; got {value!r}") from None


def optional(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else parse(value)


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
        "The baseline file, relative to the repository root (default .awesome-lint-baseline.json).",
    ),
)
