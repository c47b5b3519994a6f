"""Inception-v3 holds to torchvision's layout and counts, and its facts hold against hand computation.

Reference figures are data here: torchvision's parameter counts, a sample of its state-dict keys
with their shapes, and the key count derived from its definition (torchvision/models/inception.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re

import pytest
import torch
from torch import fx, nn
from torch.utils.flop_counter import FlopCounterMode

import models
from models import InceptionA, InceptionAux, InceptionB, InceptionC, InceptionD, InceptionE, InceptionOutputs
from tools.introspect import Config, IntrospectionError, config
from tools.facts.measure import introspect, introspect_uncached
from tools.families.inception import PUBLISHED
from tools.introspect.graph import analyse

DEFAULT, NO_AUX = config("inception_v3"), config("inception_v3", aux_logits=False)
CONFIGS = [pytest.param(DEFAULT, id="aux"), pytest.param(NO_AUX, id="no-aux")]

# torchvision.models.Inception_V3_Weights.IMAGENET1K_V1.meta["num_params"] is the model with AuxLogits.
TORCHVISION_PARAMS = 27_161_264
PARAMS_WITHOUT_AUX = 23_834_568  # the same model built with aux_logits=False

# A sample of torchvision's inception_v3 state dict: key -> shape.
STATE_DICT_SAMPLE = {
    "Conv2d_1a_3x3.conv.weight": (32, 3, 3, 3),
    "Conv2d_1a_3x3.bn.running_var": (32,),
    "Conv2d_4a_3x3.conv.weight": (192, 80, 3, 3),
    "Mixed_5b.branch5x5_2.conv.weight": (64, 48, 5, 5),
    "Mixed_5b.branch_pool.conv.weight": (32, 192, 1, 1),
    "Mixed_6a.branch3x3.conv.weight": (384, 288, 3, 3),
    "Mixed_6b.branch7x7_2.conv.weight": (128, 128, 1, 7),
    "Mixed_6e.branch7x7dbl_5.conv.weight": (192, 192, 1, 7),
    "AuxLogits.conv0.conv.weight": (128, 768, 1, 1),
    "AuxLogits.conv1.conv.weight": (768, 128, 5, 5),
    "AuxLogits.fc.weight": (1000, 768),
    "Mixed_7a.branch7x7x3_4.conv.weight": (192, 192, 3, 3),
    "Mixed_7b.branch3x3_2b.conv.weight": (384, 384, 3, 1),
    "Mixed_7c.branch_pool.conv.weight": (192, 2048, 1, 1),
    "fc.weight": (1000, 2048),
    "fc.bias": (1000,),
}
# BasicConv2d per module in torchvision's definition: the stem's 5, InceptionA 7, B 4, C 10, D 6, E 9, and
# AuxLogits 2. Each gives a conv weight and 5 BatchNorm entries; fc and AuxLogits.fc a weight and a bias.
BASIC_CONVS = 5 + 3 * 7 + 4 + 4 * 10 + 6 + 2 * 9
AUX_BASIC_CONVS = 2
STATE_DICT_KEYS = {"aux": (BASIC_CONVS + AUX_BASIC_CONVS) * 6 + 2 + 2, "no-aux": BASIC_CONVS * 6 + 2}

# The auxiliary head by hand: 1×1 768 → 128 and 5×5 128 → 768 without bias, each with BatchNorm's
# scale and shift, and a 768 → 1000 fc with bias.
AUX_PARAMS = 768 * 128 + 2 * 128 + 128 * 768 * 5 * 5 + 2 * 768 + 768 * 1000 + 1000
# ... and its MACs for one image: the 1×1 on the 5×5 pooled grid, the 5×5 onto 1×1, the fc.
AUX_MACS = 5 * 5 * 768 * 128 + 1 * 1 * 128 * 768 * 5 * 5 + 768 * 1000

# Convolutions on the longest branch of each module class (torchvision's definition):
# A 1×1 → 3×3 → 3×3; B 1×1 → 3×3 → 3×3/2; C 1×1 → 7×1 → 1×7 → 7×1 → 1×7; D 1×1 → 1×7 → 7×1 → 3×3/2;
# E 1×1 → 3×3 → (1×3 | 3×1).
MODULE_DEPTH = {InceptionA: 3, InceptionB: 3, InceptionC: 5, InceptionD: 4, InceptionE: 3}
MODULES = {
    "Mixed_5b": InceptionA, "Mixed_5c": InceptionA, "Mixed_5d": InceptionA, "Mixed_6a": InceptionB,
    "Mixed_6b": InceptionC, "Mixed_6c": InceptionC, "Mixed_6d": InceptionC, "Mixed_6e": InceptionC,
    "Mixed_7a": InceptionD, "Mixed_7b": InceptionE, "Mixed_7c": InceptionE,
}
# 1×n/n×1 convolutions: six per InceptionC, two in InceptionD, four per InceptionE.
FACTORISED = 4 * 6 + 2 + 2 * 4


@functools.cache
def built(cfg: Config, *, train: bool = False) -> nn.Module:
    """A model built normally on the meta device (not through the tools), in eval mode unless asked."""
    with torch.device("meta"):
        model = models.get_model(cfg.name, **dict(cfg.options), num_classes=cfg.num_classes)
    return model.train(train)


def flop_count(model: nn.Module, batch: int = 1) -> int:
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(torch.empty(batch, 3, 299, 299, device="meta"))
    return counter.get_total_flops()


def key(cfg: Config) -> str:
    return "aux" if cfg is DEFAULT else "no-aux"


# --- Parameters and the torchvision layout ----------------------------------------------------


def test_parameter_counts_equal_torchvision_with_and_without_the_auxiliary_head():
    assert sum(p.numel() for p in built(DEFAULT).parameters()) == TORCHVISION_PARAMS
    assert sum(p.numel() for p in built(NO_AUX).parameters()) == PARAMS_WITHOUT_AUX
    assert introspect(DEFAULT).facts["params"] == TORCHVISION_PARAMS
    assert introspect(NO_AUX).facts["params"] == PARAMS_WITHOUT_AUX


def test_state_dict_follows_torchvision_keys_and_shapes():
    shapes = {name: tuple(tensor.shape) for name, tensor in built(DEFAULT).state_dict().items()}
    assert {name: shapes.get(name) for name in STATE_DICT_SAMPLE} == STATE_DICT_SAMPLE
    assert list(shapes)[:6] == [
        "Conv2d_1a_3x3.conv.weight", "Conv2d_1a_3x3.bn.weight", "Conv2d_1a_3x3.bn.bias",
        "Conv2d_1a_3x3.bn.running_mean", "Conv2d_1a_3x3.bn.running_var", "Conv2d_1a_3x3.bn.num_batches_tracked",
    ]
    assert list(shapes)[-2:] == ["fc.weight", "fc.bias"]


@pytest.mark.parametrize("cfg", CONFIGS)
def test_state_dict_key_count_follows_from_torchvision_definition(cfg):
    assert BASIC_CONVS == 94
    keys = list(built(cfg).state_dict())
    assert len(keys) == STATE_DICT_KEYS[key(cfg)]
    assert any(k.startswith("AuxLogits.") for k in keys) == (cfg is DEFAULT)


def test_every_convolution_is_bias_free_with_batchnorm_eps_0_001():
    model = built(DEFAULT)
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    assert len(convs) == len(norms) == BASIC_CONVS + AUX_BASIC_CONVS
    assert all(conv.bias is None for conv in convs)
    assert {norm.eps for norm in norms} == {0.001}


def test_modules_are_torchvision_classes_and_the_spec_widths():
    model, spec = built(DEFAULT), models.get_entry("inception_v3").spec
    assert {name: type(model.get_submodule(name)) for name in MODULES} == MODULES
    assert isinstance(model.AuxLogits, InceptionAux) and built(NO_AUX).AuxLogits is None
    assert [model.get_submodule(f"Mixed_5{c}").branch_pool.conv.out_channels for c in "bcd"] == list(spec.pool_features)
    assert [model.get_submodule(f"Mixed_6{c}").branch7x7_1.conv.out_channels for c in "bcde"] == list(spec.channels_7x7)
    assert sum(isinstance(m, InceptionE) for m in model.modules()) == spec.expanded_modules


# --- Forward: logits at inference, the auxiliary logits in training ---------------------------


def test_eval_forward_returns_logits_and_training_forward_adds_the_auxiliary_logits():
    x = torch.empty(2, 3, 299, 299, device="meta")
    assert built(DEFAULT)(x).shape == (2, 1000)
    out = built(DEFAULT, train=True)(x)
    assert isinstance(out, InceptionOutputs)
    assert (out.logits.shape, out.aux_logits.shape) == ((2, 1000), (2, 1000))
    assert built(NO_AUX, train=True)(x).shape == (2, 1000)


def test_eval_graph_traces_without_the_auxiliary_head_and_training_graph_with_it():
    def aux_nodes(model: nn.Module) -> int:
        return sum(str(node.target).startswith("AuxLogits.") for node in fx.symbolic_trace(model).graph.nodes)

    assert aux_nodes(built(DEFAULT)) == 0
    assert aux_nodes(built(DEFAULT, train=True)) > 0


# --- Cost: the auxiliary head holds parameters but no inference MACs ---------------------------


def test_aux_params_are_the_difference_torchvision_counts_and_the_hand_count():
    assert introspect(DEFAULT).facts["aux_params"] == TORCHVISION_PARAMS - PARAMS_WITHOUT_AUX == AUX_PARAMS == 3_326_696
    assert introspect(NO_AUX).facts["aux_params"] == 0


@pytest.mark.parametrize("cfg", CONFIGS)
def test_macs_are_half_the_flop_counter_total_of_the_eval_forward(cfg):
    facts = introspect(cfg).facts
    assert facts["macs"] * 2 == flop_count(built(cfg))
    assert facts["macs"] == introspect(NO_AUX).facts["macs"]  # the auxiliary head costs nothing at inference


def test_training_forward_costs_exactly_the_auxiliary_head_more():
    # Two images: BatchNorm in training mode needs more than one value per channel on the 1×1 grid.
    per_image = flop_count(built(DEFAULT, train=True), batch=2) // 2 // 2
    assert per_image - introspect(DEFAULT).facts["macs"] == AUX_MACS


def test_torchvision_gflops_is_the_macs_in_billions():
    assert round(introspect(DEFAULT).facts["macs"] / 1e9, 2) == PUBLISHED["torchvision.inception_v3.gflops"]


# --- Depth ------------------------------------------------------------------------------------


@pytest.mark.parametrize("cfg", CONFIGS)
def test_depth_counts_follow_the_module_graph(cfg):
    facts = introspect(cfg).facts
    depths = {name: MODULE_DEPTH[cls] for name, cls in MODULES.items()}
    assert facts["module_depths"] == depths
    assert facts["module_path_depth"] == sum(depths.values()) == 42
    assert facts["stem_conv_layers"] == 5
    # The modules are chained one after another, so the longest path is the stem, each module's longest branch, the fc.
    assert facts["longest_path"] == facts["stem_conv_layers"] + facts["module_path_depth"] + 1 == 48
    # With no side paths every convolution on every branch is on the "main path".
    assert facts["conv_layers"] == facts["main_path_conv_layers"] == BASIC_CONVS
    assert facts["weighted_layers"] == BASIC_CONVS + 1 == 95


def test_module_depth_is_the_longest_branch_read_off_each_module_graph():
    for cls, depth in MODULE_DEPTH.items():
        name = next(name for name, module_cls in MODULES.items() if module_cls is cls)
        assert analyse(built(DEFAULT).get_submodule(name)).longest_path == depth, name


# --- The family's facts -----------------------------------------------------------------------


@pytest.mark.parametrize("cfg", CONFIGS)
def test_modules_per_grid_figure_and_reduction(cfg):
    facts = introspect(cfg).facts
    assert facts["modules_per_grid"] == {"35x35": 3, "17x17": 5, "8x8": 3}
    assert facts["modules_by_figure"] == {"Figure 5": 3, "Figure 6": 4, "Figure 7": 2, "Figure 10": 2}
    assert facts["grid_reductions"] == ["Mixed_6a", "Mixed_7a"]
    assert facts["inception_modules"] == len(MODULES) == 11
    assert facts["branches_per_module"] == {"InceptionA": 4, "InceptionB": 3, "InceptionC": 4, "InceptionD": 3,
                                            "InceptionE": 4}


def test_factorised_convolutions_are_the_1xn_and_nx1_kernels():
    model = built(DEFAULT)
    kernels = [m.kernel_size for name, m in model.named_modules()
               if isinstance(m, nn.Conv2d) and not name.startswith("AuxLogits.")]
    assert sum(h != w for h, w in kernels) == FACTORISED == introspect(DEFAULT).facts["factorised_convs"] == 34


def test_auxiliary_head_reads_the_last_17x17_module():
    facts = introspect(DEFAULT).facts
    assert (facts["aux_reads"], facts["aux_input"]) == ("Mixed_6e", [768, 17, 17])
    assert (introspect(NO_AUX).facts["aux_reads"], introspect(NO_AUX).facts["aux_input"]) == ("", [])


def test_stages_are_the_three_grids_with_the_reductions_first():
    facts = introspect(DEFAULT).facts
    assert facts["stem_output"] == [192, 35, 35]
    assert facts["stage_outputs"] == [[288, 35, 35], [768, 17, 17], [2048, 8, 8]]
    assert facts["feature_map_sizes"] == [299, 149, 147, 73, 71, 35, 17, 8]
    assert (facts["final_feature_map"], facts["total_stride"]) == (8, 32)


# --- The layer table (the generic tests of tests/test_introspect.py that assume a ResNet) ----------


@pytest.mark.parametrize("cfg", CONFIGS)
def test_layer_rows_run_stem_stages_head_then_the_auxiliary_rows_that_never_ran(cfg):
    layers = introspect(cfg).layers
    runs = [section for i, section in enumerate(layers.section) if i == 0 or section != layers.section.iloc[i - 1]]
    assert runs == ["stem", "stage", "head", "auxiliary"] if cfg is DEFAULT else ["stem", "stage", "head"]
    stages = [stage for i, stage in enumerate(layers.stage) if stage and (i == 0 or stage != layers.stage.iloc[i - 1])]
    assert stages == ["Mixed_5", "Mixed_6", "Mixed_7"]
    assert list(layers[layers.section == "head"].name) == ["avgpool", "dropout", "fc"]
    auxiliary = layers[layers.section == "auxiliary"]
    expected = ["AuxLogits.conv0.conv", "AuxLogits.conv0.bn", "AuxLogits.conv1.conv", "AuxLogits.conv1.bn", "AuxLogits.fc"]
    assert list(auxiliary.name) == (expected if cfg is DEFAULT else [])
    assert (auxiliary.macs == 0).all() and int(auxiliary.params.sum()) == introspect(cfg).facts["aux_params"]


@pytest.mark.parametrize("cfg", CONFIGS)
def test_executed_layer_rows_are_the_leaf_modules_in_forward_order(cfg):
    layers, model = introspect(cfg).layers, built(cfg)
    order: list[str] = []
    handles = [module.register_forward_hook(lambda _m, _i, _o, name=name: order.append(name))
               for name, module in model.named_modules() if not list(module.children())]
    with torch.no_grad():
        model(torch.empty(1, 3, 299, 299, device="meta"))
    for handle in handles:
        handle.remove()
    assert list(layers.name[layers.section != "auxiliary"]) == order


@pytest.mark.parametrize("cfg", CONFIGS)
def test_torchinfo_mult_adds_exceed_macs_by_the_batchnorms_and_fc_bias_that_ran(cfg):
    facts, model = introspect(cfg).facts, built(cfg)
    ran = [m for name, m in model.named_modules() if isinstance(m, nn.BatchNorm2d) and not name.startswith("AuxLogits.")]
    assert facts["torchinfo_mult_adds"] - facts["macs"] == sum(2 * bn.num_features for bn in ran) + model.fc.bias.numel()


# --- The spec: Table 1 read off the model -------------------------------------------------------


def test_spec_rows_are_the_stem_the_three_grids_and_the_head():
    rows = [(row["stage"], row["module"], row["output_size"], row["layers"]) for row in introspect(DEFAULT).spec["stages"]]
    assert rows == [
        ("stem", "Conv2d_1a_3x3 … maxpool2", "35×35",
         "3×3/2, 32; 3×3/1, 32; 3×3/1 padded, 64; 3×3/2 max pool; 1×1/1, 80; 3×3/1, 192; 3×3/2 max pool"),
        ("35×35 grid", "Mixed_5b … Mixed_5d", "35×35", "3×Inception (Figure 5)"),
        ("17×17 grid", "Mixed_6a … Mixed_6e", "17×17", "grid reduction (Figure 10); 4×Inception (Figure 6)"),
        ("8×8 grid", "Mixed_7a … Mixed_7c", "8×8", "grid reduction (Figure 10); 2×Inception (Figure 7)"),
        ("head", "avgpool, dropout, fc", "1×1", "global average pool, dropout, 1000-d fc"),
    ]


def test_spec_notes_name_the_auxiliary_head_only_when_it_is_there():
    assert introspect(DEFAULT).spec["notes"]["Auxiliary classifier"].startswith("AuxLogits reads the 768×17×17 output of Mixed_6e")
    assert introspect(NO_AUX).spec["notes"]["Auxiliary classifier"] == "none (aux_logits=False)"


# --- Input size and options ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [64])
def test_input_below_75_pixels_is_a_one_line_error_naming_the_smallest_size(size):
    with pytest.raises(IntrospectionError, match=rf"^inception_v3 takes a whole number of pixels from 75 \(the smallest "
                                                 rf"side it runs on\) to 1024, got {size}$") as caught:
        introspect(DEFAULT, size)
    assert "\n" not in str(caught.value)


def test_smallest_input_runs_down_to_a_1x1_final_grid():
    facts = introspect(DEFAULT, 75).facts
    assert (facts["stage_sizes"], facts["final_feature_map"]) == ([7, 3, 1], 1)


@pytest.mark.parametrize("value", ["True", 1, None, "no"])
def test_bad_aux_logits_value_raises_listing_the_valid_values(value):
    with pytest.raises(ValueError, match=rf"^inception_v3 option aux_logits={re.escape(repr(value))} is not valid; "
                                         r"valid values: True, False$"):
        models.get_model("inception_v3", aux_logits=value)


def test_option_tag_names_the_configuration_without_the_head():
    assert (DEFAULT.key, NO_AUX.key) == ("inception_v3", "inception_v3-no-aux")


# --- A planted drift reaches the facts ----------------------------------------------------------


def test_facts_follow_a_planted_change_in_the_auxiliary_head(monkeypatch):
    """aux_params is read off the model: an auxiliary fc without bias moves it, and params, by 1000; MACs stay."""
    entry = models.get_entry("inception_v3")

    def drifted(**options: object) -> nn.Module:
        model = entry.builder(**options)
        model.AuxLogits.fc = nn.Linear(768, 1000, bias=False)
        return model

    monkeypatch.setitem(models.registry._REGISTRY, "inception_v3", dataclasses.replace(entry, builder=drifted))
    planted, clean = introspect_uncached(DEFAULT, 299).facts, introspect(DEFAULT).facts
    assert clean["aux_params"] - planted["aux_params"] == clean["params"] - planted["params"] == 1000
    assert planted["macs"] == clean["macs"]


def test_facts_follow_a_planted_change_in_a_module(monkeypatch):
    """Module depth and factorised convolutions are read off the model: one more 1×7 in Mixed_6b moves both."""
    entry = models.get_entry("inception_v3")

    def drifted(**options: object) -> nn.Module:
        model = entry.builder(**options)
        block = model.Mixed_6b
        block.branch7x7dbl_5 = nn.Sequential(block.branch7x7dbl_5, models.inception.conv1x7(192, 192))
        return model

    monkeypatch.setitem(models.registry._REGISTRY, "inception_v3", dataclasses.replace(entry, builder=drifted))
    planted, clean = introspect_uncached(DEFAULT, 299).facts, introspect(DEFAULT).facts
    assert planted["module_depths"]["Mixed_6b"] - clean["module_depths"]["Mixed_6b"] == 1
    assert planted["longest_path"] - clean["longest_path"] == 1
    assert planted["factorised_convs"] - clean["factorised_convs"] == 1
