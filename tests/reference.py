"""Reference forward passes written from the papers with ``torch.nn.functional``, over a model's state dict.

No module of ``models/`` runs here: each function reads the weights by their state-dict names (the one
mapping from our names, which follow torchvision's) and computes what the paper describes, step by
step. The tests compare our models' logits with these for every configuration Keras does not have.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import torch
import torch.nn.functional as F

State = dict[str, torch.Tensor]
Activation = Callable[[torch.Tensor], torch.Tensor]
EPS = 1e-5  # BatchNorm's epsilon in PyTorch and in the reference implementations the papers' models follow


def batchnorm(state: State, prefix: str, x: torch.Tensor) -> torch.Tensor:
    """Inference-mode BatchNorm (Ioffe and Szegedy 2015): normalised by the running statistics, scaled, shifted."""
    mean, var = state[f"{prefix}.running_mean"], state[f"{prefix}.running_var"]
    scale, shift = state[f"{prefix}.weight"], state[f"{prefix}.bias"]
    return (x - mean[:, None, None]) / torch.sqrt(var[:, None, None] + EPS) * scale[:, None, None] + shift[:, None, None]


def conv(state: State, prefix: str, x: torch.Tensor, stride: int = 1) -> torch.Tensor:
    """A square convolution padded to keep the side ("same" for stride 1), zeros outside the image."""
    weight = state[f"{prefix}.weight"]
    return F.conv2d(x, weight, state.get(f"{prefix}.bias"), stride=stride, padding=weight.shape[-1] // 2)


def indices(state: State, pattern: str) -> list[int]:
    """The numbers that fill ``(\\d+)`` in ``pattern`` among the state's keys, in order."""
    return sorted({int(found[1]) for key in state if (found := re.match(pattern, key))})


# --- ResNet: He et al. 2016, section 3 and Table 1 (4.2 for CIFAR) ----------------------------------------


def resnet(state: State, x: torch.Tensor, *, imagenet: bool, stride_on: str, shortcut: str,
           activation: Activation = F.relu) -> torch.Tensor:
    """``stride_on``: which convolution of a bottleneck strides ("1x1" in the paper, "3x3" in v1.5); a
    basic block strides its first 3×3. ``shortcut``: "A" zero-pads new channels after subsampling, "B" projects."""

    def conv3x3(prefix: str, y: torch.Tensor, stride: int) -> torch.Tensor:
        if f"{prefix}.weight" in state:
            return conv(state, prefix, y, stride)
        # A depthwise separable 3×3 (the modification "dws"): a 3×3 per channel carries the stride, then a 1×1.
        depthwise = state[f"{prefix}.depthwise.weight"]
        y = F.conv2d(y, depthwise, stride=stride, padding=1, groups=depthwise.shape[0])
        return F.conv2d(y, state[f"{prefix}.pointwise.weight"])

    x = activation(batchnorm(state, "bn1", conv(state, "conv1", x, 2 if imagenet else 1)))
    if imagenet:
        x = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)
    for stage in indices(state, r"layer(\d+)\."):
        for block in indices(state, rf"layer{stage}\.(\d+)\."):
            at, stride = f"layer{stage}.{block}", 2 if stage > 1 and block == 0 else 1
            if f"{at}.conv3.weight" in state:  # bottleneck: 1×1, 3×3, 1×1
                out = activation(batchnorm(state, f"{at}.bn1", conv(state, f"{at}.conv1", x, stride if stride_on == "1x1" else 1)))
                out = activation(batchnorm(state, f"{at}.bn2", conv3x3(f"{at}.conv2", out, stride if stride_on == "3x3" else 1)))
                out = batchnorm(state, f"{at}.bn3", conv(state, f"{at}.conv3", out))
            else:  # basic: 3×3, 3×3
                out = activation(batchnorm(state, f"{at}.bn1", conv3x3(f"{at}.conv1", x, stride)))
                out = batchnorm(state, f"{at}.bn2", conv3x3(f"{at}.conv2", out, 1))
            if out.shape == x.shape:
                identity = x
            elif shortcut == "B":
                identity = batchnorm(state, f"{at}.downsample.1", conv(state, f"{at}.downsample.0", x, stride))
            else:
                kept = x[:, :, ::stride, ::stride]
                identity = torch.cat([kept, torch.zeros_like(kept[:, : out.shape[1] - kept.shape[1]])], 1)
            x = activation(out + identity)
    if "avgpool.conv.weight" in state:  # the modification "head-1x1": 1×1, BN, activation before pooling
        x = activation(batchnorm(state, "avgpool.bn", conv(state, "avgpool.conv", x)))
    x = x.mean((2, 3), keepdim=True)
    if "avgpool.fc_conv.weight" in state:  # "head-1x1-pooled": the same after pooling, on the 1×1 map
        x = activation(batchnorm(state, "avgpool.fc_bn", conv(state, "avgpool.fc_conv", x)))
    return F.linear(x.flatten(1), state["fc.weight"], state["fc.bias"])  # dropout is the identity at inference


# --- VGG: Simonyan and Zisserman 2015, Table 1; torchvision's pooling to 7×7 --------------------------------

TABLE1 = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def vgg(state: State, x: torch.Tensor, *, column: str, batch_norm: bool) -> torch.Tensor:
    """``features.<i>`` counts every layer of the stack, as torchvision's does: conv, [BN,] ReLU, or max-pool."""
    index = 0
    for item in TABLE1[column]:
        if item == "M":
            x, index = F.max_pool2d(x, kernel_size=2, stride=2), index + 1
            continue
        x, index = conv(state, f"features.{index}", x), index + 1
        assert x.shape[1] == item, f"features.{index - 1}: {x.shape[1]} channels, Table 1 has {item}"
        if batch_norm:
            x, index = batchnorm(state, f"features.{index}", x), index + 1
        x, index = F.relu(x), index + 1
    x = torch.flatten(F.adaptive_avg_pool2d(x, 7), 1)
    x = F.relu(F.linear(x, state["classifier.0.weight"], state["classifier.0.bias"]))
    x = F.relu(F.linear(x, state["classifier.3.weight"], state["classifier.3.bias"]))
    return F.linear(x, state["classifier.6.weight"], state["classifier.6.bias"])


# --- DenseNet: Huang et al. 2017, section 3 and Tables 1 and 2 ----------------------------------------------


def densenet(state: State, x: torch.Tensor, *, cifar: bool) -> torch.Tensor:
    """Each layer reads the concatenation of the block's input and every earlier layer's output, in order."""
    if cifar:
        x = conv(state, "features.conv0", x)
    else:
        x = conv(state, "features.conv0", x, stride=2)
        x = F.max_pool2d(F.relu(batchnorm(state, "features.norm0", x)), kernel_size=3, stride=2, padding=1)
    for block in indices(state, r"features\.denseblock(\d+)\."):
        for layer in indices(state, rf"features\.denseblock{block}\.denselayer(\d+)\."):
            at = f"features.denseblock{block}.denselayer{layer}"
            if f"{at}.conv1.weight" in state:  # DenseNet-B: BN-ReLU-Conv(1×1) to 4k, then BN-ReLU-Conv(3×3) to k
                new = conv(state, f"{at}.conv1", F.relu(batchnorm(state, f"{at}.norm1", x)))
                new = conv(state, f"{at}.conv2", F.relu(batchnorm(state, f"{at}.norm2", new)))
            else:  # BN-ReLU-Conv(3×3)
                new = conv(state, f"{at}.conv", F.relu(batchnorm(state, f"{at}.norm", x)))
            x = torch.cat([x, new], 1)
        at = f"features.transition{block}"
        if f"{at}.conv.weight" in state:  # BN-ReLU-Conv(1×1), then 2×2 average pooling
            x = F.avg_pool2d(conv(state, f"{at}.conv", F.relu(batchnorm(state, f"{at}.norm", x))), kernel_size=2, stride=2)
    x = F.relu(batchnorm(state, "features.norm5", x))
    return F.linear(x.mean((2, 3)), state["classifier.weight"], state["classifier.bias"])
