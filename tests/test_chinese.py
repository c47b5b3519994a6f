"""The Chinese edition (docs/zh, mkdocs.zh.yml): every page, checked as strictly as the English."""

from __future__ import annotations

import functools
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

import models
from tests.test_check import copy_repo, edit
from tools.facts.measure import introspect
from tools.i18n import QUOTED
from tools.facts.namespace import FACT_DOCS
from tools.peers import keras
from tools.published import published_facts, quotes, sources
from tools.introspect import all_configs
from tools.markers import MARKER
from tools.prose import blocks_of, hand_written_pages, unbound_numbers
from tools.site import check
from tools.siteconfig import page_renderers, site_config

ROOT = Path(__file__).resolve().parent.parent
NAV_PAGE = re.compile(r"^\s*-.*?([\w./-]+\.md)\s*$", re.M)


def built_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_every_english_page_has_a_chinese_page(built_site):
    english = {page for page in built_pages(built_site.path) if not page.startswith("zh/")}
    chinese = built_pages(built_site.path / "zh")
    assert len(english) > 30
    assert english == chinese


def test_both_navs_list_the_same_pages_in_the_same_order():
    english = NAV_PAGE.findall((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    chinese = NAV_PAGE.findall((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))
    assert english == chinese and "glossary.md" in english


@pytest.mark.parametrize(("folder", "lang"), [("", "en"), ("zh/", "zh")])
def test_each_edition_declares_its_language(built_site, folder, lang):
    for page in ["", "concepts/depth/", "models/resnet50/", "fact-check/", "glossary/"]:
        html = (built_site.path / folder / page / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html), f"{folder}{page}"


def test_every_hand_written_page_has_its_translation_binding_the_same_facts():
    pages = {path.relative_to(ROOT / "docs").as_posix(): path for path in hand_written_pages(ROOT)}
    english = {rel for rel in pages if not rel.startswith("zh/")}
    assert {f"zh/{rel}" for rel in english} == {rel for rel in pages if rel.startswith("zh/")}
    for rel in english:
        markers = [Counter(MARKER.findall(pages[name].read_text(encoding="utf-8"))) for name in (rel, f"zh/{rel}")]
        assert markers[0] == markers[1], rel


@pytest.mark.parametrize("text", ["ResNet-50 有 50 层。", "ResNet-20由20个残差块组成", "共 16 个瓶颈块", "参数量为 25,557,032",
                                  "大约 2,556 万个参数", "约 41 亿次乘加", "只有 0.27M 参数", "有 3 个阶段"])
def test_a_model_number_in_chinese_is_found(text):
    assert [u.text for u in unbound_numbers(text, "docs/zh/x.md")] != []


@pytest.mark.parametrize("text", ["3×3 卷积", "步幅为 2 的卷积层", "见表 1", "第 4.2 节", "2016 年", "ResNet-50 的结构",
                                  '<span data-fact="resnet50.params">25,557,032</span> 个参数'])
def test_what_is_not_a_model_number_in_chinese_is_left_alone(text):
    assert unbound_numbers(text, "docs/zh/x.md") == []


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path)


def test_check_flags_an_unbound_chinese_number_with_file_and_line(repo):
    page = repo / "docs/zh/index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "ResNet-50 有 50 层。")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check(repo, read_cache=True)
    assert [str(u) for u in problems.unbound] == ["docs/zh/index.md:4: unbound model number '50 层'"]


def test_check_flags_a_stale_number_in_a_chinese_page(repo):
    edit(repo / "docs/zh/index.md", '"resnet50.params">25,557,032<', '"resnet50.params">25,600,000<')
    problems = check(repo, read_cache=True)
    assert [diff.splitlines()[0] for diff in problems.stale] == ["--- docs/zh/index.md (committed)"]


def test_check_flags_an_unbound_number_in_a_chinese_correction(repo):
    edit(repo / "docs/claims/10-resnet20.yml", "    correction_zh: >-\n      ", "    correction_zh: >-\n      它有 9 个残差块。")
    problems = check(repo, read_cache=True)
    assert [u.text for u in problems.unbound] == ["9 个残差块"]
    assert problems.unbound[0].path.startswith("docs/claims/10-resnet20.yml (claim ")


# --- No English in the generated Chinese model pages -----------------------------------------------------

# The Latin words a generated Chinese model page may show outside code: units, the names of layers, libraries
# and data sets as the papers and libraries write them, math letters, and the papers' notation that Chinese
# writing keeps (FC-4096, BN-ReLU-Conv). Everything else in Latin letters is a model's name, an author's, or an
# option as it is typed (variant=v1.5); any other English word is a renderer's word left untranslated.
LATIN_TOKENS = frozenset({
    "MACs", "FLOPs", "GMACs", "MB", "C", "H", "W", "RGB", "float32", "mult-adds",
    "BatchNorm", "BN", "ReLU", "LeakyReLU", "SiLU", "Swish", "sigmoid", "softmax", "Dropout", "dropout", "Inception", "Mixed", "AuxLogits",
    "torchinfo", "torchvision", "Keras", "PyTorch", "ImageNet", "CIFAR-10",
    "FC-4096", "FC-1000", "FC", "BN-ReLU-Conv", "BN-ReLU-1", "BN-ReLU-3", "logits", "k", "m", "l", "x", "d",
    "A", "B", "C", "D", "E", "k=12", "k=32", "k=48",
    "M", "GFLOPs", "GFLOPS", "N", "n", "L", "logit", "CIFAR", "A-LRN", "YAML", "BN-ReLU", "README", "F", "kL",
    "TensorFlow", "TensorBoard", "TF-slim", "API", "torch", "DenseNet-B", "DenseNet-BC", "DenseNet-264",
    # PyTorch's names for what a fact counts, as its meaning names them: Tensor.numel, requires_grad, a module's
    # buffers, eval mode, torchvision's bn_size and _bn models, and a model's declared anatomy.
    "numel", "requires_grad", "buffer", "eval", "bn_size", "bn", "_bn", "anatomy",
})
AUTHORS = frozenset({"He", "Huang", "Simonyan", "Zisserman", "Szegedy", "Zhang", "Ren", "Sun", "Liu", "van", "der",
                     "Maaten", "Weinberger"})
# Tokens of a form: a module range of a VGG stage (features.0-4), the VGG paper's convolution (conv3-64), the
# exponent of a number written in scientific notation (1.001e-5), and a ResNet paper's layer (conv3_1).
PATTERNS = r"features\.\d+-\d+|conv\d-\d+|e-\d+|conv\d_\d"
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.'=-]*[A-Za-z0-9]|[A-Za-z]")


@functools.cache
def allowed_latin() -> frozenset[str]:
    """LATIN_TOKENS, the authors, every model's and option's own name as the registry spells it, every module
    name of every model (code, as the layer tables name it), its prefixes and its ranges (``features.0-4``), the
    stage names the papers' tables print (conv2_x), every fact's name, configuration key, family, data set and
    layer class (code, as the tools name them)."""
    allowed = set(LATIN_TOKENS | AUTHORS)
    for cfg in all_configs():
        allowed |= {stage for stage in introspect(cfg).layers.paper_stage if re.fullmatch(r"conv\d(_x)?", stage)}
        for name in {*introspect(cfg).layers.name, *introspect(cfg).layers.block, *introspect(cfg).layers.stage}:
            parts = name.split(".")
            allowed |= {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
    allowed |= set(FACT_DOCS) | set(keras.FACT_DOCS)  # a fact's name, as a meaning refers to another fact
    allowed |= {peer.application for peer in keras.PEERS if peer.application}  # Keras' models: ResNet50, …
    for cfg in all_configs():
        allowed |= {cfg.key, cfg.entry.family.name, cfg.entry.dataset, *introspect(cfg).layers.type}
    for name in models.list_models():
        entry = models.get_entry(name)
        allowed |= {name, entry.title, entry.family.title, *entry.title.split()}
        for option, spec in entry.options.items():
            allowed |= {option, *(str(value) for value in spec.values)}
            allowed |= {f"{option}={value}" for value in spec.values}
    return frozenset(allowed)


# Words a Chinese page keeps in English, marked as English (tools.i18n.english): a cited work as it is titled, a
# passage quoted from it. Nothing else may be so marked.
ENGLISH = re.compile(r'<span lang="en">(.*?)</span>', re.S)


@functools.cache
def kept_in_english() -> frozenset[str]:
    """Every cited work, every passage a citation quotes ('# params'), every published statement quoted and every
    published value in words ("degradation")."""
    kept = set(quotes().values()) | {value for value in published_facts().values() if isinstance(value, str)}
    for source in sources().values():
        kept |= {source.work, *QUOTED.findall(source.where["zh"])}
    return frozenset(kept)


def english_left(html: str) -> list[str]:
    """The passages of a rendered page marked as English that are no cited work and no quotation."""
    passages = [unescape(re.sub(r"<[^>]+>", "", passage)) for passage in ENGLISH.findall(html)]
    return [passage for passage in passages if passage not in kept_in_english()]


def latin_left(html: str) -> list[str]:
    """The Latin words of a rendered page's prose and tables: code, fact markers, drawings and what is marked as
    English (``english_left`` holds it to the works and quotations) left out."""
    text = " ".join(block.text for block in blocks_of(ENGLISH.sub(" ", html).replace("</option>", " </option>")))
    return [word for word in LATIN.findall(text)
            if word.strip(".'") not in allowed_latin() and not re.fullmatch(PATTERNS, word)]


def generated_chinese_pages() -> list[Path]:
    """The generated pages: each model's, the models index, ResNet-34's modifications, the comparisons, the
    implementations compared, the number finder, the facts reference and the fact-check page."""
    return [*sorted((ROOT / "docs/zh/models").glob("*.md")),
            *(ROOT / "docs/zh" / page for page in ("modifications.md", "comparisons.md", "implementations.md", "finder.md",
                                                   "reference/facts.md", "fact-check.md"))]


def test_generated_chinese_pages_write_no_english_beyond_names_code_units_the_listed_tokens_and_citations():
    render = page_renderers(ROOT, {"zh": site_config(ROOT / "mkdocs.zh.yml")})["zh"]
    html = {page.relative_to(ROOT / "docs/zh").as_posix(): render(page.read_text(encoding="utf-8"))
            for page in generated_chinese_pages()}
    assert len(html) == len(models.list_models()) + 7  # every model's page, the index and six pages more
    assert {page: sorted(set(latin_left(text))) for page, text in html.items() if latin_left(text)} == {}
    assert {page: english_left(text) for page, text in html.items() if english_left(text)} == {}
    assert sum(len(ENGLISH.findall(text)) for text in html.values()) > 20  # the citations are marked, and read


def test_only_a_cited_work_or_a_quotation_may_be_marked_as_english():
    render = page_renderers(ROOT, {"zh": site_config(ROOT / "mkdocs.zh.yml")})["zh"]
    page = (ROOT / "docs/zh/comparisons.md").read_text(encoding="utf-8")
    assert english_left(render(page)) == []
    planted = render(page + '\n\n<span lang="en">The bottleneck block has three layers.</span>\n')
    assert english_left(planted) == ["The bottleneck block has three layers."]


def test_the_latin_check_catches_an_english_word_left_in_a_chinese_page():
    render = page_renderers(ROOT, {"zh": site_config(ROOT / "mkdocs.zh.yml")})["zh"]
    page = (ROOT / "docs/zh/models/resnet50.md").read_text(encoding="utf-8")
    assert latin_left(render(page)) == []
    assert latin_left(render(page.replace("## 关键数据", "## Key facts"))) == ["Key", "facts"]
    assert latin_left(render(page + "\n\n| 选项 |\n| --- |\n| global average pool |\n")) == ["global", "average", "pool"]


def drawn_words(svg: str) -> list[str]:
    """The Latin words a drawing shows that are no name, code, unit or listed token: its texts, tags left out."""
    texts = [unescape(re.sub(r"<[^>]+>", " ", words)) for words in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
    return [word for words in texts for word in LATIN.findall(words)
            if word.strip(".'") not in allowed_latin() and not re.fullmatch(PATTERNS, word)]


def test_the_chinese_drawings_write_their_layers_in_chinese_notation():
    """Figure 3, the network pictures, the residual block and the charts of the Chinese edition: "3×3 卷积, 64"."""
    drawings = sorted(path for path in (ROOT / "docs/assets").rglob("*.svg") if path.parent.name == "zh")
    assert len(drawings) > 60  # Figure 3 of each chain configuration, the network pictures, the residual block, the charts
    left = {path.relative_to(ROOT).as_posix(): words for path in drawings
            if (words := sorted(set(drawn_words(path.read_text(encoding="utf-8")))))}
    assert left == {}
    english = (ROOT / "docs/assets/figure3/resnet50.svg").read_text(encoding="utf-8")
    assert "conv" in drawn_words(english) and "pool" in drawn_words(english)  # the check reads the drawings' words
