"""Inception-v3, Szegedy et al. 2016, "Rethinking the Inception Architecture for Computer Vision".

Table 1 outlines the network on a 299×299 input: a stem of plain convolutions and max-pools, then
Inception modules on a 35×35 grid (Figure 5), a 17×17 grid (Figure 6) and an 8×8 grid (Figure 7),
with grid-size reductions between them (Figure 10), global average pooling and a 1000-way fc layer.
An auxiliary classifier (Figure 8) sits on top of the last 17×17 module; it is trained, never run at
inference.

Module names follow torchvision (which ported Google's TensorFlow release), so its checkpoints load
without renaming: ``Conv2d_1a_3x3`` … ``Conv2d_4a_3x3`` and ``maxpool1``/``maxpool2`` for the stem,
``Mixed_5b``–``Mixed_5d`` = the 35×35 modules, ``Mixed_6a`` = the reduction to 17×17,
``Mixed_6b``–``Mixed_6e`` = the 17×17 modules, ``AuxLogits`` = the auxiliary classifier,
``Mixed_7a`` = the reduction to 8×8, ``Mixed_7b``/``Mixed_7c`` = the 8×8 modules. Every convolution
is a ``BasicConv2d``: conv (no bias) + ``bn`` + ReLU.

Where the released network departs from Table 1, the departure is commented where it happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
import torch.nn.functional as F
from torch import nn

from models.family import Anatomy, Family, ModelEntry, Option, Stage


@dataclass(frozen=True)
class InceptionSpec:
    """Table 1 below the stem, as data: one entry per Inception module, its one width that varies.

    ``pool_features``: the 35×35 modules (Figure 5), the width of each one's pooling branch.
    ``channels_7x7``: the 17×17 modules (Figure 6), the width inside each one's 1×7/7×1 branches.
    ``expanded_modules``: the 8×8 modules (Figure 7), which all have the same widths.
    """

    pool_features: tuple[int, ...]
    channels_7x7: tuple[int, ...]
    expanded_modules: int


SPECS = {
    "inception_v3": InceptionSpec(pool_features=(32, 64, 64), channels_7x7=(128, 160, 160, 192), expanded_modules=2),
}


class BasicConv2d(nn.Module):
    """One weighted layer: a convolution, BatchNorm and ReLU, as released.

    The convolution has no bias: BatchNorm's shift takes its place. ``eps=0.001`` as in TensorFlow.
    """

    def __init__(
        self, in_channels: int, out_channels: int, *, kernel_size: int | tuple[int, int],
        stride: int = 1, padding: int | tuple[int, int] = 0,
    ) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.bn(self.conv(x)), inplace=True)


def conv1x7(in_channels: int, out_channels: int) -> BasicConv2d:
    """Half of a factorised 7×7 (section 3.2): 1 row × 7 columns, padded to keep the grid."""
    return BasicConv2d(in_channels, out_channels, kernel_size=(1, 7), padding=(0, 3))


def conv7x1(in_channels: int, out_channels: int) -> BasicConv2d:
    """The other half: 7 rows × 1 column."""
    return BasicConv2d(in_channels, out_channels, kernel_size=(7, 1), padding=(3, 0))


def conv1x3(in_channels: int, out_channels: int) -> BasicConv2d:
    return BasicConv2d(in_channels, out_channels, kernel_size=(1, 3), padding=(0, 1))


def conv3x1(in_channels: int, out_channels: int) -> BasicConv2d:
    return BasicConv2d(in_channels, out_channels, kernel_size=(3, 1), padding=(1, 0))


# --8<-- [start:inception-a]
class InceptionA(nn.Module):
    """A 35×35 module (Figure 5): four branches, concatenated. Output: 224 + ``pool_features`` channels.

    Departure from Figure 5, as released: besides the two stacked 3×3 that replace a 5×5, the module
    keeps a real 5×5 branch (``branch5x5_*``).
    """

    figure = "Figure 5"

    def __init__(self, in_channels: int, *, pool_features: int) -> None:
        super().__init__()
        self.branch1x1 = BasicConv2d(in_channels, 64, kernel_size=1)
        self.branch5x5_1 = BasicConv2d(in_channels, 48, kernel_size=1)
        self.branch5x5_2 = BasicConv2d(48, 64, kernel_size=5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(in_channels, 64, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, kernel_size=3, padding=1)
        self.branch_pool = BasicConv2d(in_channels, pool_features, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branch1x1 = self.branch1x1(x)  # (N, 64, 35, 35)
        branch5x5 = self.branch5x5_2(self.branch5x5_1(x))  # (N, 64, 35, 35)
        branch3x3dbl = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))  # (N, 96, 35, 35)
        branch_pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))  # (N, pool_features, 35, 35)
        return torch.cat([branch1x1, branch5x5, branch3x3dbl, branch_pool], 1)
# --8<-- [end:inception-a]


# --8<-- [start:inception-b]
class InceptionB(nn.Module):
    """The 35×35 → 17×17 reduction (Figure 10): stride-2 convolutions beside a stride-2 max-pool.

    Both halve the grid in parallel, so the filter banks grow as the grid shrinks without a
    representational bottleneck (section 5). Output: 384 + 96 + ``in_channels`` channels.
    """

    figure = "Figure 10"

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch3x3 = BasicConv2d(in_channels, 384, kernel_size=3, stride=2)
        self.branch3x3dbl_1 = BasicConv2d(in_channels, 64, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, kernel_size=3, stride=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 288, 35, 35)
        branch3x3 = self.branch3x3(x)  # (N, 384, 17, 17)
        branch3x3dbl = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))  # (N, 96, 17, 17)
        branch_pool = F.max_pool2d(x, kernel_size=3, stride=2)  # (N, 288, 17, 17)
        return torch.cat([branch3x3, branch3x3dbl, branch_pool], 1)  # (N, 768, 17, 17)
# --8<-- [end:inception-b]


# --8<-- [start:inception-c]
class InceptionC(nn.Module):
    """A 17×17 module (Figure 6, n = 7): every 7×7 factorised into a 1×7 and a 7×1 (section 3.2).

    Output: 4 × 192 = 768 channels whatever ``channels_7x7``, the width inside the factorised branches.
    """

    figure = "Figure 6"

    def __init__(self, in_channels: int, *, channels_7x7: int) -> None:
        super().__init__()
        c7 = channels_7x7
        self.branch1x1 = BasicConv2d(in_channels, 192, kernel_size=1)
        self.branch7x7_1 = BasicConv2d(in_channels, c7, kernel_size=1)
        self.branch7x7_2 = conv1x7(c7, c7)
        self.branch7x7_3 = conv7x1(c7, 192)
        self.branch7x7dbl_1 = BasicConv2d(in_channels, c7, kernel_size=1)
        self.branch7x7dbl_2 = conv7x1(c7, c7)
        self.branch7x7dbl_3 = conv1x7(c7, c7)
        self.branch7x7dbl_4 = conv7x1(c7, c7)
        self.branch7x7dbl_5 = conv1x7(c7, 192)
        self.branch_pool = BasicConv2d(in_channels, 192, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 768, 17, 17)
        branch1x1 = self.branch1x1(x)  # (N, 192, 17, 17)
        branch7x7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))  # (N, 192, 17, 17)
        branch7x7dbl = self.branch7x7dbl_1(x)  # (N, c7, 17, 17)
        branch7x7dbl = self.branch7x7dbl_3(self.branch7x7dbl_2(branch7x7dbl))  # one factorised 7×7
        branch7x7dbl = self.branch7x7dbl_5(self.branch7x7dbl_4(branch7x7dbl))  # another: (N, 192, 17, 17)
        branch_pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))  # (N, 192, 17, 17)
        return torch.cat([branch1x1, branch7x7, branch7x7dbl, branch_pool], 1)  # (N, 768, 17, 17)
# --8<-- [end:inception-c]


# --8<-- [start:inception-d]
class InceptionD(nn.Module):
    """The 17×17 → 8×8 reduction (Figure 10, as released with a factorised 7×7 before the strided 3×3)."""

    figure = "Figure 10"

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch3x3_1 = BasicConv2d(in_channels, 192, kernel_size=1)
        self.branch3x3_2 = BasicConv2d(192, 320, kernel_size=3, stride=2)
        self.branch7x7x3_1 = BasicConv2d(in_channels, 192, kernel_size=1)
        self.branch7x7x3_2 = conv1x7(192, 192)
        self.branch7x7x3_3 = conv7x1(192, 192)
        self.branch7x7x3_4 = BasicConv2d(192, 192, kernel_size=3, stride=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 768, 17, 17)
        branch3x3 = self.branch3x3_2(self.branch3x3_1(x))  # (N, 320, 8, 8)
        branch7x7x3 = self.branch7x7x3_3(self.branch7x7x3_2(self.branch7x7x3_1(x)))  # (N, 192, 17, 17)
        branch7x7x3 = self.branch7x7x3_4(branch7x7x3)  # (N, 192, 8, 8)
        branch_pool = F.max_pool2d(x, kernel_size=3, stride=2)  # (N, 768, 8, 8)
        return torch.cat([branch3x3, branch7x7x3, branch_pool], 1)  # (N, 1280, 8, 8)
# --8<-- [end:inception-d]


# --8<-- [start:inception-e]
class InceptionE(nn.Module):
    """An 8×8 module (Figure 7): expanded filter banks, a 3×3 split into a 1×3 and a 3×1 side by side.

    Figure 7's caption keeps it for the coarsest grid, where wider outputs matter more than depth
    (principle 2 of section 2): the two halves run side by side and are concatenated, not stacked.
    Output: 2048 channels.
    """

    figure = "Figure 7"

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch1x1 = BasicConv2d(in_channels, 320, kernel_size=1)
        self.branch3x3_1 = BasicConv2d(in_channels, 384, kernel_size=1)
        self.branch3x3_2a = conv1x3(384, 384)
        self.branch3x3_2b = conv3x1(384, 384)
        self.branch3x3dbl_1 = BasicConv2d(in_channels, 448, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(448, 384, kernel_size=3, padding=1)
        self.branch3x3dbl_3a = conv1x3(384, 384)
        self.branch3x3dbl_3b = conv3x1(384, 384)
        self.branch_pool = BasicConv2d(in_channels, 192, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 1280 or 2048, 8, 8)
        branch1x1 = self.branch1x1(x)  # (N, 320, 8, 8)
        branch3x3 = self.branch3x3_1(x)  # (N, 384, 8, 8)
        branch3x3 = torch.cat([self.branch3x3_2a(branch3x3), self.branch3x3_2b(branch3x3)], 1)  # (N, 768, 8, 8)
        branch3x3dbl = self.branch3x3dbl_2(self.branch3x3dbl_1(x))  # (N, 384, 8, 8)
        branch3x3dbl = torch.cat([self.branch3x3dbl_3a(branch3x3dbl), self.branch3x3dbl_3b(branch3x3dbl)], 1)  # (N, 768, 8, 8)
        branch_pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))  # (N, 192, 8, 8)
        return torch.cat([branch1x1, branch3x3, branch3x3dbl, branch_pool], 1)  # (N, 2048, 8, 8)
# --8<-- [end:inception-e]


# --8<-- [start:inception-aux]
class InceptionAux(nn.Module):
    """The auxiliary classifier on top of the last 17×17 module (Figure 8), with BatchNorm (section 7).

    The paper keeps it as a regulariser: it adds a loss during training and is not run at inference.
    """

    def __init__(self, in_channels: int, num_classes: int) -> None:
        super().__init__()
        self.conv0 = BasicConv2d(in_channels, 128, kernel_size=1)
        self.conv1 = BasicConv2d(128, 768, kernel_size=5)
        self.fc = nn.Linear(768, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N, 768, 17, 17)
        x = F.avg_pool2d(x, kernel_size=5, stride=3)  # (N, 768, 5, 5)
        x = self.conv1(self.conv0(x))  # (N, 768, 1, 1)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)  # (N, 768)
        return self.fc(x)  # (N, num_classes)
# --8<-- [end:inception-aux]


class InceptionOutputs(NamedTuple):
    """What a training-mode forward returns when the model has its auxiliary classifier."""

    logits: torch.Tensor
    aux_logits: torch.Tensor


def init_weights(model: nn.Module) -> None:
    """Truncated normal weights (std 0.1, cut at ±2; the auxiliary fc 0.001); BatchNorm starts as the identity.

    As torchvision initialises a model trained from scratch; the paper does not say.
    """
    for name, module in model.named_modules():
        if isinstance(module, nn.Conv2d | nn.Linear):
            std = 0.001 if name == "AuxLogits.fc" else 0.1
            nn.init.trunc_normal_(module.weight, mean=0.0, std=std, a=-2.0, b=2.0)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


class Inception3(nn.Module):
    """Inception-v3 (Table 1) on a 299×299 input. The forward returns logits in eval mode, and
    ``InceptionOutputs(logits, aux_logits)`` in training mode when ``aux_logits`` is True."""

    def __init__(self, spec: InceptionSpec, *, aux_logits: bool = True, num_classes: int = 1000) -> None:
        super().__init__()
        # The stem, Table 1's rows above the first Inception module.
        # Departure from Table 1, as released: after the first pool Table 1 has a 3×3/1, a 3×3/2 and a
        # 3×3/1 convolution (80, 192, 288 filters in its input-size column); the release has a 1×1 to
        # 80, a 3×3 to 192 and a second 3×3/2 max-pool.
        self.Conv2d_1a_3x3 = BasicConv2d(3, 32, kernel_size=3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(32, 32, kernel_size=3)
        self.Conv2d_2b_3x3 = BasicConv2d(32, 64, kernel_size=3, padding=1)
        self.maxpool1 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Conv2d_3b_1x1 = BasicConv2d(64, 80, kernel_size=1)
        self.Conv2d_4a_3x3 = BasicConv2d(80, 192, kernel_size=3)
        self.maxpool2 = nn.MaxPool2d(kernel_size=3, stride=2)
        a1, a2, a3 = spec.pool_features
        self.Mixed_5b = InceptionA(192, pool_features=a1)
        self.Mixed_5c = InceptionA(224 + a1, pool_features=a2)
        self.Mixed_5d = InceptionA(224 + a2, pool_features=a3)
        self.Mixed_6a = InceptionB(224 + a3)
        c1, c2, c3, c4 = spec.channels_7x7
        self.Mixed_6b = InceptionC(768, channels_7x7=c1)
        self.Mixed_6c = InceptionC(768, channels_7x7=c2)
        self.Mixed_6d = InceptionC(768, channels_7x7=c3)
        self.Mixed_6e = InceptionC(768, channels_7x7=c4)
        self.AuxLogits = InceptionAux(768, num_classes) if aux_logits else None
        self.Mixed_7a = InceptionD(768)
        self.Mixed_7b = InceptionE(1280)  # the spec's expanded_modules: Mixed_7b and Mixed_7c
        self.Mixed_7c = InceptionE(2048)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(p=0.5)
        self.fc = nn.Linear(2048, num_classes)
        init_weights(self)
        self.anatomy = Anatomy(
            stages=(
                Stage("Mixed_5", "35×35 grid", modules=("Mixed_5b", "Mixed_5c", "Mixed_5d")),
                Stage("Mixed_6", "17×17 grid", modules=("Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e")),
                Stage("Mixed_7", "8×8 grid", modules=("Mixed_7a", "Mixed_7b", "Mixed_7c")),
            ),
            stem_name="stem",
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor | InceptionOutputs:  # (N, 3, 299, 299)
        x = self.Conv2d_1a_3x3(x)  # (N, 32, 149, 149)
        x = self.Conv2d_2a_3x3(x)  # (N, 32, 147, 147)
        x = self.Conv2d_2b_3x3(x)  # (N, 64, 147, 147)
        x = self.maxpool1(x)  # (N, 64, 73, 73)
        x = self.Conv2d_3b_1x1(x)  # (N, 80, 73, 73)
        x = self.Conv2d_4a_3x3(x)  # (N, 192, 71, 71)
        x = self.maxpool2(x)  # (N, 192, 35, 35)
        x = self.Mixed_5d(self.Mixed_5c(self.Mixed_5b(x)))  # (N, 288, 35, 35)
        x = self.Mixed_6a(x)  # (N, 768, 17, 17)
        x = self.Mixed_6e(self.Mixed_6d(self.Mixed_6c(self.Mixed_6b(x))))  # (N, 768, 17, 17)
        # The auxiliary head reads the last 17×17 grid in training only. `self.training` is a plain
        # bool, so torch.fx traces whichever branch the module's mode selects.
        aux = self.AuxLogits(x) if self.AuxLogits is not None and self.training else None  # (N, num_classes)
        x = self.Mixed_7a(x)  # (N, 1280, 8, 8)
        x = self.Mixed_7c(self.Mixed_7b(x))  # (N, 2048, 8, 8)
        x = torch.flatten(self.dropout(self.avgpool(x)), 1)  # (N, 2048)
        x = self.fc(x)  # (N, num_classes)
        return x if aux is None else InceptionOutputs(x, aux)


def inception_v3(*, aux_logits: bool = True, num_classes: int = 1000) -> Inception3:
    return Inception3(SPECS["inception_v3"], aux_logits=aux_logits, num_classes=num_classes)


INCEPTION = Family(
    name="inception",
    title="Inception",
    paper="Szegedy, Vanhoucke, Ioffe, Shlens, Wojna. Rethinking the Inception Architecture for Computer Vision. CVPR 2016",
    blocks=(InceptionA, InceptionB, InceptionC, InceptionD, InceptionE),
    side_paths=(),  # every branch of a module is on the main path: they are concatenated, not added
    layer_chain=False,  # branches side by side: Figure 3 of He et al. cannot draw them layer by layer
    depth_fact="module_path_depth",  # section 6: "42 layers deep", the longest path through the modules
)

ENTRIES = [
    ModelEntry(
        name="inception_v3", title="Inception-v3", builder=inception_v3, family=INCEPTION, dataset="imagenet",
        spec=SPECS["inception_v3"], input_size=299, num_classes=1000,
        options={"aux_logits": Option(
            (True, False), tags={False: "no-aux"},
            help={"en": "the auxiliary classifier on the last 17×17 module (Figure 8), trained but not run at inference", "zh": "最后一个 17×17 模块上的辅助分类器（图 8），参与训练，推理时不运行"},
        )},
        source="Szegedy et al. 2016, Table 1 and Figures 5, 6, 7 and 10",
    ),
]
