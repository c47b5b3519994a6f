"""VGG's own facts (Simonyan and Zisserman 2015): convolutions per stage, kernels, pooling, the fc layers' share."""

from __future__ import annotations

from collections.abc import Mapping
import functools

import pandas as pd

import models
from tools import units
from tools.i18n import Source, cite, notation, text
from tools.families import TORCHVISION_GFLOPS, TORCHVISION_PARAMS, Measured
from tools.introspect.records import Config, Walk
from tools.markdown import bound, table

FACT_DOCS: dict[str, tuple[str, str]] = {
    "conv_per_stage": ("convolutions", "convolutions in each stage (Table 1's groups, each ending with a max-pool)"),
    "conv_kernels": ("", "the distinct kernel sizes of the convolutions"),
    "max_pools": ("layers", "max-pooling layers"),
}
DERIVED_DOCS: dict[str, tuple[str, str]] = {
    "bn_extra_params": ("parameters", "params with batch_norm True minus params with batch_norm False"),
}

# The words of this family's facts, in the languages other than English: {fact: {language: (label, meaning)}}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "conv_per_stage": {"zh": ("每阶段卷积数", "每个阶段的卷积层数（表 1 中的分组，每组以一个最大池化结束）")},
    "conv_kernels": {"zh": ("卷积核尺寸", "卷积层用到的各种卷积核尺寸")},
    "max_pools": {"zh": ("最大池化层", "最大池化层数")},
    "bn_extra_params": {"zh": ("BatchNorm 的额外参数量", "batch_norm 为 True 时的参数量减去为 False 时的参数量")},
}

# Shown on a model page after the core's key facts, and as columns of its options table.
KEY_FACTS = ["conv_per_stage", "conv_kernels", "max_pools", "fc_layers", "fc_params", "fc_params_pct",
             "batchnorm_layers"]
OPTION_FACTS = ["batchnorm_layers", "fc_params_pct"]


def facts(walk: Walk) -> dict[str, object]:
    layers, model = walk.layers, walk.model
    convs = layers[layers.type == "Conv2d"]
    return {
        "conv_per_stage": [int((convs.stage == stage.name).sum()) for stage in model.anatomy.stages],
        "conv_kernels": sorted(set(convs.kernel)),
        "max_pools": int((layers.type == "MaxPool2d").sum()),
    }


def derived(facts: dict[str, object], configs: list[Config]) -> dict[str, object]:
    """What BatchNorm adds: a scale and a shift per channel of every convolution."""
    return {
        f"{cfg.key}.bn_extra_params": facts[f"{cfg.key}-bn.params"] - facts[f"{cfg.key}.params"]
        for cfg in configs if cfg.is_default
    }


# --- The architecture as Table 1 writes it ------------------------------------------------------


def spec(walk: Walk, facts: dict[str, object]) -> dict[str, object]:
    """One row per stage in Table 1's notation (conv3-64 × 2, maxpool), then the head."""
    cfg, layers, model = walk.config, walk.layers, walk.model
    rows = []
    for stage in model.anatomy.stages:
        in_stage = layers[layers.stage == stage.name]
        rows.append({
            "stage": stage.paper_name, "module": stage.name, "output_size": _hw(in_stage.output_shape.iloc[-1]),
            "layers": _stage_text(cfg, in_stage),
        })
    head = layers[layers.section == "head"]
    linears = head[head.type == "Linear"]
    rows.append({
        "stage": "head",
        "module": ", ".join(dict.fromkeys(name.split(".")[0] for name in head.name)),
        "output_size": "1×1",
        "layers": ", ".join(f"FC-{_channels(shape)}" for shape in linears.output_shape),
    })
    return {
        "model": cfg.name,
        "options": dict(cfg.options),
        "notes": notes(cfg, layers, facts),
        "stages": rows,
    }


def notes(cfg: Config, layers: pd.DataFrame, facts: dict[str, object], lang: str = "en") -> dict[str, str]:
    """The convolutions, the pools, BatchNorm and the classifier, in words."""
    return {
        text("vgg.note.convolutions", lang): _conv_text(layers, lang),
        text("vgg.note.downsampling", lang): _pool_text(layers, facts, lang),
        text("vgg.note.batchnorm", lang): _bn_text(cfg, facts, lang),
        text("vgg.note.classifier", lang): _classifier_text(layers[layers.section == "head"], facts, lang),
    }


def _hw(shape: str) -> str:
    _, h, w = shape.split("x")
    return f"{h}×{w}"


def _channels(shape: str) -> int:
    return int(shape.split("x")[0])


def _stage_text(cfg: Config, in_stage: pd.DataFrame) -> str:
    """Runs of equal convolutions in the paper's notation, then the layers that change the map's side."""
    notation = cfg.entry.family.notation
    runs: list[tuple[tuple[str, int], int]] = []
    parts = []
    for row in in_stage.itertuples():
        if row.type == "Conv2d":
            layer = (row.kernel, _channels(row.output_shape))
            if runs and runs[-1][0] == layer:
                runs[-1] = (layer, runs[-1][1] + 1)
            else:
                runs.append((layer, 1))
        elif row.type == "MaxPool2d":
            parts += [notation([layer], count) for layer, count in runs] + ["maxpool"]
            runs = []
    return ", ".join(parts + [notation([layer], count) for layer, count in runs])


def _conv_text(layers: pd.DataFrame, lang: str) -> str:
    convs = layers[layers.type == "Conv2d"]
    kinds = sorted(set(zip(convs.kernel, convs.stride, convs.padding, strict=True)))
    described = text("list.semicolon", lang).join(
        text("vgg.conv", lang, kernel=k.replace("x", "×"), stride=s, padding=p) for k, s, p in kinds
    )
    return text("vgg.convs", lang, count=len(convs), described=described)


def _pool_text(layers: pd.DataFrame, facts: dict[str, object], lang: str) -> str:
    pools = layers[layers.type == "MaxPool2d"]
    kinds = sorted(set(zip(pools.kernel, pools.stride, strict=True)))
    described = text("list.semicolon", lang).join(text("vgg.pool", lang, kernel=k.replace("x", "×"), stride=s)
                                                  for k, s in kinds)
    sides = " → ".join(str(side) for side in facts["feature_map_sizes"])
    return text("vgg.pools", lang, count=facts["max_pools"], described=described, sides=sides)


def _bn_text(cfg: Config, facts: dict[str, object], lang: str) -> str:
    if not facts["batchnorm_layers"]:
        return text("vgg.batchnorm.none", lang)
    return text("vgg.batchnorm", lang, count=facts["batchnorm_layers"], name=cfg.name)


def _classifier_text(head: pd.DataFrame, facts: dict[str, object], lang: str) -> str:
    pool = head[head.type == "AdaptiveAvgPool2d"].iloc[0]
    return text(
        "vgg.classifier", lang, input=_hw(pool.input_shape), output=_hw(pool.output_shape),
        same=text("vgg.classifier.identity", lang) if pool.input_shape == pool.output_shape else "",
        fc_layers=facts["fc_layers"], dropouts=int((head.type == "Dropout").sum()),
        params=units.fmt_int(facts["fc_params"]), pct=facts["fc_params_pct"],
    )


# --- Figures published elsewhere, cited -------------------------------------------------------

PAPER = ("Simonyan, Zisserman. Very Deep Convolutional Networks for Large-Scale Image Recognition. ICLR 2015 "
         "(arXiv:1409.1556)")
SOURCES = {
    "torchvision.*.params": TORCHVISION_PARAMS,
    "torchvision.*.gflops": TORCHVISION_GFLOPS,
    "paper.*.conv_kernels": Source(PAPER, {"en": "Table 1, configuration C: 'conv1-256' and 'conv1-512' in its last three groups",
                                           "zh": "表 1，配置 C：最后三组中的 'conv1-256' 与 'conv1-512'"}),
}

# Every count holds: the models here have exactly these parameters (tests/test_vgg.py).
_TORCHVISION_PARAMS = {
    "vgg11": 132_863_336,
    "vgg11-bn": 132_868_840,
    "vgg13": 133_047_848,
    "vgg13-bn": 133_053_736,
    "vgg16": 138_357_544,
    "vgg16-bn": 138_365_992,
    "vgg19": 143_667_240,
    "vgg19-bn": 143_678_248,
}
# As the documentation pages of vgg13, vgg16 and vgg19 print them. They count multiply-adds.
_TORCHVISION_GFLOPS = {"vgg13": 11.31, "vgg16": 15.47, "vgg19": 19.63}

PUBLISHED: dict[str, object] = {f"torchvision.{key}.params": params for key, params in _TORCHVISION_PARAMS.items()}
PUBLISHED |= {f"torchvision.{key}.gflops": gflops for key, gflops in _TORCHVISION_GFLOPS.items()}
# Configuration C, which neither torchvision nor this site builds: its kernels as Table 1 lists them.
PUBLISHED["paper.vgg_c.conv_kernels"] = ["1x1", "3x3"]


# --- The comparisons page: Table 1 side by side, and the measured costs ----------------------


def comparison_sections(facts: Mapping[str, object], measured: Measured, lang: str = "en") -> list[str]:
    return [f"## {text('vgg.comparison', lang)}", _table1(measured, lang), _cost_table(facts, lang)]


def _models() -> list[str]:
    return [name for name in models.list_models() if models.get_entry(name).family.name == "vgg"]


def _link(name: str) -> str:
    return f"[{models.get_entry(name).title}](models/{name}.md)"


def _table1(measured: Measured, lang: str) -> str:
    names = _models()
    specs = {name: measured(name).spec["stages"] for name in names}
    rows = []
    for index, stage in enumerate(specs[names[0]]):
        rows.append([notation(stage["stage"], lang), stage["output_size"],
                     *(notation(specs[name][index]["layers"], lang) for name in names)])
    headers = [text("column.stage", lang), text("column.output_size", lang), *(
        text("vgg.comparison.column", lang, column=models.get_entry(name).spec.column, link=_link(name)) for name in names
    )]
    return table(headers, rows) + "\n\n" + text("vgg.comparison.table1.note", lang)


def _cost_table(facts: Mapping[str, object], lang: str) -> str:
    rows = []
    for name in _models():
        f = functools.partial(bound, facts)
        cited_gflops = f"torchvision.{name}.gflops"
        rows.append([
            _link(name), f(f"{name}.weighted_layers"), f(f"{name}.conv_per_stage"),
            f(f"{name}.params"), f(f"torchvision.{name}.params"),
            f(f"{name}.fc_params"), f"{f(f'{name}.fc_params_pct')}%",
            f(f"{name}-bn.params"), f(f"torchvision.{name}-bn.params"),
            f(f"{name}.macs", "giga"), f(cited_gflops) if cited_gflops in facts else "—",
        ])
    headers = [text(f"column.{key}", lang) for key in (
        "model", "weighted_layers", "conv_per_stage", "params", "torchvision_params", "fc_params", "fc_share",
        "params_with_batchnorm", "torchvision_bn_params", "gmacs", "torchvision_gflops",
    )]
    note = text("vgg.comparison.cost.note", lang, params=cite(SOURCES["torchvision.*.params"], lang),
                gflops=cite(SOURCES["torchvision.*.gflops"], lang))
    return table(headers, rows) + "\n\n" + note
