"""The Chinese edition (docs/zh, mkdocs.zh.yml): every page, checked as strictly as the English."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.test_check import copy_repo, edit
from tools.markers import MARKER
from tools.prose import hand_written_pages, unbound_numbers
from tools.site import check

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
