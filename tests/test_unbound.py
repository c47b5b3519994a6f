"""Unbound model numbers are found where readers see them: each page rendered as the site renders it, each
block read whole. Every form is planted into a real page of each edition and must be found; every named
allowance (tools.i18n.counting.ALLOWANCES) keeps its example unfound, and only because of that allowance."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_check import copy_repo, edit
from tools.i18n import SITE_CONFIGS
from tools.i18n.counting import ALLOWANCES
from tools.prose import blocks_of, unbound_in_page
from tools.site import check
from tools.siteconfig import page_renderers, site_config

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"en": "docs/concepts/depth.md", "zh": "docs/zh/concepts/depth.md"}


@pytest.fixture(scope="module")
def render() -> dict[str, Callable[[str], str]]:
    return page_renderers(ROOT, {lang: site_config(ROOT / config) for lang, config in SITE_CONFIGS.items()})


def planted(lang: str, form: str) -> tuple[str, int]:
    """The page of ``lang`` with ``form`` appended as a paragraph of its own, and the line the form starts on."""
    text = (ROOT / PAGES[lang]).read_text(encoding="utf-8")
    return f"{text}\n{form}\n", text.count("\n") + 2


def found(render: dict[str, Callable[[str], str]], lang: str, text: str) -> list[str]:
    return [u.text for u in unbound_in_page(text, PAGES[lang], render[lang])]


def test_the_pages_planted_into_have_no_unbound_number(render):
    for lang, page in PAGES.items():
        assert found(render, lang, (ROOT / page).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("lang", "form", "number"), [
    # Bold, and alone in a table cell: a long number, or one with a decimal point.
    ("en", "ResNet-50 holds **25,557,032** weights.", "25,557,032"),
    ("en", "| model | size |\n|---|---|\n| ResNet-50 | 25,557,032 |", "25,557,032"),
    ("en", "| model | cost |\n|---|---|\n| ResNet-50 | 4.09 |", "4.09"),
    # A number and its unit on two source lines, and emphasis between them.
    ("en", "ResNet-50 has 25,557,032\nparameters.", "25,557,032 parameters"),
    ("en", "ResNet-50 has *25,557,032*\n**parameters**.", "25,557,032 parameters"),
    # Units written after the number.
    ("en", "ResNet-50 needs 4.1 GMACs.", "4.1 GMACs"),
    ("en", "ResNet-50 needs 8.2 GFLOPs.", "8.2 GFLOPs"),
    ("en", "ResNet-50 holds 25.5M weights.", "25.5M"),
    ("en", "ResNet-50 needs 3.8B multiply-adds.", "3.8B"),
    ("en", "ResNet-50 needs 4.1G of them.", "4.1G"),
    # Hyphenated: the count joined to its noun.
    ("en", "The paper trains a 151-layer network.", "151-layer"),
    ("en", "The 50-layer model is the default.", "50-layer"),
    ("en", "A fifty-layer network.", "fifty-layer"),
    # English number words within two words of a unit.
    ("en", "ResNet-50 has fifty layers.", "fifty layers"),
    ("en", "ResNet-20 has twenty residual blocks.", "twenty residual blocks"),
    ("en", "It has fifty-six layers.", "fifty-six layers"),
    ("en", "It has one hundred and ten layers.", "one hundred and ten layers"),
    ("en", "Fifty\nlayers, wrapped.", "Fifty layers"),
    # Where else readers see a block: a heading (the page's title too), a list item, an admonition's title.
    ("en", "# ResNet-50 in 25.6M parameters", "25.6M"),
    ("en", "- ResNet-152: 60,192,808 parameters", "60,192,808 parameters"),
    ('en', '!!! note "ResNet-50 has 25.6M parameters"\n    Body.', "25.6M"),
    # Chinese: 亿 and 万, numerals and measure words, and the same places as above.
    ("zh", "ResNet-50 约需 41 亿次乘加。", "41 亿"),
    ("zh", "ResNet-50 大约有 2,556 万个参数。", "2,556 万"),
    ("zh", "ResNet-50 有五十层。", "五十层"),
    ("zh", "ResNet-18 的每个阶段有两个残差块。", "两个残差块"),
    ("zh", "ResNet-20 一共二十个块。", "二十个块"),
    ("zh", "ResNet-101 有一百零一层。", "一百零一层"),
    ("zh", "ResNet-50 有 **25,557,032** 个权重。", "25,557,032"),
    ("zh", "| 模型 | 大小 |\n|---|---|\n| ResNet-50 | 25,557,032 |", "25,557,032"),
    ("zh", "ResNet-50 有 25,557,032\n个参数。", "25,557,032 个参数"),
    ("zh", "ResNet-50 需要 4.1 GMACs。", "4.1 GMACs"),
    ("zh", "ResNet-50 约有 25.6M 个参数。", "25.6M"),
    ("zh", "论文训练了一个 151-layer 的网络。", "151-layer"),
    ("zh", "## ResNet-50 有 50 层", "50 层"),
])
def test_a_planted_model_number_is_found_at_its_line(render, lang, form, number):
    text, line = planted(lang, form)
    [unbound] = unbound_in_page(text, PAGES[lang], render[lang])
    assert unbound.text == number
    assert unbound.path == PAGES[lang]
    assert unbound.line == line + form.split(number.split()[0])[0].count("\n")


@pytest.mark.parametrize(("lang", "form"), [
    ("en", "Two 3×3 convolutions, each followed by BatchNorm."),  # the count names a kernel shape
    ("en", "None of the three activations has parameters."),  # a verb ends the noun phrase
    ("en", "One of the layers is a 1×1 convolution."),  # "one" alone is the article
    ("en", 'ResNet-50 has <span data-fact="resnet50.params">25,557,032</span> parameters, **bound**.'),
    ("en", "```text\n25,557,032 parameters\n```"),
    ("en", "`25,557,032 parameters` in code, and a 12-step list."),
    ("zh", "第五层的输出。"),  # an ordinal
    ("zh", "每有一个投影就多出一层。"),  # 一 alone is the article
    ("zh", "本实现把零通道追加在已有通道之后。"),  # zero-filled channels
    ("zh", "因此两个变体的参数量相同。"),  # a possessive: no count of parameters
])
def test_what_only_looks_like_a_model_number_is_left_alone(render, lang, form):
    assert found(render, lang, planted(lang, form)[0]) == []


# One example of each allowance, in each language it names: unfound with the allowance, found without it.
ALLOWED = [
    ("citation", "en", "Table 6 lists parameters; section 4.2 has layers."),
    ("citation", "zh", "见表 1 参数一栏，以及第 4.2 节。"),
    ("equation number", "en", "Eq. 2 defines the blocks."),
    ("arXiv id", "en", "arXiv:1512.03385 describes the layers."),
    ("arXiv id", "en", "The paper is **1512.03385**."),
    ("year", "en", "He et al. published it in **2016**."),
    ("year", "en", "| paper | year |\n|---|---|\n| ResNet | 2016 |"),
    ("unit definition", "en", "So one MAC is two FLOPs."),
    ("between two", "en", "The transition layer sits between two dense blocks."),
    ("between two", "zh", "过渡层位于两个稠密块之间。"),
    ("position in a sequence", "en", "The deeper models grow the last two blocks."),
    ("position in a sequence", "zh", "更深的模型在最后两个稠密块里增加稠密层。"),
    ("power of ten", "en", "Table 1 of the paper, ×10^9 multiply-adds."),
    ("kernel size", "en", "Its 3×3 convolutions are costly."),
    ("image size", "en", "Maps of 56×56 channels-first values."),
    ("data set name", "en", "Even CIFAR-10 residual blocks are basic."),
    ("model name", "en", "ResNet-50 layers, VGG-16 layers, DenseNet-121 blocks and plain-34 layers."),
    ("model name", "zh", "ResNet-110 层数最多。"),
    ("version number", "en", "Since version 2 layers are fused; PyTorch 2.3 blocks too."),
]


def test_every_allowance_has_an_example():
    assert {name for name, _, _ in ALLOWED} == set(ALLOWANCES)


@pytest.mark.parametrize(("name", "lang", "form"), ALLOWED)
def test_an_allowance_keeps_its_example_unfound_and_only_it_does(render, monkeypatch, name, lang, form):
    text = planted(lang, form)[0]
    assert found(render, lang, text) == []
    monkeypatch.delitem(ALLOWANCES, name)
    assert found(render, lang, text) != [], f"{name!r} is not what keeps {form!r} unfound"


def test_a_year_that_counts_something_is_a_model_number(render):
    assert found(render, "en", planted("en", "It has 2016 layers.")[0]) == ["2016 layers"]


def test_a_front_matter_title_is_read_as_the_pages_title(render):
    text = "---\ntitle: ResNet-50 (25.6M params)\n---\n\n# ResNet-50\n\nText.\n"
    assert [str(u) for u in unbound_in_page(text, "docs/x.md", render["en"])] == [
        "docs/x.md:2: unbound model number '25.6M'"
    ]


def test_pages_are_rendered_with_their_includes_as_the_site_renders_them(render):
    for lang, page in (("en", "docs/index.md"), ("zh", "docs/zh/index.md")):
        cells = [block.text for block in blocks_of(render[lang]((ROOT / page).read_text(encoding="utf-8")))
                 if block.tag == "td"]
        assert "ResNet-1202" in cells, page  # docs/includes/headline.md, docs/zh/includes/headline.md


def test_both_editions_share_one_markdown_converter(render):
    assert render["en"] is render["zh"]


def test_the_check_finds_planted_numbers_in_both_editions_with_file_and_line(tmp_path):
    repo = copy_repo(tmp_path)
    edit(repo / "docs/concepts/depth.md", "The paper counts the layers", "ResNet-50 holds **25,557,032** weights. The paper counts the layers")
    edit(repo / "docs/glossary.md", "## Residual block {#residual-block}",
         "ResNet-50 has fifty\nlayers.\n\n## Residual block {#residual-block}")
    edit(repo / "docs/zh/index.md", "## 从哪里开始", "ResNet-50 有五十层。\n\n## 从哪里开始")
    edit(repo / "docs/zh/concepts/blocks.md", "| MACs | `18w² · H · W` | `17w² · H · W` |",
         "| MACs | `18w² · H · W` | `17w² · H · W` |\n| 参数量 | 25,557,032 | 0.27 |")
    problems = check(repo, read_cache=True)
    line = {rel: next(number for number, text in enumerate((repo / rel).read_text(encoding="utf-8").splitlines(), 1)
                      if needle in text)
            for rel, needle in [("docs/concepts/depth.md", "**25,557,032**"), ("docs/glossary.md", "fifty"),
                                ("docs/zh/index.md", "五十层"), ("docs/zh/concepts/blocks.md", "| 参数量 |")]}
    assert [str(u) for u in problems.unbound] == [
        f"docs/concepts/depth.md:{line['docs/concepts/depth.md']}: unbound model number '25,557,032'",
        f"docs/glossary.md:{line['docs/glossary.md']}: unbound model number 'fifty layers'",
        f"docs/zh/concepts/blocks.md:{line['docs/zh/concepts/blocks.md']}: unbound model number '25,557,032'",
        f"docs/zh/concepts/blocks.md:{line['docs/zh/concepts/blocks.md']}: unbound model number '0.27'",
        f"docs/zh/index.md:{line['docs/zh/index.md']}: unbound model number '五十层'",
    ]
    assert "Model numbers in hand-written text that are not bound to a fact" in problems.report()


def test_the_check_finds_a_model_number_in_a_nav_title_of_either_site(tmp_path):
    repo = copy_repo(tmp_path)
    edit(repo / "mkdocs.yml", "- ResNet-50: models/resnet50.md", "- ResNet-50 (25.6M params): models/resnet50.md")
    edit(repo / "mkdocs.zh.yml", "- ResNet-50: models/resnet50.md", "- ResNet-50（两个残差块）: models/resnet50.md")
    problems = check(repo, read_cache=True)
    line = {config: next(number for number, text in enumerate((repo / config).read_text(encoding="utf-8").splitlines(), 1)
                         if "models/resnet50.md" in text)
            for config in ("mkdocs.yml", "mkdocs.zh.yml")}
    assert [str(u) for u in problems.unbound] == [
        f"mkdocs.yml:{line['mkdocs.yml']}: unbound model number '25.6M'",
        f"mkdocs.zh.yml:{line['mkdocs.zh.yml']}: unbound model number '两个残差块'",
    ]
    assert not problems.nav  # the page is still listed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_generated_drawing_is_left_to_the_file_check_and_any_other_svg_is_read(render, lang):
    """The drawings shown inline are generated files (the check compares them whole); an SVG written by hand in
    a page is prose like any other."""
    drawing = '<div>\n<svg class="atlas-drawing"><text>ResNet-50: 25,557,032 parameters</text></svg>\n</div>'
    by_hand = drawing.replace(' class="atlas-drawing"', "")
    text, _ = planted(lang, drawing)
    assert found(render, lang, text) == []
    text, _ = planted(lang, by_hand)
    assert found(render, lang, text) == ["25,557,032 parameters"]
