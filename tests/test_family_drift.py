"""`check` catches a drifted model of every new family, and a drifted modification: the test plants one change
each, in memory, and checks a temporary copy of the repository against them (the committed docs must no longer
match)."""

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
from tools.introspect import config
from tools.render.network import NetworkError, pictures, render_picture
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


def drifted_densenet() -> Callable[..., nn.Module]:
    entry = models.get_entry("densenet121")
    drifted_k = {32: 24, 12: 12}  # the default k = 32 becomes 24
    return lambda **options: entry.builder(**{**options, "growth_rate": drifted_k[options["growth_rate"]]})


def drifted_vgg16() -> Callable[..., nn.Module]:
    vgg19 = models.get_entry("vgg19")
    return lambda **options: vgg19.builder(**options)  # configuration E where D belongs


def drifted_inception() -> Callable[..., nn.Module]:
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

    return drifted


def drifted_dws() -> Callable[..., nn.Module]:
    """ResNet-34's depthwise separable modification with a bias on its depthwise convolutions."""
    entry = models.get_entry("resnet34")

    def drifted(**options: object) -> nn.Module:
        model = entry.builder(**options)
        if options.get("modification") == "dws":
            for module in model.modules():
                if isinstance(module, nn.Conv2d) and module.groups > 1 and module.bias is None:
                    module.bias = nn.Parameter(torch.zeros(module.out_channels, device=module.weight.device))
        return model

    return drifted


DRIFTS = {  # model: (its drifted builder, what drifted, the configuration whose files go stale)
    "densenet121": (drifted_densenet, "a changed growth rate", "densenet121"),
    "vgg16": (drifted_vgg16, "a changed configuration", "vgg16"),
    "resnet34": (drifted_dws, "a changed modification", "resnet34-dws"),
}


def test_check_catches_a_drifted_model_of_every_new_family_and_only_that_model(planted, tmp_path):
    """One check over three drifts at once: each drifted model's data and page are stale, and no other model's.
    (A drifted Inception module: the test below.)"""
    for name, (builder, _, _) in DRIFTS.items():
        planted(name, builder())
    stale = stale_files(copy_repo(tmp_path))
    for name, (_, what, key) in DRIFTS.items():
        assert f"docs/data/{key}.json" in stale, what
    for name in ("densenet121", "vgg16"):
        assert f"docs/models/{name}.md" in stale
    assert "docs/data/resnet34.json" not in stale  # the unmodified ResNet-34 is unchanged
    assert "docs/data/resnet50.json" not in stale and "docs/data/densenet169.json" not in stale


def test_an_inception_module_with_a_removed_branch_cannot_be_drawn_and_says_which(planted):
    """The module picture is drawn from the model's traced forward and compared with its layer table: a module
    whose forward skips a branch (its layers left unrun) stops the check, naming the module and what differs."""
    planted("inception_v3", drifted_inception())
    cfg = config("inception_v3")
    picture = next(picture for picture in pictures(cfg) if picture.block == "Mixed_5b")
    with pytest.raises(NetworkError, match=r"Mixed_5b: the traced branches hold .* the table"):
        render_picture(walk.introspect(cfg), picture, "Inception-v3")
