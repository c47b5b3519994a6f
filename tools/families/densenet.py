"""DenseNet's own facts (Huang et al. 2017): growth rate, bottleneck, compression, dense connectivity, Table 1.

Every fact is read off the walk: the layer table's shapes (what each layer received and produced at
run time) and its sections (stem, dense blocks, transitions, head). A model without bottleneck
(the plain DenseNet-40 of Table 2) has ``bottleneck_width`` 0 and ``bottleneck_factor`` 0.
"""

from __future__ import annotations

from collections.abc import Mapping
import functools

import pandas as pd

import models
from tools.i18n import Source, cite, join, notation, text
from tools.families import TORCHVISION_PARAMS, Measured
from tools.introspect import all_configs, config
from tools.introspect.records import Config, Walk
from tools.markdown import bound, table

FACT_DOCS: dict[str, tuple[str, str]] = {
    "growth_rate": ("channels", "k: output channels of a dense layer's last convolution, the feature maps it adds"),
    "bottleneck_width": ("channels", "output channels of a dense layer's 1×1 bottleneck convolution (4k); 0 without bottleneck"),
    "bottleneck_factor": ("", "bottleneck_width / growth_rate (torchvision's bn_size, the paper's 4); 0 without bottleneck"),
    "compression": ("", "θ: output channels of a transition layer divided by its input channels"),
    "dense_layer_kernels": ("", "kernel sizes of a dense layer's convolutions, in order"),
    "layers_per_block": ("layers", "dense layers in each dense block"),
    "block_input_channels": ("channels", "channels each dense block receives (m)"),
    "dense_layer_input_channels": ("channels", "per dense block, the input channels of every dense layer, in order"),
    "receives_all_preceding": ("", "every dense layer's input channels equal its block's input plus the outputs of all earlier layers of the block"),
    "dense_layer_convs": ("layers", "convolutions inside the dense layers"),
    "transition_layers": ("layers", "transition layers between dense blocks (one 1×1 convolution each)"),
    "dense_layers": ("layers", "dense layers in the whole model (BN-ReLU-conv units, with their bottleneck: one 'layer' of l)"),
    "dense_blocks": ("blocks", "dense blocks: the runs of dense layers between transitions"),
    "expanding_bottlenecks": ("layers", "dense layers whose 1×1 bottleneck outputs more channels (4k) than it receives: it expands, not compresses"),
    "expanding_bottleneck_inputs": ("channels", "the input channels of those layers, each widened to bottleneck_width"),
    "dense_layer_macs": ("MACs", "MACs of the convolutions inside the dense layers, as measured (1×1 bottleneck and 3×3)"),
    "dense_layer_macs_without_bottleneck": ("MACs", "MACs the dense layers would need with the 3×3 convolution on each layer's whole input and no 1×1 (k outputs, same feature maps)"),
    "bottleneck_macs_saved_pct": ("%", "how much of dense_layer_macs_without_bottleneck the bottleneck saves, one decimal; 0 without bottleneck"),
}
DERIVED_DOCS: dict[str, tuple[str, str]] = {
    "k12_macs_pct": ("%", "ImageNet: MACs with growth rate k = 12 as a percentage of the MACs with the default k, one decimal"),
    "k12_params_pct": ("%", "ImageNet: params with growth rate k = 12 as a percentage of the params with the default k, one decimal"),
}

# The words of this family's facts, in the languages other than English: {fact: {language: (label, meaning)}}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "growth_rate": {"zh": ("增长率", "k：稠密层最后一个卷积的输出通道数，即它新增的特征图数")},
    "bottleneck_width": {"zh": ("瓶颈宽度", "稠密层中 1×1 瓶颈卷积的输出通道数（4k）；没有瓶颈时为 0")},
    "bottleneck_factor": {"zh": ("瓶颈倍数", "bottleneck_width / growth_rate（torchvision 的 bn_size，论文中为 4）；没有瓶颈时为 0")},
    "compression": {"zh": ("压缩系数", "θ：过渡层的输出通道数除以其输入通道数")},
    "dense_layer_kernels": {"zh": ("稠密层卷积核", "稠密层中各卷积的卷积核尺寸，按先后顺序")},
    "layers_per_block": {"zh": ("每块层数", "每个稠密块中的稠密层数")},
    "block_input_channels": {"zh": ("稠密块输入通道数", "每个稠密块接收的通道数（m）")},
    "dense_layer_input_channels": {"zh": ("稠密层输入通道数", "按稠密块分组，每个稠密层的输入通道数，按先后顺序")},
    "receives_all_preceding": {"zh": ("接收此前全部输出", "每个稠密层的输入通道数都等于所在块的输入加上块内此前所有层的输出")},
    "dense_layer_convs": {"zh": ("稠密层卷积", "稠密层内部的卷积层数")},
    "transition_layers": {"zh": ("过渡层", "稠密块之间的过渡层（各含一个 1×1 卷积）")},
    "dense_layers": {"zh": ("稠密层", "整个模型中的稠密层数（BN-ReLU-卷积单元，连同其瓶颈，即公式中的一“层”）")},
    "dense_blocks": {"zh": ("稠密块", "稠密块数：过渡层之间一段连续的稠密层")},
    "expanding_bottlenecks": {"zh": ("扩张的瓶颈", "1×1 瓶颈输出的通道数（4k）多于其输入的稠密层数：它是在扩张而非压缩")},
    "expanding_bottleneck_inputs": {"zh": ("扩张瓶颈的输入通道", "这些层的输入通道数，各被扩到 bottleneck_width")},
    "dense_layer_macs": {"zh": ("稠密层 MACs", "稠密层内部各卷积（1×1 瓶颈与 3×3）实测的乘加次数")},
    "dense_layer_macs_without_bottleneck": {"zh": ("无瓶颈时的稠密层 MACs", "若不用 1×1、让 3×3 卷积直接作用于每层的全部输入（输出 k 个通道，特征图相同），稠密层所需的乘加次数")},
    "bottleneck_macs_saved_pct": {"zh": ("瓶颈节省的 MACs 占比", "瓶颈省下的乘加次数占无瓶颈时的百分比，保留一位小数；没有瓶颈时为 0")},
    "k12_macs_pct": {"zh": ("k = 12 时的 MACs 占比", "ImageNet：增长率 k = 12 时的 MACs 占默认 k 时 MACs 的百分比，保留一位小数")},
    "k12_params_pct": {"zh": ("k = 12 时的参数量占比", "ImageNet：增长率 k = 12 时的参数量占默认 k 时参数量的百分比，保留一位小数")},
}

LABELS: dict[str, str] = {
    "dense_layers": "Dense layers", "dense_blocks": "Dense blocks", "expanding_bottlenecks": "Expanding bottlenecks",
    "expanding_bottleneck_inputs": "Inputs of expanding bottlenecks", "dense_layer_macs": "Dense-layer MACs",
    "dense_layer_macs_without_bottleneck": "Dense-layer MACs without bottleneck",
    "bottleneck_macs_saved_pct": "MACs the bottleneck saves",
}

# What a model of this family is built of, each count under its own name, with its words (tables' "built of").
UNIT_FACTS = {"dense_layers": {"en": "dense layers", "zh": "个稠密层"},
              "dense_blocks": {"en": "dense blocks", "zh": "个稠密块"}}

# Shown on a model page after the core's key facts, and as columns of its options table.
KEY_FACTS = ["dense_layers", "dense_blocks", "growth_rate", "bottleneck_width", "compression", "dense_layer_kernels", "layers_per_block",
             "block_input_channels", "transition_layers"]
OPTION_FACTS = ["growth_rate", "bottleneck_width", "stage_widths"]


def _channels(shape: str) -> int:
    return int(shape.split("x")[0])


def facts(walk: Walk) -> dict[str, object]:
    layers, model = walk.layers, walk.model
    in_layers = layers[layers.block != ""]
    convs = layers[layers.type == "Conv2d"]
    layer_convs = convs[convs.block != ""]
    first = layer_convs[layer_convs.block == in_layers.block.iloc[0]]
    growth_rate = _channels(first.output_shape.iloc[-1])
    bottleneck = _channels(first.output_shape.iloc[0]) if len(first) > 1 else 0
    inputs, connected = [], True
    for stage in model.anatomy.stages:
        in_stage = in_layers[in_layers.stage == stage.name]
        received, produced = [], []
        for layer in in_stage.block.unique():
            rows = in_stage[in_stage.block == layer]
            received.append(_channels(rows.input_shape.iloc[0]))
            produced.append(walk.outputs[layer][0])
        inputs.append(received)
        connected &= all(got == received[0] + sum(produced[:index]) for index, got in enumerate(received))
    spend = _bottleneck_spend(in_layers[in_layers.type == "Conv2d"], growth_rate, bottleneck)
    transition_convs = convs[convs.section == "transition"]
    first_transition = transition_convs.iloc[0] if len(transition_convs) else None
    return {
        "growth_rate": growth_rate,
        "bottleneck_width": bottleneck,
        "bottleneck_factor": bottleneck // growth_rate,
        "compression": (round(_channels(first_transition.output_shape) / _channels(first_transition.input_shape), 3)
                        if first_transition is not None else 1.0),
        "dense_layer_kernels": list(first.kernel),
        "layers_per_block": [len(received) for received in inputs],
        "block_input_channels": [received[0] for received in inputs],
        "dense_layer_input_channels": inputs,
        "receives_all_preceding": connected,
        "dense_layer_convs": len(layer_convs),
        "transition_layers": len(transition_convs),
        "dense_layers": sum(len(received) for received in inputs),
        "dense_blocks": len(inputs),
        "expanding_bottlenecks": sum(got < bottleneck for received in inputs for got in received),
        "expanding_bottleneck_inputs": [got for received in inputs for got in received if got < bottleneck],
        **spend,
    }


def _bottleneck_spend(layer_convs: pd.DataFrame, growth_rate: int, bottleneck: int) -> dict[str, object]:
    """The dense layers' MACs as measured, against a 3×3 convolution straight on each layer's whole input.

    Without bottleneck, a dense layer whose input has c channels on an H×W map costs 9·c·k·H·W; the
    measured rows are the 1×1 (c → 4k) and the 3×3 (4k → k) on the same map.
    """
    measured = int(layer_convs.macs.sum())
    without = 0
    for _, rows in layer_convs.groupby("block", sort=False):
        first = rows.iloc[0]
        channels, height, width = (int(d) for d in first.input_shape.split("x"))
        without += 9 * channels * growth_rate * height * width
    saved = round(100 * (without - measured) / without, 1) if bottleneck else 0.0
    return {"dense_layer_macs": measured, "dense_layer_macs_without_bottleneck": without if bottleneck else measured,
            "bottleneck_macs_saved_pct": saved}


def derived(facts: dict[str, object], configs: list[Config]) -> dict[str, object]:
    """What k = 12 costs against the default k, for a model registered with the growth-rate option."""
    found: dict[str, object] = {}
    for cfg in configs:
        if cfg.is_default and 12 in getattr(cfg.entry.options.get("growth_rate"), "values", ()):
            small = config(cfg.name, growth_rate=12).key
            for fact in ("macs", "params"):
                ratio = facts[f"{small}.{fact}"] / facts[f"{cfg.key}.{fact}"]
                found[f"{cfg.key}.k12_{fact}_pct"] = round(100 * ratio, 1)
    return found


# --- The architecture as Table 1 writes it ------------------------------------------------------


def _hw(shape: str) -> str:
    _, h, w = shape.split("x")
    return f"{h}×{w}"


_SHORT = {"BatchNorm2d": "BN", "ReLU": "ReLU"}  # how the paper abbreviates them (section 3, "Composite function")


def _window(row: pd.Series, what: str) -> str:
    window = f"{row.kernel.replace('x', '×')} {what}"
    return window if row.stride == "1" else f"{window}, stride {row.stride}"


def spec(walk: Walk, facts: dict[str, object]) -> dict[str, object]:
    """Table 1's rows: Convolution, Pooling, each dense block and transition, the classification layer."""
    cfg, layers, model = walk.config, walk.layers, walk.model
    family = cfg.entry.family
    stem = layers[layers.section == "stem"]
    rows = []
    for _, row in stem[stem.type.isin(["Conv2d", "MaxPool2d"])].iterrows():
        is_conv = row.type == "Conv2d"
        rows.append({"stage": "Convolution" if is_conv else "Pooling", "module": row["name"],
                     "output_size": _hw(row.output_shape), "layers": _window(row, "conv" if is_conv else "max pool")})
    transitions = layers[layers.section == "transition"]
    names = [stage.name for stage in model.anatomy.stages]
    for index, (stage, repeats) in enumerate(zip(model.anatomy.stages, facts["layers_per_block"], strict=True)):
        in_stage = layers[layers.stage == stage.name]
        first = in_stage[(in_stage.block == in_stage.block.iloc[0]) & (in_stage.type == "Conv2d")]
        notation = family.notation([(row.kernel, _channels(row.output_shape)) for row in first.itertuples()], repeats)
        _, h, w = walk.outputs[stage.name]
        rows.append({"stage": stage.paper_name, "module": stage.name, "output_size": f"{h}×{w}", "layers": notation})
        if index + 1 < len(names):
            between = transitions[(transitions.index > in_stage.index[-1])
                                  & (transitions.index < layers.index[layers.stage == names[index + 1]][0])]
            conv, pool = between[between.type == "Conv2d"].iloc[0], between[between.type == "AvgPool2d"].iloc[0]
            rows.append({
                "stage": f"Transition Layer ({index + 1})", "module": conv["name"].rsplit(".", 1)[0],
                "output_size": _hw(pool.output_shape),
                "layers": f"{_window(conv, 'conv')}; {_window(pool, 'average pool')}",
            })
    head = layers[layers.section == "head"]
    final = facts["final_feature_map"]
    before_pool = ", ".join(_SHORT[kind] for kind in head.type if kind in _SHORT)  # Table 1 has none
    rows.append({
        "stage": "Classification Layer",
        "module": ", ".join(head.name),
        "output_size": "1×1",
        "layers": (f"{before_pool + '; ' if before_pool else ''}{final}×{final} global average pool; "
                   f"{facts['num_classes']}D fully-connected"),
    })
    return {
        "model": cfg.name,
        "options": dict(cfg.options),
        "notes": notes(cfg, layers, facts),
        "stages": rows,
    }


def notes(cfg: Config, layers: pd.DataFrame, facts: dict[str, object], lang: str = "en") -> dict[str, str]:
    """The growth rate, a dense layer, the transitions, the head and the depth as a sum, in words."""
    k, width = facts["growth_rate"], facts["bottleneck_width"]
    if width:
        layer = text("densenet.dense_layer.bottleneck", lang, width=width, factor=facts["bottleneck_factor"], k=k)
    else:
        layer = text("densenet.dense_layer.plain", lang, k=k)
    depth = text(
        "densenet.depth", lang, weighted_layers=facts["weighted_layers"],
        stem_convs=facts["main_path_conv_layers"] - facts["dense_layer_convs"] - facts["transition_layers"],
        dense_convs=facts["dense_layer_convs"], blocks=facts["dense_layers"], transitions=facts["transition_layers"],
        fc=facts["weighted_layers"] - facts["main_path_conv_layers"],
    )
    return {
        text("densenet.note.growth_rate", lang): text("densenet.growth_rate", lang, k=k),
        text("densenet.note.dense_layer", lang): layer,
        text("densenet.note.transitions", lang): text("densenet.transitions", lang, compression=facts["compression"]),
        text("densenet.note.head", lang): text("densenet.head", lang),
        text("densenet.note.depth", lang): depth,
    }


# --- Figures published elsewhere, cited -------------------------------------------------------

PAPER = ("Huang, Liu, van der Maaten, Weinberger. Densely Connected Convolutional Networks. CVPR 2017 "
         "(arXiv:1608.06993)")
TORCHVISION = TORCHVISION_PARAMS

SOURCES = {
    "paper.*.densenet_table1_layers": Source(PAPER, {
        "en": "Table 1, the repeats of [1×1 conv; 3×3 conv] in Dense Blocks (1) to (4) (k = 32)",
        "zh": "表 1，稠密块 (1) 至 (4) 中 [1×1 卷积; 3×3 卷积] 的重复次数（k = 32）",
    }),
    "paper.*.densenet_table2_params_m": Source(PAPER, {"en": "Table 2, '# Params' column (millions, as printed)",
                                                       "zh": "表 2 的 '# Params' 列（单位为百万，按原文印出的精度）"}),
    "torchvision.*.params": TORCHVISION,
}

_TABLE1_LAYERS = {  # Table 1 also lists DenseNet-264 (6, 12, 64, 48); it is not registered here
    "densenet121": [6, 12, 24, 16],
    "densenet169": [6, 12, 32, 32],
    "densenet201": [6, 12, 48, 32],
}
_TABLE2_PARAMS_M = {"densenet40_k12": 1.0, "densenet100_k12_bc": 0.8}
_TORCHVISION_PARAMS = {
    "densenet121": 7_978_856,
    "densenet161": 28_681_000,
    "densenet169": 14_149_480,
    "densenet201": 20_013_928,
}

PUBLISHED: dict[str, object] = {}
PUBLISHED |= {f"paper.{model}.densenet_table1_layers": layers for model, layers in _TABLE1_LAYERS.items()}
PUBLISHED |= {f"paper.{model}.densenet_table2_params_m": params for model, params in _TABLE2_PARAMS_M.items()}
PUBLISHED |= {f"torchvision.{model}.params": params for model, params in _TORCHVISION_PARAMS.items()}

# Table 1's rows, the paper's words; a dense block's repeats come from the cited layers above.
TABLE1_ROWS = [
    ("Convolution", "112×112", "7×7 conv, stride 2"),
    ("Pooling", "56×56", "3×3 max pool, stride 2"),
    ("Dense Block (1)", "56×56", "[1×1 conv; 3×3 conv] × {0}"),
    ("Transition Layer (1)", "28×28", "1×1 conv; 2×2 average pool, stride 2"),
    ("Dense Block (2)", "28×28", "[1×1 conv; 3×3 conv] × {1}"),
    ("Transition Layer (2)", "14×14", "1×1 conv; 2×2 average pool, stride 2"),
    ("Dense Block (3)", "14×14", "[1×1 conv; 3×3 conv] × {2}"),
    ("Transition Layer (3)", "7×7", "1×1 conv; 2×2 average pool, stride 2"),
    ("Dense Block (4)", "7×7", "[1×1 conv; 3×3 conv] × {3}"),
    ("Classification Layer", "1×1", "7×7 global average pool; 1000D fully-connected, softmax"),
]


def table1_rows(name: str) -> list[tuple[str, str, str]]:
    """Table 1 for one of its models: (row, output size, layers)."""
    layers = PUBLISHED[f"paper.{name}.densenet_table1_layers"]
    return [(row, size, printed.format(*layers)) for row, size, printed in TABLE1_ROWS]


# --- The comparisons page: Tables 1 and 2 beside the measured models -----------------------------


def comparison_sections(facts: Mapping[str, object], measured: Measured, lang: str = "en") -> list[str]:
    return [
        f"## {text('densenet.comparison.imagenet', lang)}",
        _imagenet_spec_table(measured, lang),
        _imagenet_cost_table(facts, lang),
        f"## {text('densenet.comparison.cifar', lang)}",
        _cifar_table(facts, lang),
    ]


def _models(dataset: str) -> list[str]:
    return [name for name in models.list_models()
            if models.get_entry(name).family.name == "densenet" and models.get_entry(name).dataset == dataset]


def _link(name: str) -> str:
    return f"[{models.get_entry(name).title}](models/{name}.md)"


def _imagenet_spec_table(measured: Measured, lang: str) -> str:
    names = _models("imagenet")
    cited = [name for name in names if f"paper.{name}.densenet_table1_layers" in PUBLISHED]
    specs = {name: measured(name).spec["stages"] for name in names}
    # One Table 1 column for its models, as the paper prints it: "× 24 / 32 / 48" where the repeats differ.
    repeats = []
    for block in range(len(_TABLE1_LAYERS[cited[0]])):
        counts = [str(PUBLISHED[f"paper.{name}.densenet_table1_layers"][block]) for name in cited]
        repeats.append(counts[0] if len(set(counts)) == 1 else " / ".join(counts))
    rows = []
    for index, (row, size, printed) in enumerate(TABLE1_ROWS):
        rows.append([notation(row, lang), size, notation(printed.format(*repeats), lang),
                     *(notation(specs[name][index]["layers"], lang) for name in names)])
    headers = [
        text("column.table1_row", lang), text("column.output_size", lang),
        text("densenet.column.table1_cited", lang, titles=" / ".join(models.get_entry(n).title for n in cited)),
        *(text("densenet.column.measured", lang, title=models.get_entry(name).title) for name in names),
    ]
    note = text("densenet.comparison.imagenet.note", lang, source=cite(SOURCES["paper.*.densenet_table1_layers"], lang),
                others=join([models.get_entry(n).title for n in names if n not in cited], lang))
    return table(headers, rows) + "\n\n" + note


def _imagenet_cost_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for name in _models("imagenet"):
        for cfg in [c for c in all_configs() if c.name == name]:
            key = cfg.key
            cited = facts.get(f"torchvision.{key}.params")
            f = functools.partial(bound, facts)
            rows.append([
                _link(name) + ("" if cfg.is_default else text("densenet.not_torchvision", lang, options=cfg.label())),
                f(f"{key}.growth_rate"), f(f"{key}.params"), f(f"torchvision.{key}.params") if cited is not None else "—",
                (f"{facts[f'{key}.params'] - cited:+d}" if cited is not None else "—"),
                f(f"{key}.macs", "giga"), f(f"{key}.weighted_layers"), f(f"{key}.longest_path"),
            ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "k", "params", "torchvision_params", "difference", "gmacs", "weighted_layers", "longest_path",
    )]
    return table(headers, rows) + "\n\n" + text("note.source", lang, source=cite(SOURCES["torchvision.*.params"], lang))


def _cifar_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for name in _models("cifar10"):
        figure = facts[f"paper.{name}.densenet_table2_params_m"]
        decimals = len(str(figure).split(".")[1])
        f = functools.partial(bound, facts)
        rows.append([
            _link(name), f(f"{name}.weighted_layers"), f(f"{name}.growth_rate"),
            f(f"{name}.bottleneck_width") if facts[f"{name}.bottleneck_width"] else text("densenet.no_bottleneck", lang), f(f"{name}.compression"),
            f(f"{name}.params"), f"{facts[f'{name}.params'] / 1e6:.{decimals}f}M",
            f"{f(f'paper.{name}.densenet_table2_params_m')}M", f(f"{name}.macs", "giga"),
        ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "depth_l", "k", "bottleneck_width", "theta", "params", "params_as_printed", "table2_params", "gmacs",
    )]
    return table(headers, rows) + "\n\n" + text("note.source", lang, source=cite(SOURCES["paper.*.densenet_table2_params_m"], lang))
