"""The DenseNets hold to the paper (Huang et al. 2017, Tables 1 and 2) and to torchvision's layout.

Reference figures are written here as data: torchvision's parameter counts, its state-dict layout for
DenseNet-121, Table 1's layers per block and Table 2's parameter counts. Models are built on the meta
device; facts come from the shared introspection cache.
"""

from __future__ import annotations

import dataclasses

import pytest
import torch
from torch import nn

import models
from models import BottleneckDenseLayer, DenseLayer, DenseNet, Transition, get_entry, get_model, list_models
from tools.families import densenet as family
from tools.introspect import all_configs, config
from tools.facts.measure import introspect, introspect_uncached

DENSENETS = [name for name in list_models() if get_entry(name).family.name == "densenet"]
CONFIGS = [cfg for cfg in all_configs() if cfg.entry.family.name == "densenet"]

# torchvision's published parameter counts (torchvision.models.DenseNet*_Weights.IMAGENET1K_V1.meta).
TORCHVISION_PARAMS = {
    "densenet121": 7_978_856,
    "densenet161": 28_681_000,
    "densenet169": 14_149_480,
    "densenet201": 20_013_928,
}
# Table 2, '# Params' in millions, as printed (strings keep the paper's digits).
TABLE_2_PARAMS_MILLIONS = {"densenet40_k12": "1.0", "densenet100_k12_bc": "0.8"}
# Table 1 (k = 32) and torchvision's DenseNet-161 (k = 48): dense layers per block, k, stem width.
ARCHITECTURES = {
    "densenet121": ((6, 12, 24, 16), 32, 64),
    "densenet161": ((6, 12, 36, 24), 48, 96),
    "densenet169": ((6, 12, 32, 32), 32, 64),
    "densenet201": ((6, 12, 48, 32), 32, 64),
    # Section 3, "Implementation Details": three equal blocks; a stem of 16 channels, 2k for DenseNet-BC.
    "densenet40_k12": ((12, 12, 12), 12, 16),
    "densenet100_k12_bc": ((16, 16, 16), 12, 24),
}
BOTTLENECK = {"densenet40_k12": False}  # every other model is DenseNet-BC: bottleneck 4k and θ = 0.5

# torchvision's densenet121 state dict, a sample written from its definition (torchvision/models/densenet.py).
DENSENET121_KEYS = {
    "features.conv0.weight": (64, 3, 7, 7),
    "features.norm0.weight": (64,),
    "features.norm0.running_var": (64,),
    "features.denseblock1.denselayer1.norm1.weight": (64,),
    "features.denseblock1.denselayer1.conv1.weight": (128, 64, 1, 1),
    "features.denseblock1.denselayer1.norm2.running_mean": (128,),
    "features.denseblock1.denselayer1.conv2.weight": (32, 128, 3, 3),
    "features.denseblock1.denselayer6.conv1.weight": (128, 224, 1, 1),
    "features.transition1.norm.weight": (256,),
    "features.transition1.conv.weight": (128, 256, 1, 1),
    "features.denseblock2.denselayer12.conv1.weight": (128, 480, 1, 1),
    "features.transition3.conv.weight": (512, 1024, 1, 1),
    "features.denseblock4.denselayer16.conv2.weight": (32, 128, 3, 3),
    "features.norm5.weight": (1024,),
    "features.norm5.num_batches_tracked": (),
    "classifier.weight": (1000, 1024),
    "classifier.bias": (1000,),
}


def densenet121_key_count() -> int:
    """Keys of torchvision's densenet121: one per conv, five per BatchNorm, two for the classifier."""
    dense_layers = 6 + 12 + 24 + 16
    convs = 1 + 2 * dense_layers + 3  # conv0, conv1 and conv2 of every dense layer, one per transition
    norms = 1 + 2 * dense_layers + 3 + 1  # norm0, norm1 and norm2, one per transition, norm5
    return convs + 5 * norms + 2


def build(name: str, **options: object) -> nn.Module:
    with torch.device("meta"):
        return get_model(name, **options)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def facts_of(key: str) -> dict[str, object]:
    return introspect(next(cfg for cfg in CONFIGS if cfg.key == key)).facts


def depth_from_name(name: str) -> int:
    return int(name.removeprefix("densenet").split("_")[0])


# --- Parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TORCHVISION_PARAMS))
def test_imagenet_parameter_count_equals_torchvision(name):
    assert count_params(build(name)) == TORCHVISION_PARAMS[name]


@pytest.mark.parametrize("name", list(TABLE_2_PARAMS_MILLIONS))
def test_cifar_parameter_count_rounds_to_table_2(name):
    figure = TABLE_2_PARAMS_MILLIONS[name]
    decimals = len(figure.split(".")[1])
    assert f"{count_params(build(name)) / 1e6:.{decimals}f}" == figure


def test_cifar_parameter_counts_are_exactly_the_hand_computation():
    def params(depth: int, k: int, stem: int, bottleneck: bool, theta: float) -> int:
        layers = (depth - 4) // (6 if bottleneck else 3)
        total, c = 3 * 3 * 3 * stem, stem
        for block in range(3):
            for _ in range(layers):
                if bottleneck:  # BN(c), 1×1 c → 4k, BN(4k), 3×3 4k → k
                    total += 2 * c + c * 4 * k + 2 * 4 * k + 9 * 4 * k * k
                else:  # BN(c), 3×3 c → k
                    total += 2 * c + 9 * c * k
                c += k
            if block < 2:  # BN(c), 1×1 c → θc
                total += 2 * c + c * int(theta * c)
                c = int(theta * c)
        return total + 2 * c + c * 10 + 10  # norm5 and the classifier

    assert count_params(build("densenet40_k12")) == params(40, 12, 16, False, 1.0) == 1_019_722
    assert count_params(build("densenet100_k12_bc")) == params(100, 12, 24, True, 0.5) == 769_162


def test_published_figures_are_the_tests_figures():
    for name, params in TORCHVISION_PARAMS.items():
        assert family.PUBLISHED[f"torchvision.{name}.params"] == params
    for name, figure in TABLE_2_PARAMS_MILLIONS.items():
        assert family.PUBLISHED[f"paper.{name}.densenet_table2_params_m"] == float(figure)


# --- torchvision's layout ---------------------------------------------------------------------


def test_densenet121_state_dict_follows_torchvision_layout():
    shapes = {key: tuple(tensor.shape) for key, tensor in build("densenet121").state_dict().items()}
    assert {key: shapes.get(key) for key in DENSENET121_KEYS} == DENSENET121_KEYS
    assert len(shapes) == densenet121_key_count() == 727
    keys = list(shapes)
    assert keys[0] == "features.conv0.weight" and keys[-2:] == ["classifier.weight", "classifier.bias"]


def test_densenet121_state_dict_names_only_torchvision_module_paths():
    # Every key sits under features.conv0/norm0, a denselayer's norm1/conv1/norm2/conv2, a transition's
    # norm/conv, features.norm5 or the classifier: the head's ReLU and pooling modules own no state.
    allowed_leaves = {"conv0", "norm0", "norm1", "conv1", "norm2", "conv2", "norm", "conv", "norm5", "classifier"}
    for key in build("densenet121").state_dict():
        assert key.rsplit(".", 2)[-2] in allowed_leaves, key


@pytest.mark.parametrize("name", DENSENETS)
def test_dense_layers_are_numbered_from_one_in_every_block(name):
    blocks, k, _ = ARCHITECTURES[name]
    model = build(name)
    for index, num_layers in enumerate(blocks, start=1):
        block = model.get_submodule(f"features.denseblock{index}")
        assert [child for child, _ in block.named_children()] == [f"denselayer{i}" for i in range(1, num_layers + 1)]
    transitions = [child for child, _ in model.features.named_children() if child.startswith("transition")]
    assert transitions == [f"transition{i}" for i in range(1, len(blocks))]


# --- The dense layer's arithmetic: m + k(l − 1), 4k, θ ----------------------------------------


@pytest.mark.parametrize("name", DENSENETS)
def test_each_dense_layer_receives_m_plus_k_times_its_predecessors(name):
    facts = facts_of(name)
    blocks, k, stem = ARCHITECTURES[name]
    theta = 0.5 if BOTTLENECK.get(name, True) else 1.0
    m, expected_m = stem, []
    for num_layers in blocks:
        expected_m.append(m)
        m = int(theta * (m + k * num_layers))
    assert facts["block_input_channels"] == expected_m
    assert facts["dense_layer_input_channels"] == [
        [m + k * (l - 1) for l in range(1, num_layers + 1)] for m, num_layers in zip(expected_m, blocks, strict=True)
    ]
    assert facts["receives_all_preceding"] is True
    assert facts["stage_widths"] == [m + k * n for m, n in zip(expected_m, blocks, strict=True)]


@pytest.mark.parametrize("name", DENSENETS)
def test_growth_rate_bottleneck_and_compression_facts_match_the_modules(name):
    facts, model = facts_of(name), build(name)
    blocks, k, _ = ARCHITECTURES[name]
    bottleneck = BOTTLENECK.get(name, True)
    layers = [m for m in model.modules() if isinstance(m, DenseLayer | BottleneckDenseLayer)]
    assert len(layers) == sum(blocks) == facts["dense_layers"]
    assert facts["dense_blocks"] == len(blocks)
    assert facts["layers_per_block"] == list(blocks)
    assert facts["growth_rate"] == k
    for layer in layers:
        last_conv = layer.conv2 if bottleneck else layer.conv
        assert last_conv.out_channels == layer.out_channels == k
    if bottleneck:
        assert all(isinstance(layer, BottleneckDenseLayer) and layer.conv1.out_channels == 4 * k for layer in layers)
        assert (facts["bottleneck_width"], facts["bottleneck_factor"]) == (4 * k, 4)
        assert facts["dense_layer_kernels"] == ["1x1", "3x3"]
    else:
        assert all(type(layer) is DenseLayer for layer in layers)
        assert (facts["bottleneck_width"], facts["bottleneck_factor"]) == (0, 0)
        assert facts["dense_layer_kernels"] == ["3x3"]
    transitions = [m for m in model.modules() if isinstance(m, Transition)]
    assert len(transitions) == len(blocks) - 1 == facts["transition_layers"]
    theta = 0.5 if bottleneck else 1.0
    for transition in transitions:
        assert transition.conv.out_channels == int(theta * transition.conv.in_channels)
    assert facts["compression"] == theta


def test_growth_rate_option_changes_k_alone():
    facts, small = facts_of("densenet121"), facts_of("densenet121-k12")
    assert (small["growth_rate"], small["bottleneck_width"]) == (12, 48)
    assert small["layers_per_block"] == facts["layers_per_block"]
    assert small["stem_output"] == facts["stem_output"] == [64, 56, 56]
    assert small["weighted_layers"] == facts["weighted_layers"] == 121
    assert small["macs"] < facts["macs"]
    pair = [cfg for cfg in CONFIGS if cfg.name == "densenet121"]
    measured = {f"{cfg.key}.{fact}": introspect(cfg).facts[fact] for cfg in pair for fact in ("macs", "params")}
    assert family.derived(measured, pair) == {
        "densenet121.k12_macs_pct": round(100 * small["macs"] / facts["macs"], 1),
        "densenet121.k12_params_pct": round(100 * small["params"] / facts["params"], 1),
    }


def test_growth_rate_option_rejects_other_values_in_one_line():
    with pytest.raises(ValueError, match=r"^densenet121 option growth_rate=24 is not valid; valid values: 32, 12$"):
        get_model("densenet121", growth_rate=24)
    with pytest.raises(ValueError, match=r"valid values: 32, 12$"):
        get_model("densenet121", growth_rate="12")
    with pytest.raises(ValueError, match=r"^densenet169 has no option 'growth_rate'; valid options: num_classes$"):
        get_model("densenet169", growth_rate=12)


def test_models_without_options_have_one_configuration_keyed_by_name():
    cfg = config("densenet169")
    assert (cfg.options, cfg.key, cfg.label(), cfg.is_default) == ((), "densenet169", "", True)
    assert get_entry("densenet169").configurations() == [{}]
    assert [c.key for c in CONFIGS if c.name == "densenet121"] == ["densenet121", "densenet121-k12"]


# --- Depth: L = 1 + Σ convs of the dense layers + transitions + 1 -----------------------------


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda cfg: cfg.key)
def test_depth_in_the_name_is_stem_conv_dense_convs_transitions_and_fc(cfg):
    facts = introspect(cfg).facts
    blocks, _, _ = ARCHITECTURES[cfg.name]
    convs_per_layer = 2 if BOTTLENECK.get(cfg.name, True) else 1
    assert facts["dense_layer_convs"] == convs_per_layer * sum(blocks)
    assert facts["transition_layers"] == len(blocks) - 1
    depth = 1 + facts["dense_layer_convs"] + facts["transition_layers"] + 1
    assert depth == facts["weighted_layers"] == facts["longest_path"] == depth_from_name(cfg.name)
    assert facts["conv_fc_layers"] == facts["weighted_layers"]  # no side paths


@pytest.mark.parametrize("name", ["densenet121", "densenet40_k12"])
def test_depth_note_spells_out_the_decomposition(name):
    notes = introspect(config(name)).spec["notes"]
    expected = {
        "densenet121": "121 weighted layers = 1 stem convolution + 116 in 58 dense layers + 3 transition convolutions + 1 fully connected",
        "densenet40_k12": "40 weighted layers = 1 stem convolution + 36 in 36 dense layers + 2 transition convolutions + 1 fully connected",
    }
    assert notes["Depth"] == expected[name]


# --- Anatomy: stem, dense blocks, transitions, head -------------------------------------------


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda cfg: cfg.key)
def test_sections_run_stem_then_blocks_and_transitions_alternately_then_head(cfg):
    layers = introspect(cfg).layers
    runs = [section for i, section in enumerate(layers.section) if i == 0 or section != layers.section.iloc[i - 1]]
    blocks = len(ARCHITECTURES[cfg.name][0])
    assert runs == ["stem", *(["stage", "transition"] * (blocks - 1)), "stage", "head"]
    stages = [s for i, s in enumerate(layers.stage) if s and (i == 0 or s != layers.stage.iloc[i - 1])]
    assert stages == [f"features.denseblock{i}" for i in range(1, blocks + 1)]
    assert list(layers[layers.section == "head"].name) == ["features.norm5", "relu", "avgpool", "classifier"]
    stem = ["features.conv0"] if cfg.entry.dataset == "cifar10" else [
        "features.conv0", "features.norm0", "features.relu0", "features.pool0"]
    assert list(layers[layers.section == "stem"].name) == stem
    transitions = layers[layers.section == "transition"]
    assert set(transitions.name.str.rsplit(".", n=1).str[0]) == {f"features.transition{i}" for i in range(1, blocks)}


@pytest.mark.parametrize("name", DENSENETS)
def test_num_classes_sets_the_classifier_width(name):
    model = build(name, num_classes=7)
    size = get_entry(name).input_size
    assert model.classifier.out_features == 7
    assert model(torch.empty(1, 3, size, size, device="meta")).shape == (1, 7)


@pytest.mark.parametrize("name", DENSENETS)
def test_stage_sizes_follow_the_paper(name):
    facts = facts_of(name)
    if get_entry(name).dataset == "cifar10":
        assert (facts["stage_sizes"], facts["total_stride"], facts["final_feature_map"]) == ([32, 16, 8], 4, 8)
    else:
        assert (facts["stage_sizes"], facts["total_stride"], facts["final_feature_map"]) == ([56, 28, 14, 7], 32, 7)
        assert facts["feature_map_sizes"] == [224, 112, 56, 28, 14, 7]


# --- Table 1, read off the models ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["densenet121", "densenet169", "densenet201"])
def test_spec_rows_are_table_1_but_for_the_head(name):
    rows = [(row["stage"], row["output_size"], row["layers"]) for row in introspect(config(name)).spec["stages"]]
    paper = family.table1_rows(name)
    assert rows[:-1] == paper[:-1]
    # The head: Table 1's pooling and fc, after the final BatchNorm and ReLU that Table 1 leaves out.
    assert rows[-1] == ("Classification Layer", "1×1", "BN, ReLU; 7×7 global average pool; 1000D fully-connected")
    assert paper[-1][2] == "7×7 global average pool; 1000D fully-connected, softmax"


def test_table_1_layers_are_the_models_specs():
    for name, layers in family._TABLE1_LAYERS.items():
        assert list(get_entry(name).spec.layers) == layers == list(ARCHITECTURES[name][0])


def test_cifar_spec_rows():
    rows = [(row["stage"], row["module"], row["output_size"], row["layers"])
            for row in introspect(config("densenet100_k12_bc")).spec["stages"]]
    assert rows == [
        ("Convolution", "features.conv0", "32×32", "3×3 conv"),
        ("Dense Block (1)", "features.denseblock1", "32×32", "[1×1 conv; 3×3 conv] × 16"),
        ("Transition Layer (1)", "features.transition1", "16×16", "1×1 conv; 2×2 average pool, stride 2"),
        ("Dense Block (2)", "features.denseblock2", "16×16", "[1×1 conv; 3×3 conv] × 16"),
        ("Transition Layer (2)", "features.transition2", "8×8", "1×1 conv; 2×2 average pool, stride 2"),
        ("Dense Block (3)", "features.denseblock3", "8×8", "[1×1 conv; 3×3 conv] × 16"),
        ("Classification Layer", "features.norm5, relu, avgpool, classifier", "1×1",
         "BN, ReLU; 8×8 global average pool; 10D fully-connected"),
    ]


# --- The model computes what torchvision's does -------------------------------------------------


def test_dense_block_concatenates_its_input_and_every_layer_output():
    torch.manual_seed(0)
    model = models.densenet40_k12().eval()
    block = model.features.denseblock1
    x = torch.randn(2, 16, 8, 8)
    out = block(x)
    assert out.shape == (2, 16 + 12 * 12, 8, 8)
    assert torch.equal(out[:, :16], x)  # the input passes through untouched
    first = block.denselayer1(x)
    assert torch.allclose(out[:, 16:28], first)
    assert torch.allclose(out[:, 28:40], block.denselayer2(torch.cat([x, first], 1)))


def test_traced_model_equals_the_module():
    torch.manual_seed(0)
    model = models.densenet40_k12().eval()
    traced = torch.fx.symbolic_trace(model)
    x = torch.randn(1, 3, 32, 32)
    assert torch.allclose(traced(x), model(x))


# --- A planted drift reaches the facts --------------------------------------------------------


def test_growth_rate_fact_follows_a_planted_change(monkeypatch):
    """Facts are measured: a DenseNet-40 built with k = 10 reads k = 10 and its inputs follow."""
    entry = get_entry("densenet40_k12")

    def drifted(**options: object) -> nn.Module:
        spec = dataclasses.replace(entry.spec, growth_rate=10)
        return DenseNet(spec, num_classes=options["num_classes"])

    monkeypatch.setitem(models.registry._REGISTRY, "densenet40_k12", dataclasses.replace(entry, builder=drifted))
    planted = introspect_uncached(config("densenet40_k12"), 32).facts
    assert planted["growth_rate"] == 10
    assert planted["dense_layer_input_channels"][0][:3] == [16, 26, 36]
    assert planted["receives_all_preceding"] is True


def test_receives_all_preceding_catches_a_block_that_drops_its_input(monkeypatch):
    """A block that feeds each layer only its predecessor's output is caught by the fact."""
    entry = get_entry("densenet40_k12")

    class Chain(nn.Module):
        def __init__(self, layers: list[nn.Module]) -> None:
            super().__init__()
            for index, layer in enumerate(layers, start=1):
                self.add_module(f"denselayer{index}", layer)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            for layer in self.children():
                x = layer(x)
            return x

    def chained(**options: object) -> nn.Module:
        model = entry.builder(**options)
        model.features.denseblock1 = Chain([DenseLayer(16, growth_rate=16) for _ in range(12)])
        model.features.transition1 = Transition(16, 160)
        return model

    monkeypatch.setitem(models.registry._REGISTRY, "densenet40_k12", dataclasses.replace(entry, builder=chained))
    planted = introspect_uncached(config("densenet40_k12"), 32).facts
    assert planted["receives_all_preceding"] is False


def test_the_bottleneck_expands_the_first_layers_and_saves_what_the_paper_arithmetic_says():
    """Post 001 says the 1×1 "compresses": for the first layers of DenseNet-121 it expands (64 and 96 channels
    in, 4k = 128 out). The cost saved, recomputed from Table 1's arithmetic alone: a layer with c inputs on an
    H×W map costs 9·c·k·H·W with no bottleneck, (c·4k + 9·4k·k)·H·W with one."""
    facts = facts_of("densenet121")
    blocks, k, stem = ARCHITECTURES["densenet121"]
    sides, width, inputs = (56, 28, 14, 7), stem, []
    with_bottleneck = without = 0
    for layers, side in zip(blocks, sides, strict=True):
        for index in range(layers):
            c = width + k * index
            inputs.append(c)
            without += 9 * c * k * side * side
            with_bottleneck += (c * 4 * k + 9 * 4 * k * k) * side * side
        width = (width + k * layers) // 2
    assert facts["expanding_bottleneck_inputs"] == [c for c in inputs if c < 4 * k] == [64, 96]
    assert facts["expanding_bottlenecks"] == 2
    assert (facts["dense_layer_macs"], facts["dense_layer_macs_without_bottleneck"]) == (with_bottleneck, without)
    assert facts["bottleneck_macs_saved_pct"] == round(100 * (without - with_bottleneck) / without, 1) == 8.1
    plain = facts_of("densenet40_k12")
    assert (plain["expanding_bottlenecks"], plain["bottleneck_macs_saved_pct"]) == (0, 0.0)
