"""The page "Modifying ResNet-34: what each change costs", and its chart.

Every modification of ``models/variants.py`` registered for ResNet-34 (the option ``modification``)
is measured like any model: introspected, its facts in their own namespace (``resnet34-dws.params``),
its Figure 3 and data files generated beside the others. This page puts them side by side with the
reference, explains why each number moves, and lists the layers each change touches. Every number
is a bound fact.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator  # noqa: E402
import pandas as pd  # noqa: E402

import models  # noqa: E402
from models import imagenet  # noqa: E402
from models.variants import MODIFICATIONS  # noqa: E402
from tools import generated  # noqa: E402
from tools.facts.namespace import all_facts  # noqa: E402
from tools.i18n import join, text  # noqa: E402
from tools.introspect import Config, all_configs, config  # noqa: E402
from tools.facts.measure import introspect  # noqa: E402
from tools.render.chart import LABEL_POINTS, chart_style, label_points, svg_of  # noqa: E402
from tools.render.drawing import MODIFICATIONS_CHART, embedded, localized_path  # noqa: E402
from tools.render.figure import FIGURE_DIR  # noqa: E402
from tools.markdown import Bound, bound, table  # noqa: E402

PAGE = "modifications.md"  # below each language's folder (tools.i18n.page_path)
CHART_PATH = MODIFICATIONS_CHART
MODEL = "resnet34"
OTHERS = [name for name in imagenet.MODIFICATIONS if name != MODEL]  # models taking them too: a smaller table each

# Columns of the layer changes, as on the model pages' layer tables.
CHANGE_COLUMNS = ["name", "type", "kernel", "stride", "output_shape", "params", "macs"]


def modified_configs(name: str) -> list[Config]:
    return [cfg for cfg in all_configs() if cfg.name == name and cfg.is_modified]


def modification_of(cfg: Config) -> str:
    return dict(cfg.options)["modification"]


# --- Why each number moves: one explanation per modification, every number a bound fact ---------

# (bound fact of a configuration: f(key, fact, style=None), the modification's key, the reference's key,
# the language) -> text. Each is the message mod.why.<modification>, its fields the facts it binds:
# a fact of the modified model by its name, one of the reference as ref_<name>.
Why = Callable[[Callable[..., Bound], str, str, str], str]


def _fields(f: Callable[..., Bound], key: str, ref: str, own: dict[str, str | None],
            reference: dict[str, str | None]) -> dict[str, Bound]:
    """Fields of a why-message: the modified model's facts by name, the reference's as ref_<name>; each with its format."""
    return {name: f(key, name, style) for name, style in own.items()} | {
        f"ref_{name}": f(ref, name, style) for name, style in reference.items()
    }


def _why_dws(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.dws", lang, **_fields(
        f, key, ref,
        {"block_conv_params": None, "block_conv_macs": "giga", "params_ratio": None, "macs_ratio": None,
         "weighted_layers": None, "longest_path": None},
        {"block_conv_params": None, "params": None, "block_conv_macs": "giga", "macs": "giga", "fc_params": None,
         "longest_path": None},
    ))


def _why_activation(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.activation", lang, **_fields(f, key, ref, {"params_change": None, "macs_change": None}, {}))


def _why_width(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.width", lang, **_fields(
        f, key, ref,
        {"fc_params": None, "stage_widths": None, "params_ratio": None, "macs_ratio": None, "weighted_layers": None},
        {"num_classes": None, "fc_params": None, "stage_widths": None},
    ))


def _why_depth(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.depth", lang, **_fields(
        f, key, ref,
        {"blocks_per_stage": None, "residual_blocks": None, "weighted_layers": None, "macs_ratio": None,
         "params_ratio": None},
        {"blocks_per_stage": None, "residual_blocks": None, "weighted_layers": None},
    ))


def _why_bottleneck(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text(
        "mod.why.bottleneck", lang, resnet50_params=f("resnet50", "params"), resnet50_macs=f("resnet50", "macs", "giga"),
        **_fields(
            f, key, ref,
            {"block_kernels": None, "expansion": None, "params": None, "macs": "giga", "convs_per_block": None,
             "weighted_layers": None, "macs_ratio": None, "fc_params": None},
            {"blocks_per_stage": None, "convs_per_block": None, "fc_params": None},
        ),
    )


def _why_head(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    fields = _fields(f, key, ref, {"fc_params": None, "params_change": None, "macs_change": None, "weighted_layers": None},
                     {"final_feature_map": None, "fc_params": None})
    verdict = text(f"mod.why.head.{'more' if fields['macs_change'].value > 0 else 'less'}", lang)
    return text("mod.why.head", lang, verdict=verdict, **fields)


def _why_head_pooled(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    fields = _fields(f, key, ref, {"fc_params": None, "params_change": None, "macs_change": None, "weighted_layers": None},
                     {"fc_params": None})
    verdict = text(f"mod.why.head.{'more' if fields['macs_change'].value > 0 else 'less'}", lang)
    return text("mod.why.head_pooled", lang, verdict=verdict, **fields)


def _why_dropout(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.dropout", lang, **_fields(f, key, ref, {"params_change": None, "macs_change": None}, {}))


def _why_dws_silu(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.dws_silu", lang, **_fields(
        f, key, ref, {"params": None, "params_ratio": None, "macs": "giga", "macs_ratio": None}, {},
    ))


def _why_dws_double(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    fields = _fields(f, key, ref, {"stage_widths": None, "params_ratio": None, "macs_ratio": None}, {})
    verdict = text(f"mod.why.dws_double.{'less' if fields['macs_ratio'].value < 1 else 'more'}", lang)
    return text("mod.why.dws_double", lang, verdict=verdict, **fields)


def _why_head_dropout(f: Callable[..., Bound], key: str, ref: str, lang: str) -> str:
    return text("mod.why.head_dropout", lang, **_fields(f, key, ref, {"params_change": None, "macs_change": None}, {}))


WHY: dict[str, Why] = {
    "dws": _why_dws,
    "leaky-relu": _why_activation,
    "silu": _why_activation,
    "half-width": _why_width,
    "double-width": _why_width,
    "half-depth": _why_depth,
    "bottleneck": _why_bottleneck,
    "head-1x1": _why_head,
    "head-1x1-pooled": _why_head_pooled,
    "dropout": _why_dropout,
    "dws-silu": _why_dws_silu,
    "dws-double-width": _why_dws_double,
    "head-1x1-dropout": _why_head_dropout,
}


# --- The page ---------------------------------------------------------------------------------


def _fact(facts: dict[str, object], key: str, name: str, style: str | None = None) -> Bound:
    return bound(facts, f"{key}.{name}", style)


def _links(key: str, lang: str) -> str:
    return text("mod.links", lang, figure=f"{FIGURE_DIR}/{key}.svg", facts=f"data/{key}.json",
                layers=f"data/{key}-layers.csv")


def _cost_table(name: str, facts: dict[str, object], lang: str, *, sections: bool) -> str:
    f = functools.partial(_fact, facts)
    title = models.get_entry(name).title
    reference = text("mod.reference", lang)
    rows = [[text("mod.reference_model", lang, link=f"[{title}](models/{name}.md)"), text("mod.unchanged", lang),
             f(name, "params"), reference, f(name, "macs"), reference, f(name, "weighted_layers"),
             f(name, "longest_path"), _links(name, lang)]]
    for cfg in modified_configs(name):
        key = cfg.key
        label = f"[`{key}`](#{key})" if sections else f"`{key}`"
        rows.append([
            label, MODIFICATIONS[modification_of(cfg)].summary[lang], f(key, "params"), f(key, "params_ratio"),
            f(key, "macs"), f(key, "macs_ratio"), f(key, "weighted_layers"), f(key, "longest_path"), _links(key, lang),
        ])
    headers = [text(f"column.{column}", lang) for column in (
        "model", "change", "params", "params_ratio", "macs", "macs_ratio", "weighted_layers", "longest_path",
        "figure_and_data",
    )]
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


def _changes_table(cfg: Config, lang: str) -> str:
    reference = introspect(config(cfg.name)).layers
    changes = layer_changes(reference, introspect(cfg).layers)
    counts = changes.change.value_counts()
    summary = join([text("mod.changes.count", lang, count=counts[kind], kind=text(f"mod.change.{kind}", lang))
                    for kind in ("changed", "added", "removed") if kind in counts], lang)
    rows = [
        [text(f"mod.change.{row.change}", lang), f"`{row.name}`", f"`{row.type}`", row.kernel.replace("x", "×"), row.stride,
         row.output_shape.replace("x", "×"), int(row.params), int(row.macs)]
        for row in changes.itertuples()
    ]
    headers = ["", *(text(f"layers.column.{column}", lang)
                     for column in ("module", "type", "kernel", "stride", "output", "params", "macs"))]
    body = table(headers, rows, indent="    ")
    title = text("mod.changes", lang, title=cfg.entry.title, summary=summary)
    return f'??? note "{title}"\n\n{body}'


def _section(cfg: Config, facts: dict[str, object], lang: str) -> str:
    f = functools.partial(_fact, facts)
    key, name = cfg.key, modification_of(cfg)
    parts = [
        f"### `{name}` {{#{key}}}",
        text("mod.section.change", lang, summary=MODIFICATIONS[name].summary[lang], key=key, links=_links(key, lang),
             model=cfg.name, name=name),
        WHY[name](f, key, cfg.name, lang),
    ]
    if name == "dws":
        parts.append(text("mod.section.dws_code", lang) + '\n\n```python\n--8<-- "variants.py:depthwise-separable"\n```')
    parts.append(_changes_table(cfg, lang))
    return "\n\n".join(parts)


def render_modifications(*, lang: str = "en") -> str:
    facts = all_facts()
    title = models.get_entry(MODEL).title
    parts = [
        f"# {text('mod.title', lang, title=title)}",
        text("mod.intro", lang, title=title),
        _cost_table(MODEL, facts, lang, sections=True),
        embedded(localized_path(CHART_PATH, lang)),
        f"## {text('mod.why', lang)}",
        text("mod.why.intro", lang),
        *(_section(cfg, facts, lang) for cfg in modified_configs(MODEL)),
        f"## {text('mod.others', lang)}",
        text("mod.others.intro", lang),
        *(_cost_table(name, facts, lang, sections=False) for name in OTHERS),
    ]
    return generated.markdown("\n\n".join(parts))


# --- The chart --------------------------------------------------------------------------------


def render_modifications_chart(*, lang: str = "en") -> str:
    """Each modification of ResNet-34 as a point: its params and MACs over the reference's, log-log.

    Modifications that cost the same share one point and one label.
    """
    reference = introspect(config(MODEL)).facts  # our models' facts alone: drawn while Keras' worker runs
    points: dict[tuple[float, float], list[str]] = {}
    for cfg in modified_configs(MODEL):
        facts = introspect(cfg).facts
        ratios = (facts["params"] / reference["params"], facts["macs"] / reference["macs"])
        points.setdefault(ratios, []).append(modification_of(cfg))
    title = models.get_entry(MODEL).title
    with chart_style():
        figure, axes = plt.subplots(figsize=(7, 4.5))
        axes.axhline(1, color="0.6", linewidth=0.6, linestyle="--")
        axes.axvline(1, color="0.6", linewidth=0.6, linestyle="--")
        axes.scatter([1], [1], marker="*", s=140, color="tab:red", zorder=3, label=text("mod.chart.reference", lang, title=title))
        axes.scatter([x for x, _ in points], [y for _, y in points], marker="o", color="tab:blue", zorder=3,
                     label=text("mod.chart.modifications", lang))
        labelled = [(", ".join(names) + (text("mod.chart.as_reference", lang) if (x, y) == (1.0, 1.0) else ""), x, y)
                    for (x, y), names in sorted(points.items())]
        axes.set_xscale("log", base=2)
        axes.set_yscale("log", base=2)
        ticks = [2.0**k for k in range(-3, 3)]
        labels = [f"1/{round(1 / tick)}" if tick < 1 else f"{tick:g}" for tick in ticks]
        for axis in (axes.xaxis, axes.yaxis):
            axis.set_major_locator(FixedLocator(ticks))
            axis.set_major_formatter(FixedFormatter(labels))
            axis.set_minor_locator(NullLocator())
        axes.set_xlabel(text("mod.chart.x", lang, title=title))
        axes.set_ylabel(text("mod.chart.y", lang, title=title))
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="upper left", fontsize=LABEL_POINTS)
        figure.tight_layout()
        label_points(figure, axes, labelled)
        return svg_of(figure, text("mod.chart.alt", lang, title=title))
