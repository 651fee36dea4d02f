"""Every regular expression of the package stays fast on hostile cell text.

A pattern with nested quantifiers over overlapping alternatives backtracks
exponentially (``(?:\\W*word\\W*)*`` took 54 s on one 90-character link text); one with a
lazy scan tried from every position is quadratic. Both can hang a pull-request check
with a single line. The patterns are discovered (every compiled or lazily compiled
pattern at module level of every module), so a new one is covered without being listed
here. Each runs in a child process with a generous limit, so that a catastrophic pattern
fails the test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# Far above what any of them takes (milliseconds), far below a hang.
LIMIT_SECONDS = 5.0

_PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, re, sys, time
    import awesome_lint
    from awesome_lint.lazyre import LazyPattern

    SIZE = 20_000
    HOSTILE = [
        "pdf---" * (SIZE // 6) + "x",
        "[" * SIZE, "](" * (SIZE // 2), "[x](" + "(" * SIZE, "![" * (SIZE // 2),
        "<a " * (SIZE // 3), "<" * SIZE, "<!--" * (SIZE // 4), "`" * SIZE, "` " * (SIZE // 2),
        "*_" * (SIZE // 2), "\\\\" * SIZE, "|" * SIZE, " |" * (SIZE // 2),
        "a" * SIZE, "1" * SIZE, "2024." * (SIZE // 5), "2024-" * (SIZE // 5),
        "1/" * (SIZE // 2), " " * SIZE + "x", "a:" * (SIZE // 2), "CVPR " * (SIZE // 5),
        "http://" + "." * SIZE, "http://" * (SIZE // 7), "www." * (SIZE // 4),
        "arxiv.org/abs/" * (SIZE // 14), "10.48550/" * (SIZE // 9), "(" * SIZE + "x",
        "\\\\x" * (SIZE // 2) + "$", "a-" * (SIZE // 2), "Jan " * (SIZE // 4),
        "v1" * (SIZE // 2), "#" * SIZE, "<br>" * (SIZE // 4), "年" * SIZE,
        "[x](" + " " * SIZE, "[x](u" + " " * SIZE, "[x] " + " " * SIZE + "(",
        "[" + "a " * (SIZE // 2), "[a]: u" + " " * SIZE + "x", "<a" + " b" * (SIZE // 2),
        "<a b=" + "'" * SIZE, "<a" + " " * SIZE,
    ]
    worst = (0.0, "")

    def patterns(value):
        # The patterns in a module-level value (also in tables of them).
        if isinstance(value, tuple):
            for item in value:
                yield from patterns(item)
            return
        if isinstance(value, LazyPattern):
            value = value()
        if isinstance(value, re.Pattern) and not isinstance(value.pattern, bytes):
            yield value

    for info in pkgutil.walk_packages(awesome_lint.__path__, "awesome_lint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for pattern in patterns(value):
                for index, text in enumerate(HOSTILE):
                    started = time.perf_counter()
                    pattern.search(text)
                    pattern.fullmatch(text)
                    pattern.sub("", text)
                    elapsed = time.perf_counter() - started
                    if elapsed > worst[0]:
                        worst = (elapsed, f"{info.name}.{name} on input {index}")
    print(f"{worst[0]:.3f} {worst[1]}")
    """
)


@pytest.mark.slow
def test_no_pattern_backtracks_on_hostile_input() -> None:
    try:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS * 10,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a pattern of the package backtracks catastrophically (the probe hung)")
    assert result.returncode == 0, result.stderr
    seconds, where = result.stdout.split(" ", 1)
    assert float(seconds) < LIMIT_SECONDS, f"slowest: {where.strip()} took {seconds} s"
