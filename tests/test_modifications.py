"""Modifications (models/variants.py) are measured like models and touch exactly what they say.

Every registered modification is tested by being registered: its parameters and MACs against an
independent count of the model built normally, its layer table against its reference's (walked
both), and the page, the chart, the claims and the check that depend on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import models
from models import imagenet
from models.variants import MODIFICATIONS, DepthwiseSeparableConv2d
from tests.test_check import run_here
from tools.facts.namespace import all_facts
from tools.introspect import Config, all_configs, config
from tools.facts.measure import introspect
from tools.render.figure import drawn_rows, layer_label
from tools.render.modifications import MODEL, render_modifications, render_modifications_chart

ROOT = Path(__file__).resolve().parent.parent
MODIFIED = [cfg for cfg in all_configs() if cfg.is_modified]


def name_of(cfg: Config) -> str:
    return dict(cfg.options)["modification"]


def by_key(configs: list[Config]) -> list[pytest.param]:
    return [pytest.param(cfg, id=cfg.key) for cfg in configs]


def built_normally(cfg: Config) -> nn.Module:
    """The model as a user gets it, ``models.get_model``, on the meta device: true shapes, no memory."""
    with torch.device("meta"):
        return models.get_model(cfg.name, **dict(cfg.options)).eval()


# --- The registry: a list of named changes, never a product --------------------------------------


def test_resnet34_takes_every_modification_alone_beside_its_two_variants():
    keys = [cfg.key for cfg in all_configs() if cfg.name == "resnet34"]
    assert keys == ["resnet34", "resnet34-v1", *(f"resnet34-{name}" for name in list(MODIFICATIONS)[1:])]


def test_every_modification_is_taken_with_the_default_variant():
    assert {dict(cfg.options)["variant"] for cfg in MODIFIED} == {"v1.5"}
    assert {cfg.name for cfg in MODIFIED} == set(imagenet.MODIFICATIONS) == {"resnet34"}


def test_modifications_add_one_configuration_each():
    for name in imagenet.MODIFICATIONS:
        entry = models.get_entry(name)
        assert len(entry.configurations()) == 2 + len(entry.options["modification"].values) - 1


@pytest.mark.parametrize("options", [{"modification": "nope"}, {"modification": "DWS"}, {"modification": 1}])
def test_unknown_modification_is_one_line_listing_the_valid_ones(options):
    with pytest.raises(ValueError) as error:
        config("resnet34", **options)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"resnet34 option modification={options['modification']!r} is not valid; valid values: ")
    assert message.endswith(", ".join(repr(name) for name in MODIFICATIONS))


def test_a_modification_with_another_option_is_one_line_naming_it():
    with pytest.raises(ValueError, match=r"^resnet34 option modification='dws' goes with the default options only, "
                                         r"got variant='v1'$"):
        config("resnet34", variant="v1", modification="dws")


def test_models_without_modifications_say_so():
    with pytest.raises(ValueError, match=r"^resnet101 has no option 'modification'; valid options: variant, num_classes$"):
        config("resnet101", modification="dws")


# A modification that changes is caught by the check: tests/test_check.py plants one (a bias on the depthwise
# convolutions of resnet34-dws) beside a changed CIFAR ResNet, in one fresh interpreter.


def test_cli_unknown_modification_exits_2_with_one_line(capsys):
    result = run_here(ROOT, capsys, "show", "resnet34", "--modification", "nope")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: resnet34 option modification='nope' is not valid; valid values: "
        + ", ".join(repr(name) for name in MODIFICATIONS)
    ]


def test_cli_shows_a_modification_with_its_fact_namespace_and_note(capsys):
    result = run_here(ROOT, capsys, "show", "resnet34", "--modification", "dws")
    assert result.returncode == 0, result.stderr
    assert "facts as `resnet34-dws.*`" in result.stdout
    assert "[3×3 depthwise, 256; 1×1, 512; 3×3 depthwise, 512; 1×1, 512] × 3" in result.stdout
    assert "modification: dws: every 3×3 convolution of the blocks becomes" in result.stdout


# --- Every number equals an independent count ---------------------------------------------------


@pytest.mark.parametrize("cfg", by_key(MODIFIED))
def test_params_equal_the_numel_of_the_model_built_normally(cfg):
    assert introspect(cfg).facts["params"] == sum(p.numel() for p in built_normally(cfg).parameters())


@pytest.mark.parametrize("cfg", by_key(MODIFIED))
def test_macs_equal_half_the_flop_counter_total(cfg):
    model = built_normally(cfg)
    with FlopCounterMode(display=False) as counter:
        model(torch.empty(1, 3, cfg.entry.input_size, cfg.entry.input_size, device="meta"))
    assert introspect(cfg).facts["macs"] == counter.get_total_flops() // 2


@pytest.mark.parametrize("cfg", by_key(MODIFIED))
def test_ratios_and_changes_divide_and_subtract_the_reference(cfg):
    facts = all_facts()
    for fact in ("params", "macs"):
        mine, reference = facts[f"{cfg.key}.{fact}"], facts[f"{cfg.name}.{fact}"]
        assert facts[f"{cfg.key}.{fact}_ratio"] == round(mine / reference, 3)
        assert facts[f"{cfg.key}.{fact}_change"] == mine - reference


@pytest.mark.parametrize("cfg", by_key([cfg for cfg in MODIFIED if name_of(cfg) in ("leaky-relu", "silu", "dropout")]))
def test_activation_swaps_and_dropout_change_neither_params_nor_macs(cfg):
    facts = all_facts()
    assert (facts[f"{cfg.key}.params"], facts[f"{cfg.key}.macs"]) == (facts[f"{cfg.name}.params"], facts[f"{cfg.name}.macs"])
    assert facts[f"{cfg.key}.params_change"] == facts[f"{cfg.key}.macs_change"] == 0


def test_a_depthwise_separable_3x3_has_9c_plus_c_c_prime_weights_instead_of_9_c_c_prime():
    c, c_out = 256, 512
    pair = DepthwiseSeparableConv2d(c, c_out, stride=2)
    assert sum(p.numel() for p in pair.parameters()) == 9 * c + c * c_out
    depthwise, pointwise = pair
    assert (depthwise.groups, depthwise.stride, depthwise.bias, pointwise.kernel_size) == (c, (2, 2), None, (1, 1))
    assert pair(torch.zeros(1, c, 14, 14)).shape == (1, c_out, 7, 7)


def test_resnet34_on_bottlenecks_is_resnet50_layer_for_layer():
    facts = all_facts()
    ours, theirs = introspect(config("resnet34", modification="bottleneck")), introspect(config("resnet50"))
    assert ours.layers.drop(columns="index").equals(theirs.layers.drop(columns="index"))
    assert (facts["resnet34-bottleneck.params"], facts["resnet34-bottleneck.macs"]) == (
        facts["resnet50.params"], facts["resnet50.macs"])


# --- Each modification touches exactly the layers its change names (both walked, tables compared) --


def rows_by_name(layers: pd.DataFrame) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    for row in layers.drop(columns="index").itertuples(index=False):
        grouped.setdefault(row.name, []).append(tuple(row))
    return grouped


def differences(reference: pd.DataFrame, modified: pd.DataFrame) -> tuple[set[str], set[str], set[str]]:
    """Module names removed, added, and present in both with a different row (any column but the index)."""
    before, after = rows_by_name(reference), rows_by_name(modified)
    changed = {name for name in before.keys() & after.keys() if before[name] != after[name]}
    return set(before) - set(after), set(after) - set(before), changed


Expected = tuple[set[str], set[str], set[str]]


def separable_3x3s(reference: pd.DataFrame) -> Expected:
    """Each 3×3 convolution on a block's main path becomes NAME.depthwise and NAME.pointwise; nothing else."""
    convs = reference[(reference.type == "Conv2d") & (reference.kernel == "3x3") & (reference.block != "")
                      & (reference.path == "main")]
    names = set(convs.name)
    return names, {f"{name}.{part}" for name in names for part in ("depthwise", "pointwise")}, set()


def activations(reference: pd.DataFrame) -> Expected:
    """Every ReLU row changes (its type); nothing is added or removed."""
    return set(), set(), set(reference.name[reference.type == "ReLU"])


def head_1x1(reference: pd.DataFrame) -> Expected:
    """avgpool becomes conv, BatchNorm, ReLU and the pool; fc reads half as many features."""
    return {"avgpool"}, {"avgpool.conv", "avgpool.bn", "avgpool.relu", "avgpool.pool"}, {"fc"}


def head_1x1_pooled(reference: pd.DataFrame) -> Expected:
    """avgpool becomes the pool, then conv, BatchNorm, ReLU on the pooled map; fc reads half as many features."""
    return {"avgpool"}, {"avgpool.pool", "avgpool.fc_conv", "avgpool.fc_bn", "avgpool.fc_relu"}, {"fc"}


def dropout(reference: pd.DataFrame) -> Expected:
    """A dropout after the pool, inside avgpool (the pool becomes avgpool.pool if it was not already)."""
    if "avgpool" in set(reference.name):
        return {"avgpool"}, {"avgpool.pool", "avgpool.dropout"}, set()
    return set(), {"avgpool.dropout"}, set()


def half_the_blocks(reference: pd.DataFrame) -> Expected:
    """Every block past the first half (rounded up) of its stage goes; nothing else changes."""
    removed = set()
    for stage, rows in reference[reference.block != ""].groupby("stage"):
        blocks = list(dict.fromkeys(rows.block))
        kept = math.ceil(len(blocks) / 2)
        removed |= set(rows.name[rows.block.isin(blocks[kept:])])
    return removed, set(), set()


# modification: (the configuration it is compared with, what it must change there)
TOUCHES: dict[str, tuple[str, Callable[[pd.DataFrame], Expected]]] = {
    "dws": ("none", separable_3x3s),
    "leaky-relu": ("none", activations),
    "silu": ("none", activations),
    "half-depth": ("none", half_the_blocks),
    "head-1x1": ("none", head_1x1),
    "head-1x1-pooled": ("none", head_1x1_pooled),
    "dropout": ("none", dropout),
    "dws-silu": ("silu", separable_3x3s),
    "dws-double-width": ("double-width", separable_3x3s),
    "head-1x1-dropout": ("head-1x1", dropout),
}
WIDTH_FACTORS = {"half-width": 0.5, "double-width": 2}
SAME_AS_A_MODEL = {"bottleneck"}  # tested above against ResNet-50


def test_every_registered_modification_has_its_expected_changes():
    registered = {name_of(cfg) for cfg in MODIFIED}
    assert registered == set(TOUCHES) | set(WIDTH_FACTORS) | SAME_AS_A_MODEL


@pytest.mark.parametrize("cfg", by_key([cfg for cfg in MODIFIED if name_of(cfg) in TOUCHES]))
def test_a_modification_differs_from_its_reference_in_exactly_the_layers_it_touches(cfg):
    against, expected = TOUCHES[name_of(cfg)]
    reference = introspect(config(cfg.name, **({} if against == "none" else {"modification": against}))).layers
    removed, added, changed = differences(reference, introspect(cfg).layers)
    assert (removed, added, changed) == expected(reference)
    assert removed or added or changed


@pytest.mark.parametrize("cfg", by_key([cfg for cfg in MODIFIED if name_of(cfg) in ("leaky-relu", "silu")]))
def test_an_activation_swap_changes_only_the_type_of_every_relu_row(cfg):
    kind = {"leaky-relu": "LeakyReLU", "silu": "SiLU"}[name_of(cfg)]
    reference, modified = introspect(config(cfg.name)).layers, introspect(cfg).layers
    relu = reference.type == "ReLU"
    assert list(modified.type[relu]) == [kind] * int(relu.sum())
    assert modified.drop(columns="type").equals(reference.drop(columns="type"))


@pytest.mark.parametrize("cfg", by_key([cfg for cfg in MODIFIED if name_of(cfg) in WIDTH_FACTORS]))
def test_a_width_multiplier_scales_every_channel_count_and_keeps_every_layer_and_map_size(cfg):
    factor = WIDTH_FACTORS[name_of(cfg)]
    reference, modified = introspect(config(cfg.name)).layers, introspect(cfg).layers
    same = ["section", "stage", "block", "path", "name", "type", "kernel", "stride", "padding"]
    assert modified[same].equals(reference[same])
    for before, after in zip(reference.output_shape, modified.output_shape, strict=True):
        channels, *size = before.split("x")
        if size:  # feature maps; the logits keep the number of classes
            assert after == "x".join([str(round(int(channels) * factor)), *size])
        else:
            assert after == before


@pytest.mark.parametrize("cfg", by_key(MODIFIED))
def test_anatomy_stays_four_stages_and_the_stem_and_head_are_where_they_were(cfg):
    facts = introspect(cfg).facts
    assert facts["stages"] == 4
    assert facts["final_feature_map"] == 7 and facts["total_stride"] == 32
    layers = introspect(cfg).layers
    assert list(layers.section.drop_duplicates()) == ["stem", "stage", "head"]
    assert layers.name[layers.section == "head"].iloc[-1] == "fc"


# --- Figure 3 draws a depthwise and a pointwise box for each separable pair ---------------------


def test_figure_3_of_resnet34_dws_draws_each_3x3_as_a_depthwise_then_a_pointwise_box():
    rows = drawn_rows(introspect(config("resnet34", modification="dws")).layers)
    labels = [layer_label(row) for row in rows.itertuples()]
    depthwise = [i for i, label in enumerate(labels) if "depthwise" in label]
    assert len(depthwise) == 32
    assert all(labels[i + 1].startswith("1×1 conv, ") for i in depthwise)
    assert labels[depthwise[0]] == "3×3 depthwise conv, 64" and "3×3 depthwise conv, 64, /2" in labels


# --- The page, the chart and the claims ----------------------------------------------------------


def test_the_page_has_a_row_and_a_section_for_every_resnet34_modification_with_bound_ratios():
    page = render_modifications()
    for cfg in (c for c in MODIFIED if c.name == MODEL):
        assert f"[`{cfg.key}`](#{cfg.key})" in page
        assert f"{{#{cfg.key}}}" in page
        for fact in ("params", "params_ratio", "macs", "macs_ratio", "weighted_layers", "longest_path"):
            assert f'<span data-fact="{cfg.key}.{fact}"' in page


def test_the_page_and_chart_render_byte_identically_twice():
    assert render_modifications() == render_modifications()
    assert render_modifications_chart() == render_modifications_chart()


# --- The check fails when a modification's definition changes -----------------------------------


def test_the_numbers_in_the_docstrings_of_models_variants():
    half_depth = introspect(config("resnet34", modification="half-depth")).facts
    assert half_depth["blocks_per_stage"] == [2, 2, 3, 2]
    head = built_normally(config("resnet34", modification="head-1x1"))
    conv = head.get_submodule("avgpool.conv")
    assert (conv.in_channels, conv.out_channels, head.fc.in_features, head.fc.out_features) == (512, 256, 256, 1000)


def test_the_1x1_head_saves_macs_after_pooling_and_costs_them_before():
    """Post 002's "1×1 before fc": where it sits decides the verdict (the claim conv1x1-before-fc-reduces-computation)."""
    facts = all_facts()
    before, after = facts["resnet34-head-1x1.macs_change"], facts["resnet34-head-1x1-pooled.macs_change"]
    assert after < 0 < before
    # after pooling the 1×1 is an fc-sized layer: C·C/2 weights once, against the C/2·classes the fc layer loses
    width, classes = facts["resnet34.stage_widths"][-1], facts["resnet34.num_classes"]
    assert (width, classes) == (512, 1000)
    assert after == width * width // 2 - width // 2 * classes
    assert facts["resnet34-head-1x1.params_change"] == facts["resnet34-head-1x1-pooled.params_change"]
