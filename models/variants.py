"""Modifications of the reference ResNets that blog posts write about, each a small named change.

A reproduction of ResNet-34 is often followed by an "improved" one: depthwise separable convolutions,
Swish or LeakyReLU, wider or narrower stages, fewer blocks, a 1×1 convolution before the classifier,
Dropout. Here each is a transformation of the reference, never a copy of it, in one of two places:

- ``spec``: a change of the spec before the model is built (widths, blocks per stage, block type).
  These change the shape of nearly every layer, which only the builder can do cleanly: a width
  multiplier is the spec's ``widths`` (the stem's width is ``widths[0]``) times a factor.
- ``model``: a module swap on the built model (a 3×3 convolution becomes a depthwise separable pair,
  ReLU becomes SiLU, the head gains a layer). Every module the change does not touch keeps its name.

Modifications apply to the default options only (for the ImageNet ResNets, variant v1.5): the
registry takes each one alone (``Option(alone=True)``), so they never multiply with the other options.
A few named combinations apply two changes in order.
"""

from __future__ import annotations

import dataclasses
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from torch import nn

from models.blocks import RESNET, ResNetSpec, conv1x1, init_weights

# How the ImageNet ResNets' forward pass ends: ``avgpool`` (global average pooling), flatten, ``fc``.
# A change to the head goes inside ``avgpool``, around the pooling, so that ``fc`` and every other
# module keep their names and state-dict keys.
POOL = "avgpool"


# --8<-- [start:depthwise-separable]
class DepthwiseSeparableConv2d(nn.Sequential):
    """A 3×3 convolution factored in two (Chollet 2017, Xception; Keras' ``SeparableConv2D``).

    A 3×3 depthwise convolution, one filter per input channel (``groups = in_channels``), carries the
    stride; a 1×1 pointwise convolution then mixes the channels into the output width. Nothing runs
    between the two: the block's BatchNorm and ReLU follow the pointwise one, where they followed the
    3×3. Weights: 9·C + C·C′ instead of the 3×3's 9·C·C′.
    """

    def __init__(self, in_channels: int, out_channels: int, *, stride: int = 1) -> None:
        super().__init__(OrderedDict(
            depthwise=nn.Conv2d(
                in_channels, in_channels, kernel_size=3, stride=stride, padding=1, groups=in_channels, bias=False,
            ),  # (N, C, H/stride, W/stride)
            pointwise=conv1x1(in_channels, out_channels),  # (N, C′, H/stride, W/stride)
        ))
# --8<-- [end:depthwise-separable]


def _initialised(module: nn.Module) -> nn.Module:
    """A swapped-in module starts as the reference's own do (He initialisation, BatchNorm as the identity)."""
    init_weights(module)
    return module


# --- Changes to the built model -----------------------------------------------------------------


def depthwise_separable(model: nn.Module) -> None:
    """Every 3×3 convolution of the residual blocks becomes a depthwise separable pair.

    The 7×7 stem and the 1×1 convolutions (a bottleneck's, the projection shortcuts') stay.
    """
    for block in [m for m in model.modules() if isinstance(m, RESNET.blocks)]:
        for name, conv in list(block.named_children()):
            if isinstance(conv, nn.Conv2d) and conv.kernel_size == (3, 3):
                pair = DepthwiseSeparableConv2d(conv.in_channels, conv.out_channels, stride=conv.stride[0])
                setattr(block, name, _initialised(pair))


def swap_activation(make: Callable[[], nn.Module]) -> Callable[[nn.Module], None]:
    """Every ReLU module becomes ``make()``: same place, same name."""

    def swap(model: nn.Module) -> None:
        for parent in list(model.modules()):
            for name, child in list(parent.named_children()):
                if isinstance(child, nn.ReLU):
                    setattr(parent, name, make())

    return swap


def _head(
    model: nn.Module, *, before: Sequence[tuple[str, nn.Module]] = (), after: Sequence[tuple[str, nn.Module]] = (),
) -> None:
    """Put layers before or after the global pooling, inside ``avgpool`` (see ``POOL``)."""
    current = model.get_submodule(POOL)
    parts = list(current.named_children()) if isinstance(current, nn.Sequential) else [("pool", current)]
    setattr(model, POOL, nn.Sequential(OrderedDict([*before, *parts, *after])))


def _halving_1x1(model: nn.Module, *, pooled: bool) -> None:
    """A 1×1 convolution to half the width, BatchNorm and ReLU, before global pooling or after it (on the
    pooled map, just before fc); fc then reads half as many features. After pooling the layers have their
    own names (``fc_conv``, ``fc_bn``, ``fc_relu``): placed elsewhere, they are other layers."""
    width, prefix = model.fc.in_features, "fc_" if pooled else ""
    layers = [
        (f"{prefix}conv", _initialised(conv1x1(width, width // 2))),  # (N, width / 2, H, W), or (N, width / 2, 1, 1)
        (f"{prefix}bn", _initialised(nn.BatchNorm2d(width // 2))),
        (f"{prefix}relu", nn.ReLU(inplace=True)),
    ]
    _head(model, **{"after" if pooled else "before": layers})
    model.fc = nn.Linear(width // 2, model.fc.out_features)


def conv1x1_head(model: nn.Module) -> None:
    """The 1×1 head before global pooling: it runs at every position of the last feature map.

    ResNet-34: 512 → 256 channels on the 7×7 map, then fc 256 → classes.
    """
    _halving_1x1(model, pooled=False)


def conv1x1_after_pool(model: nn.Module) -> None:
    """The 1×1 head after global pooling, on the pooled map: it runs once per image, not once per position
    (the placement of post 002's "1×1 before fc")."""
    _halving_1x1(model, pooled=True)


def dropout_head(model: nn.Module) -> None:
    """Dropout with p = 0.5 between global pooling and fc. At inference (``eval()``) it is the identity."""
    _head(model, after=[("dropout", nn.Dropout(p=0.5))])


# --- Changes to the spec ------------------------------------------------------------------------


def width_multiplier(factor: float) -> Callable[[ResNetSpec], ResNetSpec]:
    """Every stage's width, and with the first the stem's, times ``factor``."""

    def scale(spec: ResNetSpec) -> ResNetSpec:
        return dataclasses.replace(spec, widths=tuple(round(width * factor) for width in spec.widths))

    return scale


def halved_blocks(spec: ResNetSpec) -> ResNetSpec:
    """Half the blocks of every stage, rounded up: ResNet-34's [3, 4, 6, 3] becomes [2, 2, 3, 2]."""
    return dataclasses.replace(spec, layers=tuple(math.ceil(n / 2) for n in spec.layers))


def on_bottlenecks(spec: ResNetSpec) -> ResNetSpec:
    """The same stages on bottleneck blocks: ResNet-34's stages this way are ResNet-50 (Table 1)."""
    return dataclasses.replace(spec, block="bottleneck")


# --- The named modifications --------------------------------------------------------------------


def _same_spec(spec: ResNetSpec) -> ResNetSpec:
    return spec


def _unchanged(model: nn.Module) -> None:
    return None


@dataclass(frozen=True)
class Modification:
    """One named change: ``spec`` before the model is built, then ``model`` on the built model."""

    name: str
    summary: Mapping[str, str]  # what it does, one line without a final period, in every language: {"en": …, "zh": …}
    spec: Callable[[ResNetSpec], ResNetSpec] = _same_spec
    model: Callable[[nn.Module], None] = _unchanged


# How a combined modification's summary chains its parts, in every language the site is written in.
THEN = {"en": "; then ", "zh": "；然后"}


def combined(name: str, *parts: Modification) -> Modification:
    """Several modifications, applied in order."""

    def spec(value: ResNetSpec) -> ResNetSpec:
        for part in parts:
            value = part.spec(value)
        return value

    def model(built: nn.Module) -> None:
        for part in parts:
            part.model(built)

    summary = {lang: then.join(part.summary[lang] for part in parts) for lang, then in THEN.items()}
    return Modification(name, summary, spec, model)


NONE = Modification("none", {"en": "the reference, unchanged", "zh": "参考模型，未作改动"})
DWS = Modification(
    "dws", {"en": "every 3×3 convolution of the blocks becomes a 3×3 depthwise and a 1×1 pointwise convolution", "zh": "块中每个 3×3 卷积都换成一个 3×3 深度卷积加一个 1×1 逐点卷积"},
    model=depthwise_separable,
)
LEAKY_RELU = Modification("leaky-relu", {"en": "every ReLU becomes LeakyReLU with slope 0.01", "zh": "每个 ReLU 都换成斜率为 0.01 的 LeakyReLU"},
                          model=swap_activation(lambda: nn.LeakyReLU(negative_slope=0.01, inplace=True)))
SILU = Modification("silu", {"en": "every ReLU becomes SiLU (Swish)", "zh": "每个 ReLU 都换成 SiLU（Swish）"}, model=swap_activation(lambda: nn.SiLU(inplace=True)))
HALF_WIDTH = Modification("half-width", {"en": "every stage and the stem half as wide", "zh": "每个阶段和起始层都减为一半宽度"}, spec=width_multiplier(0.5))
DOUBLE_WIDTH = Modification("double-width", {"en": "every stage and the stem twice as wide", "zh": "每个阶段和起始层都加倍宽度"}, spec=width_multiplier(2))
HALF_DEPTH = Modification("half-depth", {"en": "half the blocks in every stage, rounded up", "zh": "每个阶段的块数减半，向上取整"}, spec=halved_blocks)
BOTTLENECK = Modification("bottleneck", {"en": "the same stages on bottleneck blocks", "zh": "阶段不变，改用瓶颈块"}, spec=on_bottlenecks)
HEAD_1X1 = Modification("head-1x1", {"en": "a 1×1 convolution to half the width, BatchNorm and ReLU before global pooling", "zh": "全局池化之前加一个把宽度减半的 1×1 卷积，再接 BatchNorm 和 ReLU"},
                        model=conv1x1_head)
HEAD_1X1_POOLED = Modification("head-1x1-pooled", {
    "en": "the same 1×1 convolution, BatchNorm and ReLU after global pooling, on the pooled map, before fc",
    "zh": "同样的 1×1 卷积、BatchNorm 和 ReLU 放在全局池化之后，作用于池化后的特征、位于全连接层之前",
}, model=conv1x1_after_pool)
DROPOUT = Modification("dropout", {"en": "Dropout 0.5 before the fully connected layer", "zh": "全连接层之前加 Dropout 0.5"}, model=dropout_head)

SINGLE = [DWS, LEAKY_RELU, SILU, HALF_WIDTH, DOUBLE_WIDTH, HALF_DEPTH, BOTTLENECK, HEAD_1X1, HEAD_1X1_POOLED, DROPOUT]
COMBINED = [
    combined("dws-silu", DWS, SILU),  # the MobileNet-like pairing
    combined("dws-double-width", DOUBLE_WIDTH, DWS),  # does a separable ResNet-34 twice as wide still cost less?
    combined("head-1x1-dropout", HEAD_1X1, DROPOUT),
]
MODIFICATIONS: dict[str, Modification] = {m.name: m for m in [NONE, *SINGLE, *COMBINED]}


def modified(spec: ResNetSpec, name: str, build: Callable[[ResNetSpec], nn.Module]) -> nn.Module:
    """``build`` the modification ``name`` of ``spec``: its spec change first, then its change to the model."""
    if name not in MODIFICATIONS:
        raise ValueError(f"unknown modification {name!r}; valid modifications: {', '.join(MODIFICATIONS)}")
    modification = MODIFICATIONS[name]
    model = build(modification.spec(spec))
    modification.model(model)
    return model
