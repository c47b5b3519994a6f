"""VGG, Table 1 of Simonyan and Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale Image Recognition".

Configurations A, B, D and E: stacks of 3×3 convolutions (stride 1, padding 1, so they keep the
map's size), five 2×2 max-pools that halve it, and three fully connected layers, FC-4096, FC-4096
and FC-1000. The depth in the name counts the weighted layers: VGG-16 (D) is 13 convolutions + 3 fc.

Module names follow torchvision's layout, so its checkpoints load without renaming: ``features``
is one ``nn.Sequential`` of every convolution, its ReLU and the max-pools (``features.0`` is the
first convolution), ``classifier.0``, ``classifier.3`` and ``classifier.6`` are the three fc
layers. The paper's five groups of convolutions, each ending with its max-pool, are the stages:
conv1 … conv5 are slices of ``features``, e.g. VGG-16's conv1 = ``features.0`` … ``features.4``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch
from torch import nn

from models.family import Anatomy, BlockLayers, Family, ModelEntry, Option, Stage

Column = Literal["A", "B", "D", "E"]
Config = tuple[int | Literal["M"], ...]

# Table 1, one column per configuration: the width of each 3×3 convolution ("conv3-64" is 64),
# top to bottom, and "M" for a max-pool. Each column adds convolutions to the one before it.
# Not built: A-LRN (A with local response normalisation) and C (1×1 convolutions in the last three groups).
CONFIGS: dict[Column, Config] = {
    "A": (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "B": (64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "D": (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"),
    "E": (64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"),
}

FC_WIDTH = 4096  # FC-4096, the first two fully connected layers
POOLED_SIDE = 7  # the last max-pool's output side at 224×224, and what avgpool resizes every input to


@dataclass(frozen=True)
class VGGSpec:
    """One column of Table 1: its letter and its configuration."""

    column: Column
    config: Config


def vgg_notation(layers: BlockLayers, repeats: int) -> str:
    """Table 1's notation: conv3-64 is a 3×3 convolution with 64 filters; × 2 for two of them."""
    [(kernel, width)] = layers
    text = f"conv{kernel.split('x')[0]}-{width}"
    return text if repeats == 1 else f"{text} × {repeats}"


def make_features(config: Config, *, batch_norm: bool) -> tuple[nn.Sequential, tuple[Stage, ...]]:
    """``features`` as torchvision lays it out, and the five groups of it that end at a max-pool."""
    layers: list[nn.Module] = []
    stages: list[Stage] = []
    first = 0  # index in ``features`` where the current group starts
    in_channels = 3
    for item in config:
        if item == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))  # halves the side
            names = tuple(f"features.{index}" for index in range(first, len(layers)))
            stages.append(Stage(f"features.{first}-{len(layers) - 1}", f"conv{len(stages) + 1}", modules=names))
            first = len(layers)
            continue
        layers.append(nn.Conv2d(in_channels, item, kernel_size=3, padding=1))  # keeps the side
        if batch_norm:  # torchvision's vgg*_bn; the paper predates BatchNorm
            layers.append(nn.BatchNorm2d(item))
        layers.append(nn.ReLU(inplace=True))
        in_channels = item
    return nn.Sequential(*layers), tuple(stages)


def init_weights(model: nn.Module) -> None:
    """torchvision's initialisation. The paper (section 3.1) trained A from N(0, 0.01) and started
    the deeper nets from A's layers; it notes afterwards that Glorot's initialisation does as well."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, 0, 0.01)
            nn.init.zeros_(module.bias)


class VGG(nn.Module):
    def __init__(self, spec: VGGSpec, *, batch_norm: bool = False, num_classes: int = 1000) -> None:
        super().__init__()
        self.features, stages = make_features(spec.config, batch_norm=batch_norm)
        width = next(item for item in reversed(spec.config) if item != "M")
        # Departure from the paper: torchvision pools to 7×7 before the classifier, the identity at
        # 224×224, so other input sizes reach FC-4096 with the 25,088 inputs it expects. The paper
        # instead turns the fc layers into convolutions at test time (section 3.2, dense evaluation).
        self.avgpool = nn.AdaptiveAvgPool2d(POOLED_SIDE)
        # Section 3.1: dropout (ratio 0.5) regularises the first two fully connected layers.
        self.classifier = nn.Sequential(
            nn.Linear(width * POOLED_SIDE * POOLED_SIDE, FC_WIDTH),  # classifier.0: FC-4096
            nn.ReLU(inplace=True),
            nn.Dropout(p=0.5),
            nn.Linear(FC_WIDTH, FC_WIDTH),  # classifier.3: FC-4096
            nn.ReLU(inplace=True),
            nn.Dropout(p=0.5),
            nn.Linear(FC_WIDTH, num_classes),  # classifier.6: FC-1000
        )
        init_weights(self)
        # No stem: the first group's first convolution sees the image.
        self.anatomy = Anatomy(stages=stages, stem_name="input")

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 3, 224, 224)
        x = self.features(x)  # (N, 512, 7, 7): five max-pools halve 224 to 7
        x = torch.flatten(self.avgpool(x), 1)  # (N, 25088)
        return self.classifier(x)  # (N, num_classes)


VGG_FAMILY = Family(
    name="vgg",
    title="VGG",
    paper="Simonyan, Zisserman. Very Deep Convolutional Networks for Large-Scale Image Recognition. ICLR 2015",
    blocks=(),  # no repeated block class: a stage is a run of convolutions in one nn.Sequential
    notation=vgg_notation,
)

SPECS = {
    "vgg11": VGGSpec("A", CONFIGS["A"]),
    "vgg13": VGGSpec("B", CONFIGS["B"]),
    "vgg16": VGGSpec("D", CONFIGS["D"]),
    "vgg19": VGGSpec("E", CONFIGS["E"]),
}


def vgg11(*, batch_norm: bool = False, num_classes: int = 1000) -> VGG:
    return VGG(SPECS["vgg11"], batch_norm=batch_norm, num_classes=num_classes)


def vgg13(*, batch_norm: bool = False, num_classes: int = 1000) -> VGG:
    return VGG(SPECS["vgg13"], batch_norm=batch_norm, num_classes=num_classes)


def vgg16(*, batch_norm: bool = False, num_classes: int = 1000) -> VGG:
    return VGG(SPECS["vgg16"], batch_norm=batch_norm, num_classes=num_classes)


def vgg19(*, batch_norm: bool = False, num_classes: int = 1000) -> VGG:
    return VGG(SPECS["vgg19"], batch_norm=batch_norm, num_classes=num_classes)


ENTRIES = [
    ModelEntry(
        name=name, title="VGG-" + name.removeprefix("vgg"), builder=globals()[name], family=VGG_FAMILY,
        dataset="imagenet", spec=spec, input_size=224, num_classes=1000,
        options={"batch_norm": Option(
            (False, True), tags={True: "bn"},
            help={"en": "BatchNorm after every convolution, as torchvision's `vgg*_bn`; not in the paper", "zh": "每个卷积之后加 BatchNorm，同 torchvision 的 `vgg*_bn`；论文中没有"},
        )},
        source=f"Simonyan and Zisserman 2015, Table 1, configuration {spec.column}",
    )
    for name, spec in SPECS.items()
]
