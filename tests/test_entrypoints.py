"""``awesome_lint.entrypoints`` finds what ``importlib.metadata`` finds, without its import."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from awesome_lint import entrypoints


@pytest.mark.parametrize("group", ["awesome_lint.rules", "console_scripts", "pytest11"])
def test_same_entry_points_as_importlib_metadata(group: str) -> None:
    expected = [(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group)]
    assert [(ep.name, ep.value) for ep in entrypoints.entry_points(group)] == expected


def test_first_distribution_on_the_path_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = (("first", "My_Plugin-1.0.dist-info"), ("second", "my.plugin-2.0.egg-info"))
    for (folder, name), target in zip(names, ("one:RULE", "two:RULE"), strict=True):
        info = tmp_path / folder / name
        info.mkdir(parents=True)
        (info / "entry_points.txt").write_text(
            f"# comment\n[other]\nx = y\n\n[awesome_lint.rules]\n XTD001 = {target} [extra]\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), str(tmp_path / "second")])
    assert entrypoints.entry_points("awesome_lint.rules") == [
        entrypoints.EntryPoint("XTD001", "one:RULE [extra]")
    ]


def test_load_follows_dotted_attributes() -> None:
    loaded = entrypoints.EntryPoint("x", "awesome_lint.entrypoints:EntryPoint.load").load()
    assert loaded is entrypoints.EntryPoint.load
    with pytest.raises(ValueError):
        entrypoints.EntryPoint("x", "not a reference").load()
