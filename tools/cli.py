"""The commands behind ``python -m tools``. Each returns the exit status."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import models
from tools.facts import FACT_DOCS, format_fact
from tools.introspect import MAX_WORKERS, all_configs, clear_cache, config, introspect, introspect_all, introspect_uncached
from tools.render.pages import key_facts
from tools.site import Timings, check as check_tree, render_all, write_all


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
    touched = write_all(root, render_all(root, read_cache=not args.no_cache, progress=terminal_progress()))
    print("\n".join(f"wrote {rel}" for rel in touched) if touched else "everything generated is up to date")
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


def bench(root: Path, args: argparse.Namespace) -> int:
    """Introspection of every configuration (after imports), then the whole check in a fresh interpreter."""
    configs = all_configs()
    clear_cache()
    start = time.perf_counter()
    introspect_all(configs)
    total = time.perf_counter() - start
    print("Introspection of every registered model and option, torch and torchinfo already imported")
    print(f"  all {len(configs)} configurations, {min(MAX_WORKERS, os.cpu_count() or 1)} worker processes: "
          f"{total:.2f} s   (target: under 5 s)")
    rows = []
    for cfg in configs:
        t0 = time.perf_counter()
        result = introspect_uncached(cfg, cfg.entry.input_size)
        rows.append((cfg.key, result.facts["blocks"], len(result.layers), time.perf_counter() - t0))
    print("\nEach configuration alone, one process, torch's default threads")
    print(f"  {'configuration':<16} {'blocks':>6} {'rows':>6} {'seconds':>8}")
    for key, blocks, layers, seconds in rows:
        print(f"  {key:<16} {blocks:>6} {layers:>6} {seconds:>8.3f}")
    print(f"  {'sum':<30} {sum(row[3] for row in rows):>8.2f}")
    print("\nCost against depth (default options, from the rows above)")
    print(f"  {'model':<12} {'blocks':>6} {'seconds':>8} {'ms per block':>13}")
    for key in ("resnet110", "resnet1202"):
        _, blocks, _, seconds = next(row for row in rows if row[0] == key)
        print(f"  {key:<12} {blocks:>6} {seconds:>8.3f} {1000 * seconds / blocks:>13.2f}")
    print("\n`python -m tools check` in a fresh interpreter (interpreter and torch import included)")
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "tools", "check", "--timings"], cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    for line in run.stdout.splitlines():
        if line.startswith("phase "):
            print("  " + line.removeprefix("phase "))
    print(f"  {'wall, exit status ' + str(run.returncode):<24} {wall:6.2f} s   (target: under 10 s)")
    if run.returncode:
        print(run.stderr, file=sys.stderr)
    return run.returncode
