"""Generated pages: one per registered model, the models index, the comparisons and the reference.

Each ``render_*`` returns Markdown text; ``tools.site`` collects them, ``generate`` writes them and
``check`` compares them with what is committed. Nothing here knows a family: what differs between
families (their key facts, their spec notes, their comparison tables) comes from ``tools.families``.
"""

from __future__ import annotations

import functools

import pandas as pd

import models
from tools import generated, units
from tools.facts import FACT_DOCS, FORMATS, all_facts, format_fact, label
from tools.families import all_families, family_facts
from tools.markers import marker
from tools.introspect import Config, Introspection, all_configs, config, introspect
from tools.published import published_facts, source_of, sources
from tools.render.figure import FIGURE_DIR
from tools.render.markdown import Bound, bound, table

# A stage with more blocks than this shows its first two and last block; the CSV has them all.
MAX_BLOCKS_SHOWN = 40

# The facts every model page shows first, before its family's own.
CORE_KEY_FACTS = [
    "params", "trainable_params", "bn_running_stats", "param_size_mb", "macs", "flops", "torchinfo_mult_adds",
    "weighted_layers", "longest_path", "conv_fc_layers", "param_layers", "blocks", "stem_output", "stage_outputs",
    "final_feature_map", "total_stride", "receptive_field",
]

DATASETS = {"cifar10": "CIFAR-10", "imagenet": "ImageNet"}

# The layer table's columns, each explained in its header (shown on hover).
LAYER_HEADERS = [
    ("block", "the block the layer belongs to, as a module name"),
    ("module", "the module's qualified name: its state-dict prefix"),
    ("type", "the PyTorch module class"),
    ("path", "main: on the block's main path; shortcut: on its side path"),
    ("kernel", "kernel size, height × width"),
    ("stride", "step of the window; 2 halves the feature map"),
    ("output", "output shape, channels × height × width, for one image"),
    ("params", "parameters of this module (weights and biases)"),
    (units.MACS, units.DEFINITIONS[units.MACS] + ", of this module"),
]


def key_facts(entry: models.ModelEntry) -> list[str]:
    own = [name for name in family_facts(entry.family).KEY_FACTS if name not in CORE_KEY_FACTS]
    return CORE_KEY_FACTS + own


def configs_of(name: str) -> list[Config]:
    return [cfg for cfg in all_configs() if cfg.name == name]


def _options_sentence(entry: models.ModelEntry) -> str:
    if not entry.options:
        return "It has no options."
    parts = [
        f"`{name}`: {' or '.join(repr(v) for v in option.values)}, default {option.default!r}"
        + (f" ({option.help})" if option.help else "")
        for name, option in entry.options.items()
    ]
    return "Options: " + "; ".join(parts) + "."


def render_model_page(name: str) -> str:
    entry = models.get_entry(name)
    default = introspect(config(name))
    facts = all_facts()
    size = FORMATS["size"](entry.input_size)
    parts = [
        f"# {entry.title}",
        f"{entry.family.title} for {DATASETS[entry.dataset]} from {entry.source}. Every number on this page is "
        f"measured on the model `models.get_model(\"{name}\")` builds; hover or tap one to see what it counts.",
        "\n".join(f"- {line}" for line in summary_lines(name, facts)),
        *_figure_section(name),
        "## Key facts",
        f"Default options ({default.config.label() or 'none'}), one {size} image. "
        "[Facts and units](../reference/facts.md) defines every fact.",
        table(["", "value", "unit"], [
            [label(key), bound(facts, f"{name}.{key}"), FACT_DOCS[key][0]] for key in key_facts(entry)
        ]),
        "## Architecture",
        _spec_table(default),
        "\n".join(f"- {note}: {text}." for note, text in default.spec["notes"].items())
        + "\n- Output: logits; the softmax of the paper's tables is applied by the loss, not by the module.",
        "```mermaid\n" + _stage_diagram(default) + "\n```",
        "## Options",
        _options_sentence(entry),
        _options_table(name),
        "## Layers",
        f"Every executed module of `{name}` with default options, in forward order, folded by stage. "
        "Column headers explain themselves on hover; click one to sort.",
        *_layer_sections(default),
        "## Data",
        "\n".join(
            f"- {cfg.label() or 'default options'}: [{cfg.key}.json](../data/{cfg.key}.json) (facts and spec), "
            f"[{cfg.key}-layers.csv](../data/{cfg.key}-layers.csv) (layer table)"
            for cfg in configs_of(name)
        ),
    ]
    return generated.markdown("\n\n".join(parts))


def _figure_section(name: str) -> list[str]:
    entry = models.get_entry(name)
    if not entry.family.layer_chain:
        return []
    others = [cfg for cfg in configs_of(name) if not cfg.is_default]
    return [
        "## Figure 3",
        "Every weighted layer as Figure 3 of He et al. draws it: the kernel, the output width and /2 where the "
        "layer strides; each arc is a block's shortcut. Default options"
        + (f"; also with {', '.join(f'[{cfg.label()}](../{FIGURE_DIR}/{cfg.key}.svg)' for cfg in others)}." if others else "."),
        f'![Figure 3 of {entry.title}: its weighted layers and shortcuts](../{FIGURE_DIR}/{name}.svg){{ .atlas-figure3 }}',
    ]


def summary_lines(name: str, facts: dict[str, object]) -> list[str]:
    """The one-glance summary: the family's depth and stage lines, then size, cost and input."""
    entry = models.get_entry(name)
    module = family_facts(entry.family)
    own = module.summary(name, facts) if hasattr(module, "summary") else [
        f"**Depth:** {bound(facts, f'{name}.longest_path')} weighted layers on the longest path; "
        f"{bound(facts, f'{name}.conv_fc_layers')} convolutions and fully connected layers in all.",
        f"**Stages:** {bound(facts, f'{name}.stages')} stages, on {bound(facts, f'{name}.stage_sizes')} pixel maps "
        f"with {bound(facts, f'{name}.stage_widths')} channels.",
    ]
    costs = [
        f"{bound(facts, f'{cfg.key}.macs', 'compact')} with {cfg.label()}"
        for cfg in configs_of(name)
        if not cfg.is_default and not cfg.is_modified and facts[f"{cfg.key}.macs"] != facts[f"{name}.macs"]
    ]
    modified = [cfg for cfg in configs_of(name) if cfg.is_modified]
    size = bound(facts, f"{name}.input_size", "size")
    return [
        *own,
        f"**Size and cost:** {bound(facts, f'{name}.params', 'compact')} parameters; "
        f"{bound(facts, f'{name}.macs', 'compact')} {units.MACS} per {size} image "
        f"({bound(facts, f'{name}.flops', 'compact')} {units.FLOPS})"
        + (f"; {', '.join(costs)}" if costs else "") + ".",
        f"**Input and output:** {size} RGB image, {bound(facts, f'{name}.num_classes')} logits.",
        *([f"**Modifications:** {len(modified)} named changes, each measured in the options table below; "
           "what they cost and why: [Modifying ResNet-34](../modifications.md)."] if modified else []),
    ]


def _spec_table(result: Introspection) -> str:
    rows = [[s["stage"], f"`{s['module']}`", s["output_size"], s["layers"]] for s in result.spec["stages"]]
    return table(["stage", "module", "output size", "layers"], rows)


def _stage_diagram(result: Introspection) -> str:
    """Input, the stem, every stage with its output shape, and the head, left to right."""
    facts = result.facts
    size = facts["input_size"]
    nodes = [("input", f"input<br/>3×{size}×{size}")]
    for index, stage in enumerate(result.spec["stages"][:-1]):
        module = stage["module"]
        name = module if module == stage["stage"] else f"{module} · {stage['stage']}"
        nodes.append((f"s{index}", f"{name}<br/>{stage['layers'].replace('; [', '<br/>[')}<br/>{stage['output_size']}"))
    nodes.append(("head", f"{result.spec['stages'][-1]['layers']}<br/>{FORMATS['shape'](facts['logits_shape'])} logits"))
    lines = ["flowchart LR"]
    lines += [f'    {node}["{label}"]' for node, label in nodes]
    lines.append("    " + " --> ".join(node for node, _ in nodes))
    return "\n".join(lines)


def _options_table(name: str) -> str:
    entry = models.get_entry(name)
    columns = ["params", "macs", *family_facts(entry.family).OPTION_FACTS]
    facts = all_facts()
    rows = [
        [(cfg.label() or "no options") + (" (default)" if cfg.is_default else ""), f"`{cfg.key}`",
         *(bound(facts, f"{cfg.key}.{column}") for column in columns)]
        for cfg in configs_of(name)
    ]
    headers = ["options", "facts", *(label(column) for column in columns)]
    return table(headers, rows)


def _layer_sections(result: Introspection) -> list[str]:
    layers = result.layers
    sections = []
    groups = [("stem", layers[layers.section == "stem"])]
    groups += [(stage, layers[layers.stage == stage]) for stage in layers.stage[layers.stage != ""].unique()]
    groups += [("transition", layers[layers.section == "transition"]), ("head", layers[layers.section == "head"])]
    groups.append(("auxiliary", layers[layers.section == "auxiliary"]))
    for section, rows in groups:
        if rows.empty:
            continue
        summary = (
            f"{section} · {rows.paper_stage.iloc[0]} · {units.fmt_int(int(rows.params.sum()))} params · "
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
    return table([f'<abbr title="{meaning}">{name}</abbr>' for name, meaning in LAYER_HEADERS], body, indent=indent)


def _title_link(name: str, prefix: str) -> str:
    return f"[{models.get_entry(name).title}]({prefix}{name}.md)"


def _bound_of(name: str, fact: str, style: str | None = None) -> Bound:
    return bound(all_facts(), f"{name}.{fact}", style)


def render_models_index() -> str:
    rows = []
    for name in models.list_models():
        entry = models.get_entry(name)
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, ""), entry.family.title, DATASETS[entry.dataset], b("input_size", "size"),
            b("weighted_layers"), b("longest_path"), b("params"), b("macs"), entry.source,
        ])
    headers = ["model", "family", "data set", "input", "weighted layers", "longest path", "params", units.MACS, "source"]
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
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, "models/"), b("input_size", "size"), b("weighted_layers"), b("longest_path"),
            b("blocks"), b("params"), b("macs", "giga"),
        ])
    headers = ["model", "input", "weighted layers", "longest path", "blocks", "params", f"G{units.MACS}"]
    return generated.markdown(table(headers, rows))


def render_depth_table() -> str:
    """Every way of counting depth, for every model (an include of the depth concept page)."""
    rows = []
    for name in models.list_models():
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, "../models/"), b("weighted_layers"), b("longest_path"), b("conv_fc_layers"),
            b("conv_layers"), b("param_layers"), b("blocks"),
        ])
    headers = [
        "model (default options)", "weighted layers (paper)", "longest path", "conv + fc layers", "conv layers",
        "layers with parameters", "blocks",
    ]
    return generated.markdown(table(headers, rows))


def render_comparisons() -> str:
    sections = [section for family in all_families() for section in family_facts(family).comparison_sections()]
    return generated.markdown("\n\n".join([
        "# Comparisons",
        "Every family side by side first, then each as its paper's tables lay it out, with published figures "
        f"(cited) beside the measured ones. {units.MACS} and {units.FLOPS} are defined on "
        "[Facts and units](reference/facts.md).",
        "## All families side by side",
        _cross_family_table(),
        *sections,
        "## Parameters and MACs",
        "Every model with default options, and the option values that change its cost. Both axes are logarithmic.",
        "![Parameters against MACs for every model, log-log](assets/params-vs-macs.svg)",
    ]))


def _cross_family_table() -> str:
    """Every model with default options: size, cost and every depth definition, torchvision's figures cited."""
    facts = all_facts()
    rows = []
    for name in models.list_models():
        entry = models.get_entry(name)
        b = functools.partial(_bound_of, name)
        cited_params = f"torchvision.{name}.params"
        cited_gflops = f"torchvision.{name}.gflops"
        rows.append([
            _title_link(name, "models/"), entry.family.title, b("input_size", "size"), b("params"),
            bound(facts, cited_params) if cited_params in facts else "—", b("macs", "giga"),
            bound(facts, cited_gflops) if cited_gflops in facts else "—", b("weighted_layers"), b("longest_path"),
            b("conv_fc_layers"), b("param_layers"), b("blocks"), b("fc_params_pct"),
        ])
    headers = [
        "model", "family", "input", "params", "torchvision params (cited)", f"G{units.MACS}",
        "torchvision GFLOPS (cited, = GMACs)", "weighted layers", "longest path", "conv + fc layers",
        "layers with parameters", "blocks", "% params in fc",
    ]
    note = (
        "Depth, four ways: *weighted layers* as the papers count them for a chain of blocks; *longest path*, the "
        "convolutions and fc layers on the longest path through the traced graph (what \"N layers deep\" means for "
        "branching networks); every convolution and fc layer; every layer that holds parameters, as a Keras summary "
        "lists them. Definitions: [Counting depth](concepts/depth.md). Cited: "
        + "; ".join(sorted({source_of(n) for n in facts if n.startswith("torchvision.")})) + "."
    )
    return table(headers, rows) + "\n\n" + note


def render_facts_reference() -> str:
    example = {key: introspect(config(key)).facts for key in ("resnet20", "resnet50")}
    fact_rows = [
        [f'<a id="fact-{name}"></a>`{name}`', unit, meaning, format_fact(example["resnet20"].get(name, ""), name=name),
         format_fact(example["resnet50"].get(name, ""), name=name)]
        for name, (unit, meaning) in FACT_DOCS.items()
    ]
    config_rows = [[f"`{cfg.key}`", cfg.name, cfg.label()] for cfg in all_configs()]
    citations = sources()
    published_rows = [[f"`{name}`", value, citations[f"{name.split('.')[0]}.*.{name.split('.')[2]}"]]
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
        "Facts every model has, then each family's own (examples: ResNet-20 and ResNet-50 with default options; "
        "empty where a fact belongs to another family):",
        table(["fact", "unit", "meaning", "resnet20", "resnet50"], fact_rows),
        "## Published figures (cited)",
        "Figures from the papers and from torchvision's documentation, used for comparison only.",
        table(["fact", "value", "source"], published_rows),
        "## Binding a number in prose",
        "Hand-written pages bind every model number to a fact, so the check can recompute it: "
        f"`{marker('resnet20.params', units.fmt_int(example['resnet20']['params']))}`. An optional "
        f"`data-format` attribute picks a format: " + ", ".join(f"`{style}`" for style in FORMATS) + ".",
    ]))
