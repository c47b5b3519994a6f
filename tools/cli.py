"""The commands behind ``python -m tools``. Each returns the exit status."""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import models
from tools.claims import decide_all, parse_claims
from tools.facts.namespace import FACT_DOCS, all_facts, format_fact
from tools.published import quotes
from tools.peers import keras
from tools.introspect import all_configs, config
from tools.facts.measure import MAX_WORKERS, clear_cache, introspect, introspect_all, introspect_uncached
from tools.render.pages import key_facts
from tools.i18n import PAGE_DIRS, SITE_CONFIGS
from tools.weight import PAGE_BUDGET, site_weights
from tools.site import (
    ACCEPT_VERDICTS, VERDICTS_CHANGED, Timings, check as check_tree, contradictions, model_files, render_all,
    verdict_changes, write_all,
)


def terminal_progress() -> Callable[[int, int], None] | None:
    """A one-line counter on a terminal; nothing in CI logs (stderr not a terminal)."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rintrospecting models: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


def show(root: Path, args: argparse.Namespace) -> int:
    entry = models.get_entry(args.model)
    options: dict[str, object] = {name: entry.parse_option(name, text) for name, text in args.options.items()}
    if args.num_classes is not None:
        options["num_classes"] = args.num_classes
    cfg = config(args.model, **options)
    result = introspect(cfg, args.input_size)
    size = result.input_size
    print(f"{entry.title} ({cfg.label() or 'no options'}), {entry.source}; input {size}×{size}, facts as `{cfg.key}.*`")
    stages = result.spec["stages"]
    widths = [max(len(str(row[key])) for row in stages) for key in ("stage", "module", "output_size")]
    for row in stages:
        print(f"  {row['stage']:<{widths[0]}}  {row['module']:<{widths[1]}}  {row['output_size']:<{widths[2]}}  {row['layers']}")
    for label, text in result.spec["notes"].items():
        print(f"  {label.lower()}: {text}")
    for key in key_facts(entry):
        unit = FACT_DOCS[key][0]
        print(f"  {key:<22} {format_fact(result.facts[key], name=key)}{f' {unit}' if unit in ('MACs', 'FLOPs', 'MB') else ''}")
    return 0


def generate(root: Path, args: argparse.Namespace) -> int:
    """Write everything generated; unless told to accept them, refuse (writing nothing) when a committed verdict
    would change, for its correction was written for the old verdict."""
    files = render_all(root, read_cache=not args.no_cache, progress=terminal_progress())
    changed = verdict_changes(root, files)
    if changed and not args.accept_verdicts:
        print("\n".join([VERDICTS_CHANGED, *changed, ACCEPT_VERDICTS, "Nothing was written."]), file=sys.stderr)
        return 1
    contradicting = contradictions(root, files, accepting=args.accept_verdicts)
    if contradicting:
        print("\n".join(["Corrections that contradict their claim's verdict:", *(f"  {c}" for c in contradicting),
                         "Nothing was written."]), file=sys.stderr)
        return 1
    touched = write_all(root, files)
    print("\n".join([*(f"accepted {line.strip()}" for line in changed), *(f"wrote {rel}" for rel in touched)])
          if touched else "everything generated is up to date")
    return 0


def check(root: Path, args: argparse.Namespace) -> int:
    timings = Timings({"import torch and tools": args.import_seconds})
    problems = check_tree(root, timings, read_cache=not args.no_cache, progress=terminal_progress())
    if args.timings:
        for phase, seconds in timings.phases.items():
            print(f"phase {phase:<24} {seconds:6.2f} s")
    if problems:
        print(problems.report(), file=sys.stderr)
        return 1
    print("docs match the models: every generated file, fact-bound number and verdict is current")
    return 0


CLAIMS_BENCH = 25_000  # claims the engine must parse and decide in under 30 s
# The import floor the budgets are measured against: the libraries the check's own process imports.
IMPORTS = "import torch, torchinfo, pandas, matplotlib, yaml"
# Keras, imported by the check's worker beside the introspection, shown apart (its import alone is seconds).
WITH_KERAS = "import os; os.environ['KERAS_BACKEND'] = 'torch'; import torch, torchinfo, pandas, matplotlib, yaml, keras"
RUNS = 3


def time_claims(root: Path, count: int) -> float:
    """Seconds to parse and decide ``count`` valid synthetic claims, one claim file of them, each comparing one
    real numeric fact in one of the ways claims do (the facts are read as a warm check reads them, before the
    clock starts)."""
    model_files(root, Timings(), read_cache=True)
    facts = all_facts()
    numeric = [(name, value) for name, value in facts.items()
               if type(value) in (int, float) and math.isfinite(value) and name not in quotes()]
    comparisons = [
        lambda value: {"equals": value},
        lambda value: {"differs": value + 1},
        lambda value: {"stated": f"about {value:.2f}" if abs(value) < 1e6 else f"{value / 1e6:.1f}M"},
        lambda value: {"range": [value - 1, value + 1]},
        lambda value: {"less_than": value + 1},
        lambda value: {"greater_than": {"fact": numeric[0][0]}},
    ]
    claims = []
    for index in range(count):
        name, value = numeric[index % len(numeric)]
        claims.append({
            "id": f"synthetic-{index}", "statement": f"The fact {name} is as measured.", "topic": "depth",
            "checks": [{"fact": name, **comparisons[index % len(comparisons)](value)}],
            "correction": "A *synthetic* claim, see [the facts](reference/facts.md).",
            "statement_zh": "一个合成的说法。", "correction_zh": "合成的更正。",
        })
    source = yaml.safe_dump({"claims": claims}, allow_unicode=True, sort_keys=False)
    start = time.perf_counter()
    decide_all(parse_claims(source, "docs/claims/bench.yml"))
    return time.perf_counter() - start


def print_page_weights(root: Path) -> None:
    """Both editions built as `make build` builds them, into a temporary folder; each page's first-load weight."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        for lang, config_file in SITE_CONFIGS.items():  # each edition where `make build` puts it: site/, site/zh/
            dest = site / Path(PAGE_DIRS[lang]).relative_to("docs")
            built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config_file, "-d", str(dest)], cwd=root,
                                   capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            if built.returncode:
                print(f"\nPage weights: `mkdocs build -f {config_file}` failed:\n{built.stderr}")
                return
        weights = site_weights(site)
        over = [page for page, weight in weights.items() if weight > PAGE_BUDGET]
        print(f"\nFirst-load weight of each page (HTML, scripts, styles, images, uncompressed; budget {PAGE_BUDGET:,} bytes): "
              f"{len(weights)} pages, heaviest {max(weights.values()):,} bytes, "
              + (f"{len(over)} over budget: {', '.join(over)}" if over else "every page within budget"))
        for page, weight in sorted(weights.items(), key=lambda item: -item[1]):
            print(f"  {weight:>10,}  /{page.removesuffix('./')}")
        for index in sorted(site.rglob("search_index.json")):
            print(f"  Material's search index ({index.relative_to(site)}), fetched once by its search worker, apart: "
                  f"{index.stat().st_size:,} bytes")


def _wall(command: list[str], root: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    run = subprocess.run(command, cwd=root, capture_output=True, text=True)
    return time.perf_counter() - start, run


def bench(root: Path, args: argparse.Namespace) -> int:
    """The figures of the performance budget, each a median of RUNS measured in this one run."""
    python = sys.executable
    imports, with_keras, cold, warm = [], [], [], []
    for _ in range(RUNS):  # interleaved, so that a slow spell of the machine touches every figure alike
        imports.append(_wall([python, "-c", IMPORTS], root)[0])
        with_keras.append(_wall([python, "-c", WITH_KERAS], root)[0])
        seconds, run = _wall([python, "-m", "tools", "check", "--no-cache"], root)
        if run.returncode:
            print(run.stderr, file=sys.stderr)
            return run.returncode
        cold.append(seconds)
        warm.append(_wall([python, "-m", "tools", "check"], root)[0])
    base = statistics.median(imports)
    print(f"Medians of {RUNS} runs, this machine ({os.cpu_count()} cores)")
    print(f"  import floor ({IMPORTS}): {base:6.2f} s")
    print(f"  the same with Keras (its worker imports it):          {statistics.median(with_keras):6.2f} s")
    print(f"  cold check (--no-cache, every model introspected): {statistics.median(cold):6.2f} s"
          f" = {statistics.median(cold) / base:4.1f}× floor   (budget: under 20 s and under 6×)")
    print(f"  warm check (cache of the same sources):            {statistics.median(warm):6.2f} s"
          f" = {statistics.median(warm) / base:4.1f}× floor   (budget: under 2×)")

    configs = all_configs()
    clear_cache()
    start = time.perf_counter()
    introspect_all(configs)
    print(f"\nIntrospection of all {len(configs)} configurations, {min(MAX_WORKERS, os.cpu_count() or 1)} worker "
          f"processes, libraries imported: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    measured = subprocess.run([python, "-c", "from tools.peers import keras; keras.measure_all()"], cwd=root)
    print(f"Keras in one process, as the check's worker runs it beside the introspection (import Keras, build and "
          f"measure {len(keras.PEERS)} models, run the tutorial): {time.perf_counter() - start:.2f} s"
          + ("" if measured.returncode == 0 else f" (failed, exit status {measured.returncode})"))
    rows = []
    for cfg in configs:
        t0 = time.perf_counter()
        result = introspect_uncached(cfg, cfg.entry.input_size)
        rows.append((cfg.key, len(result.layers), time.perf_counter() - t0))
    print(f"  {'configuration (one process)':<28} {'rows':>6} {'seconds':>8}")
    for key, layers, seconds in sorted(rows, key=lambda row: -row[2])[:10]:
        print(f"  {key:<28} {layers:>6} {seconds:>8.3f}")

    print_page_weights(root)

    print(f"\nClaims: {CLAIMS_BENCH:,} synthetic claims over the real facts, parsed and decided: "
          f"{time_claims(root, CLAIMS_BENCH):.2f} s   (budget: under 30 s)")

    print(f"\nTest suite (pytest -n 2 --dist loadfile, after a full check stored its result, as `make test` runs it), "
          f"{RUNS} runs")
    suites = [_wall([python, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "-p", "no:cacheprovider",
                     "--durations=10"], root) for _ in range(RUNS)]
    seconds, run = sorted(suites, key=lambda suite: suite[0])[len(suites) // 2]  # the median run
    durations = run.stdout.split("slowest 10 durations", 1)[-1].strip().splitlines()
    print("  the ten slowest tests of the median run:")
    for line in durations[1:11]:
        print("    " + line)
    walls = ", ".join(f"{wall:.1f}" for wall, _ in suites)
    print(f"  wall: median {seconds:.1f} s ({walls}), exit status {run.returncode}   (budget: under 90 s)")
    return max(suite.returncode for _, suite in suites)
