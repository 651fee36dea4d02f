"""The JSON Schema of the configuration (``config.schema.json``, ``--config-schema``):
made from the options' declarations, shipped up to date, and agreeing with the
configuration loader on README's example and the test fixtures."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from awesome_lint.config import ConfigError, read_config
from awesome_lint.configschema import SCHEMA_URL, render
from awesome_lint.engine import all_options
from awesome_lint.registry import load_rules
from tests.conftest import FIXTURES, ROOT, run_cli
from tests.test_plugins import PLUGIN, make_plugin

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHIPPED = files("awesome_lint").joinpath("config.schema.json").read_text(encoding="utf-8")
SCHEMA = json.loads(SHIPPED)
VALIDATOR = Draft7Validator(SCHEMA)
BUILT_IN = [rule for rule in load_rules() if rule.check.__module__.startswith("awesome_lint.")]
OPTIONS = {option.name: option for option in all_options(BUILT_IN)}


def as_json(value: Any) -> Any:
    """A YAML value as an editor's JSON Schema sees it (a date is a string)."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def schema_errors(yaml_text: str) -> list[str]:
    data = as_json(YAML(typ="safe").load(yaml_text))
    return [error.message for error in VALIDATOR.iter_errors(data)]


def loader_accepts(yaml_text: str, tmp_path: Path) -> bool:
    path = tmp_path / ".awesome-lint.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    try:
        read_config(path, OPTIONS)
    except ConfigError:
        return False
    return True


def test_the_shipped_schema_is_made_from_the_built_in_options() -> None:
    assert render(BUILT_IN) == SHIPPED, (
        "config.schema.json is out of date: "
        "awesome-lint --config-schema > src/awesome_lint/config.schema.json"
    )
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == SCHEMA_URL
    assert SCHEMA["additionalProperties"] is False


def test_every_option_is_a_key_with_its_help_and_default() -> None:
    assert list(SCHEMA["properties"]) == list(OPTIONS)
    for name, option in OPTIONS.items():
        key = SCHEMA["properties"][name]
        assert key["description"] == option.help
        assert key.get("default") == json.loads(json.dumps(option.default)), name
        assert set(key) - {"description", "default"}, f"{name}: its values are not described"


def test_every_key_has_a_row_in_readmes_table() -> None:
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", README, re.MULTILINE))
    assert set(SCHEMA["properties"]) <= rows


def test_readmes_example_names_the_schema_and_is_valid(tmp_path: Path) -> None:
    example = README.split("```yaml\n# .awesome-lint.yaml\n", 1)[1].split("```", 1)[0]
    assert example.startswith(f"# yaml-language-server: $schema={SCHEMA_URL}\n")
    assert schema_errors(example) == []
    assert loader_accepts(example, tmp_path)


@pytest.mark.parametrize(
    "path",
    sorted(FIXTURES.rglob("*.yaml")),
    ids=lambda path: str(path.relative_to(FIXTURES)),
)
def test_fixture_configurations_are_valid(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


ACCEPTED = [
    "select: DAT,DUP\n",  # a comma-separated string
    "header:\n  - [Date, Model]\n  - [Date, Dataset]\n",
    "today: 2026-11-24\n",
    "table-style:\n",  # written without a value: unset
    "arxiv-api-url: http://localhost:8080/api/query\n",
    "per-row-ignores: {DUP003: [LTU-AS, '2305.10790']}\n",
    "network-budget: 0.5\n",
]
REFUSED = [
    "selct: [DAT]\n",
    "table-style: fancy\n",
    "date-arxiv-tolerance: -1\n",
    "severity: {DAT001: fatal}\n",
    "columns: {paper: Title}\n",
    "arxiv-timeout: 0\n",
    "arxiv-api-url: ftp://example.org\n",
    "header: []\n",
    "cache: yes please\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_schema_accepts_what_the_loader_accepts(text: str, tmp_path: Path) -> None:
    assert loader_accepts(text, tmp_path)
    assert schema_errors(text) == []


@pytest.mark.parametrize("text", REFUSED)
def test_the_schema_refuses_what_the_loader_refuses(text: str, tmp_path: Path) -> None:
    assert not loader_accepts(text, tmp_path)
    assert schema_errors(text) != []


def test_config_schema_prints_it_with_a_plugins_options(tmp_path: Path) -> None:
    assert run_cli("--config-schema").stdout == SHIPPED
    site = tmp_path / "site"
    make_plugin(site, "awesome_lint_no_todo", PLUGIN, "XTD001 = awesome_lint_no_todo:RULE")
    result = run_cli("--config-schema", env={"PYTHONPATH": str(site)})
    printed = json.loads(result.stdout)
    assert printed["properties"]["todo-word"] == {
        "description": "The word to look for.",
        "default": "TODO",
    }  # its parser is a plain function: any value
    assert list(printed["properties"])[:-1] == list(SCHEMA["properties"])
