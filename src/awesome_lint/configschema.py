"""The JSON Schema of the configuration, made from the options' own declarations.

Every key is an :class:`~awesome_lint.rule.Option` (``options.CORE_OPTIONS`` and each
rule's ``options``): its help is the description, its default the default, and its
parser's schema (``options.Parser``) what values are accepted. A plugin's option whose
parser is a plain function accepts anything. ``awesome-lint --config-schema`` prints it
for the rules installed; ``config.schema.json`` in the package is the same for the
built-in rules (tests/test_config_schema.py keeps it up to date).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from awesome_lint import PROJECT_URL
from awesome_lint.engine import all_options
from awesome_lint.options import schema_of
from awesome_lint.rule import Option, Rule

SHIPPED_PATH = "src/awesome_lint/config.schema.json"
SCHEMA_URL = f"{PROJECT_URL.replace('github.com', 'raw.githubusercontent.com')}/main/{SHIPPED_PATH}"


def config_schema(rules: Iterable[Rule]) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_URL,
        "$comment": "Made by awesome-lint --config-schema from the options' declarations.",
        "title": "awesome-lint configuration",
        "description": "The settings of .awesome-lint.yaml, .awesome-lint.yml or "
        "[tool.awesome-lint] in pyproject.toml.",
        "type": "object",
        "properties": {option.name: _property(option) for option in all_options(rules)},
        "additionalProperties": False,
    }


def render(rules: Iterable[Rule]) -> str:
    return json.dumps(config_schema(rules), indent=2, ensure_ascii=False) + "\n"


def _property(option: Option) -> dict[str, Any]:
    entry = {"description": option.help, **schema_of(option.parse)}
    if option.default is not None:
        entry["default"] = _json(option.default)
    return entry


def _json(value: Any) -> Any:
    """A default as JSON has it (a tuple is a list)."""
    return json.loads(json.dumps(value))
