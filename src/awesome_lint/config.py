"""Configuration files: discovery, reading (YAML or TOML) and validation.

Looked for in each directory from the linted file up to the repository root (the
first directory holding ``.git``): ``.awesome-lint.yaml``, ``.awesome-lint.yml``,
then ``pyproject.toml`` with a ``[tool.awesome-lint]`` table. The first found wins.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from awesome_lint.rule import Option

CONFIG_NAMES = (".awesome-lint.yaml", ".awesome-lint.yml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem; the message names the file (and line when known)."""


class Config(NamedTuple):
    """Validated settings from one file (or none); ``values`` holds only keys set there."""

    path: Path | None = None
    values: Mapping[str, Any] = MappingProxyType({})


def find_config(start: Path, cache: dict[Path, Config], options: Mapping[str, Option]) -> Config:
    """The configuration that applies to files in directory ``start``."""
    directory = start.resolve()
    visited = []
    found = Config()
    for candidate in (directory, *directory.parents):
        if candidate in cache:
            found = cache[candidate]
            break
        visited.append(candidate)
        path = _config_in(candidate)
        if path is not None:
            found = Config(path, read_config(path, options))
            break
        if (candidate / ".git").exists():
            break
    for directory in visited:
        cache[directory] = found
    return found


def _config_in(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        path = directory / name
        if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
            return path
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml configures awesome-lint (``[tool.awesome-lint]``, its
    sub-tables, dotted keys). A broken one that mentions it does, so its error is shown."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "awesome-lint" not in text:
        return False
    tomllib = _tomllib()
    try:
        return _tool_section(tomllib.loads(text)) is not None
    except tomllib.TOMLDecodeError:
        return True


def read_config(path: Path, options: Mapping[str, Option]) -> dict[str, Any]:
    if path.suffix == ".toml":
        raw, locate = _read_toml(path)
    else:
        raw, locate = _read_yaml(path)
    return validate(raw, lambda key: f"{path}{locate(key)}", options)


def validate(raw: Any, where: Any, options: Mapping[str, Option]) -> dict[str, Any]:
    """Check keys and value types; ``where(key)`` says where a key is written."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where(None)}: expected a mapping of settings")
    values = {}
    for key, value in raw.items():
        option = options.get(key)
        if option is None:
            raise ConfigError(f"{where(key)}: unknown key {key!r}{_suggestion(str(key), options)}")
        try:
            values[key] = option.parse(value)
        except ValueError as error:
            raise ConfigError(f"{where(key)}: {key}: {error}") from None
    return values


def _suggestion(key: str, options: Mapping[str, Option]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _tomllib() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _tool_section(data: Mapping[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("awesome-lint") if isinstance(tool, Mapping) else None


def _read_toml(path: Path) -> tuple[Any, Any]:
    tomllib = _tomllib()
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    section = _tool_section(data)
    return {} if section is None else section, lambda key: ": [tool.awesome-lint]"


def _read_yaml(path: Path) -> tuple[Any, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    try:
        _refuse_aliases(path, text)
        data = YAML(typ="rt").load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from None

    def locate(key: Any) -> str:
        try:
            return f":{data.lc.key(key)[0] + 1}" if key is not None else ":1"
        except (AttributeError, KeyError, TypeError):
            return ""

    return data, locate


def _refuse_aliases(path: Path, text: str) -> None:
    """Refuse any alias (``*name``, merge keys too): a few nested ones make a "billion
    laughs" that takes seconds and gigabytes to validate or print. A configuration is
    short enough to write each value out."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    for event in YAML(typ="rt").parse(text):
        if isinstance(event, AliasEvent):
            line = event.start_mark.line + 1
            raise ConfigError(
                f"{path}:{line}: invalid YAML: aliases (*{event.anchor}) are not allowed in "
                "configuration; write the value out"
            )
