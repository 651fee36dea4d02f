"""Benchmark the installed ``awesome-lint``: wall time and peak memory of a default
offline run on generated lists of 1k, 10k and 100k rows, a typical README, and the
slowest imports of a plain run; next to it, on the same files in the same run, rumdl's
and markdownlint-cli2's when installed, a file without tables, and a bare ``python -c
pass`` as the floor of any Python tool (``import markdown_it``: of any tool that parses
with markdown-it-py).

    .venv/bin/python benchmarks/bench.py            # all sizes
    .venv/bin/python benchmarks/bench.py --rows 1000 10000 --repeat 3
    .venv/bin/python benchmarks/bench.py --rules 10000   # CPU seconds per phase and rule
    .venv/bin/python benchmarks/bench.py --corpus        # ../shared/corpus: 1 process vs workers

Each run is a fresh subprocess, measured as a user sees it from the shell (with the
bytecode of earlier runs, as an installed tool has it). Peak
memory is ``ru_maxrss`` of the child (one child per measurement). Another tool gets
``--others-timeout`` seconds per file (markdownlint-cli2 needs minutes for 10k rows),
one run when a run is slow, and none on files as large as one it timed out on. ``--rules N``
times, in this process, parsing a generated list of N rows and each default rule alone
(on a fresh parse, so the shared per-document facts (the conventions) count for
every rule that needs them), then the whole check as a run does it. ``--corpus`` times
one run over all of ``../shared/corpus`` (``-q --isolated --exit-zero``) in one process
(``AWESOME_LINT_WORKERS=1``) and as it runs by default (worker processes), with the peak
memory of all its processes together: their proportional set sizes (PSS: pages the
forked workers share with the parent count once), summed and sampled every 0.05 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_README = CORPUS / "lists" / "ga642381__speech-trident__README.md"
SECTIONS = (
    "Speech/Audio Language Models",
    "Speech/Audio Codec Models",
    "Speech/Audio Representation Models",
    "Related Work",
)
WORDS = (
    "Speech", "Audio", "Language", "Model", "Codec", "Scaling", "Towards", "Unified",
    "Streaming", "Generation", "Self-Supervised", "Learning", "Robust", "Neural",
    "Representation", "Dialogue", "Zero-Shot", "Multilingual", "Efficient", "Large",
)  # fmt: skip
MONTHS = 132  # 2015-01 .. 2025-12
NO_TABLES = "# Contributing\n\nOpen a pull request.\n\n- one row per paper\n- newest first\n"
HEADER = (
    "| Date    | Model Name | Paper Title | Link |\n| ------- | ---------- | ----------- | ---- |\n"
)


@dataclass(frozen=True)
class Measurement:
    wall: float
    peak_mb: float
    exit_code: int


@dataclass
class Tool:
    """Another linter measured on the same files (``argv`` before the file's path)."""

    name: str
    argv: list[str]
    timed_out_at: int | None = None  # the fewest rows it timed out on

    def cell(self, path: Path, rows: int, args: argparse.Namespace) -> str:
        """Its best wall time on ``path`` (``>N`` past the timeout), as a table cell."""
        timeout = args.others_timeout
        if self.timed_out_at is not None and rows >= self.timed_out_at:
            return f">{timeout:g}"
        best = float("inf")
        for _ in range(args.repeat):
            wall = _run_bounded([*self.argv, str(path)], timeout)
            if wall is None:
                self.timed_out_at = min(rows, self.timed_out_at or rows)
                return f">{timeout:g}"
            best = min(best, wall)
            if wall > timeout / args.repeat:
                break  # one run of a slow tool is enough
        return f"{best:.3f}"


def other_tools() -> tuple[list[Tool], list[str]]:
    """rumdl and markdownlint-cli2 when installed, and a note for each one that is not."""
    found, notes = [], []
    rumdl = shutil.which("rumdl", path=f"{Path(sys.executable).parent}{os.pathsep}{_path()}")
    if rumdl:
        found.append(Tool("rumdl", [rumdl, "check", "--no-config", "--no-cache", "--quiet"]))
    else:
        notes.append("rumdl not installed (.venv/bin/pip install rumdl): skipped")
    markdownlint = shutil.which("markdownlint-cli2")
    if markdownlint:
        found.append(Tool("mdl-cli2", [markdownlint]))
    else:
        notes.append("markdownlint-cli2 not installed (npm i -g markdownlint-cli2): skipped")
    return found, notes


def _path() -> str:
    return os.environ.get("PATH", "")


def _run_bounded(argv: list[str], timeout: float) -> float | None:
    """Wall time of one run of ``argv`` (output discarded), None past ``timeout``."""
    start = time.perf_counter()
    try:
        subprocess.run(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            env=_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def python_floor(repeat: int, code: str = "pass") -> float:
    """Best wall time of ``python -c CODE``: ``pass`` is the start-up any Python tool pays;
    ``import markdown_it`` that of any tool parsing with markdown-it-py."""
    return min(_run_once([sys.executable, "-c", code])[0] for _ in range(max(5, repeat)))


def generate(rows: int, seed: int = 7, per_table: int | None = None) -> str:
    """A list in the seed's format: sections of Date | Model Name | Paper Title | Link
    tables, YYYY-MM newest first, arXiv abs links; four sections, or as many as it takes
    with ``per_table`` rows each."""
    rng = random.Random(seed)
    parts = ["# Awesome Speech LM (generated)\n\nA generated benchmark list.\n"]
    per_section = per_table or -(-rows // len(SECTIONS))
    tables = -(-rows // per_table) if per_table else len(SECTIONS)
    written = 0
    for table in range(tables):
        count = min(per_section, rows - written)
        parts.append(f"\n## {SECTIONS[table % len(SECTIONS)]}\n\n{HEADER}")
        parts.extend(_row(rng, written + i, rows) for i in range(count))
        written += count
    return "".join(parts)


def long_cells(rows: int, size: int) -> str:
    """``rows`` rows whose titles are ``size`` characters long."""
    lines = generate(rows).splitlines(keepends=True)
    filler = " ".join(WORDS) * (size // len(" ".join(WORDS)) + 1)
    return "".join(line.replace(" | [paper]", f" {filler[:size]} | [paper]") for line in lines)


def _row(rng: random.Random, index: int, total: int) -> str:
    """Row ``index``: dates spread over 2015-01 .. 2025-12 (five-digit arXiv numbers),
    newest first; model names, titles and arXiv IDs unique."""
    age = index * MONTHS // total
    year, month = 2025 - age // 12, 12 - age % 12
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))) + f" {index}"
    model = f"{rng.choice(WORDS)}-{index}"
    paper = f"{year % 100:02d}{month:02d}.{index % 99_999 + 1:05d}"
    return f"| {year}-{month:02d} | {model} | {title} | [paper](https://arxiv.org/abs/{paper}) |\n"


def command() -> list[str]:
    found = shutil.which("awesome-lint", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "awesome_lint"]


def measure(path: Path, repeat: int) -> Measurement:
    """Best wall time of ``repeat`` runs, and the largest peak memory seen."""
    best, peak, code = float("inf"), 0.0, 0
    for _ in range(repeat):
        wall, rss, code = _run_once([*command(), "-q", str(path)])
        best, peak = min(best, wall), max(peak, rss)
    return Measurement(best, peak, code)


def _run_once(argv: list[str]) -> tuple[float, float, int]:
    """Fork a child that runs ``argv`` and reports its own wall time and ru_maxrss,
    so that earlier children do not hide a smaller peak."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(wall, rss, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        check=True,
        env=_environment(),
    )
    wall, rss, code = result.stdout.split()
    return float(wall), int(rss) / 1024, int(code)


def _environment() -> dict[str, str]:
    """The children's environment: as a user's, with compiled bytecode kept between runs
    (in a cache of its own: PYTHONDONTWRITEBYTECODE would compile every module on every
    run, about 0.1 s), so the best of several runs is a run with bytecode."""
    environment = {key: value for key, value in os.environ.items() if key != _NO_BYTECODE}
    return {
        **environment,
        "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "awesome-lint-bench-pycache"),
        "NO_COLOR": "1",
        "AWESOME_LINT_TODAY": "2026-01-01",
    }


_NO_BYTECODE = "PYTHONDONTWRITEBYTECODE"


def top_imports(path: Path, count: int) -> list[tuple[int, str]]:
    """The ``count`` slowest imports (cumulative microseconds) of a plain run."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "awesome_lint", "-q", str(path)],
        capture_output=True,
        text=True,
        env=_environment(),
    )
    found = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and len(match.group(2)) <= 3:  # top-level imports only
            found.append((int(match.group(1)), match.group(3)))
    return sorted(found, reverse=True)[:count]


def rule_times(rows: int) -> None:
    """CPU seconds of parsing and of each default rule on a generated list."""
    from awesome_lint.cli import GC_THRESHOLDS
    from awesome_lint.engine import Engine
    from awesome_lint.registry import load_rules

    gc.set_threshold(*GC_THRESHOLDS)  # as the command runs
    text = generate(rows)
    engine = Engine(load_rules(), isolated=True)
    profile = engine.profile_for(None)
    engine.parse(generate(1), "warm-up.md")  # markdown-it's import and set-up
    start = time.process_time()
    document = engine.parse(text, "bench.md")
    print(f"{'parse':<28} {time.process_time() - start:8.3f}")
    for active in profile.rules:
        fresh = engine.parse(text, "bench.md")
        context = profile.context
        context.state = {}  # a fresh parse: the conventions are inferred again
        start = time.process_time()
        found = sum(1 for _ in active.rule.check(fresh, context))
        elapsed = time.process_time() - start
        print(f"{active.rule.code + ' ' + active.rule.name:<28} {elapsed:8.3f}  {found} found")
    start = time.process_time()
    engine.check(document, profile)
    print(f"{'check (all rules, one run)':<28} {time.process_time() - start:8.3f}")


def corpus_times(repeat: int) -> None:
    """The whole corpus in one run: one process versus the default (worker processes)."""
    files = sorted(CORPUS.rglob("*.md"))
    if not files:
        print(f"no corpus at {CORPUS}")
        return
    size = sum(file.stat().st_size for file in files) / 1e6
    print(f"{' '.join(command())} -q --isolated --exit-zero {CORPUS}")
    print(f"{len(files)} files, {size:.1f} MB; best of {repeat}, peak of all processes (PSS)")
    print(f"{'processes':<28} {'wall s':>8} {'peak MB':>8}")
    argv = [*command(), "-q", "--isolated", "--exit-zero", str(CORPUS)]
    for name, workers in (("one (AWESOME_LINT_WORKERS=1)", "1"), ("default", None)):
        environment = _environment()
        environment.pop("AWESOME_LINT_WORKERS", None)
        environment.update({"AWESOME_LINT_WORKERS": workers} if workers else {})
        runs = [_run_sampled(argv, environment) for _ in range(repeat)]
        wall, peak = min(wall for wall, _ in runs), max(peak for _, peak in runs)
        print(f"{name:<28} {wall:>8.3f} {peak:>8.1f}", flush=True)


def _run_sampled(argv: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall time of one run and its peak memory (MB): the PSS of the process and its
    descendants, summed, sampled every 0.05 s."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    peak = 0
    while True:
        try:
            process.wait(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            peak = max(peak, sum(_pss_kb(pid) for pid in _tree(process.pid)))
    return time.perf_counter() - start, peak / 1024


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc; gone ones are left out)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(match.group(1)) if match else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best wall time)")
    parser.add_argument("--imports", type=int, default=12, help="how many imports to show")
    parser.add_argument("--rules", type=int, metavar="ROWS", help="CPU time per rule instead")
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="time ../shared/corpus in one run, one process versus worker processes, instead",
    )
    parser.add_argument(
        "--others-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="give up on another tool after this long (it is then skipped on larger files)",
    )
    args = parser.parse_args()
    if args.rules:
        rule_times(args.rules)
        return
    if args.corpus:
        corpus_times(args.repeat)
        return
    tools, notes = other_tools()
    print(f"command: {' '.join(command())} -q FILE")
    for note in notes:
        print(f"note: {note}")
    others = "".join(f" {tool.name:>9}" for tool in tools)
    with tempfile.TemporaryDirectory() as directory:
        warm_up = Path(directory) / "warm-up.md"
        warm_up.write_text(generate(10), encoding="utf-8")
        _run_once([*command(), "-q", str(warm_up)])  # writes the bytecode cache
        print(f"{'file':<28} {'rows':>8} {'wall s':>8} {'peak MB':>8} {'exit':>4}{others}")
        shapes = [(f"generated {rows}", rows, generate(rows)) for rows in args.rows]
        if 10_000 in args.rows:  # the cost stays linear in the shape too
            shapes.append(("1000 tables of 10 rows", 10_000, generate(10_000, per_table=10)))
            shapes.append(("1000 rows, 10k-char titles", 1_000, long_cells(1_000, 10_000)))
        for index, (name, rows, text) in enumerate(shapes):
            path = Path(directory) / f"list-{index}.md"
            path.write_text(text, encoding="utf-8")
            line = _line(name, rows, measure(path, args.repeat))
            print(line + _others(tools, path, rows, args), flush=True)
        readme = _typical_readme(Path(directory))
        repeat = max(5, args.repeat)
        rows = _count_rows(readme)
        line = _line(readme.name[:28], rows, measure(readme, repeat))
        print(line + _others(tools, readme, rows, args))
        no_tables = Path(directory) / "no-tables.md"
        no_tables.write_text(NO_TABLES, encoding="utf-8")
        print(_line("a file without tables", 0, measure(no_tables, repeat)))
        print(f"{'python -c pass (floor)':<28} {'':>8} {python_floor(args.repeat):>8.3f}")
        markdown_it = python_floor(args.repeat, "import markdown_it")
        print(f"{'python -c import markdown_it':<28} {'':>8} {markdown_it:>8.3f}")
        print(f"\nslowest imports of a plain run (cumulative ms), {readme.name}:")
        for micros, name in top_imports(readme, args.imports):
            print(f"{micros / 1000:8.1f}  {name}")


def _others(tools: list[Tool], path: Path, rows: int, args: argparse.Namespace) -> str:
    return "".join(f" {tool.cell(path, rows, args):>9}" for tool in tools)


def _typical_readme(directory: Path) -> Path:
    if CORPUS_README.exists():
        return CORPUS_README
    path = directory / "README-500.md"
    path.write_text(generate(220), encoding="utf-8")
    return path


def _count_rows(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|"))


def _line(name: str, rows: int, measurement: Measurement) -> str:
    return (
        f"{name:<28} {rows:>8} {measurement.wall:>8.3f} {measurement.peak_mb:>8.1f} "
        f"{measurement.exit_code:>4}"
    )


if __name__ == "__main__":
    main()
