"""Facts beyond the walk (tools/introspect/cost.py): MACs and feature maps at other input sizes, and the peak
activation memory of one image, held to the walk and to arithmetic done here by hand."""

from __future__ import annotations

import pytest

from tools.facts.core import OTHER_SIZES
from tools.facts.measure import introspect
from tools.introspect import all_configs, config
from tools.introspect.cost import at_size
from tools.introspect.walk import build

IMAGENET_DEFAULTS = [cfg for cfg in all_configs() if cfg.entry.dataset == "imagenet" and cfg.is_default]


@pytest.mark.parametrize("cfg", IMAGENET_DEFAULTS, ids=lambda cfg: cfg.key)
def test_the_count_beyond_the_walk_is_the_walks_own_at_the_default_size(cfg):
    facts = introspect(cfg).facts
    assert at_size(build(cfg), cfg.entry.input_size) == {
        "macs": facts["macs"], "params": facts["params"], "stage_sizes": facts["stage_sizes"]}


@pytest.mark.parametrize("cfg", IMAGENET_DEFAULTS, ids=lambda cfg: cfg.key)
def test_a_smaller_input_moves_the_macs_and_the_feature_maps_never_the_parameters(cfg):
    facts = introspect(cfg).facts
    assert {facts[f"params_at_{size}"] for size in OTHER_SIZES} == {facts["params"]}
    macs = [facts[f"macs_at_{size}"] for size in OTHER_SIZES]
    assert macs == sorted(macs) and macs[0] < facts["macs"] < macs[-1]


def test_resnet50s_feature_maps_at_other_sizes_follow_its_total_stride():
    facts = introspect(config("resnet50")).facts
    assert facts["stage_sizes_at_112"] == [28, 14, 7, 4]  # 112/4, then halved with ceiling (padding 1, stride 2)
    assert facts["stage_sizes_at_320"] == [80, 40, 20, 10]
    # convolutions dominate: their MACs scale with the output area, close to (320/224)^2 but not exactly
    assert facts["macs_at_320"] / facts["macs"] == pytest.approx((320 / 224) ** 2, rel=0.02)


def test_vgg16s_peak_activation_memory_is_its_first_full_resolution_convolution_in_and_out_plus_the_image():
    """At conv1_2 its input and its output, 64 maps of 224×224 each, live at once, and the image is still held."""
    image, maps = 3 * 224 * 224, 64 * 224 * 224
    assert introspect(config("vgg16")).facts["peak_activation_mb"] == round((image + 2 * maps) * 4 / 10**6, 2)


def test_a_smaller_growth_rate_needs_less_activation_memory():
    default, small = (introspect(config("densenet121", growth_rate=k)).facts["peak_activation_mb"] for k in (32, 12))
    assert small < default


def test_a_bottleneck_block_costs_a_fraction_of_a_basic_block_of_the_same_width_by_hand():
    """ResNet-50's conv2_x identity block (256 → 64 → 64 → 256) against two 3×3 convolutions at 256, on 56×56."""
    facts = introspect(config("resnet50")).facts
    c, inner, area = 256, 64, 56 * 56
    bottleneck_convs = c * inner + 9 * inner * inner + inner * c
    basic_convs = 2 * 9 * c * c
    assert facts["equal_width_block"] == [c, 56, 56]
    assert facts["equal_width_bottleneck_params"] == bottleneck_convs + 2 * (inner + inner + c)  # BatchNorm: γ and β
    assert facts["equal_width_basic_params"] == basic_convs + 2 * (c + c)
    assert (facts["equal_width_bottleneck_macs"], facts["equal_width_basic_macs"]) == (bottleneck_convs * area, basic_convs * area)
    assert (facts["equal_width_bottleneck_3x3_params"], facts["equal_width_basic_3x3_params"]) == (9 * inner * inner, 9 * c * c)
    assert "equal_width_block" not in introspect(config("resnet34")).facts  # basic blocks: nothing to compare
