"""The message catalog: every word in every language, and Chinese pages that differ from English in words only."""

from __future__ import annotations

import collections
import functools
import pickle
import re
import string
from pathlib import Path

import pytest

from tools import i18n
from tools.claims import decide_all, describe, load_all, load_claims, parse_claims
from tools.facts.namespace import fact_docs, fact_label, fact_meaning, label, word_problems
from tools.families import family_facts
import models.variants
import tools.facts.core
import tools.families.densenet
import tools.families.resnet
from models import get_entry
from tools.i18n import PAGE_DIRS, LANGUAGES, MessageError, message_problems, text
from tools.i18n.messages import MESSAGES
from tools.introspect import all_configs
from tools.facts.measure import introspect
from tools.markers import MARKER

ROOT = Path(__file__).resolve().parent.parent


# --- The catalog ----------------------------------------------------------------------------------


def test_languages_are_english_and_chinese():
    assert LANGUAGES == ("en", "zh") and set(i18n.PAGE_DIRS) == set(LANGUAGES)


def test_every_message_has_words_in_every_language():
    assert [key for key, words in MESSAGES.items() if any(not words.get(lang) for lang in LANGUAGES)] == []


def test_every_language_of_a_message_fills_in_the_same_fields():
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}

    assert [key for key, words in MESSAGES.items() if fields(words["en"]) != fields(words["zh"])] == []


def test_the_catalog_lacks_nothing():
    """Messages, units, and the words declared with every fact, option and modification, in every language."""
    assert message_problems(MESSAGES) == []
    assert word_problems() == []


@pytest.mark.parametrize("planted, found", [
    ({"model.planted": {"en": "Key facts"}}, "message 'model.planted': no words in zh"),
    ({"model.planted": {"en": "Key facts", "zh": ""}}, "message 'model.planted': no words in zh"),
    ({"model.planted": {"en": "{count} blocks", "zh": "{number} 个块"}}, "zh fills in ['number'], en ['count']"),
    ({"model.planted": {"en": "Key facts", "zh": "关键数据", "fr": "Faits"}}, "unknown language fr"),
])
def test_the_catalog_check_catches_a_message_that_lacks_a_language(planted, found):
    assert message_problems({**MESSAGES, **planted}) != []
    assert any(found in problem for problem in message_problems({**MESSAGES, **planted}))


def test_a_message_is_filled_in_per_language():
    assert text("layers.folded", "en", first="layer1.2", last="layer1.198", count=197, like="layer1.1") == (
        "… layer1.2 to layer1.198: 197 more blocks shaped like layer1.1"
    )
    assert text("layers.folded", "zh", first="layer1.2", last="layer1.198", count=197, like="layer1.1") == (
        "… layer1.2 至 layer1.198：另有 197 个块，形状与 layer1.1 相同"
    )


def test_an_unknown_message_or_language_names_the_fix():
    with pytest.raises(MessageError, match="add it to tools/i18n/messages.py"):
        text("model.no_such_message", "zh")
    with pytest.raises(MessageError, match="no message 'model.key_facts' in 'fr'"):
        text("model.key_facts", "fr")


# --- Words declared with facts, options and modifications --------------------------------------


def test_every_fact_has_a_chinese_label_and_meaning():
    missing = [name for name in fact_docs() if not (fact_label(name, "zh") and fact_meaning(name, "zh"))]
    assert missing == []


def test_english_fact_words_are_the_ones_declared_with_the_facts():
    for name, (_, meaning) in fact_docs().items():
        assert (fact_label(name, "en"), fact_meaning(name, "en")) == (label(name), meaning)
    assert fact_label("resnet50.params", "zh") == fact_label("params", "zh") == "参数量"


@pytest.fixture
def fresh_words():
    """The facts' words are collected once per process: collect them again after a plant, and after the test."""
    tools.facts.namespace._words.cache_clear()
    yield
    tools.facts.namespace._words.cache_clear()


def test_a_fact_without_chinese_words_fails_the_check_naming_its_owner(monkeypatch, fresh_words):
    monkeypatch.delitem(tools.families.resnet.WORDS, "residual_blocks")
    monkeypatch.setitem(tools.families.densenet.WORDS, "growth_rate", {"zh": ("增长率", "")})
    monkeypatch.delitem(tools.facts.core.CORE_WORDS, "params")
    assert [problem for problem in word_problems() if problem.startswith("fact ")] == [
        "fact 'params': no words in zh (tools/facts/core.py)",
        "fact 'residual_blocks': no words in zh (tools/families/resnet.py)",
        "fact 'growth_rate': no words in zh (tools/families/densenet.py)",
    ]
    with pytest.raises(MessageError, match="fact 'residual_blocks' has no words in 'zh': add them in tools/families/resnet.py"):
        fact_label("resnet20.residual_blocks", "zh")


def test_an_option_or_modification_without_chinese_words_fails_the_check(monkeypatch):
    monkeypatch.delitem(get_entry("resnet20").options["shortcut"].help, "zh")
    monkeypatch.delitem(models.variants.MODIFICATIONS["dws"].summary, "zh")
    assert word_problems() == [
        "option 'shortcut': no words in zh (models/cifar.py)",
        "modification 'dws': no words in zh (models/variants.py)",
    ]


def test_a_unit_without_a_message_fails_the_check(monkeypatch):
    monkeypatch.delitem(MESSAGES, "unit.shortcuts")
    assert word_problems() == ["unit 'shortcuts': no message unit.shortcuts (tools/i18n/messages.py)"]


# --- A family's notes: the English ones are those its spec stores -----------------------------------


@pytest.mark.parametrize("cfg", all_configs(), ids=lambda cfg: cfg.key)
def test_a_familys_notes_in_english_are_its_specs_and_every_language_has_as_many(cfg):
    result = introspect(cfg)
    notes = family_facts(cfg.entry.family).notes
    assert notes(cfg, result.layers, result.facts, "en") == result.spec["notes"]
    assert len(notes(cfg, result.layers, result.facts, "zh")) == len(result.spec["notes"])


# --- Checks and claims in words ----------------------------------------------------------------------


def test_a_check_reads_in_either_language():
    check = {"fact": "resnet20.residual_blocks", "equals": 20}
    assert (describe(check), describe(check, "zh")) == ("equals `20`", "等于 `20`")
    stated = {"fact": "resnet50.macs", "stated": "about 3.8 billion"}
    assert describe(stated, "zh") == "按所写的 `about 3.8 billion`：成立范围 3,700,000,000 – 3,900,000,000，接近范围 3,600,000,000 – 4,000,000,000"


def test_a_claim_reads_in_each_language_in_its_own_words():
    claim = parse_claims(
        "claims:\n  - id: a-claim\n    statement: ResNet-20 has 20 blocks.\n    topic: depth\n"
        "    checks:\n      - fact: resnet20.residual_blocks\n        equals: 20\n    correction: It has nine.\n"
        "    statement_zh: ResNet-20 由 20 个残差块组成。\n    correction_zh: 它只有九个。\n",
        "t.yml",
    )[0]
    assert claim.text("en") == ("ResNet-20 has 20 blocks.", "It has nine.")
    assert claim.text("zh") == ("ResNet-20 由 20 个残差块组成。", "它只有九个。")


def test_every_claim_has_chinese_words_and_every_topic_a_chinese_name():
    for claim in load_claims(ROOT):
        statement, correction = claim.text("zh")
        assert re.search(r"[\u4e00-\u9fff]", statement) and re.search(r"[\u4e00-\u9fff]", correction), claim.id
        assert text(f"topic.{claim.topic}", "zh") != claim.topic


# --- Chinese pages: the English pages' numbers, links and markers, other words ---------------------------


@functools.cache
def pages(lang: str) -> dict[str, str]:
    from tools.site import render_pages

    claims, unchecked = load_all(ROOT)
    return render_pages(lang, decide_all(claims), unchecked)


def twins() -> list[tuple[str, str]]:
    """(English path, Chinese path) of every generated page."""
    return [(path, "docs/zh/" + path.removeprefix("docs/")) for path in sorted(pages("en"))]


def markers(page: str) -> collections.Counter:
    return collections.Counter((m["name"], m["style"], m["value"]) for m in MARKER.finditer(page))


def test_chinese_pages_mirror_the_english_paths_under_docs_zh():
    assert sorted(pages("zh")) == sorted(zh for _, zh in twins())
    assert {"docs/zh/models/resnet50.md", "docs/zh/fact-check.md", "docs/zh/includes/headline.md",
            "docs/zh/comparisons.md", "docs/zh/modifications.md", "docs/zh/reference/facts.md",
            "docs/zh/models/index.md"} <= set(pages("zh"))


def test_the_english_pages_are_the_committed_ones():
    for path, page in pages("en").items():
        assert (ROOT / path).read_text(encoding="utf-8") == page, f"{path}: run `python -m tools generate`"


@pytest.mark.parametrize("en, zh", twins(), ids=[zh for _, zh in twins()])
def test_a_chinese_page_binds_the_same_facts_with_the_same_values(en, zh):
    assert markers(pages("zh")[zh]) == markers(pages("en")[en])
    assert markers(pages("en")[en]) or en.endswith(("fact-check.md", "finder.md"))  # their numbers come from the browser


@pytest.mark.parametrize("en, zh", twins(), ids=[zh for _, zh in twins()])
def test_a_chinese_page_keeps_the_links_and_the_generated_notice(en, zh):
    def links(page: str) -> list[str]:  # a drawing in the other language's folder beside it is the same link
        return [re.sub(r"/zh/([^/]+\.svg)$", r"/\1", link) for link in re.findall(r"\]\(([^)]+)\)", page)]

    assert links(pages("zh")[zh]) == links(pages("en")[en])
    assert pages("zh")[zh].split("\n", 1)[0] == pages("en")[en].split("\n", 1)[0]


def test_the_chinese_resnet50_page_has_chinese_headings_and_english_number_formats():
    page = pages("zh")["docs/zh/models/resnet50.md"]
    for heading in ("## 关键数据 {#key-facts}", "## 架构 {#architecture}", "## 选项 {#options}", "## 逐层明细 {#layers}",
                    "## 数据 {#data}", "## 图 3 {#figure-3}"):  # Chinese words, the ids of the English twin
        assert f"\n{heading}\n" in page
    for english in ("## Key facts", "## Architecture", "## Options", "## Layers", "## Data", "Every number on this page",
                    "weighted layers", "Default options"):
        assert english not in page
    assert '<span data-fact="resnet50.params">25,557,032</span>' in page
    assert '<span data-fact="resnet50.params" data-format="compact">25.6M</span> 个参数' in page


@functools.cache
def english_literals() -> tuple[str, ...]:
    """Runs of three or more English words that the catalog's English templates write and the Chinese ones do not."""
    found = set()
    for words in MESSAGES.values():
        for literal, *_ in string.Formatter().parse(words["en"]):
            for run in re.findall(r"[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){2,}", literal):
                if run not in words["zh"]:
                    found.add(run)
    return tuple(sorted(found))


def without_quoted_words(page: str) -> str:
    """The page less the words it quotes rather than writes: the claims' own (English until they are
    translated, Claim.text) and the papers' (QUOTES). Citations and the papers' notation (the spec's
    stage rows) stay: they must not match a renderer's words either."""
    from tools.facts.namespace import all_facts
    from tools.prose import render_bound
    from tools.published import quotes

    for claim in load_claims(ROOT):
        statement, correction = claim.text("zh")
        linked = statement.replace("[", "\\[").replace("]", "\\]")  # as the index links it
        page = page.replace(statement, "").replace(linked, "")
        page = page.replace(f" | {claim.topic} | ", "").replace(f"：{claim.topic} · ", "")
        page = page.replace(render_bound(correction, claim.path, all_facts()).replace("\n", "\n    "), "")
    for quote in quotes().values():
        page = page.replace(quote, "")
    return page


def test_no_english_renderer_words_remain_in_chinese_pages():
    assert len(english_literals()) > 100
    written = {zh: without_quoted_words(page) for zh, page in pages("zh").items()}
    left = {zh: [run for run in english_literals() if run in page] for zh, page in written.items()}
    assert {zh: runs for zh, runs in left.items() if runs} == {}


def test_the_english_literal_check_catches_a_renderer_word_left_in_english():
    page = pages("zh")["docs/zh/models/resnet50.md"].replace("## 关键数据", "## Key facts")
    planted = page.replace("每项事实的定义见", "Facts and units defines every fact.")
    assert [run for run in english_literals() if run in planted] != []


# --- Renderers never branch on the language -----------------------------------------------------------

# A loop over the languages (`for lang in LANGUAGES`) is not a branch, nor words declared beside their
# owner in every language (`{"en": …, "zh": …}`, a language as a key).
BRANCH = re.compile(r"""(?<!for )\blang\s*(?:==|!=|\bin\b)|(?:==|!=)\s*lang\b|["']zh["'](?!\s*:)""")


def branches_on_language(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if BRANCH.search(line)]


def test_no_tool_outside_the_catalog_branches_on_the_language():
    found = {
        path.relative_to(ROOT).as_posix(): branches_on_language(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "tools").rglob("*.py")) if "i18n" not in path.parts
    }
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_branch_check_catches_a_renderer_that_tests_the_language():
    planted = 'def render(lang):\n    if lang == "zh":\n        return "关键数据"\n    return "Key facts"\n'
    assert branches_on_language(planted) == ['if lang == "zh":']


def test_every_arxiv_id_on_a_generated_page_links_to_the_paper():
    from tools.markdown import link_sources

    assert link_sources("CVPR 2016 (arXiv:1512.03385), Table 1") == (
        "CVPR 2016 ([arXiv:1512.03385](https://arxiv.org/abs/1512.03385)), Table 1")
    assert link_sources("[arXiv:1512.03385](https://arxiv.org/abs/1512.03385)") == (
        "[arXiv:1512.03385](https://arxiv.org/abs/1512.03385)")  # a link already: left as it is
    for lang in ("en", "zh"):
        for path, page in pages(lang).items():
            assert not re.findall(r"(?<![\[/])arXiv:\d{4}\.\d{4,5}(?!\])", page), path
    assert "(https://arxiv.org/abs/1409.1556)" in pages("en")["docs/fact-check.md"]  # VGG's paper too


def test_torchvision_and_keras_are_linked_in_the_releases_cited():
    from tools.markdown import SOURCE_LINKS, TORCHVISION_DOCS, link_sources
    from tools.peers import keras

    linked = f"[{TORCHVISION_DOCS}]({SOURCE_LINKS[TORCHVISION_DOCS]})"
    assert "/vision/0.21/" in SOURCE_LINKS[TORCHVISION_DOCS]
    assert link_sources(f"{TORCHVISION_DOCS}, '# Params'") == f"{linked}, '# Params'"
    assert link_sources(linked) == linked  # a link already
    for lang in ("en", "zh"):
        for path, page in pages(lang).items():
            assert not re.findall(rf"(?<!\[){re.escape(TORCHVISION_DOCS)}(?!\])", page), path
        assert linked in pages(lang)[f"{PAGE_DIRS[lang]}/comparisons.md"]
        implementations = pages(lang)[f"{PAGE_DIRS[lang]}/implementations.md"]
        version = keras.results().version
        for module in ("resnet", "vgg16", "vgg19", "inception_v3", "densenet"):
            assert f"(https://github.com/keras-team/keras/blob/v{version}/keras/src/applications/{module}.py)" in implementations
        # torchvision's definitions, on the pages of the models whose figures it publishes, and only there
        for name, module in (("resnet50", "resnet"), ("vgg16", "vgg"), ("inception_v3", "inception"), ("densenet121", "densenet")):
            assert f"(https://github.com/pytorch/vision/blob/v0.21.0/torchvision/models/{module}.py)" in (
                pages(lang)[f"{PAGE_DIRS[lang]}/models/{name}.md"])
        assert "github.com/pytorch/vision" not in pages(lang)[f"{PAGE_DIRS[lang]}/models/resnet20.md"]


# --- Citations: the work as it is titled, where in it in every language (tools.i18n.Source) --------------------


def test_a_citation_reads_as_english_and_names_its_work_and_place_in_chinese():
    source = i18n.Source("Doe, Roe. A Paper. CVPR 2020 (arXiv:2001.00001)",
                         {"en": "Table 2, '# params' column", "zh": "表 2 的 '# params' 列"})
    assert source == "Doe, Roe. A Paper. CVPR 2020 (arXiv:2001.00001), Table 2, '# params' column"  # data, English pages
    assert i18n.cite(source, "en") == str(source)
    assert pickle.loads(pickle.dumps(source)).where == source.where  # the cache keeps its words
    assert i18n.cite(source, "zh") == ('<span lang="en">Doe, Roe. A Paper. CVPR 2020 (arXiv:2001.00001)</span>，'
                                       '表 2 的 <span lang="en">\'# params\'</span> 列')


def test_every_citation_of_the_families_has_chinese_words():
    from tools.published import sources

    for pattern, source in sources().items():
        assert isinstance(source, i18n.Source), pattern
        assert i18n.cite(source, "zh").startswith('<span lang="en">'), pattern


def test_a_citation_without_words_in_a_language_names_the_fix():
    untranslated = i18n.Source("Doe. A Paper. 2020", {"en": "Table 2"})
    with pytest.raises(MessageError, match=r"the citation 'Doe. A Paper. 2020' has no words in 'zh': add them in"):
        i18n.cite(untranslated, "zh")
    with pytest.raises(MessageError, match="declare it as a Source"):
        i18n.cite("Doe. A Paper. 2020, Table 2", "zh")  # a plain string has only its English
