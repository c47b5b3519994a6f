"""ImageNet ResNets, Table 1 of He et al. 2016.

A 7×7/2 stem convolution with 64 filters and a 3×3/2 max-pool, four stages, global average
pooling and a 1000-way fully connected layer. The paper's stage names map to module names as
``layer1`` = conv2_x (56×56), ``layer2`` = conv3_x (28×28), ``layer3`` = conv4_x (14×14),
``layer4`` = conv5_x (7×7). Every shortcut that changes shape is a projection (option B).

ResNet-18, -34 and -50 also take a ``modification`` (``models.variants``): a named change blog posts
make to them, applied to this reference with the default variant.
"""

from __future__ import annotations

import functools
from typing import Literal

import torch
from torch import nn

from models.blocks import RESNET, BasicBlock, Block, Bottleneck, BottleneckV1, ResNetSpec, init_weights, make_stage
from models.family import Anatomy, ModelEntry, Option, Stage
from models.variants import COMBINED, SINGLE, modified

Variant = Literal["v1.5", "v1"]

WIDTHS = (64, 128, 256, 512)

SPECS = {
    "resnet18": ResNetSpec(block="basic", layers=(2, 2, 2, 2), widths=WIDTHS),
    "resnet34": ResNetSpec(block="basic", layers=(3, 4, 6, 3), widths=WIDTHS),
    "resnet50": ResNetSpec(block="bottleneck", layers=(3, 4, 6, 3), widths=WIDTHS),
    "resnet101": ResNetSpec(block="bottleneck", layers=(3, 4, 23, 3), widths=WIDTHS),
    "resnet152": ResNetSpec(block="bottleneck", layers=(3, 8, 36, 3), widths=WIDTHS),
}

# The modifications each model takes (models/variants.py), "none" first. ResNet-34, the model the
# posts modify, takes them all. Another model takes them by one line here (ResNet-50 every single
# change but "bottleneck", which it already is); each costs the check one introspection.
MODIFICATIONS = {
    "resnet34": ["none", *(m.name for m in SINGLE + COMBINED)],
}


def block_for(spec: ResNetSpec, variant: Variant) -> Block:
    """The block class of a spec. A basic block strides its first 3×3 in v1 and v1.5 alike."""
    if spec.block == "basic":
        return BasicBlock
    return Bottleneck if variant == "v1.5" else BottleneckV1


class ImageNetResNet(nn.Module):
    def __init__(self, spec: ResNetSpec, *, variant: Variant = "v1.5", num_classes: int = 1000) -> None:
        super().__init__()
        block = block_for(spec, variant)
        w1, w2, w3, w4 = spec.widths
        n1, n2, n3, n4 = spec.layers
        self.conv1 = nn.Conv2d(3, w1, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(w1)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        e = block.expansion  # 1 for basic blocks, 4 for bottlenecks
        self.layer1 = make_stage(block, in_channels=w1, width=w1, num_blocks=n1, stride=1, shortcut="B")
        self.layer2 = make_stage(block, in_channels=w1 * e, width=w2, num_blocks=n2, stride=2, shortcut="B")
        self.layer3 = make_stage(block, in_channels=w2 * e, width=w3, num_blocks=n3, stride=2, shortcut="B")
        self.layer4 = make_stage(block, in_channels=w3 * e, width=w4, num_blocks=n4, stride=2, shortcut="B")
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(w4 * e, num_classes)
        init_weights(self)
        self.anatomy = Anatomy(
            stages=tuple(Stage(f"layer{i}", f"conv{i + 1}_x") for i in range(1, 5)),  # layer1 = conv2_x …
            stem_name="conv1",
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 3, 224, 224)
        x = self.relu(self.bn1(self.conv1(x)))  # (N, 64, 112, 112)
        x = self.maxpool(x)  # (N, 64, 56, 56)
        x = self.layer1(x)  # (N, 64 × expansion, 56, 56)
        x = self.layer2(x)  # (N, 128 × expansion, 28, 28)
        x = self.layer3(x)  # (N, 256 × expansion, 14, 14)
        x = self.layer4(x)  # (N, 512 × expansion, 7, 7)
        x = torch.flatten(self.avgpool(x), 1)  # (N, 512 × expansion)
        return self.fc(x)  # (N, num_classes)


def resnet18(*, variant: Variant = "v1.5", modification: str = "none", num_classes: int = 1000) -> ImageNetResNet:
    build = functools.partial(ImageNetResNet, variant=variant, num_classes=num_classes)
    return modified(SPECS["resnet18"], modification, build)


def resnet34(*, variant: Variant = "v1.5", modification: str = "none", num_classes: int = 1000) -> ImageNetResNet:
    build = functools.partial(ImageNetResNet, variant=variant, num_classes=num_classes)
    return modified(SPECS["resnet34"], modification, build)


def resnet50(*, variant: Variant = "v1.5", modification: str = "none", num_classes: int = 1000) -> ImageNetResNet:
    build = functools.partial(ImageNetResNet, variant=variant, num_classes=num_classes)
    return modified(SPECS["resnet50"], modification, build)


def resnet101(*, variant: Variant = "v1.5", num_classes: int = 1000) -> ImageNetResNet:
    return ImageNetResNet(SPECS["resnet101"], variant=variant, num_classes=num_classes)


def resnet152(*, variant: Variant = "v1.5", num_classes: int = 1000) -> ImageNetResNet:
    return ImageNetResNet(SPECS["resnet152"], variant=variant, num_classes=num_classes)


ENTRIES = [
    ModelEntry(
        name=name, title="ResNet-" + name.removeprefix("resnet"), builder=globals()[name], family=RESNET,
        dataset="imagenet", spec=spec, input_size=224, num_classes=1000,
        options={
            "variant": Option(("v1.5", "v1"), help={"en": "where a bottleneck strides: v1.5 on the 3×3, v1 on the first 1×1", "zh": "瓶颈块的步幅位置：v1.5 在 3×3 卷积上，v1 在第一个 1×1 卷积上"}),
            **({"modification": Option(
                tuple(MODIFICATIONS[name]), alone=True, help={"en": "a named change, with variant v1.5 (`models/variants.py`)", "zh": "一项具名改动，配合变体 v1.5（`models/variants.py`）"},
            )} if name in MODIFICATIONS else {}),
        },
        source="He et al. 2016, Table 1",
    )
    for name, spec in SPECS.items()
]
