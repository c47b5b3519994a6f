"""The tensors a model holds, counted by kind: what the core fact ``params_by_kind`` and Keras' peer compare."""

from __future__ import annotations

from torch import nn

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
