"""Introspection: a registered model, built and run once, becomes a layer table, facts and a spec.

The model is walked with torchinfo (one forward pass with hooks). Every number below is read off
that walk or off the module itself; nothing is typed in by hand.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, fields

import pandas as pd
import torch
import torchinfo
from torch import nn

import models
from models import BasicBlock, ModelEntry, ZeroPadShortcut
from tools import units

MAX_INPUT_SIZE = 1024
MAX_WORKERS = 2
PAPER_STAGE_NAMES = {
    "imagenet": ("conv2_x", "conv3_x", "conv4_x", "conv5_x"),
    "cifar": ("16-filter stage", "32-filter stage", "64-filter stage"),
}


class IntrospectionError(ValueError):
    """Bad input to introspection; the message is one line that names what is valid."""


@dataclass(frozen=True)
class Config:
    """One registered model with one choice of options, e.g. resnet50 with variant v1."""

    name: str
    options: tuple[tuple[str, str], ...]
    num_classes: int

    @property
    def entry(self) -> ModelEntry:
        return models.get_entry(self.name)

    @property
    def key(self) -> str:
        """The fact namespace: the model name, plus each non-default option value (resnet50-v1)."""
        defaults = self.entry.defaults
        suffix = "".join(f"-{value.lower()}" for option, value in self.options if value != defaults[option])
        if self.num_classes != self.entry.num_classes:
            suffix += f"-{self.num_classes}classes"
        return self.name + suffix

    @property
    def is_default(self) -> bool:
        return self.key == self.name

    def label(self) -> str:
        return ", ".join(f"{option} {value}" for option, value in self.options)


def config(name: str, **options: object) -> Config:
    """A configuration; unknown names, options or values raise a ValueError that lists the valid ones."""
    entry = models.get_entry(name)
    full = entry.check_options(options)
    return Config(name, tuple((option, full[option]) for option in entry.options), full["num_classes"])


def all_configs() -> list[Config]:
    """Every registered model with every combination of its options, defaults first."""
    return [config(name, **cfg) for name in models.list_models() for cfg in models.get_entry(name).configurations()]


@dataclass(frozen=True)
class LayerRow:
    """One executed leaf module, in forward order. Shapes leave out the batch dimension (N = 1)."""

    index: int
    section: str  # stem | stage | head
    stage: str  # layer1 … (empty outside the stages)
    paper_stage: str  # conv1, conv2_x … as the paper names it
    block: str  # layer1.0 … (empty outside the blocks)
    path: str  # main | shortcut
    name: str  # qualified module name, the state-dict prefix
    type: str
    kernel: str
    stride: str
    padding: str
    input_shape: str
    output_shape: str
    params: int
    macs: int
    torchinfo_mult_adds: int


LAYER_COLUMNS = [f.name for f in fields(LayerRow)]


@dataclass
class Introspection:
    config: Config
    input_size: int
    layers: pd.DataFrame
    facts: dict[str, object]
    spec: dict[str, object]


@contextlib.contextmanager
def skipped_init() -> Iterator[None]:
    """Build without random initialisation: weight values never matter to introspection.

    Every ``torch.nn.init`` function the models and torch's layers call becomes ``zero_``,
    which is cheaper than sampling and leaves deterministic, finite weights.
    """
    names = ["kaiming_normal_", "kaiming_uniform_", "uniform_", "normal_", "ones_", "zeros_"]
    saved = {name: getattr(nn.init, name) for name in names}
    for name in names:
        setattr(nn.init, name, lambda tensor, *args, **kwargs: tensor.zero_())
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(nn.init, name, function)


def build(cfg: Config) -> nn.Module:
    with skipped_init(), torch.no_grad():
        model = cfg.entry.build(**dict(cfg.options), num_classes=cfg.num_classes)
    return model.eval()


def total_stride(model: nn.Module) -> int:
    """Product of the strides on the main path: the input must be at least this many pixels wide."""
    stride = 1
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.MaxPool2d)) and "downsample" not in name:
            stride *= _pair(module.stride)[0]
    return stride


def check_input_size(cfg: Config, model: nn.Module, input_size: object) -> int:
    smallest = total_stride(model)
    valid = f"{cfg.name} takes a whole number of pixels from {smallest} (its total stride) to {MAX_INPUT_SIZE}"
    if isinstance(input_size, bool) or not isinstance(input_size, int):
        raise IntrospectionError(f"{valid}, got {input_size!r}")
    if not smallest <= input_size <= MAX_INPUT_SIZE:
        raise IntrospectionError(f"{valid}, got {input_size}")
    return input_size


_measured: dict[tuple[Config, int], Introspection] = {}


def introspect(cfg: Config, input_size: int | None = None) -> Introspection:
    """Build, walk and measure one configuration at its default input size or a given one; cached."""
    size = cfg.entry.input_size if input_size is None else input_size
    if type(size) is int and (cfg, size) in _measured:  # `type is int`: 64.0 and True are never cached
        return _measured[(cfg, size)]
    result = introspect_uncached(cfg, size)
    _measured[(cfg, result.input_size)] = result
    return result


def clear_cache() -> None:
    _measured.clear()


def introspect_all(configs: list[Config] | None = None) -> list[Introspection]:
    """Introspect many configurations at their default input size, on every core (at most two).

    Worker processes are forked, so they start with torch already imported. Each runs torch on
    one thread: a forked child must not start OpenMP threads after its parent has used them.
    """
    configs = all_configs() if configs is None else configs
    todo = [cfg for cfg in configs if (cfg, cfg.entry.input_size) not in _measured]
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if len(todo) > 1 and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        todo.sort(key=lambda cfg: sum(cfg.entry.spec.layers), reverse=True)  # longest first
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=torch.set_num_threads, initargs=(1,)) as pool:
            for result in pool.imap_unordered(_measure_default, todo):
                _measured[(result.config, result.input_size)] = result
    return [introspect(cfg) for cfg in configs]


def _measure_default(cfg: Config) -> Introspection:
    return introspect_uncached(cfg, cfg.entry.input_size)


def introspect_uncached(cfg: Config, input_size: object) -> Introspection:
    """Build the model, check the input size, walk it once with torchinfo and read everything off."""
    model = build(cfg)
    size = check_input_size(cfg, model, input_size)
    x = torch.zeros(1, 3, size, size)
    try:
        summary = torchinfo.summary(model, input_data=x, depth=64, verbose=0)
    except RuntimeError as error:
        cause = str(error.__cause__ or error).splitlines()[0]
        raise IntrospectionError(f"{cfg.key} cannot run on a {size}×{size} input: {cause}") from None
    names = {id(module): name for name, module in model.named_modules()}
    rows = [
        _layer_row(cfg, index, info, names[info.layer_id])
        for index, info in enumerate(info for info in summary.summary_list if info.is_leaf_layer)
    ]
    layers = pd.DataFrame([vars(row) for row in rows], columns=LAYER_COLUMNS)
    outputs = {names[info.layer_id]: info.output_size[1:] for info in summary.summary_list if info.layer_id in names}
    outputs["stem"] = outputs[rows[[row.section for row in rows].index("stage") - 1].name]
    facts = _facts(cfg, model, layers, outputs, size, summary.total_mult_adds)
    return Introspection(cfg, size, layers, facts, _spec(cfg, layers, facts))


def _pair(value: int | tuple[int, ...]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def _square(value: int | tuple[int, ...]) -> str:
    a, b = _pair(value)
    return f"{a}x{b}"


def _shape(shape: list[int]) -> str:
    return "x".join(str(d) for d in shape[1:])


def _macs(module: nn.Module, output_size: list[int]) -> int:
    """Multiply-accumulates for one image: each output element of a conv or fc costs one per weight it reads."""
    per_image_outputs = math.prod(output_size[1:])
    if isinstance(module, nn.Conv2d):
        kh, kw = _pair(module.kernel_size)
        return per_image_outputs * (module.in_channels // module.groups) * kh * kw
    if isinstance(module, nn.Linear):
        return per_image_outputs * module.in_features
    return 0


def _place(cfg: Config, name: str) -> tuple[str, str, str, str, str]:
    """(section, stage, paper stage, block, path) of a qualified module name."""
    parts = name.split(".")
    if parts[0].startswith("layer"):
        stage_index = int(parts[0].removeprefix("layer")) - 1
        paper = PAPER_STAGE_NAMES[cfg.entry.family][stage_index]
        path = "shortcut" if "downsample" in parts else "main"
        return "stage", parts[0], paper, ".".join(parts[:2]), path
    if name in ("avgpool", "fc"):
        return "head", "", "head", "", "main"
    return "stem", "", "conv1", "", "main"


def _layer_row(cfg: Config, index: int, info: torchinfo.layer_info.LayerInfo, name: str) -> LayerRow:
    module = info.module
    has_window = isinstance(module, (nn.Conv2d, nn.MaxPool2d))
    section, stage, paper_stage, block, path = _place(cfg, name)
    stride = ""
    if has_window:
        stride = str(_pair(module.stride)[0])
    elif isinstance(module, ZeroPadShortcut):
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
        input_shape=_shape(info.input_size),
        output_shape=_shape(info.output_size),
        params=0 if info.is_recursive else sum(p.numel() for p in module.parameters()),
        macs=_macs(module, info.output_size),
        torchinfo_mult_adds=info.macs,
    )


def _receptive_field(main_path: pd.DataFrame) -> int:
    """Receptive field of the last convolution, along the main path (the longest one)."""
    field, jump = 1, 1
    for row in main_path.itertuples():
        if row.kernel:
            field += (int(row.kernel.split("x")[0]) - 1) * jump
            jump *= int(row.stride)
    return field


def _facts(
    cfg: Config, model: nn.Module, layers: pd.DataFrame, outputs: dict[str, list[int]], size: int, mult_adds: int
) -> dict[str, object]:
    entry = cfg.entry
    spec = entry.spec
    convs = layers[layers.type == "Conv2d"]
    main = layers[layers.path == "main"]
    main_convs = convs[convs.path == "main"]
    first_block = main_convs[main_convs.block == "layer1.0"]
    stage_names = [f"layer{i}" for i in range(1, len(spec.layers) + 1)]
    stage_outputs = [outputs[stage] for stage in stage_names]
    stem_output = outputs["stem"]
    downsampling = main_convs[(main_convs.section == "stage") & (main_convs.stride != "1")]
    bn = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    params = sum(p.numel() for p in model.parameters())
    bn_stats = sum(m.running_mean.numel() + m.running_var.numel() for m in bn)
    macs = int(layers.macs.sum())
    block_class = type(model.get_submodule("layer1.0"))
    widths = [int(shape.split("x")[0]) for shape in first_block.output_shape]
    kernels = list(first_block.kernel)
    return {
        "model": cfg.name,
        "family": entry.family,
        "options": dict(cfg.options),
        "source": entry.source,
        "input_size": size,
        "num_classes": cfg.num_classes,
        "params": params,
        "trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "bn_running_stats": bn_stats,
        "params_with_bn_stats": params + bn_stats,
        "param_size_mb": units.float32_mb(params),
        "macs": macs,
        "flops": units.flops(macs),
        "torchinfo_mult_adds": int(mult_adds),
        "weighted_layers": len(main_convs) + int((layers.type == "Linear").sum()),
        "conv_fc_layers": len(convs) + int((layers.type == "Linear").sum()),
        "param_layers": int((layers.params > 0).sum()),
        "conv_layers": len(convs),
        "main_path_conv_layers": len(main_convs),
        "block_conv_layers": int((main_convs.section == "stage").sum()),
        "conv1x1_layers": int((convs.kernel == "1x1").sum()),
        "main_path_conv1x1_layers": int((main_convs.kernel == "1x1").sum()),
        "block_type": "basic" if issubclass(block_class, BasicBlock) else "bottleneck",
        "convs_per_block": len(first_block),
        "block_kernels": kernels,
        "expansion": widths[-1] // widths[kernels.index("3x3")],
        "blocks_per_stage": [int(layers.block[layers.stage == stage].nunique()) for stage in stage_names],
        "residual_blocks": int(layers.block[layers.block != ""].nunique()),
        "shape_changing_blocks": sum(
            outputs[block] != outputs[_block_input(block, stage_names)] for block in layers.block[layers.block != ""].unique()
        ),
        "projection_shortcuts": int((convs.path == "shortcut").sum()),
        "zero_pad_shortcuts": int((layers.type == "ZeroPadShortcut").sum()),
        "stem_output": stem_output,
        "stage_outputs": stage_outputs,
        "stage_sizes": [shape[1] for shape in stage_outputs],
        "stage_widths": [shape[0] for shape in stage_outputs],
        "feature_map_sizes": _distinct([size, *(shape[1] for shape in [outputs["conv1"], stem_output, *stage_outputs])]),
        "logits_shape": outputs["fc"],
        "final_feature_map": stage_outputs[-1][1],
        "head": list(layers[layers.section == "head"].type),
        "downsampling_convs": list(downsampling.name),
        "downsampling_kernels": list(downsampling.kernel),
        "total_stride": total_stride(model),
        "receptive_field": _receptive_field(main),
    }


def _block_input(block: str, stage_names: list[str]) -> str:
    """The module whose output feeds a block: the previous block, or the stage before, or the stem."""
    stage, index = block.split(".")
    if int(index) > 0:
        return f"{stage}.{int(index) - 1}"
    position = stage_names.index(stage)
    return f"{stage_names[position - 1]}" if position else "stem"


def _distinct(sizes: list[int]) -> list[int]:
    """Each size once, in order: the sizes the feature maps pass through."""
    return [size for index, size in enumerate(sizes) if index == 0 or size != sizes[index - 1]]


def _block_notation(stage_convs: pd.DataFrame, num_blocks: int) -> str:
    inner = "; ".join(f"{row.kernel.replace('x', '×')}, {row.output_shape.split('x')[0]}" for row in stage_convs.itertuples())
    return f"[{inner}] × {num_blocks}"


def _spec(cfg: Config, layers: pd.DataFrame, facts: dict[str, object]) -> dict[str, object]:
    """The architecture as the paper tabulates it: one row per stage."""
    stem = layers[layers.section == "stem"]
    conv1 = stem.iloc[0]
    stem_text = f"{conv1.kernel.replace('x', '×')}, {conv1.output_shape.split('x')[0]}, stride {conv1.stride}"
    rows = [{"stage": "conv1", "module": "conv1", "output_size": _hw(conv1.output_shape), "layers": stem_text}]
    pool = stem[stem.type == "MaxPool2d"]
    for index, num_blocks in enumerate(cfg.entry.spec.layers):
        stage = f"layer{index + 1}"
        first = layers[(layers.block == f"{stage}.0") & (layers.path == "main") & (layers.type == "Conv2d")]
        text = _block_notation(first, num_blocks)
        if index == 0 and len(pool):
            text = f"{pool.kernel.iloc[0].replace('x', '×')} max pool, stride {pool.stride.iloc[0]}; {text}"
        rows.append({
            "stage": PAPER_STAGE_NAMES[cfg.entry.family][index],
            "module": stage,
            "output_size": _hw(layers[layers.stage == stage].output_shape.iloc[-1]),
            "layers": text,
        })
    rows.append({
        "stage": "head",
        "module": "avgpool, fc",
        "output_size": "1×1",
        "layers": f"global average pool, {facts['num_classes']}-d fc",
    })
    return {
        "model": cfg.name,
        "options": dict(cfg.options),
        "shortcut": _shortcut_text(cfg),
        "stride_placement": _stride_text(cfg, facts),
        "stages": rows,
    }


def _hw(shape: str) -> str:
    _, h, w = shape.split("x")
    return f"{h}×{w}"


def _shortcut_text(cfg: Config) -> str:
    options = dict(cfg.options)
    if options.get("shortcut") == "A":
        return "option A: identity; zero-padded, subsampled identity where the shape changes"
    return "option B: identity; 1×1 projection + BatchNorm where the shape changes"


def _stride_text(cfg: Config, facts: dict[str, object]) -> str:
    convs = ", ".join(facts["downsampling_convs"])
    kernels = sorted(set(facts["downsampling_kernels"]))
    placement = f"stride 2 on {convs} ({'/'.join(k.replace('x', '×') for k in kernels)})"
    variant = dict(cfg.options).get("variant")
    return f"{variant}: {placement}" if variant else placement
