"""The page "Modifying ResNet-34: what each change costs", and its chart.

Every modification of ``models/variants.py`` registered for ResNet-34 (the option ``modification``)
is measured like any model: introspected, its facts in their own namespace (``resnet34-dws.params``),
its Figure 3 and data files generated beside the others. This page puts them side by side with the
reference, explains why each number moves, and lists the layers each change touches. Every number
is a bound fact.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator  # noqa: E402
import pandas as pd  # noqa: E402

import models  # noqa: E402
from models import imagenet  # noqa: E402
from models.variants import MODIFICATIONS  # noqa: E402
from tools import generated, units  # noqa: E402
from tools.facts import all_facts  # noqa: E402
from tools.introspect import Config, all_configs, config, introspect  # noqa: E402
from tools.render.chart import STYLE, svg_of  # noqa: E402
from tools.render.figure import FIGURE_DIR  # noqa: E402
from tools.render.markdown import Bound, bound, table  # noqa: E402

PAGE_PATH = "docs/modifications.md"
CHART_PATH = "docs/assets/modifications.svg"
MODEL = "resnet34"
OTHERS = [name for name in imagenet.MODIFICATIONS if name != MODEL]  # models taking them too: a smaller table each

# Columns of the layer changes, as on the model pages' layer tables.
CHANGE_COLUMNS = ["name", "type", "kernel", "stride", "output_shape", "params", "macs"]


def modified_configs(name: str) -> list[Config]:
    return [cfg for cfg in all_configs() if cfg.name == name and cfg.is_modified]


def modification_of(cfg: Config) -> str:
    return dict(cfg.options)["modification"]


# --- Why each number moves: one explanation per modification, every number a bound fact ---------

# (bound fact of a configuration: f(key, fact, style=None), the modification's key, the reference's key) -> text
Why = Callable[[Callable[..., Bound], str, str], str]


def _why_dws(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "A 3×3 convolution from C to C′ channels has 9·C·C′ weights and does as many MACs at each output "
        "position. The depthwise separable pair has 9·C (one 3×3 filter per input channel) + C·C′ (the 1×1 "
        "pointwise): the fraction 1/9 + 1/C′ of it, nearly nine times less once the layer is wide. "
        f"The blocks' convolutions hold {f(ref, 'block_conv_params')} of {f(ref, 'params')} parameters "
        f"and do {f(ref, 'block_conv_macs', 'giga')} of {f(ref, 'macs', 'giga')} G{units.MACS}; as separable "
        f"pairs, {f(key, 'block_conv_params')} and {f(key, 'block_conv_macs', 'giga')} G{units.MACS}. "
        "The 7×7 stem, the projection shortcuts, BatchNorm and the fc layer "
        f"({f(ref, 'fc_params')} parameters) stay as they are, so the whole model keeps "
        f"{f(key, 'params_ratio')} of its parameters and {f(key, 'macs_ratio')} of its MACs, not a ninth. "
        f"The price is depth: each 3×3 became two layers, {f(key, 'weighted_layers')} weighted layers on a "
        f"longest path of {f(key, 'longest_path')}, against {f(ref, 'longest_path')}."
    )


def _why_activation(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "An activation has no weights, and MACs count only the convolutions and fc layers: the change is "
        f"{f(key, 'params_change')} parameters and {f(key, 'macs_change')} {units.MACS}. "
        "What it does change is not counted here: the elementwise work (SiLU computes a sigmoid per value) "
        "and, in training, the gradient for negative inputs."
    )


def _why_width(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "A convolution's weights are k·k·C·C′ and its MACs that many per output position: scaling both C and "
        "C′ by a factor scales them by its square (twice as wide: four times; half as wide: a quarter). Two "
        "layers scale by the factor alone, because one side of them is fixed: the 7×7 stem reads the image's "
        f"3 channels, and the fc layer writes {f(ref, 'num_classes')} classes (its parameters "
        f"{f(ref, 'fc_params')} → {f(key, 'fc_params')}); BatchNorm scales by the factor too. Stage widths "
        f"{f(ref, 'stage_widths')} → {f(key, 'stage_widths')}: parameters × {f(key, 'params_ratio')}, "
        f"{units.MACS} × {f(key, 'macs_ratio')}, depth unchanged at {f(key, 'weighted_layers')}."
    )


def _why_depth(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        f"Blocks per stage {f(ref, 'blocks_per_stage')} → {f(key, 'blocks_per_stage')}: "
        f"{f(key, 'residual_blocks')} residual blocks instead of {f(ref, 'residual_blocks')}, "
        f"{f(key, 'weighted_layers')} weighted layers instead of {f(ref, 'weighted_layers')}. From one stage to "
        "the next the width doubles and the map's side halves, so a block that keeps its shape has four times "
        "the weights of one in the stage before and costs the same MACs. The MACs therefore fall with the "
        f"number of blocks removed (× {f(key, 'macs_ratio')}) and the parameters with where they are removed: "
        f"× {f(key, 'params_ratio')}, most of it from the wide last stages."
    )


def _why_bottleneck(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        f"ResNet-34's {f(ref, 'blocks_per_stage')} blocks per stage, each a bottleneck "
        f"({f(key, 'block_kernels')}, the last 1×1 {f(key, 'expansion')} times as wide), are Table 1's ResNet-50: "
        f"{f(key, 'params')} parameters and {f(key, 'macs', 'giga')} G{units.MACS}, as "
        f"[ResNet-50](models/resnet50.md) has ({f('resnet50', 'params')}, {f('resnet50', 'macs', 'giga')}). "
        f"Each block has {f(key, 'convs_per_block')} convolutions instead of {f(ref, 'convs_per_block')}: "
        f"{f(key, 'weighted_layers')} weighted layers. The 3×3 works at the narrow width, so a stage four times as "
        f"wide costs only × {f(key, 'macs_ratio')} the MACs; the wider stage outputs make the projections and the "
        f"fc layer larger ({f(key, 'fc_params')} parameters against {f(ref, 'fc_params')})."
    )


def _why_head(f: Callable[..., Bound], key: str, ref: str) -> str:
    macs = f(key, "macs_change")
    verdict = "more" if macs.value > 0 else "less"
    return (
        "The 1×1 convolution runs before pooling, at every position of the "
        f"{f(ref, 'final_feature_map')} map: its C·C/2 weights are used once per position. The fc layer after it "
        f"reads half as many features, {f(ref, 'fc_params')} → {f(key, 'fc_params')} parameters. Net: "
        f"{f(key, 'params_change')} parameters and {macs} {units.MACS}: the convolution costs {verdict} "
        f"computation than the smaller fc layer saves. It adds a weighted layer: {f(key, 'weighted_layers')}."
    )


def _why_dropout(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "Dropout has no weights, and at inference (`model.eval()`), where MACs are counted, it is the identity: "
        f"{f(key, 'params_change')} parameters, {f(key, 'macs_change')} {units.MACS}. In training it zeroes half "
        "of the pooled features at random: a regulariser, not a saving."
    )


def _why_dws_silu(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "SiLU adds nothing countable, so this costs what the depthwise separable change costs: "
        f"{f(key, 'params')} parameters (× {f(key, 'params_ratio')}) and {f(key, 'macs', 'giga')} G{units.MACS} "
        f"(× {f(key, 'macs_ratio')})."
    )


def _why_dws_double(f: Callable[..., Bound], key: str, ref: str) -> str:
    ratio = f(key, "macs_ratio")
    return (
        "At twice the width the pointwise 1×1 convolutions grow four times and the depthwise ones twice. With "
        f"stages {f(key, 'stage_widths')} wide, the separable model costs {'less' if ratio.value < 1 else 'more'} "
        f"than the original: × {f(key, 'params_ratio')} the parameters and × {ratio} the MACs."
    )


def _why_head_dropout(f: Callable[..., Bound], key: str, ref: str) -> str:
    return (
        "Dropout adds nothing at inference, so this costs what the 1×1 head costs: "
        f"{f(key, 'params_change')} parameters and {f(key, 'macs_change')} {units.MACS}."
    )


WHY: dict[str, Why] = {
    "dws": _why_dws,
    "leaky-relu": _why_activation,
    "silu": _why_activation,
    "half-width": _why_width,
    "double-width": _why_width,
    "half-depth": _why_depth,
    "bottleneck": _why_bottleneck,
    "head-1x1": _why_head,
    "dropout": _why_dropout,
    "dws-silu": _why_dws_silu,
    "dws-double-width": _why_dws_double,
    "head-1x1-dropout": _why_head_dropout,
}


# --- The page ---------------------------------------------------------------------------------


def _fact(facts: dict[str, object], key: str, name: str, style: str | None = None) -> Bound:
    return bound(facts, f"{key}.{name}", style)


def _links(key: str) -> str:
    return (f"[Figure 3]({FIGURE_DIR}/{key}.svg) · [facts](data/{key}.json) · "
            f"[layers](data/{key}-layers.csv)")


def _cost_table(name: str, facts: dict[str, object], *, sections: bool) -> str:
    f = functools.partial(_fact, facts)
    title = models.get_entry(name).title
    rows = [[f"[{title}](models/{name}.md) (reference)", "unchanged", f(name, "params"), "reference",
             f(name, "macs"), "reference", f(name, "weighted_layers"), f(name, "longest_path"), _links(name)]]
    for cfg in modified_configs(name):
        key = cfg.key
        label = f"[`{key}`](#{key})" if sections else f"`{key}`"
        rows.append([
            label, MODIFICATIONS[modification_of(cfg)].summary, f(key, "params"), f(key, "params_ratio"),
            f(key, "macs"), f(key, "macs_ratio"), f(key, "weighted_layers"), f(key, "longest_path"), _links(key),
        ])
    headers = ["model", "change", "params", "× params", units.MACS, f"× {units.MACS}", "weighted layers",
               "longest path", "figure and data"]
    return table(headers, rows)


def layer_changes(reference: pd.DataFrame, modified: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``modified`` that are new or differ from ``reference`` (by module name), then the removed ones."""
    before = {row.name: tuple(getattr(row, c) for c in CHANGE_COLUMNS) for row in reference.itertuples()}
    after = {row.name for row in modified.itertuples()}
    changed = [
        {"change": "added" if row.name not in before else "changed", **{c: getattr(row, c) for c in CHANGE_COLUMNS}}
        for row in modified.itertuples()
        if before.get(row.name) != tuple(getattr(row, c) for c in CHANGE_COLUMNS)
    ]
    removed = [
        {"change": "removed", **dict(zip(CHANGE_COLUMNS, values, strict=True))}
        for name, values in before.items() if name not in after
    ]
    return pd.DataFrame(changed + removed, columns=["change", *CHANGE_COLUMNS])


def _changes_table(cfg: Config) -> str:
    reference = introspect(config(cfg.name)).layers
    changes = layer_changes(reference, introspect(cfg).layers)
    counts = changes.change.value_counts()
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("changed", "added", "removed") if kind in counts)
    rows = [
        [row.change, f"`{row.name}`", row.type, row.kernel.replace("x", "×"), row.stride,
         row.output_shape.replace("x", "×"), int(row.params), int(row.macs)]
        for row in changes.itertuples()
    ]
    body = table(["", "module", "type", "kernel", "stride", "output", "params", units.MACS], rows, indent="    ")
    title = f"Layers that differ from {cfg.entry.title}'s: {summary}"
    return f'??? note "{title}"\n\n{body}'


def _section(cfg: Config, facts: dict[str, object]) -> str:
    f = functools.partial(_fact, facts)
    key, name = cfg.key, modification_of(cfg)
    modification = MODIFICATIONS[name]
    parts = [
        f"### `{name}` {{#{key}}}",
        f"**Change:** {modification.summary}. Facts as `{key}.*`; {_links(key)}; "
        f"`python -m tools show {cfg.name} --modification {name}`.",
        WHY[name](f, key, cfg.name),
    ]
    if name == "dws":
        parts.append("The pair, as `models/variants.py` builds it:\n\n"
                     '```python\n--8<-- "variants.py:depthwise-separable"\n```')
    parts.append(_changes_table(cfg))
    return "\n\n".join(parts)


def render_modifications() -> str:
    facts = all_facts()
    title = models.get_entry(MODEL).title
    parts = [
        f"# Modifying {title}: what each change costs",
        f"Reproductions of {title} are often followed by an \"improved\" one: depthwise separable convolutions, "
        "Swish or LeakyReLU, other widths, fewer blocks, a 1×1 convolution before the classifier, Dropout. "
        "Here each change is a small named transformation of the reference model (`models/variants.py`), built "
        "and measured like every model on this site, for one 224×224 image at inference. The ratios divide "
        f"by the unchanged {title}; hover or tap a number to see which fact it is.",
        _cost_table(MODEL, facts, sections=True),
        f"![Parameters and {units.MACS} of each modification relative to {title}, log-log]"
        "(assets/modifications.svg)",
        "## Why each number moves",
        "Parameters and MACs count convolutions and fully connected layers (BatchNorm adds two parameters per "
        "channel); see [MACs and FLOPs](concepts/macs-vs-flops.md) and [Counting depth](concepts/depth.md). "
        "Each section lists the layers the change touches, compared by module name with the reference.",
        *(_section(cfg, facts) for cfg in modified_configs(MODEL)),
        "## The same changes on ResNet-18 and ResNet-50",
        "Modifications apply to the default options only (variant v1.5). ResNet-50 is already built on "
        "bottlenecks; its `head-1x1` halves 2048 channels to 1024, which costs parameters as well.",
        *(_cost_table(name, facts, sections=False) for name in OTHERS),
    ]
    return generated.markdown("\n\n".join(parts))


# --- The chart --------------------------------------------------------------------------------


def render_modifications_chart() -> str:
    """Each modification of ResNet-34 as a point: its params and MACs over the reference's, log-log.

    Modifications that cost the same share one point and one label.
    """
    facts = all_facts()
    points: dict[tuple[float, float], list[str]] = {}
    for cfg in modified_configs(MODEL):
        ratios = (facts[f"{cfg.key}.params"] / facts[f"{MODEL}.params"], facts[f"{cfg.key}.macs"] / facts[f"{MODEL}.macs"])
        points.setdefault(ratios, []).append(modification_of(cfg))
    title = models.get_entry(MODEL).title
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 4.5))
        axes.axhline(1, color="0.6", linewidth=0.6, linestyle="--")
        axes.axvline(1, color="0.6", linewidth=0.6, linestyle="--")
        axes.scatter([1], [1], marker="*", s=140, color="tab:red", zorder=3, label=f"{title}, unchanged")
        axes.scatter([x for x, _ in points], [y for _, y in points], marker="o", color="tab:blue", zorder=3,
                     label="modifications")
        placed: list[tuple[float, float]] = []
        for (x, y), names in sorted(points.items()):
            text = ", ".join(names)
            if (x, y) == (1.0, 1.0):
                text, offset, align = text + " (as the reference)", (8, -12), "left"
            elif abs(x - 1) < 0.05 and abs(y - 1) < 0.05:
                offset, align = (-8, 6), "right"
            elif x > 2:
                offset, align = (-8, -4), "right"
            elif any(abs(math.log(x / px)) < 0.25 and abs(math.log(y / py)) < 0.25 for px, py in placed):
                offset, align = (6, -11), "left"
            else:
                offset, align = (6, 4), "left"
                placed.append((x, y))  # labelled above: a close neighbour's label goes below
            axes.annotate(text, (x, y), textcoords="offset points", xytext=offset, ha=align, fontsize=7)
        axes.set_xscale("log", base=2)
        axes.set_yscale("log", base=2)
        ticks = [2.0**k for k in range(-3, 3)]
        labels = [f"1/{round(1 / tick)}" if tick < 1 else f"{tick:g}" for tick in ticks]
        for axis in (axes.xaxis, axes.yaxis):
            axis.set_major_locator(FixedLocator(ticks))
            axis.set_major_formatter(FixedFormatter(labels))
            axis.set_minor_locator(NullLocator())
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="upper left")
        return svg_of(figure)
