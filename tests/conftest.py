"""Shared by the site tests: one strict build of the site per test session."""

from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from torch import nn

import models
from tools import cache
from tools.peers import keras, outputs
from tools.introspect import skipped_init
from tools.facts.measure import remember

ROOT = Path(__file__).resolve().parent.parent


# One torch thread per test process: `make test` runs two processes on two cores, and OpenMP threads
# that spin-wait for a busy core make every CPU forward an order of magnitude slower.
torch.set_num_threads(1)


def pytest_configure(config: pytest.Config) -> None:
    """Start from the introspections `python -m tools check` stored for exactly these sources, if any
    (tools/cache.py: keyed by the content of models/, tools/ and the library versions), Keras' measurements
    included. `make test` runs that check in full just before; each test process then reads its result
    instead of redoing it."""
    stored = cache.load(ROOT, cache.key(ROOT))
    if stored:
        results, peers, compared, _ = stored
        for result in results:
            remember(result)
        keras.remember(peers)
        outputs.remember(compared)


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str  # what mkdocs printed


def build_site(dest: Path) -> BuiltSite:
    """Build the repository's site into `dest` and its Chinese edition into `dest/zh`, as `make build` does;
    fail with mkdocs' output."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` failed:\n{result.stdout}{result.stderr}", pytrace=False)
    chinese = subprocess.run(  # the Chinese edition into dest/zh, as `make build` does
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.zh.yml"), "-d", str(dest / "zh")],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
    )
    if chinese.returncode != 0:
        pytest.fail(f"`mkdocs build --strict -f mkdocs.zh.yml` failed:\n{chinese.stdout}{chinese.stderr}", pytrace=False)
    return BuiltSite(dest, result.stdout + result.stderr + chinese.stdout + chinese.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltSite:
    """One strict build per test session: the first test process to need it builds it, the other reads it
    (pytest-xdist's processes share the parent of their temporary folders)."""
    if worker_id == "master":  # not under xdist
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other process waits here while the first builds
        done = shared / "site.log"
        if not done.exists():
            built = build_site(shared / "site")
            done.write_text(built.log, encoding="utf-8")
        return BuiltSite(shared / "site", done.read_text(encoding="utf-8"))


@functools.cache
def reference_model(name: str, **options: object) -> nn.Module:
    """A registered model built by its own builder, once per session, for tests that only read it.

    Initialisation is skipped (weights never matter to a count or a shape), and the forward pass is
    the model's own, unpatched. Small-input models live on the CPU, where a real forward is cheap;
    the others on the meta device (shapes without memory).
    """
    device = "cpu" if models.get_entry(name).input_size <= 64 else "meta"
    with skipped_init(), torch.no_grad(), torch.device(device):
        return models.get_model(name, **options).eval()


def example_input(model: nn.Module, size: int, batch: int = 1) -> torch.Tensor:
    """An input on the model's own device."""
    return torch.zeros(batch, 3, size, size, device=next(model.parameters()).device)
