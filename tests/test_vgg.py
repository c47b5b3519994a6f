"""VGG holds to Table 1 of Simonyan and Zisserman 2015 and to torchvision's layout and counts.

The reference figures are written here as data: torchvision's parameter counts, its vgg16 state-dict
layout, and Table 1's convolutions per stage. Every VGG fact is recomputed by hand from them.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import torch
from torch import nn

import models
from tools.claims import decide, load_claims
from tools.families import vgg as vgg_facts
from tools.introspect import Config, config
from tools.facts.measure import introspect, introspect_uncached
from tools.published import published_facts

ROOT = Path(__file__).resolve().parent.parent

# torchvision.models.VGG*_Weights.IMAGENET1K_V1.meta["num_params"], by fact namespace.
TORCHVISION_PARAMS = {
    "vgg11": 132_863_336,
    "vgg13": 133_047_848,
    "vgg16": 138_357_544,
    "vgg19": 143_667_240,
    "vgg11-bn": 132_868_840,
    "vgg13-bn": 133_053_736,
    "vgg16-bn": 138_365_992,
    "vgg19-bn": 143_678_248,
}
# Table 1: 3×3 convolutions in each of the five groups (A, B, D, E); the groups are 64, 128, 256, 512, 512 wide.
TABLE_1_CONVS = {
    "vgg11": [1, 1, 2, 2, 2],
    "vgg13": [2, 2, 2, 2, 2],
    "vgg16": [2, 2, 3, 3, 3],
    "vgg19": [2, 2, 4, 4, 4],
}
TABLE_1_WIDTHS = [64, 128, 256, 512, 512]
FC_IN_FEATURES = 512 * 7 * 7  # the last group's width on the 7×7 map
FC_SHAPES = [(4096, FC_IN_FEATURES), (4096, 4096), (1000, 4096)]  # FC-4096, FC-4096, FC-1000 (out, in)

# torchvision's vgg16 state dict: in `features`, each convolution is followed by its ReLU and a group
# ends with a max-pool, so the convolutions sit at these indices; the fc layers at classifier.0/3/6.
VGG16_CONV_INDICES = [0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28]
VGG16_STATE_DICT_SAMPLE = {
    "features.0.weight": (64, 3, 3, 3),
    "features.0.bias": (64,),
    "features.2.weight": (64, 64, 3, 3),
    "features.5.weight": (128, 64, 3, 3),
    "features.10.weight": (256, 128, 3, 3),
    "features.17.weight": (512, 256, 3, 3),
    "features.28.weight": (512, 512, 3, 3),
    "features.28.bias": (512,),
    "classifier.0.weight": (4096, 25088),
    "classifier.0.bias": (4096,),
    "classifier.3.weight": (4096, 4096),
    "classifier.6.weight": (1000, 4096),
    "classifier.6.bias": (1000,),
}
VGG16_STATE_DICT_KEYS = 13 * 2 + 3 * 2  # weight and bias of 13 convolutions and 3 fc layers
# vgg16_bn: conv, BatchNorm, ReLU per convolution; a BatchNorm has weight, bias, running mean and var, and a counter.
VGG16_BN_STATE_DICT_KEYS = 13 * 2 + 13 * 5 + 3 * 2

# torchvision's documentation pages print GFLOPS for these (multiply-adds, 10^9, two decimals).
TORCHVISION_GFLOPS = {"vgg13": 11.31, "vgg16": 15.47, "vgg19": 19.63}

VGGS = [name for name in models.list_models() if models.get_entry(name).family.name == "vgg"]
CONFIGS = [config(name, batch_norm=bn) for name in VGGS for bn in (False, True)]


def by_key(configs: list[Config]) -> list[pytest.param]:
    return [pytest.param(cfg, id=cfg.key) for cfg in configs]


def depth(name: str) -> int:
    return int(name.removeprefix("vgg"))


def build(name: str, **options: object) -> nn.Module:
    with torch.device("meta"):
        return models.get_model(name, **options).eval()


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def fc_params() -> int:
    return sum(out_features * in_features + out_features for out_features, in_features in FC_SHAPES)


def hand_macs(name: str) -> int:
    """Table 1 by hand: a 3×3 convolution costs 9 · C_in · C_out per output pixel; groups run at 224, 112 … 14."""
    macs, c_in = 0, 3
    for group, (convs, width) in enumerate(zip(TABLE_1_CONVS[name], TABLE_1_WIDTHS, strict=True)):
        side = 224 // 2**group
        for _ in range(convs):
            macs += 9 * c_in * width * side * side
            c_in = width
    return macs + sum(out_features * in_features for out_features, in_features in FC_SHAPES)


# --- Parameters: torchvision's published counts -----------------------------------------------


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_parameter_count_equals_torchvision(cfg):
    assert count_params(build(cfg.name, **dict(cfg.options))) == TORCHVISION_PARAMS[cfg.key]
    assert introspect(cfg).facts["params"] == TORCHVISION_PARAMS[cfg.key]


def test_cited_torchvision_figures_are_the_ones_written_here():
    published = published_facts()
    assert {key: published[f"torchvision.{key}.params"] for key in TORCHVISION_PARAMS} == TORCHVISION_PARAMS
    assert {name: published[f"torchvision.{name}.gflops"] for name in TORCHVISION_GFLOPS} == TORCHVISION_GFLOPS


@pytest.mark.parametrize("name", VGGS)
def test_batchnorm_adds_a_scale_and_a_shift_per_convolution_channel(name):
    channels = sum(convs * width for convs, width in zip(TABLE_1_CONVS[name], TABLE_1_WIDTHS, strict=True))
    extra = TORCHVISION_PARAMS[f"{name}-bn"] - TORCHVISION_PARAMS[name]
    assert extra == 2 * channels
    facts = {f"{cfg.key}.params": introspect(cfg).facts["params"] for cfg in CONFIGS}
    assert vgg_facts.derived(facts, CONFIGS)[f"{name}.bn_extra_params"] == extra


# --- torchvision's state-dict layout ----------------------------------------------------------


def test_vgg16_state_dict_follows_torchvision_layout():
    shapes = {key: tuple(tensor.shape) for key, tensor in build("vgg16").state_dict().items()}
    assert {key: shapes[key] for key in VGG16_STATE_DICT_SAMPLE} == VGG16_STATE_DICT_SAMPLE
    expected_keys = [f"features.{i}.{p}" for i in VGG16_CONV_INDICES for p in ("weight", "bias")]
    expected_keys += [f"classifier.{i}.{p}" for i in (0, 3, 6) for p in ("weight", "bias")]
    assert list(shapes) == expected_keys
    assert len(shapes) == VGG16_STATE_DICT_KEYS == 32


def test_vgg16_bn_puts_batchnorm_between_each_convolution_and_its_relu():
    model = build("vgg16", batch_norm=True)
    keys = list(model.state_dict())
    assert keys[:7] == [
        "features.0.weight", "features.0.bias",
        "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var",
        "features.1.num_batches_tracked",
    ]
    assert [type(model.features[i]) for i in range(4)] == [nn.Conv2d, nn.BatchNorm2d, nn.ReLU, nn.Conv2d]
    shapes = {key: tuple(tensor.shape) for key, tensor in model.state_dict().items()}
    # 13 × (conv, BatchNorm, ReLU) + 5 max-pools = 44 modules: the last convolution is features.40.
    assert (shapes["features.40.weight"], shapes["features.41.running_var"]) == ((512, 512, 3, 3), (512,))
    assert len(model.features) == 13 * 3 + 5
    assert len(keys) == VGG16_BN_STATE_DICT_KEYS == 97


def test_a_state_dict_laid_out_like_torchvision_loads_strictly():
    """A checkpoint with exactly the keys and shapes above loads with strict=True."""
    model = build("vgg16")
    shapes: dict[str, tuple[int, ...]] = {}
    for index, (c_in, c_out) in zip(VGG16_CONV_INDICES, _vgg16_conv_channels(), strict=True):
        shapes |= {f"features.{index}.weight": (c_out, c_in, 3, 3), f"features.{index}.bias": (c_out,)}
    for index, (c_out, c_in) in zip((0, 3, 6), FC_SHAPES, strict=True):
        shapes |= {f"classifier.{index}.weight": (c_out, c_in), f"classifier.{index}.bias": (c_out,)}
    checkpoint = {key: torch.empty(shape, device="meta") for key, shape in shapes.items()}
    result = model.load_state_dict(checkpoint, strict=True, assign=True)
    assert (result.missing_keys, result.unexpected_keys) == ([], [])


def _vgg16_conv_channels() -> list[tuple[int, int]]:
    """(in, out) channels of VGG-16's convolutions in order, from Table 1."""
    pairs, c_in = [], 3
    for convs, width in zip(TABLE_1_CONVS["vgg16"], TABLE_1_WIDTHS, strict=True):
        for _ in range(convs):
            pairs.append((c_in, width))
            c_in = width
    return pairs


# --- Depth, stages and the family's facts ------------------------------------------------------


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_longest_path_and_weighted_layers_equal_the_depth_in_the_name(cfg):
    facts = introspect(cfg).facts
    assert facts["longest_path"] == facts["weighted_layers"] == depth(cfg.name)
    assert facts["conv_layers"] + facts["fc_layers"] == depth(cfg.name)


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_convolutions_per_stage_follow_table_1(cfg):
    facts, model = introspect(cfg).facts, build(cfg.name, **dict(cfg.options))
    assert facts["conv_per_stage"] == TABLE_1_CONVS[cfg.name]
    in_modules = [
        sum(isinstance(model.get_submodule(module), nn.Conv2d) for module in stage.modules)
        for stage in model.anatomy.stages
    ]
    assert in_modules == TABLE_1_CONVS[cfg.name]


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_every_convolution_is_3x3_and_five_max_pools_halve_224_to_7(cfg):
    facts = introspect(cfg).facts
    assert facts["conv_kernels"] == ["3x3"]
    assert facts["max_pools"] == 5
    assert facts["feature_map_sizes"] == [224, 112, 56, 28, 14, 7]
    assert "stem_output" not in facts  # no stem: the first stage receives the image, and no stem output is stated
    assert facts["stage_outputs"] == [[w, s, s] for w, s in zip(TABLE_1_WIDTHS, [112, 56, 28, 14, 7], strict=True)]
    assert facts["batchnorm_layers"] == (sum(TABLE_1_CONVS[cfg.name]) if dict(cfg.options)["batch_norm"] else 0)
    assert not {"blocks", "residual_blocks", "dense_layers", "inception_modules"} & set(facts)  # plain layers: no repeated unit


def test_vgg16_stages_are_slices_of_features_ending_at_each_max_pool():
    stages = build("vgg16").anatomy.stages
    assert [stage.modules[0] for stage in stages] == [f"features.{i}" for i in (0, 5, 10, 17, 24)]
    assert [stage.modules[-1] for stage in stages] == [f"features.{i}" for i in (4, 9, 16, 23, 30)]
    assert [stage.paper_name for stage in stages] == ["conv1", "conv2", "conv3", "conv4", "conv5"]


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_fc_layers_hold_their_share_of_the_parameters(cfg):
    facts = introspect(cfg).facts
    assert fc_params() == 123_642_856
    assert (facts["fc_layers"], facts["fc_params"]) == (3, fc_params())
    assert facts["fc_params_pct"] == round(100 * fc_params() / TORCHVISION_PARAMS[cfg.key], 1)


@pytest.mark.parametrize(("name", "pct"), [("vgg11", 93.1), ("vgg13", 92.9), ("vgg16", 89.4), ("vgg19", 86.1)])
def test_fc_share_shrinks_as_convolutions_are_added(name, pct):
    assert introspect(config(name)).facts["fc_params_pct"] == pct


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_macs_equal_table_1_by_hand(cfg):
    assert introspect(cfg).facts["macs"] == hand_macs(cfg.name)


@pytest.mark.parametrize("name", list(TORCHVISION_GFLOPS))
def test_torchvision_gflops_are_multiply_adds(name):
    assert round(introspect(config(name)).facts["macs"] / 1e9, 2) == TORCHVISION_GFLOPS[name]


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_torchinfo_mult_adds_exceed_macs_by_bias_and_batchnorm_terms(cfg):
    """torchinfo adds one per bias element at each output position, and a scale and a shift per BatchNorm channel."""
    facts = introspect(cfg).facts
    conv_bias, channels = 0, 0
    for group, (convs, width) in enumerate(zip(TABLE_1_CONVS[cfg.name], TABLE_1_WIDTHS, strict=True)):
        side = 224 // 2**group
        conv_bias += convs * width * side * side
        channels += convs * width
    fc_bias = sum(out_features for out_features, _ in FC_SHAPES)
    batchnorm = 2 * channels if dict(cfg.options)["batch_norm"] else 0
    assert facts["torchinfo_mult_adds"] - facts["macs"] == conv_bias + fc_bias + batchnorm


@pytest.mark.parametrize(("name", "field"), [("vgg11", 150), ("vgg13", 156), ("vgg16", 212), ("vgg19", 268)])
def test_receptive_field_matches_the_hand_computation(name, field):
    # A 3×3 convolution widens the field by 2 jumps, a 2×2/2 max-pool by 1 and doubles the jump.
    grown, jump = 1, 1
    for convs in TABLE_1_CONVS[name]:
        grown += 2 * jump * convs + jump
        jump *= 2
    assert grown == field == introspect(config(name)).facts["receptive_field"]


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_layer_sections_run_stages_then_head(cfg):
    layers = introspect(cfg).layers
    runs = [section for i, section in enumerate(layers.section) if i == 0 or section != layers.section.iloc[i - 1]]
    assert runs == ["stage", "head"]
    stages = [stage for i, stage in enumerate(layers.stage) if stage and (i == 0 or stage != layers.stage.iloc[i - 1])]
    assert stages == [stage.name for stage in build(cfg.name, **dict(cfg.options)).anatomy.stages]
    assert list(layers[layers.section == "head"].name) == ["avgpool", *(f"classifier.{i}" for i in range(7))]


# --- The spec: Table 1's column D --------------------------------------------------------------


VGG16_TABLE_1 = [
    ("conv1", "features.0-4", "112×112", "conv3-64 × 2, maxpool"),
    ("conv2", "features.5-9", "56×56", "conv3-128 × 2, maxpool"),
    ("conv3", "features.10-16", "28×28", "conv3-256 × 3, maxpool"),
    ("conv4", "features.17-23", "14×14", "conv3-512 × 3, maxpool"),
    ("conv5", "features.24-30", "7×7", "conv3-512 × 3, maxpool"),
    ("head", "avgpool, classifier", "1×1", "FC-4096, FC-4096, FC-1000"),
]


def stage_rows(cfg: Config) -> list[tuple[str, str, str, str]]:
    return [(row["stage"], row["module"], row["output_size"], row["layers"]) for row in introspect(cfg).spec["stages"]]


def test_vgg16_spec_rows_are_table_1_column_d():
    assert stage_rows(config("vgg16")) == VGG16_TABLE_1


def test_vgg11_writes_a_single_convolution_without_a_count():
    assert [layers for *_, layers in stage_rows(config("vgg11"))[:2]] == ["conv3-64, maxpool", "conv3-128, maxpool"]


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_spec_stage_rows_follow_table_1(cfg):
    convs_and_widths = zip(TABLE_1_CONVS[cfg.name], TABLE_1_WIDTHS, strict=True)
    expected = [f"conv3-{w}{'' if n == 1 else f' × {n}'}, maxpool" for n, w in convs_and_widths]
    assert [layers for *_, layers in stage_rows(cfg)[:-1]] == expected


@pytest.mark.parametrize("cfg", by_key(CONFIGS))
def test_spec_notes_name_the_batchnorm_option_in_force(cfg):
    note = introspect(cfg).spec["notes"]["BatchNorm"]
    if dict(cfg.options)["batch_norm"]:
        assert note.startswith(f"after each of the {sum(TABLE_1_CONVS[cfg.name])} convolutions")
    else:
        assert note == "none, as in the paper"


# --- Options ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VGGS)
def test_num_classes_sets_the_last_fc_layer(name):
    model = build(name, num_classes=7)
    logits = model(torch.empty(1, 3, 224, 224, device="meta"))
    assert (model.classifier[6].out_features, tuple(logits.shape)) == (7, (1, 7))


def test_batch_norm_option_reads_as_bn_in_the_fact_namespace():
    assert [cfg.key for cfg in CONFIGS if cfg.name == "vgg16"] == ["vgg16", "vgg16-bn"]


@pytest.mark.parametrize("value", [1, "True", None, "bn"])
def test_bad_batch_norm_value_raises_listing_valid_values(value):
    message = f"vgg16 option batch_norm={value!r} is not valid; valid values: False, True"
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        models.get_model("vgg16", batch_norm=value)


def test_unknown_option_raises_listing_valid_options():
    with pytest.raises(ValueError, match=r"vgg16 has no option 'variant'; valid options: batch_norm, num_classes$"):
        models.get_model("vgg16", variant="v1")


# --- Claims -------------------------------------------------------------------------------------


def test_vgg_claims_are_decided_from_the_vgg_facts():
    facts = {f"{cfg.key}.{name}": value for cfg in CONFIGS for name, value in introspect(cfg).facts.items()}
    facts |= {f"resnet50.{name}": value for name, value in introspect(config("resnet50")).facts.items()}
    facts |= published_facts()
    claims = [claim for claim in load_claims(ROOT) if claim.path == "docs/claims/60-vgg.yml"]
    assert {claim.id: decide(claim, facts).verdict for claim in claims} == {
        "vgg-sixteen-or-nineteen-layers": "depends",  # VGG-11 and VGG-13 exist
        "vgg-only-3x3-convolutions": "depends",  # Table 1's configuration C (cited) has 1×1 convolutions
        "vgg16-most-params-in-fc": "correct",
        "global-pooling-removes-fc-params": "correct",  # against ResNet-50's one fc layer
    }


def test_a_planted_1x1_convolution_reaches_the_kernel_fact_and_the_claim(monkeypatch):
    """Facts are read off the model: swap VGG-16's second 3×3 for a 1×1 (as in Table 1's column C)."""
    entry, cfg = models.get_entry("vgg16"), config("vgg16")
    facts = {f"{c.key}.{name}": value for c in CONFIGS for name, value in introspect(c).facts.items()}  # clean, cached
    facts |= published_facts()

    def drifted(**options: object) -> nn.Module:
        model = entry.builder(**options)
        model.features[2] = nn.Conv2d(64, 64, kernel_size=1)
        return model

    monkeypatch.setitem(models.registry._REGISTRY, "vgg16", dataclasses.replace(entry, builder=drifted))
    planted, clean = introspect_uncached(cfg, 224).facts, introspect(cfg).facts
    assert (planted["conv_kernels"], clean["conv_kernels"]) == (["1x1", "3x3"], ["3x3"])
    assert clean["params"] - planted["params"] == 64 * 64 * (9 - 1)
    [claim] = [claim for claim in load_claims(ROOT) if claim.id == "vgg-only-3x3-convolutions"]

    def vgg16_holds(facts: dict[str, object]) -> bool:
        return next(o.holds for o in decide(claim, facts).results[0].outcomes if o.subject == "vgg16.conv_kernels")

    assert vgg16_holds(facts)
    assert not vgg16_holds(facts | {f"vgg16.{name}": value for name, value in planted.items()})
