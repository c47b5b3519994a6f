"""`check` catches a drifted model of every new family: each test plants one change, in memory, and
checks a temporary copy of the repository against it (the committed docs must no longer match)."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import torch
from torch import nn

import models
import tools.facts.measure as walk
from tests.test_check import copy_repo
from tools.facts.namespace import all_facts
from tools.site import check


@pytest.fixture
def planted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Callable[..., nn.Module]], None]]:
    """Plant a builder for one model; every cached result is restored afterwards."""
    saved = dict(walk._measured)

    def plant(name: str, builder: Callable[..., nn.Module]) -> None:
        entry = models.get_entry(name)
        monkeypatch.setitem(models.registry._REGISTRY, name, dataclasses.replace(entry, builder=builder))
        for key in [key for key in walk._measured if key[0].name == name]:
            del walk._measured[key]
        all_facts.cache_clear()

    yield plant
    walk._measured.clear()
    walk._measured.update(saved)
    all_facts.cache_clear()


def stale_files(repo: Path) -> list[str]:
    return [diff.splitlines()[0].removeprefix("--- ").removesuffix(" (committed)") for diff in check(repo).stale]


def test_check_catches_a_changed_densenet_growth_rate(planted, tmp_path):
    entry = models.get_entry("densenet121")
    drifted_k = {32: 24, 12: 12}  # the default k = 32 becomes 24
    planted("densenet121", lambda **options: entry.builder(**{**options, "growth_rate": drifted_k[options["growth_rate"]]}))
    stale = stale_files(copy_repo(tmp_path))
    assert "docs/data/densenet121.json" in stale and "docs/models/densenet121.md" in stale


def test_check_catches_a_changed_vgg_configuration(planted, tmp_path):
    vgg19 = models.get_entry("vgg19")
    planted("vgg16", lambda **options: vgg19.builder(**options))  # configuration E where D belongs
    stale = stale_files(copy_repo(tmp_path))
    assert "docs/data/vgg16.json" in stale and "docs/models/vgg16.md" in stale


def test_check_catches_a_removed_inception_branch(planted, tmp_path):
    entry = models.get_entry("inception_v3")

    def without_double_3x3(self: nn.Module, x: torch.Tensor) -> torch.Tensor:
        """Mixed_5b with its double-3×3 branch removed, zeros of its width in its place."""
        branch1x1 = self.branch1x1(x)
        branch5x5 = self.branch5x5_2(self.branch5x5_1(x))
        branch_pool = self.branch_pool(nn.functional.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([branch1x1, branch5x5, torch.zeros_like(branch5x5).repeat(1, 3, 1, 1)[:, :96], branch_pool], 1)

    def drifted(**options: object) -> nn.Module:
        model = entry.builder(**options)
        model.Mixed_5b.forward = types.MethodType(without_double_3x3, model.Mixed_5b)
        return model

    planted("inception_v3", drifted)
    stale = stale_files(copy_repo(tmp_path))
    assert "docs/data/inception_v3.json" in stale and "docs/models/inception_v3.md" in stale
