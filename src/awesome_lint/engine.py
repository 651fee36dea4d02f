"""The engine: settings per file, running the selected rules, filtering suppressions.

It knows nothing about any particular rule: rules come from the registry, their
options from their own declarations.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from awesome_lint.config import Config, ConfigError, find_config, read_config
from awesome_lint.model import Document
from awesome_lint.options import CORE_OPTIONS
from awesome_lint.parser import parse
from awesome_lint.registry import (
    SELECTION_KEYS,
    ActiveRule,
    SelectionError,
    matches,
    select_rules,
)
from awesome_lint.rule import Context, Finding, Fix, Rule, Severity
from awesome_lint.suppress import Suppressions

TODAY_ENV = "AWESOME_LINT_TODAY"


class Violation(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None
    related_line: int | None = None
    alternate: Finding | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class Profile:
    """Everything that applies to the files governed by one configuration."""

    __slots__ = ("context", "directory", "idle", "rules", "settings")

    def __init__(
        self,
        settings: dict[str, Any],
        rules: list[ActiveRule],
        context: Context,
        directory: Path,  # of its configuration file (the current directory without one)
        idle: bool = False,  # every selected rule waits for a setting that is not there
    ) -> None:
        self.settings = settings
        self.rules = rules
        self.context = context
        self.directory = directory
        self.idle = idle

    def resolve(self, word: str) -> set[str]:
        return {active.rule.code for active in self.rules if matches(active.rule, word)} or {word}

    @property
    def prepares(self) -> bool:
        """Whether a rule must see all its documents before checking any (``prepare``)."""
        return any(active.rule.prepare is not None for active in self.rules)


class Engine:
    """One run: the loaded rules, command-line overrides and the configurations found."""

    def __init__(
        self,
        rules: list[Rule],
        overrides: Mapping[str, Any] | None = None,
        config_path: Path | None = None,
        isolated: bool = False,
    ) -> None:
        self.rules = rules
        self.options = {option.name: option for option in all_options(rules)}
        self.overrides = dict(overrides or {})
        self.isolated = isolated
        self._explicit = (
            Config(config_path, read_config(config_path, self.options)) if config_path else None
        )
        self._configs: dict[Path, Config] = {}
        self._profiles: dict[Path | None, Profile] = {}
        self._run_state: dict[str, Any] = {}
        # Problems of the run that are no finding (printed once each as warnings).
        self.warnings: list[str] = []

    def profile_for(self, path: Path | None) -> Profile:
        config = self._config_for(path)
        if config.path not in self._profiles:
            self._profiles[config.path] = self._profile(config)
        return self._profiles[config.path]

    def _config_for(self, path: Path | None) -> Config:
        if self._explicit is not None:
            return self._explicit
        if self.isolated:
            return Config()
        start = path.parent if path is not None else Path.cwd()
        return find_config(start, self._configs, self.options)

    def _profile(self, config: Config) -> Profile:
        settings = {name: option.default for name, option in self.options.items()}
        settings.update(config.values)
        selection = {k: v for k, v in self.overrides.items() if k in SELECTION_KEYS}
        settings.update({k: v for k, v in self.overrides.items() if k not in SELECTION_KEYS})
        source = str(config.path) if config.path else "configuration"
        sources = {key: "command line" if key in self.overrides else source for key in settings}
        try:
            rules = select_rules(self.rules, settings, sources, selection)
        except SelectionError as error:
            raise ConfigError(str(error)) from None
        settings.update(selection)
        inert = self._warn_inert(rules, settings)
        active = frozenset(active.rule.code for active in rules)
        context = Context(settings, _today(settings), active=active, run=self._run_state)
        directory = config.path.parent if config.path else Path.cwd()
        idle = len(inert) == len(rules)
        return Profile(settings, rules, context, Path(os.path.abspath(directory)), idle)

    def _warn_inert(self, rules: list[ActiveRule], settings: Mapping[str, Any]) -> list[Rule]:
        """The selected rules that a missing setting leaves idle; a warning for those the
        selection names (not those a prefix brought in)."""
        named = {word for key in ("select", "extend-select") for word in settings[key] or ()}
        inert = [
            active.rule
            for active in rules
            if active.rule.enabled_by_option and not settings.get(active.rule.enabled_by_option)
        ]
        for rule in inert:
            if named & {rule.code, rule.name}:
                self.warnings.append(
                    f"{rule.code} ({rule.name}) is selected but checks nothing unless "
                    f"`{rule.enabled_by_option}` is set"
                )
        return inert

    def parse(self, text: str, path: str, bom: bool = False) -> Document:
        return parse(text, path, bom=bom)

    def prepare(self, documents: list[Document], profile: Profile) -> None:
        for active in profile.rules:
            if active.rule.prepare is not None:
                active.rule.prepare(documents, profile.context)

    def check(self, document: Document, profile: Profile) -> list[Violation]:
        suppressions = Suppressions.from_document(document, profile.resolve)
        for line, word in suppressions.named:
            if not any(matches(rule, word) for rule in self.rules):
                self.warnings.append(
                    f"{document.path}:{line}: unknown rule {word!r} in a suppression comment; "
                    "it silences nothing"
                )
        row_ignores = _RowIgnores(document, profile)
        violations = []
        for active in profile.rules:
            rule = active.rule
            for finding in rule.check(document, profile.context):
                if suppressions and suppressions.suppressed(rule.code, finding.line):
                    continue
                if row_ignores and row_ignores.ignored(rule, finding.line):
                    continue
                violations.append(_violation(document.path, active, finding))
        violations.sort(key=Violation.sort_key)
        return violations


def _violation(path: str, active: ActiveRule, finding: Finding) -> Violation:
    return Violation(
        path=path,
        line=finding.line,
        column=finding.column,
        end_line=finding.end_line,
        end_column=finding.end_column,
        code=active.rule.code,
        name=active.rule.name,
        severity=active.severity
        if active.configured or finding.severity is None
        else finding.severity,
        message=finding.message,
        fix=finding.fix if active.rule.fixable else None,
        related_line=finding.related_line,
        alternate=finding.alternate,
    )


def all_options(rules: Iterable[Rule]) -> list[Any]:
    options = {option.name: option for option in CORE_OPTIONS}
    for rule in rules:
        for option in rule.options:
            options.setdefault(option.name, option)
    return list(options.values())


def _today(settings: Mapping[str, Any]) -> dt.date:
    if settings.get("today") is not None:
        return settings["today"]
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise ConfigError(f"{TODAY_ENV}: expected a date YYYY-MM-DD; got {fixed!r}") from None
    return dt.date.today()


class _RowIgnores:
    """``per-row-ignores``: silence a rule on the rows naming a model or an arXiv ID."""

    def __init__(self, document: Document, profile: Profile) -> None:
        self.document = document
        self.context = profile.context
        self.keys: dict[str, set[str]] = {}
        for selector, names in profile.settings["per-row-ignores"].items():
            for code in profile.resolve(selector):
                self.keys.setdefault(code, set()).update(_ignore_key(name) for name in names)
        self._rows: dict[int, set[str]] | None = None

    def __bool__(self) -> bool:
        return bool(self.keys)

    def ignored(self, rule: Rule, line: int) -> bool:
        wanted = self.keys.get(rule.code)
        return wanted is not None and not wanted.isdisjoint(self._row_keys().get(line, ()))

    def _row_keys(self) -> dict[int, set[str]]:
        if self._rows is None:
            from awesome_lint.conventions import conventions

            self._rows = {
                row.line: {_fold(paper_id) for paper_id in facts.ids}
                | ({_fold(facts.model.plain)} if facts.model is not None else set())
                for row, facts in conventions(self.document, self.context).rows.items()
            }
        return self._rows


def _ignore_key(name: str) -> str:
    """A configured model name or arXiv ID as compared: ``arXiv:2305.10790v2`` -> ``2305.10790``,
    ``math.GT/0309136`` -> ``math/0309136`` (the IDs rows are keyed by)."""
    from awesome_lint.arxiv import classify_url

    found = classify_url("https://arxiv.org/abs/" + name.strip())
    return _fold(found.paper_id) if found is not None and found.paper_id else _fold(name)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
