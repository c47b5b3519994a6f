"""What a model costs beyond its walk: its MACs and feature maps at other input sizes, and the memory its
activations take for one image. Both are forward passes on the meta device (shapes, no arithmetic),
counted by the walk's own rule for MACs (``walk._macs``); the tests hold them to the walk at the default size.
"""

from __future__ import annotations

import weakref

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

from tools import units
from tools.introspect.walk import _macs, patched_forwards, shapes_only

def _run_counted(module: nn.Module, input_shape: tuple[int, ...], ends: dict[str, str]) -> tuple[int, dict[str, int]]:
    """One shapes-only forward of ``module`` on an input of ``input_shape``: its MACs by the walk's rule, and the
    output side of each submodule named in ``ends`` (submodule -> the name it is reported under)."""
    total, sides = [0], {}

    def count(layer: nn.Module, _inputs: object, output: torch.Tensor) -> None:
        total[0] += _macs(layer, list(output.shape))

    def side(name: str):  # noqa: ANN202 - a hook factory
        return lambda _module, _inputs, output: sides.__setitem__(name, output.shape[-1])

    handles = [layer.register_forward_hook(count) for layer in module.modules() if isinstance(layer, (nn.Conv2d, nn.Linear))]
    handles += [module.get_submodule(name).register_forward_hook(side(reported)) for name, reported in ends.items()]
    device = next(module.parameters()).device
    try:
        with torch.no_grad(), shapes_only():
            module.eval()(torch.zeros(1, *input_shape, device=device))
    finally:
        for handle in handles:
            handle.remove()
    return total[0], sides


def at_size(model: nn.Module, size: int) -> dict[str, object]:
    """MACs, parameters and each stage's output side at a square input of ``size``: what moves with the input."""
    ends = {stage.modules[-1]: stage.name for stage in model.anatomy.stages}  # a stage outputs its last module's output
    macs, sides = _run_counted(model, (3, size, size), ends)
    return {
        "macs": macs,
        "params": sum(p.numel() for p in model.parameters()),
        "stage_sizes": [sides[stage.name] for stage in model.anatomy.stages],
    }


def module_cost(module: nn.Module, input_shape: tuple[int, ...]) -> tuple[int, int]:
    """Parameters and MACs (the walk's rule) of one module, a block say, run on one input of ``input_shape``."""
    return sum(p.numel() for p in module.parameters()), _run_counted(module, input_shape, {})[0]


def costs(model: nn.Module, input_size: int, sizes: tuple[int, ...]) -> dict[str, object]:
    """Facts beyond the walk, from the model walked: the peak activation memory of one image at its input size,
    and what moves at each of ``sizes`` (``at_size``), as ``macs_at_112``, ``params_at_112``, …"""
    found: dict[str, object] = {"peak_activation_mb": round(peak_activation_bytes(model, input_size) / units.BYTES_PER_MB, 2)}
    for size in sizes:
        for name, value in at_size(model, size).items():
            found[f"{name}_at_{size}"] = value
    return found


class _LiveBytes(TorchDispatchMode):
    """Counts the bytes of tensors the forward pass allocates while they live; in-place results and views
    (an op's schema says when a result aliases an input) allocate nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.live = self.peak = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):  # noqa: ANN001, ANN204 - torch's protocol
        result = func(*args, **(kwargs or {}))
        returns = func._schema.returns
        outputs = result if isinstance(result, (tuple, list)) else (result,)
        for index, output in enumerate(outputs):
            aliased = index < len(returns) and returns[index].alias_info is not None
            if isinstance(output, torch.Tensor) and not aliased:
                self.allocated(output)
        return result

    def allocated(self, tensor: torch.Tensor) -> None:
        size = tensor.numel() * tensor.element_size()
        self.live += size
        self.peak = max(self.peak, self.live)
        weakref.finalize(tensor, self._freed, size)

    def _freed(self, size: int) -> None:
        self.live -= size


# What the shape-preserving layers allocate in inference, without their meta-device kernels (slow per call):
# BatchNorm a new tensor; an in-place activation none; Dropout in eval mode returns its input.
def _fresh(self: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return torch.empty_like(x)


def _activation(self: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return x if getattr(self, "inplace", False) else torch.empty_like(x)


def _identity(self: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return x


ALLOCATES = {nn.BatchNorm2d: _fresh, nn.ReLU: _activation, nn.SiLU: _activation, nn.LeakyReLU: _activation,
             nn.Dropout: _identity}


def peak_activation_bytes(model: nn.Module, size: int) -> int:
    """The most bytes the activations of one image hold at once in inference (eval mode, no gradients),
    the input included, the weights not: each intermediate is freed as soon as nothing refers to it."""
    device = next(model.parameters()).device
    with torch.no_grad(), patched_forwards(ALLOCATES):
        x = torch.zeros(1, 3, size, size, device=device)
        with _LiveBytes() as counter:
            counter.allocated(x)
            model(x)
    return counter.peak
