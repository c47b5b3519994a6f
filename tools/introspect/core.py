"""Facts every architecture has, read off one walk: counts, costs, depths, shapes, strides.

Each fact is documented in ``CORE_FACT_DOCS`` (unit, meaning); a test keeps every produced fact
documented. Family facts (``tools.families``) add to these, never replace them.
"""

from __future__ import annotations

import pandas as pd
from torch import nn

from tools import units
from tools.introspect.records import AUXILIARY, Walk

# name: (unit, meaning)
CORE_FACT_DOCS: dict[str, tuple[str, str]] = {
    "model": ("", "registered model name"),
    "family": ("", "architecture family: resnet, vgg, inception or densenet"),
    "dataset": ("", "the data set the model is built for: cifar10 (32×32) or imagenet"),
    "options": ("", "option values in force"),
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
    "weighted_layers": ("layers", "main-path convolutions + fc layers, side paths (projection shortcuts) left out: the paper's depth for a chain of blocks; for branching modules every branch counts"),
    "longest_path": ("layers", "convolutions and fc layers on the longest path from input to output, read off the traced graph"),
    "conv_fc_layers": ("layers", "every convolution and fc layer that runs, side paths (projection shortcuts) included"),
    "param_layers": ("layers", "layers that own parameters (conv, BatchNorm, fc), as a Keras summary lists them"),
    "conv_layers": ("layers", "every convolution, projection shortcuts included"),
    "stem_convs": ("layers", "convolutions in the stem, before the first stage"),
    "fc_layers": ("layers", "fully connected (Linear) layers that run at inference"),
    "fc_params": ("parameters", "parameters of the fully connected layers that run at inference"),
    "fc_params_pct": ("%", "fc_params as a percentage of params, one decimal"),
    "params_by_kind": ("values", "parameters and BatchNorm statistics by kind of tensor: convolution kernels and "
                                 "biases, BatchNorm scales, shifts and running statistics, fully connected weights and biases"),
    "stages": ("stages", "stages the model declares (its anatomy)"),
    "main_path_conv_layers": ("layers", "convolutions on the main path: the stem and the blocks' own"),
    "conv1x1_layers": ("layers", "1×1 convolutions, projection shortcuts included"),
    "blocks": ("blocks", "the family's repeated units: residual blocks, dense layers, Inception modules"),
    "stem_output": ("C×H×W", "output shape of the stem: what the first stage receives"),
    "stage_outputs": ("C×H×W", "output shape of every stage"),
    "stage_sizes": ("pixels", "side of each stage's output feature map"),
    "stage_widths": ("channels", "output channels of each stage"),
    "feature_map_sizes": ("pixels", "sides the feature maps pass through, from the input on, each once"),
    "logits_shape": ("", "output shape of the model for one image"),
    "final_feature_map": ("pixels", "side of the last stage's feature map, before global average pooling"),
    "head": ("", "module types after the last stage"),
    "total_stride": ("pixels", "product of the main-path strides: input side / final feature-map side"),
    "receptive_field": ("pixels", "receptive field of the last convolution, along the main path"),
}


# What a reader sees beside a value: plain words. The fact's name stays one hover away.
CORE_LABELS: dict[str, str] = {
    "params": "Parameters", "trainable_params": "Trainable parameters", "bn_running_stats": "BatchNorm statistics",
    "param_size_mb": "Size of the weights (float32)", "macs": "MACs per image", "flops": "FLOPs per image",
    "torchinfo_mult_adds": "torchinfo's mult-adds", "weighted_layers": "Weighted layers (the paper's depth)",
    "longest_path": "Weighted layers on the longest path", "conv_fc_layers": "Convolutions + fc layers",
    "param_layers": "Layers with parameters", "blocks": "Blocks", "stem_output": "Stem output",
    "stage_outputs": "Stage outputs", "final_feature_map": "Last feature map", "total_stride": "Total stride",
    "receptive_field": "Receptive field", "input_size": "Input size", "conv_layers": "Convolutions",
    "stem_convs": "Stem convolutions", "fc_layers": "Fully connected layers",
    "fc_params": "Parameters in fc layers", "fc_params_pct": "Share of parameters in fc layers", "stages": "Stages",
    "params_by_kind": "Parameters by kind",
}


# Every tensor a model holds, by kind; the running statistics are buffers, the rest parameters.
PARAM_KINDS = ("conv_weights", "conv_biases", "bn_scales", "bn_shifts", "bn_running_stats", "fc_params")
_KIND_OF = {  # (module class, tensor name) -> kind
    (nn.Conv2d, "weight"): "conv_weights", (nn.Conv2d, "bias"): "conv_biases",
    (nn.BatchNorm2d, "weight"): "bn_scales", (nn.BatchNorm2d, "bias"): "bn_shifts",
    (nn.BatchNorm2d, "running_mean"): "bn_running_stats", (nn.BatchNorm2d, "running_var"): "bn_running_stats",
    (nn.Linear, "weight"): "fc_params", (nn.Linear, "bias"): "fc_params",
}


def params_by_kind(model: nn.Module) -> dict[str, int]:
    """Counts per kind; a tensor of any other kind is counted as "other" (absent when there is none)."""
    counts = dict.fromkeys(PARAM_KINDS, 0)
    for module in model.modules():
        tensors = [*module.named_parameters(recurse=False), *module.named_buffers(recurse=False)]
        for name, tensor in tensors:
            if name == "num_batches_tracked":  # a step counter, not a statistic of the data
                continue
            kind = next((kind for (cls, short), kind in _KIND_OF.items() if isinstance(module, cls) and short == name), "other")
            counts[kind] = counts.get(kind, 0) + tensor.numel()
    return counts


def core_facts(walk: Walk) -> dict[str, object]:
    cfg, model, layers, outputs = walk.config, walk.model, walk.layers, walk.outputs
    entry = cfg.entry
    executed = layers[layers.section != AUXILIARY]
    convs = executed[executed.type == "Conv2d"]
    linears = executed[executed.type == "Linear"]
    main_convs = convs[convs.path == "main"]
    stage_outputs = [outputs[stage.modules[-1]] for stage in model.anatomy.stages]
    bn = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    params = sum(p.numel() for p in model.parameters())
    bn_stats = sum(m.running_mean.numel() + m.running_var.numel() for m in bn)
    macs = int(layers.macs.sum())
    return {
        "model": cfg.name,
        "family": entry.family.name,
        "dataset": entry.dataset,
        "options": dict(cfg.options),
        "source": entry.source,
        "input_size": walk.input_size,
        "num_classes": cfg.num_classes,
        "params": params,
        "trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "bn_running_stats": bn_stats,
        "params_with_bn_stats": params + bn_stats,
        "param_size_mb": units.float32_mb(params),
        "macs": macs,
        "flops": units.flops(macs),
        "torchinfo_mult_adds": walk.mult_adds,
        "weighted_layers": len(main_convs) + len(linears),
        "longest_path": walk.graph.longest_path,
        "conv_fc_layers": len(convs) + len(linears),
        "param_layers": int((executed.params > 0).sum()),
        "conv_layers": len(convs),
        "stem_convs": int((convs.section == "stem").sum()),
        "fc_layers": len(linears),
        "fc_params": int(linears.params.sum()),
        "fc_params_pct": round(100 * int(linears.params.sum()) / params, 1),
        "params_by_kind": params_by_kind(model),
        "stages": len(model.anatomy.stages),
        "main_path_conv_layers": len(main_convs),
        "conv1x1_layers": int((convs.kernel == "1x1").sum()),
        "blocks": sum(isinstance(m, entry.family.blocks) for m in model.modules()) if entry.family.blocks else 0,
        "stem_output": outputs["stem"],
        "stage_outputs": stage_outputs,
        "stage_sizes": [shape[1] for shape in stage_outputs],
        "stage_widths": [shape[0] for shape in stage_outputs],
        "feature_map_sizes": feature_map_sizes(walk.input_size, executed),
        "logits_shape": outputs[""],
        "final_feature_map": stage_outputs[-1][1],
        "head": list(layers[layers.section == "head"].type),
        "total_stride": walk.graph.total_stride,
        "receptive_field": walk.graph.receptive_field,
    }


def feature_map_sizes(input_size: int, layers: pd.DataFrame) -> list[int]:
    """Every side a feature map has on the main path, from the input down to global pooling, each once."""
    body = layers[(layers.path == "main") & (layers.section != "head")]
    sides = {int(shape.split("x")[1]) for shape in body.output_shape if shape.count("x") == 2}
    return sorted(sides | {input_size}, reverse=True)
