"""Inception's own facts (Szegedy et al. 2016): modules per grid and per figure, branches, factorised
convolutions, the auxiliary classifier, depth through the modules, and the paper's Table 1."""

from __future__ import annotations

from collections.abc import Mapping
import functools

from collections import Counter

from torch import fx, nn

from models.inception import INCEPTION, InceptionAux
from tools import units
from tools.i18n import Source, cite, in_english, join, notation, text
from tools.families import TORCHVISION_GFLOPS, TORCHVISION_PARAMS, Measured
from tools.introspect import build, config
from tools.introspect.graph import analyse
from tools.introspect.records import AUXILIARY, Config, Walk
from tools.markdown import bound, table

FACT_DOCS: dict[str, tuple[str, str]] = {
    "modules_per_grid": ("modules", "Inception modules by the grid their output is on (H×W), grid reductions included"),
    "modules_by_figure": ("modules", "Inception modules by the figure of the paper they follow: 5, 6, 7 on the grids, 10 for the grid reductions"),
    "grid_reductions": ("", "Inception modules whose output grid is smaller than their input grid"),
    "branches_per_module": ("branches", "branches each module class concatenates at its output"),
    "factorised_convs": ("layers", "1×n and n×1 convolutions that run at inference: n×n convolutions factorised (section 3.2)"),
    "stem_conv_layers": ("layers", "convolutions of the stem, before the first Inception module"),
    "module_depths": ("layers", "convolutions on the longest path through each Inception module, input to output"),
    "module_path_depth": ("layers", "convolutions on the longest path through the Inception modules alone: module_depths summed, stem and fc left out"),
    "aux_params": ("parameters", "parameters of the auxiliary classifier (AuxLogits), which does not run at inference; 0 without it"),
    "aux_reads": ("", "the module whose output the auxiliary classifier reads in training mode; empty without it"),
    "aux_input": ("C×H×W", "output shape of that module: the auxiliary classifier's input; empty without it"),
    "fewest_branches": ("branches", "the fewest parallel branches an Inception module runs side by side and concatenates"),
    "inception_modules": ("modules", "Inception modules, the two grid reductions (Figure 10) included: Mixed_5b to Mixed_7c"),
}
DERIVED_DOCS: dict[str, tuple[str, str]] = {}

# The words of this family's facts, in the languages other than English: {fact: {language: (label, meaning)}}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "modules_per_grid": {"zh": ("各网格上的模块数", "按输出所在网格（H×W）统计的 Inception 模块数，网格缩减模块也计入")},
    "modules_by_figure": {"zh": (
        "按论文插图统计的模块数", "按所依据的论文插图统计的 Inception 模块数：各网格上的为图 5、6、7，网格缩减为图 10",
    )},
    "grid_reductions": {"zh": ("网格缩减", "输出网格小于输入网格的 Inception 模块")},
    "branches_per_module": {"zh": ("每个模块的分支数", "每种模块类在输出处拼接的分支数")},
    "factorised_convs": {"zh": ("分解卷积", "推理时运行的 1×n 与 n×1 卷积：由 n×n 卷积分解而来（第 3.2 节）")},
    "stem_conv_layers": {"zh": ("起始层卷积层", "起始层中、第一个 Inception 模块之前的卷积层")},
    "module_depths": {"zh": ("各模块深度", "穿过每个 Inception 模块、从其输入到输出的最长路径上的卷积层数")},
    "module_path_depth": {"zh": (
        "穿过模块的深度", "只穿过各 Inception 模块的最长路径上的卷积层数：module_depths 之和，不计起始层与全连接层",
    )},
    "aux_params": {"zh": ("辅助分类器参数量", "辅助分类器（AuxLogits）的参数，推理时不运行；没有辅助分类器时为 0")},
    "aux_reads": {"zh": ("辅助分类器读取的模块", "训练模式下辅助分类器读取其输出的模块；没有辅助分类器时为空")},
    "aux_input": {"zh": ("辅助分类器输入", "该模块的输出形状，即辅助分类器的输入；没有辅助分类器时为空")},
    "fewest_branches": {"zh": ("最少分支数", "Inception 模块中并行运行、最后拼接在一起的分支数的最小值")},
    "inception_modules": {"zh": ("Inception 模块", "Inception 模块数，含两个网格缩减模块（图 10）：Mixed_5b 至 Mixed_7c")},
}

LABELS: dict[str, str] = {"inception_modules": "Inception modules", "fewest_branches": "Fewest branches"}

# What a model of this family is built of, each count under its own name, with its words (tables' "built of").
UNIT_FACTS = {"inception_modules": {"en": "Inception modules", "zh": "个 Inception 模块"}}

# Shown on a model page after the core's key facts, and as columns of its options table.
KEY_FACTS = ["inception_modules", "modules_per_grid", "modules_by_figure", "module_path_depth", "factorised_convs", "aux_params", "aux_reads"]
OPTION_FACTS = ["aux_params"]


def facts(walk: Walk) -> dict[str, object]:
    layers, model, outputs = walk.layers, walk.model, walk.outputs
    executed = layers[layers.section != AUXILIARY]
    convs = executed[executed.type == "Conv2d"]
    blocks = list(executed.block[executed.block != ""].unique())  # in forward order
    modules = {name: model.get_submodule(name) for name in blocks}
    inputs = {name: _shape(executed.input_shape[executed.block == name].iloc[0]) for name in blocks}
    depths = {name: analyse(module).longest_path for name, module in modules.items()}
    reductions = [name for name in blocks if outputs[name][1] < inputs[name][1]]
    aux_reads = _aux_reads(model)
    return {
        "inception_modules": len(blocks),
        "fewest_branches": min(_branches(module) for module in modules.values()),
        "modules_per_grid": dict(Counter(f"{outputs[name][1]}x{outputs[name][2]}" for name in blocks)),
        "modules_by_figure": dict(sorted(Counter(module.figure for module in modules.values()).items(), key=_figure_number)),
        "grid_reductions": reductions,
        "branches_per_module": {type(module).__name__: _branches(module) for module in modules.values()},
        "factorised_convs": int(sum(kernel.split("x")[0] != kernel.split("x")[1] for kernel in convs.kernel)),
        "stem_conv_layers": int((convs.section == "stem").sum()),
        "module_depths": depths,
        "module_path_depth": sum(depths.values()),
        "aux_params": int(layers.params[layers.section == AUXILIARY].sum()),
        "aux_reads": aux_reads,
        "aux_input": outputs[aux_reads] if aux_reads else [],
    }


def _figure_number(item: tuple[str, int]) -> int:
    return int(item[0].removeprefix("Figure "))


def _shape(shape: str) -> list[int]:
    return [int(d) for d in shape.split("x")]


def _branches(module: nn.Module) -> int:
    """Inputs of the concatenation that makes the module's output."""
    graph = fx.Tracer().trace(module)  # the graph alone: no GraphModule is compiled from it
    output = next(node for node in graph.nodes if node.op == "output")
    concatenation = output.args[0]
    return len(concatenation.args[0])


class _ModuleTracer(fx.Tracer):
    """Keeps the Inception modules and the auxiliary head whole, so the graph shows which feeds which."""

    def is_leaf_module(self, module: nn.Module, qualified_name: str) -> bool:
        return isinstance(module, (*INCEPTION.blocks, InceptionAux)) or super().is_leaf_module(module, qualified_name)


def _aux_reads(model: nn.Module) -> str:
    """The module whose output AuxLogits reads, from the graph of a training-mode forward (it never runs in eval).

    Only traced, never run: the mode is a plain bool to torch.fx, and tracing runs no arithmetic.
    """
    if model.AuxLogits is None:
        return ""
    model.train()
    try:
        graph = _ModuleTracer().trace(model)
    finally:
        model.eval()
    aux = next(node for node in graph.nodes if node.op == "call_module" and node.target == "AuxLogits")
    return aux.args[0].target


def derived(facts: dict[str, object], configs: list[Config]) -> dict[str, object]:
    """Inception has no facts across configurations: the options differ only in the auxiliary head."""
    return {}


# --- The architecture as Table 1 writes it ------------------------------------------------------


def spec(walk: Walk, facts: dict[str, object]) -> dict[str, object]:
    """The stem's layers, each grid's modules by figure, the head; notes on the auxiliary head and depth."""
    cfg, layers, model = walk.config, walk.layers, walk.model
    stem = layers[layers.section == "stem"]
    rows = [{
        "stage": model.anatomy.stem_name,
        "module": f"{stem.name.iloc[0].rsplit('.', 1)[0]} … {stem.name.iloc[-1]}",
        "output_size": _hw(walk.outputs["stem"]),
        "layers": "; ".join(_stem_layer(row) for row in stem.itertuples() if row.type in ("Conv2d", "MaxPool2d")),
    }]
    reductions = set(facts["grid_reductions"])
    for stage in model.anatomy.stages:
        groups: list[list[str]] = []
        for name in stage.modules:
            if groups and type(model.get_submodule(name)) is type(model.get_submodule(groups[-1][0])):
                groups[-1].append(name)
            else:
                groups.append([name])
        parts = []
        for group in groups:
            figure = model.get_submodule(group[0]).figure
            parts.append(f"grid reduction ({figure})" if group[0] in reductions else f"{len(group)}×Inception ({figure})")
        rows.append({
            "stage": stage.paper_name,
            "module": f"{stage.modules[0]} … {stage.modules[-1]}",
            "output_size": _hw(walk.outputs[stage.modules[-1]]),
            "layers": "; ".join(parts),
        })
    head = layers[layers.section == "head"]
    rows.append({
        "stage": "head",
        "module": ", ".join(head.name),
        "output_size": "1×1",
        "layers": f"global average pool, dropout, {facts['num_classes']}-d fc",
    })
    return {
        "model": cfg.name,
        "options": dict(cfg.options),
        "notes": notes(cfg, layers, facts),
        "stages": rows,
    }


def notes(cfg: Config, layers: object, facts: dict[str, object], lang: str = "en") -> dict[str, str]:
    """The auxiliary classifier, where the grid shrinks, and the depth as a sum, in words."""
    depth = text("inception.depth", lang, longest_path=facts["longest_path"], stem=facts["stem_conv_layers"],
                 modules=facts["module_path_depth"], convs=facts["conv_layers"])
    return {
        text("inception.note.aux", lang): _aux_text(facts, lang),
        text("inception.note.grid_reductions", lang): _reduction_text(layers, facts, lang),
        text("inception.note.depth", lang): depth,
    }


def _stem_layer(row: object) -> str:
    """Table 1's notation: patch size/stride, then the filters (a pool has none)."""
    kernel = row.kernel.replace("x", "×")
    if row.type == "MaxPool2d":
        return f"{kernel}/{row.stride} max pool"
    padded = " padded" if row.padding != "0" else ""
    return f"{kernel}/{row.stride}{padded}, {row.output_shape.split('x')[0]}"


def _hw(shape: list[int]) -> str:
    return f"{shape[1]}×{shape[2]}"


def _aux_text(facts: dict[str, object], lang: str) -> str:
    if not facts["aux_input"]:
        return text("inception.aux.none", lang)
    return text("inception.aux", lang, shape="×".join(str(d) for d in facts["aux_input"]), module=facts["aux_reads"],
                params=units.fmt_int(facts["aux_params"]))


def _reduction_text(layers: object, facts: dict[str, object], lang: str) -> str:
    stem = layers[(layers.section == "stem") & (layers.stride == "2")]
    names = [name.removesuffix(".conv") for name in stem.name]
    return text("inception.grid_reductions", lang, names=", ".join(names), modules=", ".join(facts["grid_reductions"]),
                sides=" → ".join(str(d) for d in facts["feature_map_sizes"]))


# --- Figures published elsewhere, cited -------------------------------------------------------

PAPER = ("Szegedy, Vanhoucke, Ioffe, Shlens, Wojna. Rethinking the Inception Architecture for Computer Vision. "
         "CVPR 2016 (arXiv:1512.00567)")
TORCHVISION = TORCHVISION_PARAMS

SOURCES = {
    "paper.*.stated_depth_layers": Source(PAPER, {"en": "section 6: the network 'is 42 layers deep' (no counting rule given)",
                                                  "zh": "第 6 节：网络 'is 42 layers deep'（未给出计数规则）"}),
    "paper.*.table1_inception_modules": Source(PAPER, {
        "en": "Table 1: '3×Inception', '5×Inception', '2×Inception' on the 35×35, 17×17 and 8×8 grids",
        "zh": "表 1：35×35、17×17 与 8×8 网格上的 '3×Inception'、'5×Inception'、'2×Inception'",
    }),
    "paper.*.abstract_gmacs": Source(PAPER, {
        "en": "abstract: 'a computational cost of 5 billion multiply-adds per inference' (10^9 MACs)",
        "zh": "摘要：'a computational cost of 5 billion multiply-adds per inference'（10^9 MACs）",
    }),
    "paper.*.abstract_params_m": Source(PAPER, {"en": "abstract: 'less than 25 million parameters' (an upper bound, millions)",
                                                "zh": "摘要：'less than 25 million parameters'（一个上限，单位为百万）"}),
    "torchvision.*.params": TORCHVISION,
    "torchvision.*.gflops": TORCHVISION_GFLOPS,
}

PUBLISHED: dict[str, object] = {
    "paper.inception_v3.stated_depth_layers": 42,
    "paper.inception_v3.table1_inception_modules": [3, 5, 2],
    "paper.inception_v3.abstract_gmacs": 5,
    "paper.inception_v3.abstract_params_m": 25,
    "torchvision.inception_v3.params": 27_161_264,
    "torchvision.inception_v3.gflops": 5.71,  # as the documentation prints it (two decimals, as for every model)
}

# Table 1 as printed: (type, patch size/stride or remarks, input size). The caption says the output
# of each row is the input of the next, and that grid reductions (Figure 10) sit between the
# Inception rows without a row of their own.
_TABLE1 = [
    ("conv", "3×3/2", "299×299×3"),
    ("conv", "3×3/1", "149×149×32"),
    ("conv padded", "3×3/1", "147×147×32"),
    ("pool", "3×3/2", "147×147×64"),
    ("conv", "3×3/1", "73×73×64"),
    ("conv", "3×3/2", "71×71×80"),
    ("conv", "3×3/1", "35×35×192"),
    ("3×Inception", "As in figure 5", "35×35×288"),
    ("5×Inception", "As in figure 6", "17×17×768"),
    ("2×Inception", "As in figure 7", "8×8×1280"),
    ("pool", "8×8", "8×8×2048"),
    ("linear", "logits", "1×1×2048"),
    ("softmax", "classifier", "1×1×1000"),
]
# The ways of counting depth that the claim about "42 layers" is checked against.
DEPTH_COUNTS = ["longest_path", "weighted_layers", "conv_layers", "module_path_depth"]
_INCEPTION_ROWS = {"3×Inception": "Figure 5", "5×Inception": "Figure 6", "2×Inception": "Figure 7"}


# --- The comparisons page: Table 1 beside the measured model ------------------------------------


def comparison_sections(facts: Mapping[str, object], measured: Measured, lang: str = "en") -> list[str]:
    return [f"## {text('inception.comparison', lang)}", _table1_comparison(facts, measured, lang), _cost_table(facts, lang)]


def _table1_comparison(facts: Mapping[str, object], measured: Measured, lang: str) -> str:
    """Each row of Table 1 beside the released model's layer or modules that take its place."""
    result = measured("inception_v3")
    layers, model = result.layers, build(config("inception_v3"))
    executed = layers[layers.section != AUXILIARY]
    stem = executed[(executed.section == "stem") & executed.type.isin(["Conv2d", "MaxPool2d"])]
    measured = [
        (f"`{row.name.removesuffix('.conv')}`", f"{row.kernel.replace('x', '×')}/{row.stride}", _hwc(row.input_shape))
        for row in stem.itertuples()
    ]
    blocks = list(executed.block[executed.block != ""].unique())
    for figure in _INCEPTION_ROWS.values():
        names = [name for name in blocks if model.get_submodule(name).figure == figure]
        first = executed.input_shape[executed.block == names[0]].iloc[0]
        measured.append((f"`{names[0]}` … `{names[-1]}`", f"{len(names)}× {figure}", _hwc(first)))
    head = executed[executed.section == "head"]
    pool, fc = head[head.type == "AdaptiveAvgPool2d"].iloc[0], head[head.type == "Linear"].iloc[0]
    measured += [
        (f"`{pool['name']}`", text("inception.table1.global_average", lang), _hwc(pool.input_shape)),
        (f"`{fc['name']}`", text("inception.table1.logits", lang), f"1×1×{fc.input_shape}"),
        ("—", text("inception.table1.softmax", lang), ""),
    ]
    rows = [[notation(kind, lang), notation(patch, lang), size, module, notation(kernels, lang), seen]
            for (kind, patch, size), (module, kernels, seen) in zip(_TABLE1, measured, strict=True)]
    headers = [text(f"column.{key}", lang) for key in (
        "table1_type", "patch_size_stride", "input_size", "released_module", "kernel_stride_or_modules", "measured_input",
    )]
    return table(headers, rows) + "\n\n" + _table1_note(result.facts, facts["paper.inception_v3.table1_inception_modules"], stem, lang)


def _table1_note(facts: dict[str, object], paper_counts: list[int], stem: object, lang: str) -> str:
    """What differs between Table 1 and the release, every number from the table or the facts."""
    paper_stem = _TABLE1[:[row[0] for row in _TABLE1].index("3×Inception")]
    paper_convs = sum(row[0].startswith("conv") for row in paper_stem)
    paper_pools = sum(row[0] == "pool" for row in paper_stem)
    paper_side, _, paper_channels = _TABLE1[len(paper_stem)][2].split("×", 2)
    channels, side, _ = facts["stem_output"]
    ours = [facts["modules_by_figure"][figure] for figure in _INCEPTION_ROWS.values()]
    grids = [row[2].rsplit("×", 1)[0] for row in _TABLE1 if row[0] in _INCEPTION_ROWS]
    differ = text("list.semicolon", lang).join(
        text("inception.table1.differs", lang, grid=grid, mine=mine, theirs=theirs)
        for grid, mine, theirs in zip(grids, ours, paper_counts, strict=True) if mine != theirs
    )
    by_output = join([f"{grid.replace('x', '×')} {count}" for grid, count in facts["modules_per_grid"].items()], lang)
    return text(
        "inception.table1.note", lang, size=facts["input_size"], paper_convs=paper_convs, paper_pools=paper_pools,
        stem_convs=facts["stem_conv_layers"], max_pools=int((stem.type == "MaxPool2d").sum()),
        side=side, channels=channels, paper_side=paper_side, paper_channels=paper_channels,
        paper_counts=_counts(paper_counts), ours=_counts(ours), differ=differ or text("inception.table1.same", lang),
        reductions=", ".join(facts["grid_reductions"]), by_output=by_output, paper=in_english(PAPER, lang),
    )


def _counts(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)


def _hwc(shape: str) -> str:
    c, h, w = shape.split("x")
    return f"{h}×{w}×{c}"


def _cost_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for key, label, cited in (("inception_v3", "with", True), ("inception_v3-no-aux", "without", False)):
        f = functools.partial(bound, facts)
        rows.append([
            text(f"inception.cost.{label}", lang, link="[Inception-v3](models/inception_v3.md)"), f(f"{key}.params"),
            f("torchvision.inception_v3.params") if cited else "", f(f"{key}.aux_params"),
            f(f"{key}.macs", "giga"), f("torchvision.inception_v3.gflops") if cited else "",
            f(f"{key}.longest_path"), f(f"{key}.module_path_depth"), f(f"{key}.weighted_layers"),
        ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "params", "torchvision_params", "aux_params", "gmacs", "torchvision_gflops", "longest_path",
        "through_modules", "weighted_layers",
    )]
    upper = facts["paper.inception_v3.abstract_params_m"]
    below = tuple(label for key, label in (("inception_v3", "with"), ("inception_v3-no-aux", "without"))
                  if facts[f"{key}.params"] < upper * 10**6)
    meets = {("with", "without"): "both", ("with",): "with", ("without",): "without", (): "neither"}[below]
    stated = facts["paper.inception_v3.stated_depth_layers"]
    matching = [f"`{name}`" for name in DEPTH_COUNTS if facts[f"inception_v3.{name}"] == stated]
    counts = [f"`{name}` {facts['inception_v3.' + name]}" for name in DEPTH_COUNTS]
    note = text(
        "inception.cost.note", lang, gmacs=facts["paper.inception_v3.abstract_gmacs"], upper=upper,
        meets=text(f"inception.cost.meets.{meets}", lang), stated=stated, counts=join(counts, lang),
        matching=text("list.and", lang).join(matching) or text("inception.cost.none", lang),
        params=cite(SOURCES["torchvision.*.params"], lang), gflops=cite(SOURCES["torchvision.*.gflops"], lang), paper=in_english(PAPER, lang),
    )
    return table(headers, rows) + "\n\n" + note
