"""The models hold to the paper and to torchvision: every test loops over the registry.

Reference figures (torchvision's parameter counts, the paper's Tables 1 and 6) are written
here as data, so a model that drifts from its source fails by name.
"""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import models
from models import BasicBlock, Bottleneck, BottleneckV1, ZeroPadShortcut, get_entry, get_model, list_models
from tests.conftest import example_input, reference_model

# torchvision's published parameter counts (torchvision.models.ResNet*_Weights.IMAGENET1K_V1.meta).
TORCHVISION_PARAMS = {
    "resnet18": 11_689_512,
    "resnet34": 21_797_672,
    "resnet50": 25_557_032,
    "resnet101": 44_549_160,
    "resnet152": 60_192_808,
}
# He et al. 2016, Table 6: parameters in millions, option A shortcuts. Strings keep the paper's digits.
PAPER_PARAMS_MILLIONS = {
    "resnet20": "0.27",
    "resnet32": "0.46",
    "resnet44": "0.66",
    "resnet56": "0.85",
    "resnet110": "1.7",
    "resnet1202": "19.4",
}
# He et al. 2016, Table 1, "FLOPs" row: multiply-adds at 224×224, in units of 10^9.
PAPER_GIGA_MACS = {
    "resnet18": 1.8,
    "resnet34": 3.6,
    "resnet50": 3.8,
    "resnet101": 7.6,
    "resnet152": 11.3,
}
MAC_TOLERANCE = 0.02

# Option B's projections on CIFAR (section 4.2): (in_channels, out_channels) where layer2 and layer3 begin.
CIFAR_PROJECTIONS = {"layer2.0.downsample": (16, 32), "layer3.0.downsample": (32, 64)}

EXPANSION = {"basic": 1, "bottleneck": 4}
BLOCK_CLASS = {"basic": BasicBlock, "bottleneck": Bottleneck}

# Per-sample output shapes after each named module, from section 4.2 and Table 1.
# Stage channels are given for basic blocks; a bottleneck stage outputs EXPANSION times as many.
CIFAR_SHAPES = {
    "conv1": (16, 32, 32),
    "layer1": (16, 32, 32),
    "layer2": (32, 16, 16),
    "layer3": (64, 8, 8),
}
IMAGENET_SHAPES = {
    "conv1": (64, 112, 112),
    "maxpool": (64, 56, 56),
    "layer1": (64, 56, 56),
    "layer2": (128, 28, 28),
    "layer3": (256, 14, 14),
    "layer4": (512, 7, 7),
}

MODEL_ORDER = [
    "resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "resnet1202",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "vgg11", "vgg13", "vgg16", "vgg19",
    "inception_v3",
    "densenet40_k12", "densenet100_k12_bc", "densenet121", "densenet161", "densenet169", "densenet201",
]


RESNETS = [name for name in list_models() if get_entry(name).family.name == "resnet"]
REGISTRY_FUNCTIONS = {"get_entry", "get_model", "list_models"}


def names(dataset: str) -> list[str]:
    """The ResNets of one data set."""
    return [name for name in RESNETS if get_entry(name).dataset == dataset]


def bottleneck_names() -> list[str]:
    return [name for name in names("imagenet") if get_entry(name).spec.block == "bottleneck"]


def configurations(family: str | None = None) -> list[pytest.param]:
    """Every (model, options) pair the registry accepts, as pytest params named like `resnet20-shortcut=B`.

    The paper's models only: modifications (resnet34 with modification="dws" …) are tested in
    tests/test_modifications.py.
    """
    return [
        pytest.param(name, options, id="-".join([name, *(f"{k}={v}" for k, v in options.items())]))
        for name in RESNETS
        if family in (None, get_entry(name).dataset)
        for options in get_entry(name).configurations()
        if not get_entry(name).is_modified(options)
    ]


def build(name: str, **options: object) -> nn.Module:
    """A registered model, built once per session (tests/conftest.py): true shapes and counts."""
    return reference_model(name, **options)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def count_macs(model: nn.Module, input_size: int) -> int:
    """Multiply-accumulates of convolutions and linear layers for one image, counted by PyTorch."""
    with FlopCounterMode(display=False) as counter:
        model(example_input(model, input_size))
    flops = counter.get_flop_counts()["Global"]
    aten = torch.ops.aten
    # FlopCounterMode counts one multiply-add as 2 FLOPs.
    return sum(flops.get(op, 0) for op in (aten.convolution, aten.mm, aten.addmm)) // 2


def output_shapes(model: nn.Module, input_size: int) -> dict[str, tuple[int, ...]]:
    """Per-sample output shape of the stem, each stage and the classifier, recorded by forward hooks."""
    watched = ["conv1", "maxpool", "layer1", "layer2", "layer3", "layer4", "fc"]
    shapes: dict[str, tuple[int, ...]] = {}
    handles = [
        module.register_forward_hook(
            lambda _module, _inputs, output, name=name: shapes.__setitem__(name, tuple(output.shape[1:]))
        )
        for name, module in model.named_children()
        if name in watched
    ]
    # An inference forward: in training mode Inception-v3's auxiliary head needs more than one image.
    model.eval()(example_input(model, input_size))
    for handle in handles:
        handle.remove()
    return shapes


def state_dict_shapes(model: nn.Module) -> dict[str, tuple[int, ...]]:
    return {key: tuple(tensor.shape) for key, tensor in model.state_dict().items()}


def downsample_names(model: nn.Module) -> list[str]:
    return [name for name, _ in model.named_modules() if name.endswith(".downsample")]


def conv_strides(model: nn.Module) -> dict[str, tuple[int, int]]:
    return {name: module.stride for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}


def depth_from_name(name: str) -> int:
    return int(name.removeprefix("resnet"))


# --- Parameter counts -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "options"), configurations("imagenet"))
def test_imagenet_parameter_count_equals_torchvision(name, options):
    assert count_params(build(name, **options)) == TORCHVISION_PARAMS[name]


@pytest.mark.parametrize("name", names("cifar10"))
def test_cifar_option_a_parameter_count_rounds_to_paper_table_6(name):
    figure = PAPER_PARAMS_MILLIONS[name]
    significant_digits = len(figure.replace(".", "").lstrip("0"))
    millions = count_params(build(name, shortcut="A")) / 1e6
    assert float(f"{millions:.{significant_digits}g}") == float(figure)


@pytest.mark.parametrize("name", names("cifar10"))
def test_cifar_option_b_adds_exactly_its_two_projections(name):
    # A 1×1 convolution without bias has in × out weights; BatchNorm has a scale and a shift per channel.
    projection_params = sum(c_in * c_out + 2 * c_out for c_in, c_out in CIFAR_PROJECTIONS.values())
    assert projection_params == 2_752
    option_a, option_b = build(name, shortcut="A"), build(name, shortcut="B")
    assert count_params(option_b) - count_params(option_a) == projection_params


@pytest.mark.parametrize("name", names("cifar10"))
def test_cifar_option_b_downsamples_with_two_1x1_projections(name):
    model = build(name, shortcut="B")
    assert downsample_names(model) == list(CIFAR_PROJECTIONS)
    for module_name, (c_in, c_out) in CIFAR_PROJECTIONS.items():
        downsample = model.get_submodule(module_name)
        assert isinstance(downsample, nn.Sequential)
        conv, bn = downsample
        assert isinstance(conv, nn.Conv2d) and isinstance(bn, nn.BatchNorm2d)
        assert (conv.in_channels, conv.out_channels) == (c_in, c_out)
        assert (conv.kernel_size, conv.stride, conv.bias) == ((1, 1), (2, 2), None)
        assert bn.num_features == c_out


# --- Multiply-accumulates ---------------------------------------------------------------------


@pytest.mark.parametrize("name", names("imagenet"))
def test_imagenet_v1_macs_lie_within_two_percent_of_paper_table_1(name):
    macs = count_macs(build(name, variant="v1"), get_entry(name).input_size)
    assert macs / 1e9 == pytest.approx(PAPER_GIGA_MACS[name], rel=MAC_TOLERANCE)


@pytest.mark.parametrize("name", bottleneck_names())
def test_v1_5_bottleneck_macs_exceed_v1_by_its_unstrided_first_convs(name):
    # v1.5 runs the first 1×1 of layer2.0, layer3.0 and layer4.0 on the full input map instead of
    # every other pixel, so it computes 3/4 of each of those convolutions' full-resolution MACs more.
    # Input maps: 256 channels at 56×56, 512 at 28×28, 1024 at 14×14; widths 128, 256, 512.
    full_resolution_macs = sum(c_in * width * side * side for c_in, width, side in [
        (256, 128, 56), (512, 256, 28), (1024, 512, 14),
    ])
    input_size = get_entry(name).input_size
    v1 = count_macs(build(name, variant="v1"), input_size)
    v1_5 = count_macs(build(name, variant="v1.5"), input_size)
    assert v1_5 - v1 == full_resolution_macs * 3 // 4 == 231_211_008


@pytest.mark.parametrize("name", bottleneck_names())
def test_v1_5_bottleneck_macs_lie_above_paper_table_1(name):
    # Only above, not beyond the 2% band: resnet152 v1.5 is 11.51e9, 1.9% above the paper's 11.3e9.
    macs = count_macs(build(name, variant="v1.5"), get_entry(name).input_size)
    assert macs / 1e9 > PAPER_GIGA_MACS[name]


# --- Output shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "options"), configurations())
def test_stem_stage_and_logit_shapes_follow_the_paper(name, options):
    entry = get_entry(name)
    expansion = EXPANSION[entry.spec.block]
    reference = CIFAR_SHAPES if entry.dataset == "cifar10" else IMAGENET_SHAPES
    expected = {
        module: (channels * expansion if module.startswith("layer") else channels, *size)
        for module, (channels, *size) in reference.items()
    }
    expected["fc"] = (entry.num_classes,)
    assert output_shapes(build(name, **options), entry.input_size) == expected


@pytest.mark.parametrize("name", RESNETS)  # DenseNet's classifier: tests/test_densenet.py
def test_num_classes_sets_the_logit_width(name):
    model = build(name, num_classes=7)
    assert (model.fc.out_features, output_shapes(model, get_entry(name).input_size)["fc"]) == (7, (7,))


# --- Registry ---------------------------------------------------------------------------------


def test_list_models_orders_cifar_then_imagenet_by_depth():
    assert list_models() == MODEL_ORDER


def test_every_exported_builder_is_registered():
    # Builders are the lowercase exports (resnet20, vgg16 …); classes and the family objects are capitalised.
    exported = [name for name in models.__all__ if name.islower() and name not in REGISTRY_FUNCTIONS]
    assert sorted(exported) == sorted(list_models())


@pytest.mark.parametrize("name", list_models())
def test_builder_is_registered_under_its_name_and_builds_the_same_model(name):
    builder = getattr(models, name)
    assert get_entry(name).builder is builder
    with torch.device("meta"):
        direct = builder()
    assert state_dict_shapes(direct) == state_dict_shapes(build(name))


@pytest.mark.parametrize("name", RESNETS)
def test_entry_metadata_matches_its_family(name):
    entry = get_entry(name)
    expected = {
        "cifar10": (32, 10, {"shortcut": ("A", "B")}),
        "imagenet": (224, 1000, {"variant": ("v1.5", "v1")}),
    }[entry.dataset]
    # Modifications (options taken alone): tests/test_modifications.py.
    options = {name: option.values for name, option in entry.options.items() if not option.alone}
    assert (entry.input_size, entry.num_classes, options) == expected
    assert entry.configurations()[0] == entry.defaults
    assert {name: value for name, value in entry.defaults.items() if name in options} == {
        name: values[0] for name, values in options.items()
    }


@pytest.mark.parametrize(("name", "options"), configurations())
def test_spec_matches_the_built_stages(name, options):
    spec = get_entry(name).spec
    model = build(name, **options)
    for index, (num_blocks, width) in enumerate(zip(spec.layers, spec.widths, strict=True), start=1):
        stage = model.get_submodule(f"layer{index}")
        assert len(stage) == num_blocks
        for block in stage:
            assert isinstance(block, BLOCK_CLASS[spec.block])
            # conv2 is the 3×3 in both blocks; a bottleneck's conv3 widens by the expansion.
            assert block.conv1.out_channels == block.conv2.out_channels == width
            if spec.block == "bottleneck":
                assert block.conv3.out_channels == width * EXPANSION["bottleneck"]
    assert model.fc.in_features == spec.widths[-1] * EXPANSION[spec.block]
    assert model.fc.out_features == get_entry(name).num_classes


@pytest.mark.parametrize("name", RESNETS)
def test_depth_in_name_counts_main_path_convs_and_fc(name):
    model = build(name)
    main_path = [
        module_name for module_name, module in model.named_modules()
        if isinstance(module, nn.Conv2d | nn.Linear) and ".downsample" not in module_name
    ]
    assert len(main_path) == depth_from_name(name)


@pytest.mark.parametrize("name", names("cifar10"))
def test_cifar_depth_is_6n_plus_2(name):
    n, *others = get_entry(name).spec.layers
    assert others == [n, n]
    assert depth_from_name(name) == 6 * n + 2


@pytest.mark.parametrize("name", ["resnet19", "ResNet20", ""])
def test_unknown_model_raises_listing_valid_models(name):
    with pytest.raises(ValueError, match=r"unknown model .*resnet20.*resnet152"):
        get_model(name)
    with pytest.raises(ValueError, match=r"resnet20.*resnet152"):
        get_entry(name)


@pytest.mark.parametrize(("name", "option", "valid"), [
    ("resnet20", "variant", "shortcut, num_classes"),
    ("resnet50", "shortcut", "variant, num_classes"),
    ("resnet34", "pretrained", "variant, modification, num_classes"),
])
def test_unknown_option_raises_listing_valid_options(name, option, valid):
    with pytest.raises(ValueError, match=rf"no option '{option}'; valid options: {valid}$"):
        get_model(name, **{option: "v1"})


@pytest.mark.parametrize(("name", "option", "value", "valid"), [
    ("resnet20", "shortcut", "C", "'A', 'B'"),
    ("resnet20", "shortcut", "a", "'A', 'B'"),
    ("resnet50", "variant", "v2", "'v1.5', 'v1'"),
    ("resnet50", "variant", 1.5, "'v1.5', 'v1'"),
])
def test_bad_option_value_raises_listing_valid_values(name, option, value, valid):
    with pytest.raises(ValueError, match=rf"valid values: {re.escape(valid)}$"):
        get_model(name, **{option: value})


@pytest.mark.parametrize("num_classes", [0, -1, True, 10.0, "10"])
@pytest.mark.parametrize("name", ["resnet20", "resnet18"])
def test_num_classes_must_be_a_positive_integer(name, num_classes):
    with pytest.raises(ValueError, match="num_classes must be a positive integer"):
        get_model(name, num_classes=num_classes)


# --- Variants and shortcuts -------------------------------------------------------------------


@pytest.mark.parametrize("name", names("imagenet"))
def test_variants_differ_only_in_which_bottleneck_conv_strides(name):
    v1, v1_5 = build(name, variant="v1"), build(name, variant="v1.5")
    assert state_dict_shapes(v1) == state_dict_shapes(v1_5)
    strides_v1, strides_v1_5 = conv_strides(v1), conv_strides(v1_5)
    differing = {conv for conv in strides_v1 if strides_v1[conv] != strides_v1_5[conv]}
    if get_entry(name).spec.block == "basic":
        assert differing == set()
        return
    assert differing == {f"layer{stage}.0.{conv}" for stage in (2, 3, 4) for conv in ("conv1", "conv2")}
    for stage in (2, 3, 4):
        assert type(v1.get_submodule(f"layer{stage}.0")) is BottleneckV1
        assert type(v1_5.get_submodule(f"layer{stage}.0")) is Bottleneck
        assert strides_v1[f"layer{stage}.0.conv1"] == strides_v1_5[f"layer{stage}.0.conv2"] == (2, 2)
        assert strides_v1[f"layer{stage}.0.conv2"] == strides_v1_5[f"layer{stage}.0.conv1"] == (1, 1)


def test_zero_pad_shortcut_keeps_every_other_pixel_and_appends_zero_channels():
    x = torch.arange(16.0).reshape(1, 1, 4, 4)
    shortcut = ZeroPadShortcut(extra_channels=1, stride=2)
    expected = torch.tensor([[[[0.0, 2.0], [8.0, 10.0]], [[0.0, 0.0], [0.0, 0.0]]]])
    assert torch.equal(shortcut(x), expected)
    assert list(shortcut.parameters()) == []


@pytest.mark.parametrize("name", names("cifar10"))
def test_cifar_option_a_shortcuts_subsample_and_zero_pad(name):
    model = build(name, shortcut="A")
    assert downsample_names(model) == list(CIFAR_PROJECTIONS)
    for module_name, (c_in, c_out) in CIFAR_PROJECTIONS.items():
        shortcut = model.get_submodule(module_name)
        assert isinstance(shortcut, ZeroPadShortcut)
        x = torch.randn(2, c_in, 8, 8)
        out = shortcut(x)
        assert out.shape == (2, c_out, 4, 4)
        assert torch.equal(out[:, :c_in], x[:, :, ::2, ::2])
        assert torch.equal(out[:, c_in:], torch.zeros(2, c_out - c_in, 4, 4))


# --- torchvision layout -----------------------------------------------------------------------


def test_resnet50_state_dict_follows_torchvision_layout():
    keys = list(build("resnet50").state_dict())
    assert keys[:7] == [
        "conv1.weight",
        "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
        "layer1.0.conv1.weight",
    ]
    assert {"layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_var"} <= set(keys)
    assert keys[-2:] == ["fc.weight", "fc.bias"]
    # torchvision's resnet50 state_dict: 53 convolutions, 53 BatchNorms of 5 entries each, fc weight and bias.
    assert len(keys) == 53 + 53 * 5 + 2 == 320


@pytest.mark.parametrize(("name", "stages"), [
    ("resnet18", ["layer2.0", "layer3.0", "layer4.0"]),
    ("resnet34", ["layer2.0", "layer3.0", "layer4.0"]),
    ("resnet50", ["layer1.0", "layer2.0", "layer3.0", "layer4.0"]),
])
def test_imagenet_downsample_only_where_the_shape_changes(name, stages):
    assert downsample_names(build(name)) == [f"{stage}.downsample" for stage in stages]
