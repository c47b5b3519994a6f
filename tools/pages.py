"""Generated pages: one per registered model, the models index, the comparisons and the reference.

Each ``render_*`` returns Markdown text; ``tools.site`` collects them, ``generate`` writes them and
``check`` compares them with what is committed.
"""

from __future__ import annotations

import pandas as pd

import models
from tools import generated, units
from tools.facts import FACT_DOCS, FORMATS, all_facts, format_fact
from tools.introspect import Config, Introspection, all_configs, config, introspect
from tools.published import SOURCES, published_facts

# A stage with more blocks than this shows its first two and last block; the CSV has them all.
MAX_BLOCKS_SHOWN = 40

KEY_FACTS = [
    "params", "trainable_params", "bn_running_stats", "param_size_mb", "macs", "flops", "torchinfo_mult_adds",
    "weighted_layers", "conv_fc_layers", "param_layers", "block_type", "blocks_per_stage", "residual_blocks",
    "projection_shortcuts", "zero_pad_shortcuts", "stem_output", "stage_outputs", "final_feature_map",
    "downsampling_convs", "receptive_field",
]


def title(name: str) -> str:
    """resnet50 -> ResNet-50"""
    return "ResNet-" + name.removeprefix("resnet")


def table(headers: list[str], rows: list[list[object]], indent: str = "") -> str:
    align = ["---:" if all(isinstance(row[i], (int, float)) for row in rows) else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(indent + line for line in lines)


def _cell(value: object) -> str:
    return format_fact(value).replace("|", "\\|")


def configs_of(name: str) -> list[Config]:
    return [cfg for cfg in all_configs() if cfg.name == name]


def render_model_page(name: str) -> str:
    entry = models.get_entry(name)
    default = introspect(config(name))
    facts = default.facts
    option, values = next(iter(entry.options.items()))
    parts = [
        f"# {title(name)}",
        f"{'CIFAR-10' if entry.family == 'cifar' else 'ImageNet'} ResNet from {entry.source}: "
        f"{entry.spec.block} blocks, input {FORMATS['size'](entry.input_size)}. "
        f"Option `{option}`: {' or '.join(repr(v) for v in values)}, default {values[0]!r}. "
        f"Build it with `models.get_model(\"{name}\")`; the numbers below are measured on that model.",
        "## Key facts",
        f"Default options ({default.config.label()}), one {FORMATS['size'](entry.input_size)} image. "
        "Each value is the fact named beside it; [Facts and units](../reference/facts.md) defines them.",
        table(["fact", "value", "unit", "name"], [
            [FACT_DOCS[key][1], format_fact(facts[key], name=key), FACT_DOCS[key][0], f"`{name}.{key}`"] for key in KEY_FACTS
        ]),
        "## Architecture",
        _spec_table(default),
        f"- Shortcuts: {default.spec['shortcut']}.\n- Downsampling: {default.spec['stride_placement']}.\n"
        "- Output: logits; the softmax of the paper's tables is applied by the loss, not by the module.",
        "```mermaid\n" + _stage_diagram(default) + "\n```",
        "## Options",
        _options_table(name),
        "## Layers",
        f"Every executed module of `{name}` with default options, in forward order, folded by stage. "
        "Shapes are C×H×W for one image.",
        *_layer_sections(default),
        "## Data",
        "\n".join(
            f"- {cfg.label()}: [{cfg.key}.json](../data/{cfg.key}.json) (facts and spec), "
            f"[{cfg.key}-layers.csv](../data/{cfg.key}-layers.csv) (layer table)"
            for cfg in configs_of(name)
        ),
    ]
    return generated.markdown("\n\n".join(parts))


def _spec_table(result: Introspection) -> str:
    rows = [[s["stage"], f"`{s['module']}`", s["output_size"], s["layers"]] for s in result.spec["stages"]]
    return table(["stage", "module", "output size", "layers"], rows)


def _stage_diagram(result: Introspection) -> str:
    facts = result.facts
    size = facts["input_size"]
    nodes = [("input", f"input<br/>3×{size}×{size}")]
    for stage in result.spec["stages"][:-1]:
        module = stage["module"]
        if module == "conv1":
            shape = result.layers.output_shape[result.layers.name == "conv1"].iloc[0].replace("x", "×")
        else:
            shape = FORMATS["shape"](facts["stage_outputs"][int(module.removeprefix("layer")) - 1])
        name = module if module == stage["stage"] else f"{module} · {stage['stage']}"
        nodes.append((module, f"{name}<br/>{stage['layers'].replace('; [', '<br/>[')}<br/>{shape}"))
    nodes.append(("head", f"avgpool + fc<br/>{FORMATS['shape'](facts['logits_shape'])} logits"))
    lines = ["flowchart LR"]
    lines += [f'    {node}["{label}"]' for node, label in nodes]
    lines.append("    " + " --> ".join(node for node, _ in nodes))
    return "\n".join(lines)


def _options_table(name: str) -> str:
    facts = all_facts()
    rows = []
    for cfg in configs_of(name):
        f = {key: facts[f"{cfg.key}.{key}"] for key in FACT_DOCS if f"{cfg.key}.{key}" in facts}
        rows.append([
            cfg.label() + (" (default)" if cfg.is_default else ""), f"`{cfg.key}`", f["params"], f["macs"],
            f["projection_shortcuts"], f["zero_pad_shortcuts"], FORMATS["list"](f["downsampling_convs"]),
        ])
    headers = ["options", "facts", "params", units.MACS, "projection shortcuts", "zero-pad shortcuts", "stride 2 on"]
    return table(headers, rows)


def _layer_sections(result: Introspection) -> list[str]:
    layers = result.layers
    sections = []
    groups = [("stem", layers[layers.section == "stem"])]
    groups += [(stage, layers[layers.stage == stage]) for stage in layers.stage[layers.stage != ""].unique()]
    groups.append(("head", layers[layers.section == "head"]))
    for label, rows in groups:
        summary = (
            f"{label} · {rows.paper_stage.iloc[0]} · {units.fmt_int(int(rows.params.sum()))} params · "
            f"{units.fmt_int(int(rows.macs.sum()))} {units.MACS}"
        )
        sections.append(f'??? note "{summary}"\n\n' + _layer_table(_shown_rows(rows), indent="    "))
    return sections


def _shown_rows(rows: pd.DataFrame) -> pd.DataFrame:
    blocks = list(rows.block.unique())
    if len(blocks) <= MAX_BLOCKS_SHOWN:
        return rows
    kept = set(blocks[:2] + blocks[-1:])
    shown = rows[rows.block.isin(kept)]
    gap = {column: "" for column in rows.columns} | {
        "name": f"… {blocks[2]} to {blocks[-2]}: {len(blocks) - 3} more blocks shaped like {blocks[1]}",
        "block": "…", "params": None, "macs": None,
    }
    cut = shown.block.tolist().index(blocks[-1])
    return pd.concat([shown.iloc[:cut], pd.DataFrame([gap]), shown.iloc[cut:]], ignore_index=True)


def _layer_table(rows: pd.DataFrame, indent: str) -> str:
    body, previous = [], None
    for row in rows.itertuples():
        block = row.block if row.block != previous else ""
        previous = row.block
        body.append([
            block, f"`{row.name}`" if row.type else row.name, row.type, row.path if row.block else "",
            row.kernel.replace("x", "×"), row.stride, row.output_shape.replace("x", "×"),
            "" if pd.isna(row.params) else int(row.params), "" if pd.isna(row.macs) else int(row.macs),
        ])
    headers = ["block", "module", "type", "path", "kernel", "stride", "output", "params", units.MACS]
    return table(headers, body, indent=indent)


def render_models_index() -> str:
    rows = []
    for name in models.list_models():
        entry = models.get_entry(name)
        facts = introspect(config(name)).facts
        rows.append([
            f"[{title(name)}]({name}.md)", entry.family, FORMATS["size"](entry.input_size), entry.spec.block,
            FORMATS["list"](facts["blocks_per_stage"]), facts["params"], facts["macs"], entry.source,
        ])
    headers = ["model", "family", "input", "block", "blocks per stage", "params", units.MACS, "source"]
    body = "\n\n".join([
        "# Models",
        "Every registered model, with default options. Each page shows its spec, facts, a stage diagram and the "
        "full layer table; [Comparisons](../comparisons.md) puts them side by side.",
        table(headers, rows),
    ])
    return generated.markdown(body)


def render_headline() -> str:
    """The home page's comparison table (an include)."""
    rows = []
    for name in models.list_models():
        facts = introspect(config(name)).facts
        rows.append([
            f"[{title(name)}](models/{name}.md)", FORMATS["size"](facts["input_size"]), facts["weighted_layers"],
            FORMATS["list"](facts["blocks_per_stage"]), facts["block_type"], facts["params"],
            units.fmt_giga(facts["macs"]),
        ])
    headers = ["model", "input", "weighted layers", "blocks per stage", "block", "params", f"G{units.MACS}"]
    return generated.markdown(table(headers, rows))


def render_depth_table() -> str:
    """Every way of counting depth, for every model (an include of the depth concept page)."""
    rows = []
    for name in models.list_models():
        f = introspect(config(name)).facts
        rows.append([
            f"[{title(name)}](../models/{name}.md)", f["weighted_layers"], f["conv_fc_layers"], f["conv_layers"],
            f["param_layers"], f["residual_blocks"],
        ])
    headers = [
        "model (default options)", "weighted layers (paper)", "conv + fc layers", "conv layers",
        "layers with parameters", "residual blocks",
    ]
    return generated.markdown(table(headers, rows))


def render_comparisons() -> str:
    return generated.markdown("\n\n".join([
        "# Comparisons",
        "The two families side by side, as the paper's tables lay them out, with the paper's published figures "
        f"(cited) beside the measured ones. {units.MACS} and {units.FLOPS} are defined on "
        "[Facts and units](reference/facts.md).",
        "## CIFAR-10 family (Table 6)",
        _cifar_table(),
        "## ImageNet family (Table 1)",
        _imagenet_spec_table(),
        _imagenet_cost_table(),
        "## Parameters and MACs",
        "Every model with default options; ImageNet models also with variant v1. Both axes are logarithmic.",
        "![Parameters against MACs for every model, log-log](assets/params-vs-macs.svg)",
    ]))


def _family(name: str) -> list[str]:
    return [model for model in models.list_models() if models.get_entry(model).family == name]


def _cifar_table() -> str:
    facts = all_facts()
    rows = []
    for name in _family("cifar"):
        a, b = f"{name}.", f"{name}-b."
        rows.append([
            f"[{title(name)}](models/{name}.md)", facts[a + "blocks_per_stage"][0], facts[a + "weighted_layers"],
            facts[a + "params"], f"{facts[f'paper.{name}.table6_params_m']}M", facts[b + "params"],
            facts[a + "option_b_extra_params"], facts[a + "macs"], facts[a + "flops"],
            facts[f"paper.{name}.table6_error_pct"],
        ])
    headers = [
        "model", "n", "weighted layers", "params (option A)", "paper # params", "params (option B)", "B − A",
        units.MACS, units.FLOPS, "paper error % (cited)",
    ]
    note = f"Paper figures: {SOURCES['paper.*.table6_params_m']}; errors: {SOURCES['paper.*.table6_error_pct']}."
    return table(headers, rows) + "\n\n" + note


def _imagenet_spec_table() -> str:
    names = _family("imagenet")
    specs = {name: introspect(config(name)).spec["stages"] for name in names}
    rows = []
    for index, stage in enumerate(specs[names[0]]):
        rows.append([stage["stage"], stage["output_size"], *(specs[name][index]["layers"] for name in names)])
    return table(["stage", "output size", *(title(name) for name in names)], rows)


def _imagenet_cost_table() -> str:
    facts = all_facts()
    rows = []
    for name in _family("imagenet"):
        paper = facts[f"paper.{name}.table1_gflops"]
        v1 = facts[f"{name}-v1.macs"]
        rows.append([
            f"[{title(name)}](models/{name}.md)", facts[f"{name}.params"], facts[f"torchvision.{name}.params"],
            paper, units.fmt_giga(v1), f"{100 * (v1 / 1e9 - paper) / paper:+.1f}%",
            units.fmt_giga(facts[f"{name}.macs"]), f"{facts[f'{name}.v15_extra_macs_pct']:+.1f}%",
        ])
    headers = [
        "model", "params", "torchvision params (cited)", "paper FLOPs row, 10^9 (cited)", f"v1 G{units.MACS}",
        "v1 vs paper", f"v1.5 G{units.MACS}", "v1.5 vs v1",
    ]
    note = (
        f"The paper's row counts multiply-adds, so it compares with {units.MACS}, not {units.FLOPS}. "
        f"Sources: {SOURCES['paper.*.table1_gflops']}; {SOURCES['torchvision.*.params']}."
    )
    return table(headers, rows) + "\n\n" + note


def render_facts_reference() -> str:
    example = {key: introspect(config(key)).facts for key in ("resnet20", "resnet50")}
    fact_rows = [
        [f"`{name}`", unit, meaning, format_fact(example["resnet20"].get(name, ""), name=name),
         format_fact(example["resnet50"].get(name, ""), name=name)]
        for name, (unit, meaning) in FACT_DOCS.items()
    ]
    config_rows = [[f"`{cfg.key}`", cfg.name, cfg.label()] for cfg in all_configs()]
    published_rows = [[f"`{name}`", value, SOURCES[f"{name.split('.')[0]}.*.{name.split('.')[2]}"]]
                      for name, value in published_facts().items()]
    return generated.markdown("\n\n".join([
        "# Facts and units",
        "## Units",
        "Defined once here and used in every table header.",
        table(["unit", "definition"], [[unit, meaning] for unit, meaning in units.DEFINITIONS.items()]),
        "## Fact names",
        "A fact's full name is `<configuration>.<fact>`, for example `resnet20.params`. Each configuration is a "
        "registered model with one choice of options:",
        table(["configuration", "model", "options"], config_rows),
        "Every configuration has these facts (examples: ResNet-20 and ResNet-50 with default options):",
        table(["fact", "unit", "meaning", "resnet20", "resnet50"], fact_rows),
        "## Published figures (cited)",
        "Figures from the paper and from torchvision's documentation, used for comparison only.",
        table(["fact", "value", "source"], published_rows),
        "## Binding a number in prose",
        "Hand-written pages bind every model number to a fact, so the check can recompute it: "
        f"`<!-- fact: resnet20.params -->{units.fmt_int(example['resnet20']['params'])}<!-- /fact -->`. An optional format follows the name: "
        + ", ".join(f"`{style}`" for style in FORMATS) + ".",
    ]))
