"""DenseNets of Huang, Liu, van der Maaten, Weinberger 2017, "Densely Connected Convolutional Networks".

A dense block feeds every layer the concatenation of all feature maps before it in the block
(section 3, "Dense connectivity"): layer l of a block that receives m channels reads
m + k·(l − 1) channels and adds k, the growth rate. Between two blocks a transition layer
(BN-ReLU-1×1 conv-2×2 average pool) halves the map and, with compression θ < 1, the channels.

Module names follow torchvision's layout, so its checkpoints load with ``strict=True``:
``features.conv0``/``norm0``/``relu0``/``pool0`` (the stem: Table 1's "Convolution" and "Pooling"
rows), ``features.denseblockN.denselayerL.norm1``/``conv1``/``norm2``/``conv2`` (Dense Block (N)),
``features.transitionN.norm``/``conv``/``pool`` (Transition Layer (N)), ``features.norm5`` and
``classifier``. ``features.norm5`` is the final BatchNorm; torchvision keeps it inside
``features``, the anatomy here counts it in the head with the ReLU and the pooling that follow it:
Table 1's last dense block row lists the dense layers only.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import torch
from torch import nn

from models.family import Anatomy, BlockLayers, Family, ModelEntry, Option, Stage

Stem = Literal["imagenet", "cifar"]


@dataclass(frozen=True)
class DenseNetSpec:
    """What the paper's tables say about one DenseNet.

    ``layers``: dense layers per block (torchvision's ``block_config``). ``init_features``: channels
    out of the stem (``num_init_features``). ``bn_size``: a bottleneck layer's 1×1 outputs
    ``bn_size × k`` channels (section 3, "Bottleneck layers": 4k); 0 means no bottleneck, each
    layer is a single BN-ReLU-3×3 conv. ``compression``: θ, a transition's output channels over
    its input channels (section 3, "Compression").
    """

    growth_rate: int
    layers: tuple[int, ...]
    init_features: int
    bn_size: int = 4
    compression: float = 0.5
    stem: Stem = "imagenet"


def dense_notation(layers: BlockLayers, repeats: int) -> str:
    """Table 1's notation: [1×1 conv; 3×3 conv] × 6 (the widths follow from k and are left out)."""
    inner = "; ".join(f"{kernel.replace('x', '×')} conv" for kernel, _ in layers)
    return f"[{inner}] × {repeats}"


# --8<-- [start:dense-layer]
class DenseLayer(nn.Module):
    """The composite function H_l of section 3: BN-ReLU-3×3 conv, adding k feature maps.

    The plain DenseNet of Table 2 (no bottleneck); torchvision has no such layer.
    """

    def __init__(self, in_channels: int, *, growth_rate: int) -> None:
        super().__init__()
        self.in_channels = in_channels  # m + k·(l − 1): the block's input and every earlier layer's k
        self.out_channels = growth_rate  # k
        self.norm = nn.BatchNorm2d(in_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(in_channels, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, m + k·(l − 1), H, W)
        return self.conv(self.relu(self.norm(x)))  # (N, k, H, W)
# --8<-- [end:dense-layer]


# --8<-- [start:bottleneck-layer]
class BottleneckDenseLayer(nn.Module):
    """DenseNet-B's H_l (section 3, "Bottleneck layers"): BN-ReLU-1×1 conv to 4k, then BN-ReLU-3×3 conv to k.

    torchvision's ``_DenseLayer``: ``bn_size`` is the 4 of 4k.
    """

    def __init__(self, in_channels: int, *, growth_rate: int, bn_size: int) -> None:
        super().__init__()
        self.in_channels = in_channels  # m + k·(l − 1)
        self.bottleneck_width = bn_size * growth_rate  # 4k
        self.out_channels = growth_rate  # k
        self.norm1 = nn.BatchNorm2d(in_channels)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_channels, self.bottleneck_width, kernel_size=1, bias=False)
        self.norm2 = nn.BatchNorm2d(self.bottleneck_width)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(self.bottleneck_width, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, m + k·(l − 1), H, W)
        x = self.conv1(self.relu1(self.norm1(x)))  # (N, 4k, H, W)
        return self.conv2(self.relu2(self.norm2(x)))  # (N, k, H, W)
# --8<-- [end:bottleneck-layer]


# --8<-- [start:dense-block]
class DenseBlock(nn.Module):
    """Dense connectivity (section 3, Figure 1): x_l = H_l([x_0, x_1, …, x_{l−1}]).

    The block outputs its input and every layer's k maps: m + k·L channels for L layers.
    """

    def __init__(self, layers: Sequence[DenseLayer | BottleneckDenseLayer]) -> None:
        super().__init__()
        for index, layer in enumerate(layers, start=1):
            self.add_module(f"denselayer{index}", layer)
        self.out_channels = layers[0].in_channels + sum(layer.out_channels for layer in layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, m, H, W)
        features = [x]
        for layer in self.children():
            features.append(layer(torch.cat(features, 1)))  # layer l reads m + k·(l − 1) channels
        return torch.cat(features, 1)  # (N, m + k·L, H, W)
# --8<-- [end:dense-block]


class Transition(nn.Module):
    """A transition layer (section 3, "Pooling layers"): BN-ReLU-1×1 conv to ⌊θm⌋ channels, 2×2 average pool."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__()
        self.norm = nn.BatchNorm2d(in_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, m, H, W)
        x = self.conv(self.relu(self.norm(x)))  # (N, ⌊θm⌋, H, W)
        return self.pool(x)  # (N, ⌊θm⌋, H/2, W/2)


def dense_layer(spec: DenseNetSpec, in_channels: int) -> DenseLayer | BottleneckDenseLayer:
    if spec.bn_size:
        return BottleneckDenseLayer(in_channels, growth_rate=spec.growth_rate, bn_size=spec.bn_size)
    return DenseLayer(in_channels, growth_rate=spec.growth_rate)


def stem(spec: DenseNetSpec) -> list[tuple[str, nn.Module]]:
    """ImageNet (Table 1): 7×7/2 conv and 3×3/2 max pool, 2k filters.

    CIFAR (section 3, "Implementation Details"): one 3×3 conv with 16 filters, 2k for DenseNet-BC. It
    has no BatchNorm or ReLU: the first dense layer begins with its own BN-ReLU.
    """
    c = spec.init_features
    if spec.stem == "cifar":
        return [("conv0", nn.Conv2d(3, c, kernel_size=3, padding=1, bias=False))]  # (N, c, 32, 32)
    return [
        ("conv0", nn.Conv2d(3, c, kernel_size=7, stride=2, padding=3, bias=False)),  # (N, c, 112, 112)
        ("norm0", nn.BatchNorm2d(c)),
        ("relu0", nn.ReLU(inplace=True)),
        ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),  # (N, c, 56, 56)
    ]


class DenseNet(nn.Module):
    def __init__(self, spec: DenseNetSpec, *, num_classes: int) -> None:
        super().__init__()
        self.features = nn.Sequential(OrderedDict(stem(spec)))
        channels = spec.init_features
        for index, num_layers in enumerate(spec.layers, start=1):
            block = DenseBlock([dense_layer(spec, channels + i * spec.growth_rate) for i in range(num_layers)])
            self.features.add_module(f"denseblock{index}", block)  # (N, m + k·L, H, W)
            channels = block.out_channels
            if index < len(spec.layers):
                out_channels = math.floor(spec.compression * channels)  # ⌊θm⌋
                transition = Transition(channels, out_channels)  # (N, ⌊θm⌋, H/2, W/2)
                self.features.add_module(f"transition{index}", transition)
                channels = out_channels
        self.features.add_module("norm5", nn.BatchNorm2d(channels))
        # torchvision applies this ReLU and the pooling as functions in forward; here they are modules
        # so that the layer table shows them. Neither has state: the state-dict keys are the same.
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(channels, num_classes)
        init_weights(self)
        self.anatomy = Anatomy(
            stages=tuple(
                Stage(f"features.denseblock{i}", f"Dense Block ({i})") for i in range(1, len(spec.layers) + 1)
            ),
            stem_name="Convolution" if spec.stem == "cifar" else "Convolution + Pooling",
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 3, H, W)
        x = self.features(x)  # (N, C, H/32, W/32) on ImageNet, (N, C, H/4, W/4) on CIFAR; ends with norm5
        x = torch.flatten(self.avgpool(self.relu(x)), 1)  # (N, C)
        return self.classifier(x)  # (N, num_classes)


def init_weights(model: nn.Module) -> None:
    """torchvision's: He normal for convolutions, BatchNorm as the identity, zero fc bias."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.constant_(module.weight, 1)
            nn.init.constant_(module.bias, 0)
        elif isinstance(module, nn.Linear):
            nn.init.constant_(module.bias, 0)


DENSENET = Family(
    name="densenet",
    title="DenseNet",
    paper="Huang, Liu, van der Maaten, Weinberger. Densely Connected Convolutional Networks. CVPR 2017",
    blocks=(DenseLayer, BottleneckDenseLayer),  # a dense layer is the repeated unit; a block holds many
    side_paths=(),  # concatenation keeps every path: nothing runs beside the main path
    notation=dense_notation,
    layer_chain=False,  # each layer concatenates onto all before it: not the arcs of Figure 3
)

# Table 1 (k = 32) and torchvision's DenseNet-161 (k = 48). All are DenseNet-BC: bottleneck 4k, θ = 0.5.
IMAGENET_SPECS = {
    "densenet121": DenseNetSpec(growth_rate=32, layers=(6, 12, 24, 16), init_features=64),
    "densenet161": DenseNetSpec(growth_rate=48, layers=(6, 12, 36, 24), init_features=96),
    "densenet169": DenseNetSpec(growth_rate=32, layers=(6, 12, 32, 32), init_features=64),
    "densenet201": DenseNetSpec(growth_rate=32, layers=(6, 12, 48, 32), init_features=64),
}
# Section 3 ("Implementation Details") and Table 2: three blocks of equal size on 32×32, 16×16 and 8×8 maps.
# L = 40 without bottleneck: (40 − 4) / 3 = 12 layers a block; L = 100 with bottleneck: (100 − 4) / 6 = 16.
CIFAR_SPECS = {
    "densenet40_k12": DenseNetSpec(
        growth_rate=12, layers=(12, 12, 12), init_features=16, bn_size=0, compression=1.0, stem="cifar",
    ),
    "densenet100_k12_bc": DenseNetSpec(growth_rate=12, layers=(16, 16, 16), init_features=24, stem="cifar"),
}


def densenet40_k12(*, num_classes: int = 10) -> DenseNet:
    return DenseNet(CIFAR_SPECS["densenet40_k12"], num_classes=num_classes)


def densenet100_k12_bc(*, num_classes: int = 10) -> DenseNet:
    return DenseNet(CIFAR_SPECS["densenet100_k12_bc"], num_classes=num_classes)


def densenet121(*, growth_rate: int = 32, num_classes: int = 1000) -> DenseNet:
    """``growth_rate=12`` changes k alone (the stem keeps 64 features): not a torchvision model."""
    return DenseNet(replace(IMAGENET_SPECS["densenet121"], growth_rate=growth_rate), num_classes=num_classes)


def densenet161(*, num_classes: int = 1000) -> DenseNet:
    return DenseNet(IMAGENET_SPECS["densenet161"], num_classes=num_classes)


def densenet169(*, num_classes: int = 1000) -> DenseNet:
    return DenseNet(IMAGENET_SPECS["densenet169"], num_classes=num_classes)


def densenet201(*, num_classes: int = 1000) -> DenseNet:
    return DenseNet(IMAGENET_SPECS["densenet201"], num_classes=num_classes)


GROWTH_RATE = Option(
    (32, 12), tags={12: "k12"},
    help={"en": "k, the feature maps each dense layer adds; k = 12 is not a torchvision model, only k changes", "zh": "k，每个稠密层新增的特征图数；k = 12 不是 torchvision 的模型，只有 k 改变"},
)

CIFAR_TITLES = {"densenet40_k12": "DenseNet-40 (k=12)", "densenet100_k12_bc": "DenseNet-BC-100 (k=12)"}

ENTRIES = [
    *(
        ModelEntry(
            name=name, title=CIFAR_TITLES[name], builder=globals()[name], family=DENSENET,
            dataset="cifar10", spec=spec, input_size=32, num_classes=10, options={},
            source="Huang et al. 2017, section 3 (implementation details) and Table 2",
        )
        for name, spec in CIFAR_SPECS.items()
    ),
    *(
        ModelEntry(
            name=name, title="DenseNet-" + name.removeprefix("densenet"), builder=globals()[name], family=DENSENET,
            dataset="imagenet", spec=spec, input_size=224, num_classes=1000,
            options={"growth_rate": GROWTH_RATE} if name == "densenet121" else {},
            source=("Huang et al. 2017, Table 1" if name != "densenet161"
                    else "torchvision densenet161 (k = 48)"),
        )
        for name, spec in IMAGENET_SPECS.items()
    ),
]
