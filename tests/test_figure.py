"""Figure 3, generated: its boxes are the layer table's weighted layers, its arcs the blocks' shortcuts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tools.introspect import all_configs, config
from tools.facts.measure import introspect
from tools.render.figure import FIGURE_DIR, FOLD_OVER, figure_title, render_figure

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
DRAWN = [pytest.param(cfg, id=cfg.key) for cfg in all_configs() if cfg.entry.family.layer_chain]


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.split("\n", 1)[1])  # after the generated notice


def boxes(svg: ET.Element) -> list[tuple[str, str, str]]:
    """(module, class, label) of every box, top to bottom."""
    return [
        (g.get("data-module"), g.get("class").split()[1], g.find(f"{SVG}text").text)
        for g in svg.iter(f"{SVG}g") if "layer" in g.get("class", "").split()
    ]


def arcs(svg: ET.Element) -> dict[str, str]:
    return {p.get("data-block"): p.get("class").split()[1] for p in svg.iter(f"{SVG}path") if "shortcut" in p.get("class", "")}


def committed(cfg) -> ET.Element:
    return parse((ROOT / "docs" / FIGURE_DIR / f"{cfg.key}.svg").read_text(encoding="utf-8"))


@pytest.mark.parametrize("cfg", DRAWN)
def test_boxes_are_the_main_path_weighted_layers_and_pools_in_forward_order(cfg):
    layers = introspect(cfg).layers
    main = layers[(layers.path == "main") & layers.type.isin(["Conv2d", "Linear", "MaxPool2d", "AdaptiveAvgPool2d"])]
    stage_blocks = main[main.block != ""].groupby("stage", sort=False).block.unique()
    folded = {block for blocks in stage_blocks if len(blocks) > FOLD_OVER for block in blocks[2:-1]}
    expected = [name for name, block in zip(main.name, main.block, strict=True) if block not in folded]
    assert [module for module, _, _ in boxes(committed(cfg))] == expected


@pytest.mark.parametrize("cfg", DRAWN)
def test_weighted_boxes_and_folded_blocks_add_up_to_the_weighted_layers(cfg):
    facts = introspect(cfg).facts
    svg = committed(cfg)
    weighted = sum(kind in ("conv", "fc") for _, kind, _ in boxes(svg))
    folds = [g for g in svg.iter(f"{SVG}g") if "fold" in g.get("class", "").split()]
    folded_blocks = sum(int(g.find(f"{SVG}text").text.split("× ")[1].split()[0]) for g in folds)
    per_block = facts["convs_per_block"] if folded_blocks else 0
    assert weighted + folded_blocks * per_block == facts["weighted_layers"]


@pytest.mark.parametrize("cfg", DRAWN)
def test_every_drawn_block_has_an_arc_of_its_shortcut_kind(cfg):
    facts, layers = introspect(cfg).facts, introspect(cfg).layers
    kinds = arcs(committed(cfg))
    block_of = dict(zip(layers.name, layers.block, strict=True))  # a separable pair sits one level deeper
    drawn = {block_of[module] for module, kind, _ in boxes(committed(cfg)) if block_of[module]}
    assert set(kinds) == drawn
    assert list(kinds.values()).count("projection") == facts.get("projection_shortcuts", 0)
    assert list(kinds.values()).count("zero-pad") == facts.get("zero_pad_shortcuts", 0)


def test_resnet20_boxes_read_as_the_papers_figure():
    labels = [label for _, _, label in boxes(committed(config("resnet20")))]
    assert labels == (
        ["3×3 conv, 16"] * 7 + ["3×3 conv, 32, /2"] + ["3×3 conv, 32"] * 5 + ["3×3 conv, 64, /2"]
        + ["3×3 conv, 64"] * 5 + ["avg pool", "fc 10"]
    )


def test_resnet50_v1_strides_on_the_first_1x1_and_v15_on_the_3x3():
    def second_stage(key: str) -> list[str]:
        return [label for module, _, label in boxes(committed(config("resnet50", **({"variant": "v1"} if key else {}))))
                if module.startswith("layer2.0.conv")]
    assert second_stage("") == ["1×1 conv, 128", "3×3 conv, 128, /2", "1×1 conv, 512"]
    assert second_stage("v1") == ["1×1 conv, 128, /2", "3×3 conv, 128", "1×1 conv, 512"]


def test_vgg16_is_thirteen_3x3_convs_five_pools_and_three_fc_layers():
    labels = [label for _, _, label in boxes(committed(config("vgg16")))]
    assert labels[:3] == ["3×3 conv, 64", "3×3 conv, 64", "2×2 max pool, /2"]
    assert (sum("conv" in label for label in labels), sum("max pool" in label for label in labels)) == (13, 5)
    assert labels[-3:] == ["fc 4096", "fc 4096", "fc 1000"]
    assert arcs(committed(config("vgg16"))) == {}


def test_long_stages_fold_and_name_the_folded_range():
    svg = committed(config("resnet152"))
    folds = {g.get("data-blocks") for g in svg.iter(f"{SVG}g") if "fold" in g.get("class", "").split()}
    assert folds == {"layer2.2–layer2.6", "layer3.2–layer3.34"}
    assert (ROOT / "docs" / FIGURE_DIR / "resnet1202.svg").stat().st_size < 20_000


def test_a_figure_renders_byte_identically_twice():
    cfg = config("resnet56", shortcut="B")
    assert render_figure(introspect(cfg), figure_title(cfg)) == render_figure(introspect(cfg), figure_title(cfg))


def test_figure_check_catches_a_box_that_drifted_from_the_table():
    """Plant a wrong label: the committed-file comparison of `check` and these tests must see it."""
    cfg = config("resnet20")
    text = render_figure(introspect(cfg), figure_title(cfg)).replace("3×3 conv, 32, /2", "3×3 conv, 32", 1)
    labels = [label for _, _, label in boxes(parse(text))]
    assert "3×3 conv, 32, /2" not in labels


# --- The charts: axes titled in every language, one number format per ratio column -------------------------

def test_both_charts_title_their_axes_in_both_languages():
    from tools.i18n import text
    from tools.render.chart import CHART_PATH
    from tools.render.drawing import localized_path
    from tools.render.modifications import CHART_PATH as MODIFICATIONS_CHART

    for lang in ("en", "zh"):
        comparisons = (ROOT / localized_path(CHART_PATH, lang)).read_text(encoding="utf-8")
        modifications = (ROOT / localized_path(MODIFICATIONS_CHART, lang)).read_text(encoding="utf-8")
        assert text("chart.x", lang) in comparisons and text("chart.y", lang) in comparisons
        assert text("mod.chart.x", lang, title="ResNet-34") in modifications
        assert text("mod.chart.y", lang, title="ResNet-34") in modifications


def test_every_ratio_on_the_modifications_page_has_three_decimals():
    import re

    for page in ("docs/modifications.md", "docs/zh/modifications.md"):
        ratios = re.findall(r'data-fact="[^"]+_ratio">([^<]*)<', (ROOT / page).read_text(encoding="utf-8"))
        assert len(ratios) > 20 and all(re.fullmatch(r"\d+\.\d{3}", ratio) for ratio in ratios), ratios
