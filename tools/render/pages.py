"""Generated pages: one per registered model, the models index, the comparisons and the reference.

Each ``render_*`` returns Markdown text in the language ``lang`` (``tools.i18n``); ``tools.site``
collects them, ``generate`` writes them and ``check`` compares them with what is committed. Nothing
here knows a family: what differs between families (their key facts, their spec notes, their
comparison tables) comes from ``tools.families``. Nothing here knows a language either: every word
is a message of the catalog, and the numbers and fact markers are the same in every language.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
from markdown.extensions.toc import slugify

import models
from tools import generated, units
from tools.facts.namespace import FACT_DOCS, FORMATS, all_facts, fact_label, fact_meaning, format_fact
from tools.families import all_families, family_facts
from tools.i18n import cite, in_language, join, notation, text, unit_name, yes_no
from tools.markers import marker
from tools.introspect import Config, Introspection, all_configs, config
from tools.facts.measure import introspect
from tools.published import as_stated, published_facts, source_of, sources
from tools.render.drawing import COMPARISONS_CHART, embedded, localized_path
from tools.render.figure import figure_path
from tools.render.network import pictures
from tools.markdown import TORCHVISION_RELEASE, TORCHVISION_SOURCE, Bound, bound, table

# A stage with more blocks than this shows its first two and last block; the CSV has them all.
MAX_BLOCKS_SHOWN = 40

# The facts every model page shows first, before its family's own.
CORE_KEY_FACTS = [
    "params", "trainable_params", "bn_running_stats", "param_size_mb", "macs", "flops", "torchinfo_mult_adds",
    "paper_depth", "weighted_layers", "longest_path", "conv_fc_layers", "param_layers", "stem_output", "stage_outputs",
    "final_feature_map", "total_stride", "receptive_field",
]

DATASETS = {"cifar10": "CIFAR-10", "imagenet": "ImageNet"}

# The layer table's columns, each explained in its header (shown on hover): the messages
# layers.column.<column> and layers.meaning.<column>.
LAYER_COLUMNS = ["block", "module", "type", "path", "kernel", "stride", "output", "params", "macs"]


def key_facts(entry: models.ModelEntry) -> list[str]:
    own = [name for name in family_facts(entry.family).KEY_FACTS if name not in CORE_KEY_FACTS]
    return CORE_KEY_FACTS + own


def configs_of(name: str) -> list[Config]:
    return [cfg for cfg in all_configs() if cfg.name == name]


def heading(level: int, key: str, lang: str, **fields: object) -> str:
    """A Markdown heading whose words are the message ``key``, with the id its English words give in every language:
    a link into one edition (/models/resnet50/#options) lands on the same section in the other, and a Chinese
    heading gets a meaningful id, not #_1."""
    return f"{'#' * level} {text(key, lang, **fields)} {{#{slugify(text(key, 'en', **fields), '-')}}}"


def _options_sentence(entry: models.ModelEntry, lang: str) -> str:
    if not entry.options:
        return text("model.options.none", lang)
    parts = [
        text("model.options.option", lang, name=name, default=repr(option.default),
             values=text("model.options.or", lang).join(repr(v) for v in option.values))
        + (text("model.options.help", lang, help=in_language(option.help, lang, f"option {name!r}", f"models/ ({entry.name})")) if option.help else "")
        for name, option in entry.options.items()
    ]
    return text("model.options.all", lang, options=text("model.options.separator", lang).join(parts))


def render_model_page(name: str, *, lang: str = "en") -> str:
    entry = models.get_entry(name)
    default = introspect(config(name))
    facts = all_facts()
    size = FORMATS["size"](entry.input_size)
    notes = family_facts(entry.family).notes(default.config, default.layers, default.facts, lang)
    parts = [
        f"# {entry.title}",
        text("model.intro", lang, family=entry.family.title, dataset=DATASETS[entry.dataset], source=notation(entry.source, lang),
             name=name),
        *_torchvision_definition(name, facts, lang),
        "\n".join(f"- {line}" for line in summary_lines(name, facts, lang)),
        *_figure_section(name, lang),
        heading(2, "model.key_facts", lang),
        text("model.key_facts.intro", lang, options=default.config.label(lang) or text("model.key_facts.no_options", lang),
             size=size),
        table(["", text("column.value", lang), text("column.unit", lang)], [
            [fact_label(key, lang), bound(facts, f"{name}.{key}"), unit_name(FACT_DOCS[key][0], lang)]
            for key in key_facts(entry) if f"{name}.{key}" in facts
        ]),
        heading(2, "model.architecture", lang),
        _spec_table(default, lang),
        "\n".join(text("model.note", lang, note=note, text=words) for note, words in notes.items())
        + "\n" + text("model.note.output", lang),
        heading(2, "model.options", lang),
        _options_sentence(entry, lang),
        _options_table(name, lang),
        heading(2, "model.layers", lang),
        text("model.layers.intro", lang, name=name),
        *_layer_sections(default, lang),
        heading(2, "model.data", lang),
        "\n".join(
            text("model.data.files", lang, options=cfg.label() or text("model.data.default_options", lang), key=cfg.key)
            for cfg in configs_of(name)
        ),
    ]
    return generated.markdown("\n\n".join(parts))


def _torchvision_definition(name: str, facts: dict[str, object], lang: str) -> list[str]:
    """For a model torchvision has (its figures are cited here): a link to its definition, in the release cited."""
    if f"torchvision.{name}.params" not in facts:
        return []
    module = models.get_entry(name).family.name  # torchvision's module of the family: resnet.py, vgg.py …
    url = TORCHVISION_SOURCE.format(module=module)
    return [text("model.torchvision_definition", lang, link=f"[`torchvision/models/{module}.py`, torchvision {TORCHVISION_RELEASE}]({url})")]


def _figure_section(name: str, lang: str) -> list[str]:
    entry = models.get_entry(name)
    if not entry.family.layer_chain:
        return _network_section(name, lang)
    others = [cfg for cfg in configs_of(name) if not cfg.is_default]
    links = [f"[{cfg.label()}](../{figure_path(cfg.key, lang)})" for cfg in others]
    plain = ".plain" if not entry.family.blocks else ""  # no blocks, no shortcut arcs to speak of (VGG)
    return [
        heading(2, "model.figure", lang),
        text(f"model.figure.intro{plain}", lang)
        + (text("model.figure.others", lang, links=join(links, lang)) if others else text("model.figure.end", lang)),
        embedded(figure_path(name, lang)),
    ]


def _network_section(name: str, lang: str) -> list[str]:
    """The pictures of a family Figure 3 cannot draw (tools/render/network.py): the default's, inline; links to
    the other options' network pictures."""
    default, *others = configs_of(name)
    drawn = pictures(default)
    if not drawn:
        return []
    links = [f"[{cfg.label()}](../{pictures(cfg)[0].path(lang)})" for cfg in others if pictures(cfg)]
    return [
        heading(2, "model.network", lang),
        text(f"model.network.intro.{default.entry.family.name}", lang)
        + (text("model.figure.others", lang, links=join(links, lang)) if links else text("model.figure.end", lang)),
        *(embedded(picture.path(lang)) for picture in drawn),
    ]


def summary_lines(name: str, facts: dict[str, object], lang: str = "en") -> list[str]:
    """The one-glance summary: the family's depth and stage lines, then size, cost and input."""
    entry = models.get_entry(name)
    module = family_facts(entry.family)
    b = functools.partial(_bound_of, name)
    own = module.summary(name, facts, lang) if hasattr(module, "summary") else [
        text("model.summary.depth", lang, longest_path=b("longest_path"), conv_fc_layers=b("conv_fc_layers")),
        text("model.summary.stages", lang, stages=b("stages"), sizes=b("stage_sizes"), widths=b("stage_widths")),
    ]
    costs = [
        text("model.summary.cost_with", lang, macs=bound(facts, f"{cfg.key}.macs", "compact"), options=cfg.label())
        for cfg in configs_of(name)
        if not cfg.is_default and not cfg.is_modified and facts[f"{cfg.key}.macs"] != facts[f"{name}.macs"]
    ]
    modified = [cfg for cfg in configs_of(name) if cfg.is_modified]
    size = bound(facts, f"{name}.input_size", "size")
    return [
        *own,
        text("model.summary.cost", lang, params=b("params", "compact"), macs=b("macs", "compact"), size=size,
             flops=b("flops", "compact"),
             others=text("model.summary.other_costs", lang, costs=join(costs, lang)) if costs else ""),
        text("model.summary.input", lang, size=size, classes=b("num_classes")),
        *([text("model.summary.modifications", lang, count=len(modified))] if modified else []),
    ]


def _spec_table(result: Introspection, lang: str) -> str:
    rows = [[notation(s["stage"], lang), f"`{s['module']}`", s["output_size"], notation(s["layers"], lang)]
            for s in result.spec["stages"]]
    return table([text(f"column.{column}", lang) for column in ("stage", "module", "output_size", "layers")], rows)


def _options_table(name: str, lang: str) -> str:
    entry = models.get_entry(name)
    columns = ["params", "macs", *family_facts(entry.family).OPTION_FACTS]
    facts = all_facts()
    rows = [
        [(cfg.label(lang) or text("model.options.no_options", lang)) + (text("model.options.default", lang) if cfg.is_default else ""),
         f"`{cfg.key}`", *(bound(facts, f"{cfg.key}.{column}") for column in columns)]
        for cfg in configs_of(name)
    ]
    headers = [text("column.options", lang), text("column.facts", lang), *(fact_label(column, lang) for column in columns)]
    return table(headers, rows)


def _layer_sections(result: Introspection, lang: str) -> list[str]:
    layers = result.layers
    sections = []
    groups = [(text("layers.section.stem", lang), layers[layers.section == "stem"])]
    groups += [(stage, layers[layers.stage == stage]) for stage in layers.stage[layers.stage != ""].unique()]
    groups += [(text(f"layers.section.{section}", lang), layers[layers.section == section])
               for section in ("transition", "head", "auxiliary")]
    for section, rows in groups:
        if rows.empty:
            continue
        summary = text("layers.summary", lang, section=section, stage=notation(rows.paper_stage.iloc[0], lang),
                       params=units.fmt_int(int(rows.params.sum())), macs=units.fmt_int(int(rows.macs.sum())))
        sections.append(f'??? note "{summary}"\n\n' + _layer_table(_shown_rows(rows, lang), lang, indent="    "))
    return sections


def _shown_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    blocks = list(rows.block.unique())
    if len(blocks) <= MAX_BLOCKS_SHOWN:
        return rows
    kept = set(blocks[:2] + blocks[-1:])
    shown = rows[rows.block.isin(kept)]
    gap = {column: "" for column in rows.columns} | {
        "name": text("layers.folded", lang, first=blocks[2], last=blocks[-2], count=len(blocks) - 3, like=blocks[1]),
        "block": "…", "params": None, "macs": None,
    }
    cut = shown.block.tolist().index(blocks[-1])
    return pd.concat([shown.iloc[:cut], pd.DataFrame([gap]), shown.iloc[cut:]], ignore_index=True)


def _layer_table(rows: pd.DataFrame, lang: str, indent: str) -> str:
    body, previous = [], None
    for row in rows.itertuples():
        block = row.block if row.block != previous else ""
        previous = row.block
        body.append([
            f"`{block}`" if block and block != "…" else block, f"`{row.name}`" if row.type else row.name,
            f"`{row.type}`" if row.type else "", text(f"layers.path.{row.path}", lang) if row.block and row.path else "",
            row.kernel.replace("x", "×"), row.stride, row.output_shape.replace("x", "×"),
            "" if pd.isna(row.params) else int(row.params), "" if pd.isna(row.macs) else int(row.macs),
        ])
    headers = [
        f'<abbr title="{text(f"layers.meaning.{column}", lang)}">{text(f"layers.column.{column}", lang)}</abbr>'
        for column in LAYER_COLUMNS
    ]
    return table(headers, body, indent=indent)


def _title_link(name: str, prefix: str) -> str:
    return f"[{models.get_entry(name).title}]({prefix}{name}.md)"


def _bound_of(name: str, fact: str, style: str | None = None) -> Bound:
    return bound(all_facts(), f"{name}.{fact}", style)


def built_of(name: str, lang: str) -> str:
    """What the model is built of, each count with its own name: residual blocks, dense layers in dense blocks,
    Inception modules (the family's UNIT_FACTS); a dash for a model of plain layers (VGG)."""
    owned = getattr(family_facts(models.get_entry(name).family), "UNIT_FACTS", {})
    return join([f"{_bound_of(name, fact)} {words[lang]}" for fact, words in owned.items()], lang) or "—"


def columns(keys: list[str], lang: str) -> list[str]:
    """Table headers, each the message ``column.<key>``."""
    return [text(f"column.{key}", lang) for key in keys]


def render_models_index(*, lang: str = "en") -> str:
    rows = []
    for name in models.list_models():
        entry = models.get_entry(name)
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, ""), entry.family.title, DATASETS[entry.dataset], b("input_size", "size"),
            b("paper_depth"), b("weighted_layers"), b("longest_path"), b("params"), b("macs"), notation(entry.source, lang),
        ])
    headers = columns(["model", "family", "dataset", "input", "paper_depth", "weighted_layers", "longest_path", "params",
                       "macs", "source"], lang)
    body = "\n\n".join([
        heading(1, "index.title", lang),
        text("index.intro", lang),
        table(headers, rows),
    ])
    return generated.markdown(body)


def render_headline(*, lang: str = "en") -> str:
    """The home page's comparison table (an include)."""
    rows = []
    for name in models.list_models():
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, "models/"), b("input_size", "size"), b("paper_depth"), b("weighted_layers"),
            b("longest_path"), built_of(name, lang), b("params"), b("macs", "giga"),
        ])
    headers = columns(["model", "input", "paper_depth", "weighted_layers", "longest_path", "units", "params", "gmacs"],
                      lang)
    return generated.markdown(table(headers, rows))


def render_depth_table(*, lang: str = "en") -> str:
    """Every way of counting depth, for every model (an include of the depth concept page)."""
    rows = []
    for name in models.list_models():
        b = functools.partial(_bound_of, name)
        rows.append([
            _title_link(name, "../models/"), b("paper_depth"), b("weighted_layers"), b("longest_path"), b("conv_fc_layers"),
            b("conv_layers"), b("param_layers"), built_of(name, lang),
        ])
    headers = columns(["model_default_options", "paper_depth", "weighted_layers", "longest_path", "conv_fc_layers",
                       "conv_layers", "param_layers", "units"], lang)
    return generated.markdown(table(headers, rows))


def render_comparisons(*, lang: str = "en") -> str:
    facts, measured = all_facts(), lambda name: introspect(config(name))
    sections = [section for family in all_families()
                for section in family_facts(family).comparison_sections(facts, measured, lang)]
    return generated.markdown("\n\n".join([
        heading(1, "comparisons.title", lang),
        text("comparisons.intro", lang),
        heading(2, "comparisons.all_families", lang),
        _cross_family_table(lang),
        *sections,
        heading(2, "comparisons.chart", lang),
        text("comparisons.chart.intro", lang),
        embedded(localized_path(COMPARISONS_CHART, lang)),
    ]))


def _cross_family_table(lang: str) -> str:
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
            bound(facts, cited_gflops) if cited_gflops in facts else "—", b("paper_depth"), b("weighted_layers"),
            b("longest_path"),
            b("conv_fc_layers"), b("param_layers"), built_of(name, lang), b("fc_params_pct"),
        ])
    headers = columns([
        "model", "family", "input", "params", "torchvision_params", "gmacs", "torchvision_gflops_gmacs",
        "paper_depth", "weighted_layers", "longest_path", "conv_fc_layers", "param_layers", "units", "fc_params_pct",
    ], lang)
    cited = text("list.semicolon", lang).join(
        cite(source, lang) for source in sorted({source_of(n) for n in facts if n.startswith("torchvision.")}))
    return table(headers, rows) + "\n\n" + text("comparisons.depth_note", lang, cited=cited)


def _example(value: object, name: str, lang: str) -> str:
    """A fact's value in the reference's example columns: yes or no in ``lang``; a value with words (a citation)
    in the language's notation; a name or a mapping of names (``basic``, ``conv_weights 267696, …``) as code."""
    if isinstance(value, bool):
        return yes_no(value, lang)
    shown = format_fact(value, name=name)
    if isinstance(value, str) and " " in value:
        return notation(shown, lang)
    return f"`{shown}`" if re.search("[A-Za-z]", shown) else shown


def render_facts_reference(*, lang: str = "en") -> str:
    example = {key: introspect(config(key)).facts for key in ("resnet20", "resnet50")}
    fact_rows = [
        [f'<a id="fact-{name}"></a>`{name}`', unit_name(unit, lang), fact_meaning(name, lang),
         *(_example(facts[name], name, lang) if name in facts else "" for facts in example.values())]
        for name, (unit, _) in FACT_DOCS.items()
    ]
    config_rows = [[f"`{cfg.key}`", cfg.name, cfg.label()] for cfg in all_configs()]
    citations = sources()
    published_rows = [[f"`{name}`", as_stated(value, lang), cite(citations[f"{name.split('.')[0]}.*.{name.split('.')[2]}"], lang)]
                      for name, value in published_facts().items()]
    example_marker = marker("resnet20.params", units.fmt_int(example["resnet20"]["params"]))
    return generated.markdown("\n\n".join([
        heading(1, "reference.title", lang),
        heading(2, "reference.units", lang),
        text("reference.units.intro", lang),
        table(columns(["unit", "definition"], lang),
              [[unit, words[lang]] for unit, words in units.DEFINITIONS.items()]),
        heading(2, "reference.fact_names", lang),
        text("reference.fact_names.intro", lang),
        table(columns(["configuration", "model", "options"], lang), config_rows),
        text("reference.fact_names.facts", lang),
        table(columns(["fact", "unit", "meaning"], lang) + ["resnet20", "resnet50"], fact_rows),
        heading(2, "reference.published", lang),
        text("reference.published.intro", lang),
        table(columns(["fact", "value", "source"], lang), published_rows),
        heading(2, "reference.binding", lang),
        text("reference.binding.intro", lang, example=example_marker,
             formats=", ".join(f"`{style}`" for style in FORMATS)),
    ]))
