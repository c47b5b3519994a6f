"""Residual blocks and stages of He et al. 2016, "Deep Residual Learning for Image Recognition".

Module names follow torchvision's layout, so its checkpoints load without renaming:
``conv1``/``bn1``, ``conv2``/``bn2`` (``conv3``/``bn3`` in a bottleneck) on the main path and
``downsample`` for a shortcut that changes shape. A block whose shortcut is the identity has
``downsample = None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch
import torch.nn.functional as F
from torch import nn

from models.family import Family

BlockName = Literal["basic", "bottleneck"]
Shortcut = Literal["A", "B"]


@dataclass(frozen=True)
class ResNetSpec:
    """What the paper's tables say about one ResNet: block type, blocks per stage, stage widths.

    ``widths`` are the widths of the 3×3 convolutions; a bottleneck stage outputs
    ``width * Bottleneck.expansion`` channels.
    """

    block: BlockName
    layers: tuple[int, ...]
    widths: tuple[int, ...]


def conv3x3(in_channels: int, out_channels: int, *, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(in_channels: int, out_channels: int, *, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False)


# --8<-- [start:option-a]
class ZeroPadShortcut(nn.Module):
    """Shortcut option A (section 3.3, used for CIFAR in section 4.2): the identity, made to fit.

    It keeps every ``stride``-th pixel and appends zero-filled channels for the new width.
    It has no parameters.
    """

    def __init__(self, *, extra_channels: int, stride: int) -> None:
        super().__init__()
        self.extra_channels = extra_channels
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, :: self.stride, :: self.stride]  # (N, C, H/stride, W/stride)
        return F.pad(x, (0, 0, 0, 0, 0, self.extra_channels))  # (N, C + extra, H/stride, W/stride)
# --8<-- [end:option-a]


# --8<-- [start:option-b]
def projection(in_channels: int, out_channels: int, *, stride: int) -> nn.Sequential:
    """Shortcut option B (section 3.3): a 1×1 convolution and BatchNorm, only where the shape changes."""
    return nn.Sequential(conv1x1(in_channels, out_channels, stride=stride), nn.BatchNorm2d(out_channels))
# --8<-- [end:option-b]


# --8<-- [start:basic-block]
class BasicBlock(nn.Module):
    """Two 3×3 convolutions (Figure 5, left). The first one carries the stage's stride."""

    expansion = 1

    def __init__(
        self, in_channels: int, width: int, *, stride: int = 1, downsample: nn.Module | None = None
    ) -> None:
        super().__init__()
        self.conv1 = conv3x3(in_channels, width, stride=stride)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(width, width)
        self.bn2 = nn.BatchNorm2d(width)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))  # (N, width, H/stride, W/stride)
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)
# --8<-- [end:basic-block]


# --8<-- [start:bottleneck]
class Bottleneck(nn.Module):
    """1×1 narrows, 3×3 works, 1×1 widens by ``expansion`` (Figure 5, right).

    Variant v1.5, torchvision's default: the stage's stride sits on the 3×3 convolution.
    Departure from the paper's original model, which strides the first 1×1 (see ``BottleneckV1``).
    """

    expansion = 4
    stride_on = "conv2"

    def __init__(
        self, in_channels: int, width: int, *, stride: int = 1, downsample: nn.Module | None = None
    ) -> None:
        super().__init__()
        out_channels = width * self.expansion
        self.conv1 = conv1x1(in_channels, width, stride=stride if self.stride_on == "conv1" else 1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride=stride if self.stride_on == "conv2" else 1)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, out_channels)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))  # (N, width, H', W')
        out = self.relu(self.bn2(self.conv2(out)))  # (N, width, H/stride, W/stride)
        out = self.bn3(self.conv3(out))  # (N, 4 * width, H/stride, W/stride)
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)
# --8<-- [end:bottleneck]


# --8<-- [start:bottleneck-v1]
class BottleneckV1(Bottleneck):
    """Variant v1, the paper's original (and Keras'): the first 1×1 convolution carries the stride.

    Table 1's note: "Downsampling is performed by conv3_1, conv4_1, and conv5_1 with a stride of 2."
    The 3×3 costs the same in both variants (its output map is the same size); v1 saves MACs on the
    first 1×1, whose output is a quarter of the pixels it has in v1.5.
    """

    stride_on = "conv1"
# --8<-- [end:bottleneck-v1]


Block = type[BasicBlock] | type[Bottleneck]


# --8<-- [start:make-shortcut]
def make_shortcut(shortcut: Shortcut, in_channels: int, out_channels: int, *, stride: int) -> nn.Module | None:
    """The identity (None) where the shape is kept; option A or B where it changes."""
    if stride == 1 and in_channels == out_channels:
        return None
    if shortcut == "A":
        return ZeroPadShortcut(extra_channels=out_channels - in_channels, stride=stride)
    return projection(in_channels, out_channels, stride=stride)
# --8<-- [end:make-shortcut]


def make_stage(
    block: Block, *, in_channels: int, width: int, num_blocks: int, stride: int, shortcut: Shortcut
) -> nn.Sequential:
    """One stage (``layerN``): its first block changes the shape, the others keep it."""
    out_channels = width * block.expansion
    blocks = []
    for index in range(num_blocks):
        block_stride = stride if index == 0 else 1
        downsample = make_shortcut(shortcut, in_channels, out_channels, stride=block_stride)
        blocks.append(block(in_channels, width, stride=block_stride, downsample=downsample))
        in_channels = out_channels
    return nn.Sequential(*blocks)


def init_weights(model: nn.Module) -> None:
    """He initialisation for convolutions (section 3.4 cites [13]); BatchNorm starts as the identity."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


RESNET = Family(
    name="resnet",
    title="ResNet",
    paper="He, Zhang, Ren, Sun. Deep Residual Learning for Image Recognition. CVPR 2016",
    blocks=(BasicBlock, Bottleneck),  # BottleneckV1 is a Bottleneck
    side_paths=("downsample",),  # the shortcut's projection or zero-padding, beside the main path
)
