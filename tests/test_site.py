"""The built site: a strict build with no warnings, and every page light enough to open."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

import models
from tests.htmlblocks import misplaced
from tools.prose import hand_written_pages
from tools.weight import PAGE_BUDGET, page_weight, site_weights

ROOT = Path(__file__).resolve().parent.parent

def oversized_pages(site: Path, limit: int = PAGE_BUDGET) -> list[str]:
    """Pages whose first load (HTML, scripts, styles, images: tools/weight.py) weighs more than ``limit``."""
    return [f"{page} ({weight:,} bytes)" for page, weight in site_weights(site).items() if weight > limit]


def test_strict_build_prints_no_warnings(built_site):
    assert "WARNING" not in built_site.log


def test_every_registered_model_has_a_built_page(built_site):
    for name in models.list_models():
        assert (built_site.path / "models" / name / "index.html").is_file(), name


def test_no_page_weighs_over_one_megabyte_on_its_first_load(built_site):
    weights = site_weights(built_site.path)
    assert len(weights) > 70 and "zh/models/inception_v3/" in weights  # both editions, every page
    assert oversized_pages(built_site.path) == []
    page = built_site.path / "models/resnet50/index.html"
    weight, files = page_weight(built_site.path, page)
    assert any(file.name.startswith("bundle.") for file in files)  # Material's script is counted
    assert any(file.name == "atlas.css" for file in files) and weight > page.stat().st_size + 100_000


def test_oversized_page_check_catches_a_page_that_loads_a_heavy_image(tmp_path):
    (tmp_path / "light").mkdir()
    (tmp_path / "light/index.html").write_text('<img src="small.png">', encoding="utf-8")
    (tmp_path / "light/small.png").write_bytes(b"x" * 10)
    (tmp_path / "heavy").mkdir()
    (tmp_path / "heavy/index.html").write_text('<img src="../big.png"><script src="../big.png"></script>', encoding="utf-8")
    (tmp_path / "big.png").write_bytes(b"x" * PAGE_BUDGET)
    assert oversized_pages(tmp_path) == ["heavy/ (1,000,056 bytes)"]  # the image once, and the 56 bytes of HTML


# --- Snippet includes reach only the folders pages include from --------------------------------


def site_markdown(root: Path) -> markdown.Markdown:
    """Markdown with exactly the extensions and settings of mkdocs.yml, run from the repository root."""
    config = load_config(str(root / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


@pytest.mark.parametrize("target", ["Makefile", ".git/config", "../Makefile", "../../.git/config", "/etc/passwd"])
def test_snippets_cannot_include_files_outside_the_include_folders(target, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(Exception, match="Snippet") as error:
        site_markdown(ROOT).convert(f'--8<-- "{target}"\n')
    assert "CI" not in str(error.value)


def test_snippets_still_include_model_code_and_generated_tables(monkeypatch):
    monkeypatch.chdir(ROOT)
    html = site_markdown(ROOT).convert('```python\n--8<-- "blocks.py:basic-block"\n```\n\n--8<-- "headline.md"\n')
    assert "BasicBlock" in html and "ResNet-1202" in html


# --- Bound numbers render inside their sentence, list item or table cell -----------------------


def built_page(site: Path, source: Path) -> Path:
    rel = source.relative_to(ROOT / "docs").with_suffix("")
    return site / (rel.parent / "index.html" if rel.name == "index" else rel / "index.html")


@pytest.mark.parametrize("source", [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in hand_written_pages(ROOT)])
def test_every_bound_value_sits_in_the_block_of_its_neighbouring_words(built_site, source):
    html = built_page(built_site.path, source).read_text(encoding="utf-8")
    assert misplaced(source.read_text(encoding="utf-8"), html) == []


def test_hand_written_pages_bind_numbers_at_the_start_of_lines_too():
    """The case that used to break pages: the check above must see markers that open a line."""
    starts = [line for page in hand_written_pages(ROOT) for line in page.read_text(encoding="utf-8").splitlines()
              if line.lstrip().startswith('<span data-fact="')]
    assert len(starts) >= 10


BROKEN_LIST = (
    "Why:\n\n- first item with <span data-fact=\"resnet20.params\">269,722</span> parameters\n"
    "<!-- a comment opens an HTML block --><span data-fact=\"resnet20.macs\">1</span> MACs, still the first item\n"
    "- second item\n"
)
BROKEN_SENTENCE = (
    "For ResNet-50, 16 blocks of\n<!-- x --><span data-fact=\"resnet50.convs_per_block\">3</span> convolutions each,"
    " plus the stem give 50.\n"
)


@pytest.mark.parametrize("source", [BROKEN_LIST, BROKEN_SENTENCE], ids=["list", "sentence"])
def test_block_check_catches_a_marker_that_breaks_its_paragraph(source, monkeypatch):
    monkeypatch.chdir(ROOT)
    html = f"<article>{site_markdown(ROOT).convert(source)}</article>"
    assert misplaced(source, html) != []
    fixed = source.replace("<!-- a comment opens an HTML block -->", "").replace("<!-- x -->", "")
    assert misplaced(fixed, f"<article>{site_markdown(ROOT).convert(fixed)}</article>") == []


# The papers the hand-written pages cite by their authors or title, and the arXiv id each must link to.
CITED = {"He et al.": "1512.03385", "He 等人": "1512.03385", "Identity Mappings in Deep Residual Networks": "1603.05027"}


def unlinked_citations(text: str) -> list[str]:
    """Mentions of a CITED paper that are not the text of a link to its arXiv page."""
    found = []
    for words, arxiv in CITED.items():
        linked = len(re.findall(rf"\[[^\]\n]*{re.escape(words)}[^\]\n]*\]\(https://arxiv\.org/abs/{arxiv}\)", text))
        found += [words] * (text.count(words) - linked)
    return found


def test_hand_written_pages_link_the_papers_they_cite():
    pages = hand_written_pages(ROOT)
    assert any("He et al." in page.read_text(encoding="utf-8") for page in pages)
    assert {page.relative_to(ROOT).as_posix(): unlinked_citations(page.read_text(encoding="utf-8"))
            for page in pages if unlinked_citations(page.read_text(encoding="utf-8"))} == {}


def test_the_citation_check_catches_a_paper_named_without_its_link():
    assert unlinked_citations("As [He et al. (2016)](https://arxiv.org/abs/1512.03385) show.") == []
    assert unlinked_citations("As He et al. (2016) show.") == ["He et al."]
