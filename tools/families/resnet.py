"""ResNet's own facts (He et al. 2016): residual blocks, shortcuts, stride placement, the paper's tables."""

from __future__ import annotations

from collections.abc import Mapping
import functools

import pandas as pd

import torch
from torch import nn

import models
from models import BasicBlock
from models.variants import MODIFICATIONS
from tools import units
from tools.i18n import Source, cite, notation, text
from tools.families import TORCHVISION_PARAMS, Measured
from tools.introspect.cost import module_cost
from tools.introspect.records import Config, Walk
from tools.markdown import bound, table

FACT_DOCS: dict[str, tuple[str, str]] = {
    "block_conv_layers": ("layers", "main-path convolutions inside the residual blocks"),
    "shape_changing_blocks": ("blocks", "blocks whose output shape differs from their input shape"),
    "main_path_conv1x1_layers": ("layers", "1×1 convolutions on the main path of the blocks"),
    "block_type": ("", "basic (two 3×3) or bottleneck (1×1, 3×3, 1×1)"),
    "convs_per_block": ("convolutions", "main-path convolutions in one residual block"),
    "block_kernels": ("", "kernel sizes of a block's main-path convolutions, in order"),
    "expansion": ("", "a block's output width divided by its 3×3 width"),
    "blocks_per_stage": ("blocks", "residual blocks in each stage"),
    "residual_blocks": ("blocks", "residual blocks in the whole model"),
    "projection_shortcuts": ("shortcuts", "1×1 convolution + BatchNorm shortcuts (option B)"),
    "zero_pad_shortcuts": ("shortcuts", "parameter-free subsample-and-zero-pad shortcuts (option A)"),
    "downsampling_convs": ("", "main-path convolutions in the stages that carry stride 2"),
    "downsampling_kernels": ("", "kernel sizes of those convolutions"),
    "block_conv_params": ("parameters", "parameters of the main-path convolutions inside the residual blocks"),
    "block_conv_macs": (units.MACS, "MACs of the main-path convolutions inside the residual blocks"),
    "block_conv_counts": ("convolutions", "the different numbers of convolutions a residual block has, projection shortcut included"),
    "main_path_conv_counts": ("convolutions", "the different numbers of convolutions a residual block has on its main path, the shortcut left out"),
    "distinct_block_output_sides": ("sizes", "how many different feature-map sides the residual blocks output (one per stage)"),
    "equal_width_block": ("C×H×W", "bottleneck models: the input of their first identity block (conv2_x's second), whose output has the same shape"),
    "equal_width_bottleneck_params": ("parameters", "bottleneck models: parameters of that block (1×1, 3×3, 1×1 with their BatchNorms)"),
    "equal_width_bottleneck_macs": (units.MACS, "bottleneck models: MACs of that block"),
    "equal_width_bottleneck_3x3_params": ("parameters", "bottleneck models: parameters of that block's 3×3 convolution, on the narrowed width"),
    "equal_width_basic_params": ("parameters", "bottleneck models: parameters of a basic block (two 3×3 with their BatchNorms) built with that block's input and output width"),
    "equal_width_basic_macs": (units.MACS, "bottleneck models: MACs of that basic block on the same feature map"),
    "equal_width_basic_3x3_params": ("parameters", "bottleneck models: parameters of one 3×3 convolution of that basic block, at the full width"),
}
DERIVED_DOCS: dict[str, tuple[str, str]] = {
    "option_b_extra_params": ("parameters", "CIFAR: params with shortcut option B minus params with option A"),
    "v15_extra_macs": (units.MACS, "ImageNet: MACs of variant v1.5 minus MACs of variant v1"),
    "v15_extra_macs_pct": ("%", "ImageNet: v15_extra_macs as a percentage of the v1 MACs, one decimal"),
    "params_ratio": ("", "a modification (resnet34-dws): its params divided by the unmodified model's, three decimals"),
    "macs_ratio": ("", "a modification: its MACs divided by the unmodified model's, three decimals"),
    "params_change": ("parameters", "a modification: its params minus the unmodified model's"),
    "macs_change": (units.MACS, "a modification: its MACs minus the unmodified model's"),
}

LABELS: dict[str, str] = {
    "block_type": "Block", "blocks_per_stage": "Blocks per stage", "residual_blocks": "Residual blocks",
    "projection_shortcuts": "Projection shortcuts", "zero_pad_shortcuts": "Zero-padding shortcuts",
    "downsampling_convs": "Stride 2 on", "convs_per_block": "Convolutions per block",
    "distinct_block_output_sides": "Block output sizes", "equal_width_block": "Equal-width block input",
    "equal_width_bottleneck_params": "Bottleneck block parameters (equal width)",
    "equal_width_bottleneck_macs": "Bottleneck block MACs (equal width)",
    "equal_width_bottleneck_3x3_params": "Bottleneck 3×3 parameters",
    "equal_width_basic_params": "Basic block parameters (equal width)",
    "equal_width_basic_macs": "Basic block MACs (equal width)", "equal_width_basic_3x3_params": "Full-width 3×3 parameters",
}

# The words of this family's facts, in the languages other than English: {fact: {language: (label, meaning)}}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "block_conv_layers": {"zh": ("块内卷积层", "残差块内主路径上的卷积层")},
    "shape_changing_blocks": {"zh": ("改变形状的块", "输出形状与输入形状不同的块")},
    "main_path_conv1x1_layers": {"zh": ("主路径 1×1 卷积层", "各块主路径上的 1×1 卷积层")},
    "block_type": {"zh": ("块类型", "基本块（两个 3×3）或瓶颈块（1×1、3×3、1×1）")},
    "convs_per_block": {"zh": ("每块卷积数", "一个残差块主路径上的卷积层数")},
    "block_kernels": {"zh": ("块内卷积核", "一个块主路径上各卷积的卷积核尺寸，按先后顺序")},
    "expansion": {"zh": ("扩展倍数", "块的输出宽度除以其 3×3 卷积的宽度")},
    "blocks_per_stage": {"zh": ("每阶段块数", "每个阶段中的残差块数")},
    "residual_blocks": {"zh": ("残差块", "整个模型中的残差块数")},
    "projection_shortcuts": {"zh": ("投影捷径连接", "由 1×1 卷积 + BatchNorm 构成的捷径连接（选项 B）")},
    "zero_pad_shortcuts": {"zh": ("零填充捷径连接", "无参数、先下采样再零填充的捷径连接（选项 A）")},
    "downsampling_convs": {"zh": ("步幅 2 所在", "各阶段中承担步幅 2 的主路径卷积")},
    "downsampling_kernels": {"zh": ("下采样卷积核", "上述卷积的卷积核尺寸")},
    "block_conv_params": {"zh": ("块内卷积参数量", "残差块内主路径卷积的参数")},
    "block_conv_macs": {"zh": ("块内卷积 MACs", "残差块内主路径卷积的 MACs")},
    "block_conv_counts": {"zh": ("块内卷积数的取值", "残差块可能含有的各种卷积数，投影捷径连接也计入")},
    "main_path_conv_counts": {"zh": ("主路径卷积数的取值", "残差块主路径上可能含有的各种卷积数，捷径连接不计")},
    "distinct_block_output_sides": {"zh": ("残差块输出边长种数", "各残差块输出的特征图有几种不同的边长（每个阶段一种）")},
    "equal_width_block": {"zh": ("等宽块", "瓶颈模型：第一个恒等块（conv2_x 的第二个块）的输入，其输出形状相同")},
    "equal_width_bottleneck_params": {"zh": ("等宽瓶颈块参数量", "瓶颈模型：该块的参数（1×1、3×3、1×1 及其 BatchNorm）")},
    "equal_width_bottleneck_macs": {"zh": ("等宽瓶颈块 MACs", "瓶颈模型：该块的乘加次数")},
    "equal_width_bottleneck_3x3_params": {"zh": ("瓶颈块 3×3 参数量", "瓶颈模型：该块中 3×3 卷积的参数，作用在收窄后的宽度上")},
    "equal_width_basic_params": {"zh": ("等宽基本块参数量", "瓶颈模型：按该块的输入与输出宽度搭建的基本块（两个 3×3 及其 BatchNorm）的参数")},
    "equal_width_basic_macs": {"zh": ("等宽基本块 MACs", "瓶颈模型：该基本块在同一特征图上的乘加次数")},
    "equal_width_basic_3x3_params": {"zh": ("基本块 3×3 参数量", "瓶颈模型：该基本块中一个全宽 3×3 卷积的参数")},
    "option_b_extra_params": {"zh": ("选项 B 的额外参数量", "CIFAR：捷径连接选项 B 的参数量减去选项 A 的参数量")},
    "v15_extra_macs": {"zh": ("v1.5 的额外 MACs", "ImageNet：变体 v1.5 的 MACs 减去变体 v1 的 MACs")},
    "v15_extra_macs_pct": {"zh": ("v1.5 的额外 MACs 占比", "ImageNet：v15_extra_macs 占 v1 的 MACs 的百分比，保留一位小数")},
    "params_ratio": {"zh": ("参数量之比", "某项改动（如 resnet34-dws）的参数量除以未改动模型的参数量，保留三位小数")},
    "macs_ratio": {"zh": ("MACs 之比", "某项改动的 MACs 除以未改动模型的 MACs，保留三位小数")},
    "params_change": {"zh": ("参数量变化", "某项改动的参数量减去未改动模型的参数量")},
    "macs_change": {"zh": ("MACs 变化", "某项改动的 MACs 减去未改动模型的 MACs")},
}

# Shown on a model page after the core's key facts, and as columns of its options table.
# What a model of this family is built of, each count under its own name, with its words (tables' "built of").
UNIT_FACTS = {"residual_blocks": {"en": "residual blocks", "zh": "个残差块"}}

KEY_FACTS = ["block_type", "blocks_per_stage", "residual_blocks", "projection_shortcuts", "zero_pad_shortcuts",
             "downsampling_convs"]
OPTION_FACTS = ["projection_shortcuts", "zero_pad_shortcuts", "downsampling_convs"]


def facts(walk: Walk) -> dict[str, object]:
    layers, model = walk.layers, walk.model
    convs = layers[layers.type == "Conv2d"]
    main_convs = convs[convs.path == "main"]
    in_blocks = layers[layers.block != ""]
    blocks = list(in_blocks.block.unique())
    first_block = main_convs[main_convs.block == blocks[0]]
    widths = [int(shape.split("x")[0]) for shape in first_block.output_shape]
    kernels = list(first_block.kernel)
    downsampling = main_convs[(main_convs.section == "stage") & (main_convs.stride != "1")]
    return {
        "block_conv_layers": int((main_convs.section == "stage").sum()),
        "main_path_conv1x1_layers": int((main_convs.kernel == "1x1").sum()),
        "block_type": "basic" if isinstance(model.get_submodule(blocks[0]), BasicBlock) else "bottleneck",
        "convs_per_block": len(first_block),
        "block_kernels": kernels,
        "expansion": widths[-1] // widths[kernels.index("3x3")],
        "blocks_per_stage": [int(in_blocks.block[in_blocks.stage == stage.name].nunique()) for stage in model.anatomy.stages],
        "residual_blocks": len(blocks),
        "distinct_block_output_sides": len({tuple(walk.outputs[block][1:]) for block in blocks}),
        "shape_changing_blocks": sum(received != walk.outputs[block] for block, received in _block_inputs(in_blocks).items()),
        "projection_shortcuts": int((convs.path == "shortcut").sum()),
        "zero_pad_shortcuts": int((layers.type == "ZeroPadShortcut").sum()),
        "downsampling_convs": list(downsampling.name),
        "downsampling_kernels": list(downsampling.kernel),
        "block_conv_params": int(main_convs[main_convs.section == "stage"].params.sum()),
        "block_conv_macs": int(main_convs[main_convs.section == "stage"].macs.sum()),
        "block_conv_counts": sorted({int(n) for n in convs[convs.block != ""].groupby("block").size()}),
        "main_path_conv_counts": sorted({int(n) for n in main_convs[main_convs.block != ""].groupby("block").size()}),
        **(_equal_width(in_blocks, blocks) if not isinstance(model.get_submodule(blocks[0]), BasicBlock) else {}),
    }


def _equal_width(in_blocks: pd.DataFrame, blocks: list[str]) -> dict[str, object]:
    """A bottleneck model's first identity block (the second of its first stage: input and output of one width)
    as measured, against a basic block built with that input and output width, run on the same feature map."""
    block = in_blocks[in_blocks.block == blocks[1]]
    channels, height, width = (int(d) for d in block.input_shape.iloc[0].split("x"))
    convs = block[block.type == "Conv2d"]
    with torch.device("meta"):
        basic = BasicBlock(channels, channels)
    params, macs = module_cost(basic, (channels, height, width))
    return {
        "equal_width_block": [channels, height, width],
        "equal_width_bottleneck_params": int(block.params.sum()),
        "equal_width_bottleneck_macs": int(block.macs.sum()),
        "equal_width_bottleneck_3x3_params": int(convs[convs.kernel == "3x3"].params.sum()),
        "equal_width_basic_params": params,
        "equal_width_basic_macs": macs,
        "equal_width_basic_3x3_params": sum(p.numel() for p in basic.conv1.parameters()),
    }


def _block_inputs(layers: pd.DataFrame) -> dict[str, list[int]]:
    """The shape each block receives: the input of its first layer."""
    first = layers.drop_duplicates("block")
    return {block: [int(d) for d in shape.split("x")] for block, shape in zip(first.block, first.input_shape, strict=True)}


def derived(facts: dict[str, object], configs: list[Config]) -> dict[str, object]:
    """Option B's parameter cost on CIFAR; v1.5's extra MACs on ImageNet; what each modification costs."""
    found: dict[str, object] = {}
    for cfg in configs:
        if cfg.is_modified:  # a modification goes with the default options only: it compares with the model's defaults
            for fact in ("params", "macs"):
                modified, reference = facts[f"{cfg.key}.{fact}"], facts[f"{cfg.name}.{fact}"]
                found[f"{cfg.key}.{fact}_ratio"] = round(modified / reference, 3)
                found[f"{cfg.key}.{fact}_change"] = modified - reference
        if not cfg.is_default:
            continue
        if "shortcut" in cfg.entry.options:
            found[f"{cfg.key}.option_b_extra_params"] = facts[f"{cfg.key}-b.params"] - facts[f"{cfg.key}.params"]
        if "variant" in cfg.entry.options:
            extra = facts[f"{cfg.key}.macs"] - facts[f"{cfg.key}-v1.macs"]
            found[f"{cfg.key}.v15_extra_macs"] = extra
            found[f"{cfg.key}.v15_extra_macs_pct"] = round(100 * extra / facts[f"{cfg.key}-v1.macs"], 1)
    return found


# --- The one-glance summary of a model page ------------------------------------------------------


def summary(key: str, facts: dict[str, object], lang: str = "en") -> list[str]:
    """The depth as a sum (1 + 9 × 2 + 1 = 20) and the stages, every number bound to its fact."""
    f = {name: bound(facts, f"{key}.{name}") for name in (
        "weighted_layers", "stem_convs", "residual_blocks", "convs_per_block", "fc_layers", "longest_path", "stages",
        "blocks_per_stage", "stage_sizes", "stage_widths",
    )}
    block = text(f"resnet.block.{facts[f'{key}.block_type']}", lang)
    return [text("resnet.summary.depth", lang, block=block, **f), text("resnet.summary.stages", lang, block=block, **f)]


# --- The architecture as Table 1 writes it ------------------------------------------------------


def spec(walk: Walk, facts: dict[str, object]) -> dict[str, object]:
    """One row per stage: the stem, each stage's blocks in the paper's notation, the head."""
    cfg, layers, model = walk.config, walk.layers, walk.model
    family = cfg.entry.family
    stem = layers[layers.section == "stem"]
    conv1 = stem.iloc[0]
    stem_text = f"{conv1.kernel.replace('x', '×')}, {conv1.output_shape.split('x')[0]}, stride {conv1.stride}"
    rows = [{"stage": model.anatomy.stem_name, "module": conv1["name"], "output_size": _hw(conv1.output_shape),
             "layers": stem_text}]
    pool = stem[stem.type == "MaxPool2d"]
    for index, (stage, num_blocks) in enumerate(zip(model.anatomy.stages, facts["blocks_per_stage"], strict=True)):
        in_stage = layers[layers.stage == stage.name]
        first = in_stage[(in_stage.block == in_stage.block.iloc[0]) & (in_stage.path == "main") & (in_stage.type == "Conv2d")]
        kernels = [(_kernel_text(model, row), int(row.output_shape.split("x")[0])) for row in first.itertuples()]
        notation = family.notation(kernels, num_blocks)
        if index == 0 and len(pool):
            notation = f"{pool.kernel.iloc[0].replace('x', '×')} max pool, stride {pool.stride.iloc[0]}; {notation}"
        rows.append({
            "stage": stage.paper_name, "module": stage.name, "output_size": _hw(in_stage.output_shape.iloc[-1]), "layers": notation,
        })
    head = layers[layers.section == "head"]
    rows.append({
        "stage": "head",
        "module": ", ".join(head.name),
        "output_size": "1×1",
        "layers": ", ".join(layer for row in head.itertuples() if (layer := _head_text(model, row))),
    })
    return {"model": cfg.name, "options": dict(cfg.options), "notes": notes(cfg, layers, facts), "stages": rows}


def notes(cfg: Config, layers: pd.DataFrame, facts: dict[str, object], lang: str = "en") -> dict[str, str]:
    """What the stage table leaves out, in words: the shortcuts, where the model strides, its modification."""
    found = {
        text("resnet.note.shortcuts", lang): text(f"resnet.shortcuts.{dict(cfg.options).get('shortcut', 'B')}", lang),
        text("resnet.note.downsampling", lang): _stride_text(cfg, facts, lang),
    }
    if cfg.is_modified:
        name = dict(cfg.options)["modification"]
        found[text("resnet.note.modification", lang)] = text(
            "resnet.modification", lang, name=name, summary=MODIFICATIONS[name].summary[lang],
        )
    return found


def _kernel_text(model: nn.Module, row: tuple) -> str:
    """A convolution's kernel as Table 1 writes it; a depthwise one (one filter per channel) says so."""
    conv = model.get_submodule(row.name)
    return f"{row.kernel} depthwise" if conv.groups > 1 and conv.groups == conv.in_channels else row.kernel


def _head_text(model: nn.Module, row: tuple) -> str:
    """A head layer in words: "1×1, 256", "global average pool", "dropout 0.5", "1000-d fc"; "" for the rest."""
    module = model.get_submodule(row.name)
    if isinstance(module, nn.Conv2d):
        return f"{row.kernel.replace('x', '×')}, {module.out_channels}"
    if isinstance(module, nn.AdaptiveAvgPool2d):
        return "global average pool"
    if isinstance(module, nn.Dropout):
        return f"dropout {module.p}"
    if isinstance(module, nn.Linear):
        return f"{module.out_features}-d fc"
    return ""


def _hw(shape: str) -> str:
    _, h, w = shape.split("x")
    return f"{h}×{w}"


def _stride_text(cfg: Config, facts: dict[str, object], lang: str) -> str:
    convs = ", ".join(facts["downsampling_convs"])
    kernels = "/".join(k.replace("x", "×") for k in sorted(set(facts["downsampling_kernels"])))
    placement = text("resnet.stride", lang, convs=convs, kernels=kernels)
    variant = dict(cfg.options).get("variant")
    return text("resnet.stride.variant", lang, variant=variant, placement=placement) if variant else placement


# --- Figures published elsewhere, cited -------------------------------------------------------

PAPER = "He, Zhang, Ren, Sun. Deep Residual Learning for Image Recognition. CVPR 2016 (arXiv:1512.03385)"
PAPER_V2 = "He, Zhang, Ren, Sun. Identity Mappings in Deep Residual Networks. ECCV 2016 (arXiv:1603.05027)"
TORCHVISION = TORCHVISION_PARAMS
TFSLIM = "TF-slim, tensorflow/models research/slim/nets/resnet_v1.py (commit 09ff47d)"

INTRODUCTION = Source(PAPER, {"en": "section 1 (Introduction)", "zh": "第 1 节（引言）"})
SOURCES = {
    "paper.*.table6_params_m": Source(PAPER, {"en": "Table 6, '# params' column (millions, as printed)",
                                              "zh": "表 6 的 '# params' 列（单位为百万，按原文印出的精度）"}),
    "paper.*.table6_error_pct": Source(PAPER, {"en": "Table 6, CIFAR-10 test error (%)", "zh": "表 6，CIFAR-10 测试错误率（%）"}),
    "paper.*.table1_gflops": Source(PAPER, {"en": "Table 1, 'FLOPs' row (×10^9 multiply-adds)",
                                            "zh": "表 1 的 'FLOPs' 行（单位为 10^9 次乘加）"}),
    "torchvision.*.params": TORCHVISION,
    "paper.*.problem_addressed": INTRODUCTION,
    "paper.*.vanishing_gradients_addressed_by": INTRODUCTION,
    "paper.*.degradation_from_vanishing_gradients": Source(PAPER, {"en": "section 4.1 (Plain Networks)",
                                                                   "zh": "第 4.1 节（普通网络）"}),
    "paper.*.degradation_with_depth": INTRODUCTION,
    "paper.*.residual_mapping": INTRODUCTION,
    "paper.*.residual_easier_to_optimize": INTRODUCTION,
    "paper.*.identity_paths_propagate_directly": Source(PAPER_V2, {"en": "abstract", "zh": "摘要"}),
    "paper.*.downsampling_unit": Source(PAPER, {
        "en": "Table 1 note: downsampling by conv3_1, conv4_1 and conv5_1, the first block of each stage",
        "zh": "表 1 的注：由 conv3_1、conv4_1 与 conv5_1 下采样，即每个阶段的第一个块",
    }),
    "tfslim.*.stride_unit": Source(TFSLIM, {"en": "resnet_v1_block: a block's stride is implemented in its last unit",
                                            "zh": "`resnet_v1_block`：块的步幅在它的最后一个单元上实现"}),
    "tfslim.*.stride_conv": Source(TFSLIM, {"en": "bottleneck: the unit's stride goes to conv2, its 3×3 (conv2d_same)",
                                            "zh": "`bottleneck`：单元的步幅落在 `conv2`，即它的 3×3 卷积（`conv2d_same`）"}),
}

_TABLE6 = {  # model: (params in millions as printed, CIFAR-10 test error %)
    "resnet20": (0.27, 8.75),
    "resnet32": (0.46, 7.51),
    "resnet44": (0.66, 7.17),
    "resnet56": (0.85, 6.97),
    "resnet110": (1.7, 6.43),
    "resnet1202": (19.4, 7.93),
}
_TABLE1_GFLOPS = {"resnet18": 1.8, "resnet34": 3.6, "resnet50": 3.8, "resnet101": 7.6, "resnet152": 11.3}
_TORCHVISION_PARAMS = {
    "resnet18": 11_689_512,
    "resnet34": 21_797_672,
    "resnet50": 25_557_032,
    "resnet101": 44_549_160,
    "resnet152": 60_192_808,
}

PUBLISHED: dict[str, object] = {}
for _model, (_params, _error) in _TABLE6.items():
    PUBLISHED[f"paper.{_model}.table6_params_m"] = _params
    PUBLISHED[f"paper.{_model}.table6_error_pct"] = _error
PUBLISHED |= {f"paper.{model}.table1_gflops": gflops for model, gflops in _TABLE1_GFLOPS.items()}
PUBLISHED |= {f"torchvision.{model}.params": params for model, params in _TORCHVISION_PARAMS.items()}
# Where the stride goes: the unit of a stage (first or last) and the convolution of that unit.
PUBLISHED |= {
    "paper.resnet.downsampling_unit": "first",
    "tfslim.resnet_v1.stride_unit": "last",
    "tfslim.resnet_v1.stride_conv": "3x3",
}

# What the paper states about training, which is not rerun here: each value is the statement's content,
# and QUOTES holds the paper's words for it (citation numbers as printed).
PUBLISHED |= {
    "paper.resnet.problem_addressed": "degradation",
    "paper.resnet.vanishing_gradients_addressed_by": "normalized initialization and intermediate normalization layers",
    "paper.resnet.degradation_from_vanishing_gradients": False,
    "paper.resnet.degradation_with_depth": "accuracy saturates, then degrades",
    "paper.resnet.residual_mapping": "F(x) = H(x) - x",
    "paper.resnet.residual_easier_to_optimize": True,
    "paper.resnet_v2.identity_paths_propagate_directly": True,
}
QUOTES = {
    "paper.resnet.problem_addressed": (
        "In this paper, we address the degradation problem by introducing a deep residual learning framework."
    ),
    "paper.resnet.vanishing_gradients_addressed_by": (
        "An obstacle to answering this question was the notorious problem of vanishing/exploding gradients "
        "[1, 9], which hamper convergence from the beginning. This problem, however, has been largely addressed "
        "by normalized initialization [23, 9, 37, 13] and intermediate normalization layers [16], which enable "
        "networks with tens of layers to start converging for stochastic gradient descent (SGD) with "
        "back-propagation [22]."
    ),
    "paper.resnet.degradation_from_vanishing_gradients": (
        "We argue that this optimization difficulty is unlikely to be caused by vanishing gradients. These plain "
        "networks are trained with BN [16], which ensures forward propagated signals to have non-zero variances. "
        "We also verify that the backward propagated gradients exhibit healthy norms with BN. So neither forward "
        "nor backward signals vanish."
    ),
    "paper.resnet.degradation_with_depth": (
        "When deeper networks are able to start converging, a degradation problem has been exposed: with the network "
        "depth increasing, accuracy gets saturated (which might be unsurprising) and then degrades rapidly."
    ),
    "paper.resnet.residual_mapping": (
        "Formally, denoting the desired underlying mapping as H(x), we let the stacked nonlinear layers fit another "
        "mapping of F(x) := H(x)−x. The original mapping is recast into F(x)+x."
    ),
    "paper.resnet.residual_easier_to_optimize": (
        "We hypothesize that it is easier to optimize the residual mapping than to optimize the original, "
        "unreferenced mapping."
    ),
    "paper.resnet_v2.identity_paths_propagate_directly": (
        "In this paper, we analyze the propagation formulations behind the residual building blocks, which suggest "
        "that the forward and backward signals can be directly propagated from one block to any other block, when "
        "using identity mappings as the skip connections and after-addition activation."
    ),
}


# --- The comparisons page: the paper's Tables 6 and 1 beside the measured models -----------------


def comparison_sections(facts: Mapping[str, object], measured: Measured, lang: str = "en") -> list[str]:
    return [
        f"## {text('resnet.comparison.cifar', lang)}",
        _cifar_table(facts, lang),
        f"## {text('resnet.comparison.imagenet', lang)}",
        _imagenet_spec_table(measured, lang),
        _imagenet_cost_table(facts, lang),
    ]


def _models(dataset: str) -> list[str]:
    return [name for name in models.list_models()
            if models.get_entry(name).family.name == "resnet" and models.get_entry(name).dataset == dataset]


def _link(name: str) -> str:
    return f"[{models.get_entry(name).title}](models/{name}.md)"


# A cell for a figure the source does not publish for this model (a model added here after the paper's tables).
NOT_PUBLISHED = "—"


def _cited(facts: Mapping[str, object], name: str, form: str | None = None) -> object:
    """A published figure, bound (in ``form``, e.g. "{}M"); the dash where none is published for this model."""
    if name not in facts:
        return NOT_PUBLISHED
    return bound(facts, name) if form is None else form.format(bound(facts, name))


def _cifar_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for name in _models("cifar10"):
        a, b = f"{name}.", f"{name}-b."
        f = functools.partial(bound, facts)
        rows.append([
            _link(name), facts[a + "blocks_per_stage"][0], f(a + "weighted_layers"),
            f(a + "params"), _cited(facts, f"paper.{name}.table6_params_m", "{}M"), f(b + "params"),
            f(a + "option_b_extra_params"), f(a + "macs"), f(a + "flops"), _cited(facts, f"paper.{name}.table6_error_pct"),
        ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "n", "weighted_layers", "params_option_a", "paper_params", "params_option_b", "b_minus_a", "macs",
        "flops", "paper_error_pct",
    )]
    note = text("resnet.comparison.cifar.note", lang, params=cite(SOURCES["paper.*.table6_params_m"], lang),
                errors=cite(SOURCES["paper.*.table6_error_pct"], lang))
    return table(headers, rows) + "\n\n" + note


def _imagenet_spec_table(measured: Measured, lang: str) -> str:
    names = _models("imagenet")
    specs = {name: measured(name).spec["stages"] for name in names}
    rows = []
    for index, stage in enumerate(specs[names[0]]):
        rows.append([notation(stage["stage"], lang), stage["output_size"],
                     *(notation(specs[name][index]["layers"], lang) for name in names)])
    headers = [text("column.stage", lang), text("column.output_size", lang), *(models.get_entry(name).title for name in names)]
    return table(headers, rows)


def _imagenet_cost_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for name in _models("imagenet"):
        paper = facts.get(f"paper.{name}.table1_gflops")
        v1 = facts[f"{name}-v1.macs"]
        f = functools.partial(bound, facts)
        rows.append([
            _link(name), f(f"{name}.params"), _cited(facts, f"torchvision.{name}.params"),
            _cited(facts, f"paper.{name}.table1_gflops"), f(f"{name}-v1.macs", "giga"),
            f"{100 * (v1 / 1e9 - paper) / paper:+.1f}%" if paper else NOT_PUBLISHED,
            f(f"{name}.macs", "giga"), f"{facts[f'{name}.v15_extra_macs_pct']:+.1f}%",
        ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "params", "torchvision_params", "paper_flops_row", "v1_gmacs", "v1_vs_paper", "v15_gmacs", "v15_vs_v1",
    )]
    note = text("resnet.comparison.imagenet.note", lang, table1=cite(SOURCES["paper.*.table1_gflops"], lang),
                torchvision=cite(SOURCES["torchvision.*.params"], lang))
    return table(headers, rows) + "\n\n" + note
