"""CIFAR-10 ResNets, section 4.2 of He et al. 2016.

Depth 6n + 2: a 3×3 stem convolution with 16 filters, three stages of n basic blocks with
16, 32 and 64 filters on 32×32, 16×16 and 8×8 maps, global average pooling and a 10-way
fully connected layer. Stage names: ``layer1`` = the 32×32 stage, ``layer2`` = 16×16, ``layer3`` = 8×8.
"""

from __future__ import annotations

import torch
from torch import nn

from models.blocks import RESNET, BasicBlock, ResNetSpec, Shortcut, conv3x3, init_weights, make_stage
from models.family import Anatomy, ModelEntry, Option, Stage

WIDTHS = (16, 32, 64)

SPECS = {
    "resnet20": ResNetSpec(block="basic", layers=(3, 3, 3), widths=WIDTHS),
    "resnet32": ResNetSpec(block="basic", layers=(5, 5, 5), widths=WIDTHS),
    "resnet44": ResNetSpec(block="basic", layers=(7, 7, 7), widths=WIDTHS),
    "resnet56": ResNetSpec(block="basic", layers=(9, 9, 9), widths=WIDTHS),
    "resnet110": ResNetSpec(block="basic", layers=(18, 18, 18), widths=WIDTHS),
    "resnet1202": ResNetSpec(block="basic", layers=(200, 200, 200), widths=WIDTHS),
}


class CifarResNet(nn.Module):
    def __init__(self, spec: ResNetSpec, *, shortcut: Shortcut = "A", num_classes: int = 10) -> None:
        super().__init__()
        self.conv1 = conv3x3(3, spec.widths[0])
        self.bn1 = nn.BatchNorm2d(spec.widths[0])
        self.relu = nn.ReLU(inplace=True)
        # Option A, the paper's choice for CIFAR, adds no parameters to the plain network; option B
        # adds a 1×1 projection to the first block of layer2 and of layer3, where the shape changes.
        w1, w2, w3 = spec.widths
        n1, n2, n3 = spec.layers
        self.layer1 = make_stage(BasicBlock, in_channels=w1, width=w1, num_blocks=n1, stride=1, shortcut=shortcut)
        self.layer2 = make_stage(BasicBlock, in_channels=w1, width=w2, num_blocks=n2, stride=2, shortcut=shortcut)
        self.layer3 = make_stage(BasicBlock, in_channels=w2, width=w3, num_blocks=n3, stride=2, shortcut=shortcut)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(w3, num_classes)
        init_weights(self)
        # Section 4.2 names the stages by their filters; the paper's "conv1" is the stem.
        self.anatomy = Anatomy(
            stages=tuple(Stage(f"layer{i}", f"{width}-filter stage") for i, width in enumerate(spec.widths, start=1)),
            stem_name="conv1",
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 3, 32, 32)
        x = self.relu(self.bn1(self.conv1(x)))  # (N, 16, 32, 32)
        x = self.layer1(x)  # (N, 16, 32, 32)
        x = self.layer2(x)  # (N, 32, 16, 16)
        x = self.layer3(x)  # (N, 64, 8, 8)
        x = torch.flatten(self.avgpool(x), 1)  # (N, 64)
        return self.fc(x)  # (N, num_classes)


def resnet20(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet20"], shortcut=shortcut, num_classes=num_classes)


def resnet32(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet32"], shortcut=shortcut, num_classes=num_classes)


def resnet44(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet44"], shortcut=shortcut, num_classes=num_classes)


def resnet56(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet56"], shortcut=shortcut, num_classes=num_classes)


def resnet110(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet110"], shortcut=shortcut, num_classes=num_classes)


def resnet1202(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:
    return CifarResNet(SPECS["resnet1202"], shortcut=shortcut, num_classes=num_classes)


ENTRIES = [
    ModelEntry(
        name=name, title="ResNet-" + name.removeprefix("resnet"), builder=globals()[name], family=RESNET,
        dataset="cifar10", spec=spec, input_size=32, num_classes=10,
        options={"shortcut": Option(("A", "B"), help={"en": "shortcut where the shape changes: A zero-pads, B projects", "zh": "形状改变处的捷径连接：A 用零填充，B 用投影"})},
        source="He et al. 2016, section 4.2 and Table 6",
    )
    for name, spec in SPECS.items()
]
