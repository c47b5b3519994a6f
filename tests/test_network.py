"""Network diagrams of Inception-v3 and the DenseNets: every box is a row (or a run of rows) of the layer table."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from tools.facts.measure import introspect
from tools.i18n import LANGUAGES
from tools.introspect import Config, Introspection, all_configs, build, config
from tools.render import network
from tools.render.figure import FOLD_OVER
from tools.render.network import (
    NetworkError, render_dense_block, render_densenet_network, render_inception_module, render_inception_network,
)

SVG = "{http://www.w3.org/2000/svg}"
INCEPTION = [pytest.param(cfg, id=cfg.key) for cfg in all_configs() if cfg.entry.family.name == "inception"]
DENSENET = [pytest.param(cfg, id=cfg.key) for cfg in all_configs() if cfg.entry.family.name == "densenet"]


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.split("\n", 1)[1])  # after the generated notice


def groups(svg: ET.Element, cls: str) -> list[ET.Element]:
    """The ``<g>`` of one class, in document order (top to bottom, left to right)."""
    return [g for g in svg.iter(f"{SVG}g") if cls in g.get("class", "").split()]


def words(g: ET.Element) -> list[str]:
    return [t.text for t in g.findall(f"{SVG}text")]


def executed(cfg) -> pd.DataFrame:
    layers = introspect(cfg).layers
    return layers[layers.section != "auxiliary"]


def blocks(layers: pd.DataFrame) -> list[str]:
    return list(layers.block[layers.block != ""].unique())


def output_of(layers: pd.DataFrame, rows: pd.DataFrame) -> str:
    """A run of rows' output: the input of the row that runs next (a module's last row is one branch's)."""
    return layers[layers["index"] > rows["index"].iloc[-1]].input_shape.iloc[0]


def channels(shape: str) -> int:
    return int(shape.split("x")[0])


@functools.cache
def inception_network(cfg, lang: str = "en") -> ET.Element:
    return parse(render_inception_network(introspect(cfg), cfg.key, lang=lang))


@functools.cache
def inception_module(cfg, block: str, lang: str = "en") -> ET.Element:
    return parse(render_inception_module(introspect(cfg), block, f"{cfg.key}: {block}", lang=lang))


@functools.cache
def model(cfg):
    return build(cfg)


def module_mismatches(svg: ET.Element, layers: pd.DataFrame, block: str) -> list[str]:
    """Where a module's drawn convolutions differ from the table's: per branch, names, kernels and widths in order.

    A branch is the table's rows whose module names share the branch's stem (``branch3x3dbl_2`` and
    ``branch3x3dbl_3a`` belong to ``branch3x3dbl``): an independent reading of the released names,
    not the traced forward that the renderer reads.
    """
    rows = layers[(layers.block == block) & (layers.type == "Conv2d")]
    by_stem: dict[str, list[tuple[str, str, int]]] = {}
    for row in rows.itertuples(index=False):
        stem = row.name.split(".")[1].rsplit("_", 1)[0]
        by_stem.setdefault(stem, []).append((row.name, row.kernel.replace("x", "×"), channels(row.output_shape)))
    table = list(by_stem.values())
    drawn_by_branch: dict[str, list[tuple[str, str, int]]] = {}
    for g in groups(svg, "conv"):
        label = words(g)[0]
        kernel, rest = label.split(" conv, ")
        drawn_by_branch.setdefault(g.get("data-branch"), []).append((g.get("data-module"), kernel, int(rest.split(",")[0])))
    drawn = list(drawn_by_branch.values())
    return [f"drawn {d}, table {t}" for d, t in itertools.zip_longest(drawn, table) if d != t]


# --- Inception-v3, the whole network ------------------------------------------------------------------


@pytest.mark.parametrize("cfg", INCEPTION)
def test_inception_module_boxes_are_the_tables_blocks_in_forward_order_with_their_output(cfg):
    layers = executed(cfg)
    boxes = groups(inception_network(cfg), "module")
    assert [g.get("data-module") for g in boxes] == blocks(layers)
    assert len(boxes) == introspect(cfg).facts["inception_modules"] == 11
    for g, block in zip(boxes, blocks(layers), strict=True):
        shape = output_of(layers, layers[layers.block == block]).replace("x", "×")
        assert words(g)[0].startswith(f"{block} (Figure ") and words(g)[0].endswith(f"): {shape}")
    figures = [re.search(r"\((Figure \d+)\)", words(g)[0]).group(1) for g in boxes]
    assert {figure: figures.count(figure) for figure in figures} == introspect(cfg).facts["modules_by_figure"]


@pytest.mark.parametrize("cfg", INCEPTION)
def test_inception_stem_boxes_are_the_stems_conv_and_max_pool_rows(cfg):
    layers = executed(cfg)
    stem = layers[(layers.section == "stem") & layers.type.isin(["Conv2d", "MaxPool2d"])]
    drawn = [g for g in groups(inception_network(cfg), "layer") if g.get("data-module") in set(layers.name[layers.section == "stem"])]
    assert [g.get("data-module") for g in drawn] == list(stem.name)
    assert [words(g)[0] for g in drawn] == [
        "3×3 conv, 32, /2", "3×3 conv, 32", "3×3 conv, 64", "3×3 max pool, /2", "1×1 conv, 80", "3×3 conv, 192",
        "3×3 max pool, /2",
    ]


@pytest.mark.parametrize("cfg", INCEPTION)
def test_inception_grid_marks_are_the_sides_the_table_shows(cfg):
    layers = executed(cfg)
    # What each step hands on: a stem or head layer its output, a module the input of what runs next.
    shapes, seen = [], set()
    for row in layers.itertuples():
        if not row.block:
            shapes.append(row.output_shape)
        elif row.block not in seen:
            seen.add(row.block)
            shapes.append(output_of(layers, layers[layers.block == row.block]))
    sides = [int(shape.split("x")[1]) for shape in shapes if shape.count("x") == 2]
    changes = [side for side, before in zip(sides, [introspect(cfg).input_size, *sides]) if side != before]
    marks = [int(g.get("data-side")) for g in groups(inception_network(cfg), "size")]
    assert marks == changes == [*introspect(cfg).facts["feature_map_sizes"][1:], 1]
    assert marks == [149, 147, 73, 71, 35, 17, 8, 1]


@pytest.mark.parametrize("cfg", INCEPTION)
def test_the_auxiliary_classifier_is_drawn_iff_the_table_has_its_rows(cfg):
    layers, facts = introspect(cfg).layers, introspect(cfg).facts
    aux = layers[layers.section == "auxiliary"]
    svg = inception_network(cfg)
    drawn = [g for g in groups(svg, "layer") if g.get("data-aux")]
    connectors = [p for p in svg.iter(f"{SVG}path") if "aux-edge" in p.get("class", "")]
    if aux.empty:
        assert (drawn, connectors, facts["aux_reads"]) == ([], [], "")
        return
    weighted = [g for g in drawn if "call" not in g.get("class").split()]
    assert [g.get("data-module") for g in weighted] == list(aux.name[aux.type.isin(["Conv2d", "Linear"])])
    kernels = [words(g)[0].split(" conv")[0] for g in weighted if "conv" in g.get("class").split()]
    assert kernels == [k.replace("x", "×") for k in aux.kernel[aux.type == "Conv2d"]]
    assert [words(g)[0] for g in drawn] == ["5×5 avg pool, /3", "1×1 conv, 128", "5×5 conv, 768", "avg pool", "fc 1000"]
    assert [p.get("data-reads") for p in connectors] == [facts["aux_reads"]] == ["Mixed_6e"]


# --- Inception-v3, each module as the paper draws it ------------------------------------------------


@pytest.mark.parametrize("cfg", INCEPTION)
def test_every_module_draws_the_tables_convolutions_branch_by_branch(cfg):
    layers = executed(cfg)
    for block in blocks(layers):
        assert module_mismatches(inception_module(cfg, block), layers, block) == [], block


@pytest.mark.parametrize("cfg", INCEPTION)
def test_every_concatenation_has_the_modules_output_channels_one_term_per_branch(cfg):
    layers, facts = executed(cfg), introspect(cfg).facts
    for block in blocks(layers):
        svg = inception_module(cfg, block)
        (concat,) = groups(svg, "concat")
        out = output_of(layers, layers[layers.block == block])
        terms, total = words(concat)[1].removesuffix(" channels").split(" = ")
        assert int(concat.get("data-channels")) == int(total) == sum(map(int, terms.split(" + "))) == channels(out)
        assert words(concat)[0] == f"filter concatenation, {out.replace('x', '×')}"
        branches = len(terms.split(" + "))
        assert branches == facts["branches_per_module"][type(model(cfg).get_submodule(block)).__name__]
        assert len({g.get("data-branch") for g in groups(svg, "layer")}) == branches
        (start,) = groups(svg, "input")
        assert words(start) == [f"input, {layers.input_shape[layers.block == block].iloc[0].replace('x', '×')}"]


def test_the_pools_inside_modules_are_the_forwards_calls_and_have_no_row():
    cfg = config("inception_v3")
    layers = executed(cfg)
    calls = {block: [(g.get("data-call"), g.get("data-branch"), words(g)[0]) for g in groups(inception_module(cfg, block), "call")]
             for block in ("Mixed_5b", "Mixed_6a", "Mixed_6b", "Mixed_7a", "Mixed_7b")}
    assert calls == {
        "Mixed_5b": [("avg_pool2d", "3", "3×3 avg pool")],
        "Mixed_6a": [("max_pool2d", "2", "3×3 max pool, /2")],
        "Mixed_6b": [("avg_pool2d", "3", "3×3 avg pool")],
        "Mixed_7a": [("max_pool2d", "2", "3×3 max pool, /2")],
        "Mixed_7b": [("avg_pool2d", "3", "3×3 avg pool")],
    }
    assert not layers[layers.block != ""].type.isin(["MaxPool2d", "AvgPool2d"]).any()  # no module: no row
    # Mixed_6a's max pool is a whole branch: it hands on the module's input channels.
    (concat,) = groups(inception_module(cfg, "Mixed_6a"), "concat")
    assert concat.get("data-widths") == "384 96 288"


def test_the_8x8_modules_draw_the_1x3_and_3x1_side_by_side():
    cfg = config("inception_v3")
    for block in ("Mixed_7b", "Mixed_7c"):
        split = [g for g in groups(inception_module(cfg, block), "conv") if g.get("data-part")]
        assert [(g.get("data-branch"), g.get("data-part"), words(g)[0]) for g in split] == [
            ("1", "0", "1×3 conv, 384"), ("1", "1", "3×1 conv, 384"), ("2", "0", "1×3 conv, 384"), ("2", "1", "3×1 conv, 384"),
        ]
        tops = [g.find(f"{SVG}rect").get("y") for g in split]
        assert tops[0] == tops[1] and tops[2] == tops[3]  # side by side, not stacked


def test_a_module_the_table_lacks_is_refused_naming_the_modules():
    cfg = config("inception_v3")
    with pytest.raises(NetworkError, match="draw one of Mixed_5b, Mixed_5c"):
        render_inception_module(introspect(cfg), "Mixed_9z", "t")


def planted(cfg: Config, module: str, column: str, value: str) -> Introspection:
    """The configuration's introspection with one cell of one module's row of its layer table changed."""
    result = introspect(cfg)
    layers = result.layers.copy()
    layers.loc[layers.name == module, column] = value
    return dataclasses.replace(result, layers=layers)


def test_module_comparison_catches_a_convolution_that_drifted_from_the_table():
    """Plant a wrong kernel: the picture follows the table, the comparison with the real table sees it."""
    cfg = config("inception_v3")
    drifted = parse(render_inception_module(planted(cfg, "Mixed_5b.branch5x5_2.conv", "kernel", "3x3"), "Mixed_5b", "t"))
    assert module_mismatches(drifted, executed(cfg), "Mixed_5b") == [
        "drawn [('Mixed_5b.branch5x5_1.conv', '1×1', 48), ('Mixed_5b.branch5x5_2.conv', '3×3', 64)], "
        "table [('Mixed_5b.branch5x5_1.conv', '1×1', 48), ('Mixed_5b.branch5x5_2.conv', '5×5', 64)]"
    ]


def test_a_width_that_breaks_the_concatenation_is_refused():
    drifted = planted(config("inception_v3"), "Mixed_5b.branch5x5_2.conv", "output_shape", "96x35x35")
    with pytest.raises(NetworkError, match=r"Mixed_5b: its branches hand \[64, 96, 96, 32\] channels"):
        render_inception_module(drifted, "Mixed_5b", "t")


# --- DenseNet ---------------------------------------------------------------------------------------


@functools.cache
def densenet_network(cfg, lang: str = "en") -> ET.Element:
    return parse(render_densenet_network(introspect(cfg), cfg.key, lang=lang))


@functools.cache
def dense_block(cfg, number: int, lang: str = "en") -> ET.Element:
    return parse(render_dense_block(introspect(cfg), f"{cfg.key}: block {number}", lang=lang, number=number))


def stages(layers: pd.DataFrame) -> list[str]:
    return list(layers.stage[layers.stage != ""].unique())


@pytest.mark.parametrize("cfg", DENSENET)
def test_one_box_per_dense_block_with_its_layers_and_channels_from_the_table(cfg):
    layers, facts = executed(cfg), introspect(cfg).facts
    boxes = groups(densenet_network(cfg), "dense-block")
    assert [g.get("data-module") for g in boxes] == stages(layers)
    for index, (g, stage) in enumerate(zip(boxes, stages(layers), strict=True), start=1):
        rows = layers[layers.stage == stage]
        count, m, out = rows.block.nunique(), channels(rows.input_shape.iloc[0]), channels(output_of(layers, rows))
        assert words(g) == [f"Dense block {index}: {count} layers, {m} → {out} channels"]
        assert (count, m) == (facts["layers_per_block"][index - 1], facts["block_input_channels"][index - 1])
        assert out == m + facts["growth_rate"] * count


@pytest.mark.parametrize("cfg", DENSENET)
def test_transitions_sit_between_the_blocks_with_their_conv_and_pool(cfg):
    layers, facts = executed(cfg), introspect(cfg).facts
    svg = densenet_network(cfg)
    drawn = [g for g in svg.iter(f"{SVG}g") if g.get("class") in ("dense-block", "transition")]
    assert [g.get("class") for g in drawn] == ["dense-block", "transition"] * facts["transition_layers"] + ["dense-block"]
    convs = layers[(layers.section == "transition") & (layers.type == "Conv2d")]
    pools = layers[(layers.section == "transition") & (layers.type == "AvgPool2d")]
    for index, (g, conv, pool) in enumerate(zip(groups(svg, "transition"), convs.itertuples(), pools.itertuples(), strict=True), start=1):
        c_in, c_out = channels(conv.input_shape), channels(pool.output_shape)
        assert c_out == int(c_in * facts["compression"])
        assert words(g) == [f"Transition layer {index}: {c_in} → {c_out} channels", f"1×1 conv, {c_out}; 2×2 avg pool, /2"]
        assert g.get("data-module") == conv.name.removesuffix(".conv")


@pytest.mark.parametrize("cfg", DENSENET)
def test_densenet_stem_head_and_grid_marks_are_the_tables(cfg):
    layers, facts = executed(cfg), introspect(cfg).facts
    svg = densenet_network(cfg)
    drawn = [g.get("data-module") for g in groups(svg, "layer")]
    outside = layers[layers.section.isin(["stem", "head"]) & layers.type.isin(["Conv2d", "MaxPool2d", "AdaptiveAvgPool2d", "Linear"])]
    assert drawn == list(outside.name)
    marks = [int(g.get("data-side")) for g in groups(svg, "size")]
    sizes = [side for side in facts["feature_map_sizes"] if side != introspect(cfg).input_size]
    assert marks == [*sizes, 1]


@pytest.mark.parametrize("cfg", DENSENET)
def test_every_dense_layer_reads_m_plus_k_times_l_minus_one_channels(cfg):
    """The formula against the table, for every layer of every block; then the pictures' numbers against the table."""
    layers, facts = executed(cfg), introspect(cfg).facts
    k = facts["growth_rate"]
    for number, stage in enumerate(stages(layers), start=1):
        rows = layers[layers.stage == stage]
        reads = {name: channels(rows.input_shape[(rows.block == name) & (rows.type == "Conv2d")].iloc[0])
                 for name in rows.block.unique()}
        m = next(iter(reads.values()))
        assert list(reads.values()) == [m + k * (l - 1) for l in range(1, len(reads) + 1)]
        assert list(reads.values()) == facts["dense_layer_input_channels"][number - 1]

        svg = dense_block(cfg, number)
        drawn = groups(svg, "dense-layer")
        shown = list(reads)[:2] + list(reads)[-1:] if len(reads) > FOLD_OVER else list(reads)
        assert [g.get("data-module") for g in drawn] == shown
        for g in drawn:
            l = list(reads).index(g.get("data-module")) + 1
            assert words(g)[0] == f"layer {l}: reads {m} + {k}·{l - 1} = {reads[g.get('data-module')]} channels"
            convs = rows[(rows.block == g.get("data-module")) & (rows.type == "Conv2d")]
            assert [c.get("data-module") for c in groups(g, "conv")] == list(convs.name)
        (out,) = groups(svg, "concat")
        assert words(out) == [f"concatenation: {m} + {k}·{len(reads)} = {channels(output_of(layers, rows))} channels"]
        folds = [g.get("data-layers") for g in groups(svg, "fold")]
        assert folds == ([f"3–{len(reads) - 1}"] if len(reads) > FOLD_OVER else [])


@pytest.mark.parametrize("cfg", DENSENET)
def test_the_dense_block_shows_the_growth_rate_fact_and_every_dense_connection(cfg):
    facts = introspect(cfg).facts
    svg = dense_block(cfg, 1)
    growth = next(t.text for t in svg.iter(f"{SVG}text") if t.text.startswith("growth rate"))
    assert growth.startswith(f"growth rate k = {facts['growth_rate']}; ")
    if facts["bottleneck_width"]:
        assert growth.endswith(f"{facts['bottleneck_factor']}k = {facts['bottleneck_width']} channels")
    nodes = ["0", *(g.get("data-l") or g.get("data-layers") for g in svg.iter(f"{SVG}g")
                    if g.get("class") in ("dense-layer", "fold")), "out"]
    links = {(p.get("data-from"), p.get("data-to")) for p in svg.iter(f"{SVG}path") if p.get("class") == "link"}
    assert links == {(a, b) for i, b in enumerate(nodes) for a in nodes[:i]}


def test_densenet121_first_block_reads_as_the_paper_counts():
    cfg = config("densenet121")
    labels = [words(g)[0] for g in groups(dense_block(cfg, 1), "dense-layer")]
    assert [int(label.split(" = ")[1].split()[0]) for label in labels] == [64, 96, 128, 160, 192, 224]
    convs = {words(g)[0] for g in groups(dense_block(cfg, 1), "conv")}
    assert convs == {"1×1 conv, 128", "3×3 conv, 32"}  # 4k and k, k = 32


def test_a_dense_layer_that_breaks_the_formula_is_refused():
    """Plant a wrong input width: the picture would print m + k(l − 1) beside a number it does not equal."""
    drifted = planted(config("densenet121"), "features.denseblock1.denselayer3.conv1", "input_shape", "130x56x56")
    with pytest.raises(NetworkError, match=r"denselayer3 reads 130 channels in the table, not .* = 64 \+ 32·2 = 128"):
        render_dense_block(drifted, "t")


# --- Every picture --------------------------------------------------------------------------------


@functools.cache
def every_picture(lang: str) -> dict[str, str]:
    pictures = {}
    for param in INCEPTION:
        cfg = param.values[0]
        result = introspect(cfg)
        pictures[f"{cfg.key} network"] = render_inception_network(result, f"{cfg.entry.title}", lang=lang)
        for block in blocks(executed(cfg)):
            pictures[f"{cfg.key} {block}"] = render_inception_module(result, block, f"{cfg.entry.title}: {block}", lang=lang)
    for param in DENSENET:
        cfg = param.values[0]
        result = introspect(cfg)
        pictures[f"{cfg.key} network"] = render_densenet_network(result, f"{cfg.entry.title}", lang=lang)
        for number in range(1, len(stages(executed(cfg))) + 1):
            pictures[f"{cfg.key} block {number}"] = render_dense_block(result, f"{cfg.entry.title}", lang=lang, number=number)
    return pictures


def test_a_picture_of_each_kind_renders_byte_identically_twice():
    inception, densenet = introspect(config("inception_v3")), introspect(config("densenet40_k12"))

    def draw() -> list[str]:
        return [render_inception_network(inception, "t"), render_inception_module(inception, "Mixed_7b", "t"),
                render_densenet_network(densenet, "t"), render_dense_block(densenet, "t", number=2)]

    first = draw()
    network._branches.cache_clear()  # trace the model again too
    assert draw() == first


def layout_problems(text: str) -> list[str]:
    """What keeps a picture from its page: wider than 760, text below 11 px, text past the picture or its box."""
    svg = parse(text)
    width = float(svg.get("width"))
    problems = [f"{width:g} wide"] if width > 760 else []
    problems += [f"{size}px text" for size in re.findall(r"font-size\s*[:=]\s*\"?([\d.]+)", text) if float(size) < 11]
    if not (svg.get("role") == "img" and svg.get("aria-label")):
        problems.append("no role and aria-label")
    for t in svg.iter(f"{SVG}text"):
        bold = 1.1 if t.get("class") in ("title", "group-label") else 1
        extent = network.text_width(t.text, 13 if t.get("class") == "title" else 11) * bold
        x, anchor = float(t.get("x")), t.get("text-anchor")
        left = x - extent / 2 if anchor == "middle" else x - extent if anchor == "end" else x
        if left < 0 or left + extent > width:
            problems.append(f"{t.text!r} runs past the picture")
    for g in svg.iter(f"{SVG}g"):
        rect = g.find(f"{SVG}rect")
        problems += [f"{t.text!r} runs past its box" for t in g.findall(f"{SVG}text")
                     if rect is not None and network.text_width(t.text) > float(rect.get("width")) - 4]
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_picture_fits_the_page_and_no_text_is_below_11px(lang):
    assert {name: problems for name, text in every_picture(lang).items() if (problems := layout_problems(text))} == {}


def test_the_layout_check_catches_small_text_and_a_box_too_narrow():
    text = every_picture("en")["densenet121 network"]
    planted = text.replace('<text x="16" y="20" class="title">', '<text x="16" y="20" class="title" font-size="9">', 1)
    planted = re.sub(r'(data-module="features.denseblock1"[^>]*><rect [^>]*width=")\d+', r"\g<1>120", planted)
    assert layout_problems(text) == []
    assert layout_problems(planted) == ["9px text", "'Dense block 1: 6 layers, 64 → 256 channels' runs past its box"]


def test_both_languages_render_with_their_own_words():
    en, zh = every_picture("en"), every_picture("zh")
    assert en.keys() == zh.keys()
    assert "filter concatenation" in en["inception_v3 Mixed_5b"] and "滤波器拼接" in zh["inception_v3 Mixed_5b"]
    assert "Dense block 1" in en["densenet121 network"] and "稠密块 1" in zh["densenet121 network"]
    assert "增长率 k = 32" in zh["densenet121 block 1"] and "图 5" in zh["inception_v3 network"]
    assert "filter concatenation" not in zh["inception_v3 Mixed_5b"] and "Dense block" not in zh["densenet121 network"]
    # Layer labels in each language's notation of the paper's (tools.i18n.notation); their numbers the same.
    assert "1×7 conv, 128" in en["inception_v3 Mixed_6b"] and "1×7 卷积, 128" in zh["inception_v3 Mixed_6b"]
