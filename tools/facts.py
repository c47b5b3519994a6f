"""The fact namespace: ``<config>.<fact>`` for every introspected configuration, plus cited figures.

``resnet20.params`` is ResNet-20 with its default options; ``resnet20-b.params`` the same model with
shortcut option B; ``resnet50-v1.macs`` ResNet-50 with stride placement v1. Published figures are
``paper.<model>.<name>`` and ``torchvision.<model>.<name>`` (see ``tools.published``).
"""

from __future__ import annotations

import difflib
import functools
import re

from tools import units
from tools.introspect import all_configs, introspect_all
from tools.published import published_facts

# name: (unit, meaning). Every fact an introspection produces is documented here; a test keeps it so.
FACT_DOCS: dict[str, tuple[str, str]] = {
    "model": ("", "registered model name"),
    "family": ("", "cifar or imagenet"),
    "options": ("", "option values in force (shortcut for CIFAR, variant for ImageNet)"),
    "source": ("", "where the paper specifies the architecture"),
    "input_size": ("pixels", "side of the square input image the facts are measured at"),
    "num_classes": ("", "outputs of the final fully connected layer"),
    "params": ("parameters", "all parameters (weights and biases), counted with numel"),
    "trainable_params": ("parameters", "parameters with requires_grad"),
    "bn_running_stats": ("values", "BatchNorm running mean and variance: buffers, not parameters"),
    "params_with_bn_stats": ("values", "params + bn_running_stats: the total when BatchNorm statistics count as non-trainable params, as Keras counts them"),
    "param_size_mb": ("MB", "params × 4 bytes (float32) / 10^6"),
    "macs": (units.MACS, units.DEFINITIONS[units.MACS]),
    "flops": (units.FLOPS, units.DEFINITIONS[units.FLOPS]),
    "torchinfo_mult_adds": ("mult-adds", "torchinfo's total: MACs plus BatchNorm (2 per channel) and bias terms"),
    "weighted_layers": ("layers", "depth as the paper counts it: main-path convolutions + the fc layer"),
    "conv_fc_layers": ("layers", "every convolution and fc layer, projection shortcuts included"),
    "param_layers": ("layers", "layers that own parameters (conv, BatchNorm, fc), as a Keras summary lists them"),
    "conv_layers": ("layers", "every convolution, projection shortcuts included"),
    "main_path_conv_layers": ("layers", "convolutions on the main path: the stem and the blocks' own"),
    "block_conv_layers": ("layers", "main-path convolutions inside the residual blocks"),
    "shape_changing_blocks": ("blocks", "blocks whose output shape differs from their input shape"),
    "conv1x1_layers": ("layers", "1×1 convolutions, projection shortcuts included"),
    "main_path_conv1x1_layers": ("layers", "1×1 convolutions on the main path of the blocks"),
    "block_type": ("", "basic (two 3×3) or bottleneck (1×1, 3×3, 1×1)"),
    "convs_per_block": ("convolutions", "main-path convolutions in one residual block"),
    "block_kernels": ("", "kernel sizes of a block's main-path convolutions, in order"),
    "expansion": ("", "a block's output width divided by its 3×3 width"),
    "blocks_per_stage": ("blocks", "residual blocks in each stage"),
    "residual_blocks": ("blocks", "residual blocks in the whole model"),
    "projection_shortcuts": ("shortcuts", "1×1 convolution + BatchNorm shortcuts (option B)"),
    "zero_pad_shortcuts": ("shortcuts", "parameter-free subsample-and-zero-pad shortcuts (option A)"),
    "stem_output": ("C×H×W", "output shape of the stem (conv1, and max-pool for ImageNet)"),
    "stage_outputs": ("C×H×W", "output shape of every stage"),
    "stage_sizes": ("pixels", "side of each stage's output feature map"),
    "stage_widths": ("channels", "output channels of each stage"),
    "feature_map_sizes": ("pixels", "sides the feature maps pass through, from the input on, each once"),
    "logits_shape": ("", "output shape of the model for one image"),
    "final_feature_map": ("pixels", "side of the last stage's feature map, before global average pooling"),
    "head": ("", "module types after the last stage"),
    "downsampling_convs": ("", "main-path convolutions in the stages that carry stride 2"),
    "downsampling_kernels": ("", "kernel sizes of those convolutions"),
    "total_stride": ("pixels", "product of the main-path strides: input side / final feature-map side, and the smallest input accepted"),
    "receptive_field": ("pixels", "receptive field of the last convolution, along the main path"),
    "option_b_extra_params": ("parameters", "CIFAR: params with shortcut option B minus params with option A"),
    "v15_extra_macs": (units.MACS, "ImageNet: MACs of variant v1.5 minus MACs of variant v1"),
    "v15_extra_macs_pct": ("%", "ImageNet: v15_extra_macs as a percentage of the v1 MACs, one decimal"),
}


class FactError(ValueError):
    """An unknown fact name; the message suggests the closest ones."""


@functools.cache
def all_facts() -> dict[str, object]:
    """Every fact by its full name, e.g. ``resnet20.params``."""
    facts: dict[str, object] = {}
    for result in introspect_all(all_configs()):
        for name, value in result.facts.items():
            facts[f"{result.config.key}.{name}"] = value
    for cfg in all_configs():
        if not cfg.is_default:
            continue
        if cfg.entry.family == "cifar":
            facts[f"{cfg.key}.option_b_extra_params"] = facts[f"{cfg.key}-b.params"] - facts[f"{cfg.key}.params"]
        else:
            extra = facts[f"{cfg.key}.macs"] - facts[f"{cfg.key}-v1.macs"]
            facts[f"{cfg.key}.v15_extra_macs"] = extra
            facts[f"{cfg.key}.v15_extra_macs_pct"] = round(100 * extra / facts[f"{cfg.key}-v1.macs"], 1)
    return facts | published_facts()


def lookup(name: str, facts: dict[str, object] | None = None) -> object:
    facts = all_facts() if facts is None else facts
    if name in facts:
        return facts[name]
    close = difflib.get_close_matches(name, list(facts), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see docs/reference/facts.md for the names"
    raise FactError(f"unknown fact {name!r}{hint}")


FORMATS = {
    "int": units.fmt_int,
    "giga": units.fmt_giga,
    "mega": units.fmt_mega,
    "shape": lambda v: "×".join(str(d) for d in v),
    "shapes": lambda v: "; ".join("×".join(str(d) for d in shape) for shape in v),
    "size": lambda v: f"{v}×{v}",
    "list": lambda v: ", ".join(_kernel(str(x)) for x in v),
    "arrow": lambda v: " → ".join(str(x) for x in v),
    "raw": lambda v: str(v),
}
def _kernel(text: str) -> str:
    """3x3 -> 3×3 (kernel sizes are stored in ASCII); any other text as it is."""
    return re.sub(r"^(\d+)x(\d+)$", r"\1×\2", text)


# How a fact reads when no format is asked for, where its type alone does not say.
DEFAULT_FORMATS = {
    "stem_output": "shape",
    "logits_shape": "shape",
    "stage_outputs": "shapes",
    "final_feature_map": "size",
    "feature_map_sizes": "arrow",
}


def format_fact(value: object, style: str | None = None, name: str = "") -> str:
    """How a fact reads in prose and tables: the style asked for, else the fact's own, else by type.

    By type: ints get thousands separators, lists are comma-joined, mappings read "key value".
    """
    style = style or DEFAULT_FORMATS.get(name.rsplit(".", 1)[-1])
    if style is None:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            style = "int"
        elif isinstance(value, list):
            style = "list"
        elif isinstance(value, dict):
            return ", ".join(f"{key} {item}" for key, item in value.items())
        else:
            style = "raw"
    if style not in FORMATS:
        raise FactError(f"unknown fact format {style!r}; valid formats: {', '.join(FORMATS)}")
    return FORMATS[style](value)
