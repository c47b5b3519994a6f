"""The core walk: any registered model, built and run once, becomes a layer table and a graph.

The model is built on the meta device (shapes without memory or arithmetic; small-input models on
the CPU, where their few pixels cost less than the meta device's per-call overhead) and walked with
torchinfo (one forward pass with hooks); its graph is traced with torch.fx. Every number is read
off that walk, that graph or the module itself; nothing is typed in by hand. Where a model's
stages and blocks are comes from what it declares (``model.anatomy``, ``entry.family``), never
from its module names. The facts are read off a walk one layer up (``tools.facts``).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator

import pandas as pd
import torch
import torchinfo
from torch import nn

import models
from tools.introspect.graph import GraphFacts, analyse
from tools.introspect.records import AUXILIARY, LAYER_COLUMNS, Config, IntrospectionError, LayerRow, Walk

MAX_INPUT_SIZE = 1024


def config(name: str, **options: object) -> Config:
    """A configuration; unknown names, options or values raise a ValueError that lists the valid ones."""
    entry = models.get_entry(name)
    full = entry.check_options(options)
    return Config(name, tuple((option, full[option]) for option in entry.options), full["num_classes"])


def all_configs() -> list[Config]:
    """Every registered model with every combination of its options, defaults first."""
    return [config(name, **cfg) for name in models.list_models() for cfg in models.get_entry(name).configurations()]


@contextlib.contextmanager
def skipped_init() -> Iterator[None]:
    """Build without random initialisation: weight values never matter to introspection.

    Every ``torch.nn.init`` function the models and torch's layers call becomes ``zero_``,
    which is cheaper than sampling and leaves deterministic, finite weights.
    """
    names = ["kaiming_normal_", "kaiming_uniform_", "uniform_", "normal_", "ones_", "zeros_", "trunc_normal_", "constant_"]
    saved = {name: getattr(nn.init, name) for name in names}
    for name in names:
        setattr(nn.init, name, lambda tensor, *args, **kwargs: tensor.zero_())
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(nn.init, name, function)


# Shape-preserving layers whose meta-device kernels run through torch's Python decompositions, slow
# per call and called once per block: during a walk they return an empty tensor of their input's
# shape instead. On the meta device no value exists either way; shapes, hooks, call order and every
# count stay what they are. The tests check the facts against models run normally.
SHAPE_PRESERVING = (nn.BatchNorm2d, nn.ReLU, nn.SiLU, nn.LeakyReLU, nn.Dropout)


@contextlib.contextmanager
def patched_forwards(forwards: dict[type[nn.Module], Callable[[nn.Module, torch.Tensor], torch.Tensor]]) -> Iterator[None]:
    """Each layer class's forward replaced while inside, restored after."""
    saved = {layer: layer.forward for layer in forwards}
    for layer, forward in forwards.items():
        layer.forward = forward
    try:
        yield
    finally:
        for layer, forward in saved.items():
            layer.forward = forward


def shapes_only() -> contextlib.AbstractContextManager[None]:
    return patched_forwards(dict.fromkeys(SHAPE_PRESERVING, _same_shape))


def _same_shape(self: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return torch.empty_like(x)


# Up to this input side a model runs faster for real on the CPU, with zero weights, than on the meta
# device, whose elementwise kernels are Python (`make bench` shows the cost per configuration).
CPU_MAX_SIDE = 64


def device_for(cfg: Config) -> str:
    return "cpu" if cfg.entry.input_size <= CPU_MAX_SIDE else "meta"


def build(cfg: Config) -> nn.Module:
    """The model with zero weights, on the meta device (no memory) or, for small inputs, the CPU."""
    with skipped_init(), torch.no_grad(), torch.device(device_for(cfg)):
        model = cfg.entry.build(**dict(cfg.options), num_classes=cfg.num_classes)
    return model.eval()


def _runs_at(model: nn.Module, size: int) -> bool:
    device = next(model.parameters()).device
    try:
        with torch.no_grad(), shapes_only():
            model(torch.zeros(1, 3, size, size, device=device))
    except RuntimeError:
        return False
    return True


def smallest_input(cfg: Config, model: nn.Module, total_stride: int) -> tuple[int, str]:
    """The smallest input side the model accepts, and why: its total stride, or the smallest it runs on."""
    if _runs_at(model, total_stride):
        return total_stride, "its total stride"
    low, high = total_stride, cfg.entry.input_size  # fails at low, runs at high
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if _runs_at(model, middle) else (middle, high)
    return high, "the smallest side it runs on"


def _size_error(cfg: Config, model: nn.Module, total_stride: int, got: object) -> IntrospectionError:
    smallest, why = smallest_input(cfg, model, total_stride)
    return IntrospectionError(
        f"{cfg.name} takes a whole number of pixels from {smallest} ({why}) to {MAX_INPUT_SIZE}, got {got}"
    )


def check_input_size(cfg: Config, model: nn.Module, total_stride: int, input_size: object) -> int:
    if isinstance(input_size, bool) or not isinstance(input_size, int):
        raise _size_error(cfg, model, total_stride, repr(input_size))
    if not total_stride <= input_size <= MAX_INPUT_SIZE:
        raise _size_error(cfg, model, total_stride, input_size)
    return input_size


def walk(cfg: Config, input_size: object) -> Walk:
    """Build the model, check the input size, and walk it once with torchinfo: its layer table and graph."""
    model = build(cfg)
    graph = analyse(model)
    size = check_input_size(cfg, model, graph.total_stride, input_size)
    device = device_for(cfg)
    x = torch.zeros(1, 3, size, size, device=device)
    try:
        with shapes_only():
            summary = torchinfo.summary(model, input_data=x, depth=64, verbose=0, device=device)
    except RuntimeError as error:
        if size < cfg.entry.input_size:
            raise _size_error(cfg, model, graph.total_stride, size) from None
        cause = str(error.__cause__ or error).splitlines()[0]
        raise IntrospectionError(f"{cfg.key} cannot run on a {size}×{size} input: {cause}") from None
    return _walk(cfg, model, summary, size, graph)


def _walk(cfg: Config, model: nn.Module, summary: torchinfo.ModelStatistics, size: int, graph: GraphFacts) -> Walk:
    names = {id(module): name for name, module in model.named_modules()}
    executed = [info for info in summary.summary_list if info.is_leaf_layer]
    rows = _place_rows(cfg, model, [(info, names[info.layer_id]) for info in executed])
    layers = pd.DataFrame([vars(row) for row in rows], columns=LAYER_COLUMNS)
    outputs = {names[info.layer_id]: info.output_size[1:] for info in summary.summary_list if info.layer_id in names}
    first_stage = next(info for info in executed if layers.section.iloc[executed.index(info)] == "stage")
    outputs["stem"] = first_stage.input_size[1:]
    return Walk(cfg, model, layers, outputs, size, int(summary.total_mult_adds), graph)


def _block_of(model: nn.Module, blocks: tuple[type[nn.Module], ...]) -> dict[str, str]:
    """Module name -> the innermost block that holds it (pre-order: inner blocks come later and win)."""
    owner: dict[str, str] = {}
    for name, module in model.named_modules():
        if blocks and isinstance(module, blocks):
            owner.update({f"{name}.{inner}" if inner else name: name for inner, _ in module.named_modules()})
    return owner


def _place_rows(cfg: Config, model: nn.Module, executed: list[tuple[torchinfo.layer_info.LayerInfo, str]]) -> list[LayerRow]:
    """One row per executed leaf module, then one per parameter-holding leaf that never ran."""
    family, anatomy = cfg.entry.family, model.anatomy
    owner = _block_of(model, family.blocks)
    staged = [i for i, (_, name) in enumerate(executed) if anatomy.stage_of(name)]
    first, last = (staged[0], staged[-1]) if staged else (len(executed), -1)
    rows = []
    for index, (info, name) in enumerate(executed):
        stage = anatomy.stage_of(name)
        if stage:
            section, paper = "stage", stage.paper_name
        elif index < first:
            section, paper = "stem", anatomy.stem_name
        elif index > last:
            section, paper = "head", "head"
        else:
            section, paper = "transition", "transition"
        path = "shortcut" if any(part in family.side_paths for part in name.split(".")) else "main"
        rows.append(_row(index, info.module, name, section, stage.name if stage else "", paper, owner.get(name, ""), path,
                         info.input_size, info.output_size, 0 if info.is_recursive else None, info.macs))
    ran = {name for _, name in executed}
    for name, module in model.named_modules():
        if name not in ran and not list(module.children()) and any(True for _ in module.parameters(recurse=False)):
            rows.append(_row(len(rows), module, name, AUXILIARY, "", AUXILIARY, owner.get(name, ""), AUXILIARY,
                             [], [], None, 0))
    return rows


def _pair(value: int | tuple[int, ...]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def _square(value: int | tuple[int, ...]) -> str:
    a, b = _pair(value)
    return f"{a}x{b}"


def _shape(shape: list[int]) -> str:
    return "x".join(str(d) for d in shape[1:])


def _macs(module: nn.Module, output_size: list[int]) -> int:
    """Multiply-accumulates for one image: each output element of a conv or fc costs one per weight it reads."""
    if not output_size:
        return 0
    per_image_outputs = math.prod(output_size[1:])
    if isinstance(module, nn.Conv2d):
        kh, kw = _pair(module.kernel_size)
        return per_image_outputs * (module.in_channels // module.groups) * kh * kw
    if isinstance(module, nn.Linear):
        return per_image_outputs * module.in_features
    return 0


def _row(
    index: int, module: nn.Module, name: str, section: str, stage: str, paper_stage: str, block: str, path: str,
    input_size: list[int], output_size: list[int], params: int | None, mult_adds: int,
) -> LayerRow:
    has_window = isinstance(module, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d))
    stride = ""
    if has_window:
        stride = str(_pair(module.stride)[0])
    elif isinstance(getattr(module, "stride", None), int):  # a parameter-free module that subsamples
        stride = str(module.stride)
    return LayerRow(
        index=index,
        section=section,
        stage=stage,
        paper_stage=paper_stage,
        block=block,
        path=path,
        name=name,
        type=type(module).__name__,
        kernel=_square(module.kernel_size) if has_window else "",
        stride=stride,
        padding=str(_pair(module.padding)[0]) if has_window else "",
        input_shape=_shape(input_size) if input_size else "",
        output_shape=_shape(output_size) if output_size else "",
        params=sum(p.numel() for p in module.parameters()) if params is None else params,
        macs=_macs(module, output_size),
        torchinfo_mult_adds=mult_adds,
    )
