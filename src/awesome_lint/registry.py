"""Loading rules from the ``awesome_lint.rules`` entry points, and selecting them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from awesome_lint.rule import Rule, Severity

ENTRY_POINT_GROUP = "awesome_lint.rules"
_CODE = re.compile(r"[A-Z]{2,5}\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class SelectionError(Exception):
    """An unknown rule in a selection, or a broken plugin."""


def load_rules() -> list[Rule]:
    """Every registered rule, sorted by code. Broken plugins raise SelectionError."""
    from awesome_lint.entrypoints import entry_points

    rules: dict[str, Rule] = {}
    origins: dict[str, str] = {}  # rule code or name -> the entry point that defines it
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            rule = entry_point.load()
        except Exception as error:  # a plugin's import can fail in any way
            raise SelectionError(
                f"rule plugin {entry_point.value!r} cannot be loaded: {error}"
            ) from None
        _check_rule(rule, entry_point.value)
        if rules.get(rule.code) is rule:
            continue  # the same rule registered twice
        for key in (rule.code, rule.name):
            if key in origins:
                first, second = sorted((origins[key], entry_point.value))
                raise SelectionError(f"rule plugins {first!r} and {second!r} both define {key}")
        rules[rule.code] = rule
        origins[rule.code] = origins[rule.name] = entry_point.value
    return sorted(rules.values(), key=lambda rule: rule.code)


def _check_rule(rule: Any, origin: str) -> None:
    if not isinstance(rule, Rule):
        raise SelectionError(f"rule plugin {origin!r} is not an awesome_lint.rule.Rule")
    if not _CODE.fullmatch(rule.code) or not _NAME.fullmatch(rule.name):
        raise SelectionError(
            f"rule plugin {origin!r}: code must look like ABC001 and name like kebab-case-name"
        )


def matches(rule: Rule, selector: str) -> bool:
    selector = selector.strip()
    return (
        selector == "ALL"
        or selector == rule.name
        or (selector.isupper() and rule.code.startswith(selector))
    )


def _expand(rules: list[Rule], selectors: Iterable[str], source: str) -> set[str]:
    chosen: set[str] = set()
    for selector in selectors:
        hits = {rule.code for rule in rules if matches(rule, selector)}
        if not hits:
            raise SelectionError(f"{source}: unknown rule or prefix {selector!r}")
        chosen |= hits
    return chosen


class ActiveRule(NamedTuple):
    rule: Rule
    severity: Severity
    # The severity was configured: it also holds for findings that carry their own.
    configured: bool = False


SELECTION_KEYS = ("select", "extend-select", "ignore")


def select_rules(
    rules: list[Rule],
    settings: Mapping[str, Any],
    sources: Mapping[str, str],
    command_line: Mapping[str, Any] | None = None,
) -> list[ActiveRule]:
    """Apply select / extend-select / ignore / severity. ``sources`` says where each
    setting came from, for error messages. ``command_line`` holds the selection given on
    the command line, layered over the configured one: its ``select`` replaces the
    configured selection, its ``extend-select`` and ``ignore`` add to the configured
    ones, and a rule it names is not dropped by the configuration's ``ignore``."""
    cli = command_line or {}
    named = {
        code
        for key in ("select", "extend-select")
        for code in _expand(rules, cli.get(key) or (), f"--{key}")
    }
    if cli.get("select") is not None:
        chosen = _expand(rules, cli["select"], "--select")
    elif settings.get("select") is not None:
        chosen = _expand(rules, settings["select"], sources.get("select", "select"))
    else:
        chosen = {rule.code for rule in rules if _on_by_default(rule, settings)}
    chosen |= _expand(rules, settings.get("extend-select", ()), sources.get("extend-select", ""))
    chosen |= named
    chosen -= _expand(rules, settings.get("ignore", ()), sources.get("ignore", "ignore")) - named
    chosen -= _expand(rules, cli.get("ignore") or (), "--ignore")
    overrides = settings.get("severity", {})
    severity: dict[str, Severity] = {}
    for selector, level in overrides.items():
        for code in _expand(rules, [selector], sources.get("severity", "severity")):
            severity[code] = Severity(level)
    return [
        ActiveRule(rule, severity.get(rule.code, rule.severity), rule.code in severity)
        for rule in rules
        if rule.code in chosen
    ]


def _on_by_default(rule: Rule, settings: Mapping[str, Any]) -> bool:
    if rule.enabled_by_option is not None:
        return settings.get(rule.enabled_by_option) is not None
    return rule.enabled_by_default
