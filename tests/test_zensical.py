"""Zensical, Material for MkDocs' successor, builds the same mkdocs.yml into the same site.

Compared with the strict MkDocs build of the session (tests/conftest.py): the same pages, on each
the same tables and the same bound fact values, the same diagrams, and a search index.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = Path(sys.executable).with_name("zensical")
COPIED = ["docs", "models", "mkdocs.yml", "mkdocs.zh.yml"]  # the snippets include from docs/includes and models
PAGES_COMPARED = ["index.html", "models/resnet50/index.html", "models/inception_v3/index.html", "comparisons/index.html",
                  "fact-check/index.html", "concepts/depth/index.html", "implementations/index.html",
                  "zh/index.html", "zh/models/resnet50/index.html", "zh/fact-check/index.html"]
FACT = re.compile(r'<span data-fact="([^"]+)"(?: data-format="\w+")?>([^<]*)</span>')


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        pytest.fail("zensical is not installed: it is pinned in requirements.txt", pytrace=False)
    project = tmp_path_factory.mktemp("zensical")
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, symlinks=True)  # docs/zh links to the shared assets
        else:
            shutil.copy2(ROOT / name, project / name)
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):  # English into site/, then Chinese into site/zh/
        run = subprocess.run([str(ZENSICAL), "build", "--strict", "-f", config], cwd=project,
                             capture_output=True, text=True)
        if run.returncode:
            pytest.fail(f"zensical build of {config} failed:\n{run.stdout}{run.stderr}", pytrace=False)
    return project / "site"


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_zensical_builds_every_page_mkdocs_builds(built_site, zensical_site):
    assert pages(zensical_site) == pages(built_site.path)


@pytest.mark.parametrize("page", PAGES_COMPARED)
def test_zensical_pages_show_the_same_tables_facts_and_diagrams(built_site, zensical_site, page):
    mkdocs_html = (built_site.path / page).read_text(encoding="utf-8")
    zensical_html = (zensical_site / page).read_text(encoding="utf-8")
    assert FACT.findall(zensical_html) == FACT.findall(mkdocs_html)
    assert zensical_html.count("<table") == mkdocs_html.count("<table")
    drawings = re.compile(r'<svg [^>]*class="atlas-drawing"[^>]*aria-label="([^"]*)"')
    assert drawings.findall(zensical_html) == drawings.findall(mkdocs_html)
    assert drawings.findall(mkdocs_html) or not page.startswith(("models/", "zh/models/", "comparisons/"))


def test_zensical_serves_the_scripts_the_site_needs_and_a_search_index(zensical_site):
    html = (zensical_site / "index.html").read_text(encoding="utf-8")
    for script in ("svg-pan-zoom.min.js", "drawings.js", "tablesort.min.js", "facts-index.js", "atlas-facts.js"):
        assert script in html
    index = zensical_site / "search.json"
    assert index.is_file() and "ResNet-20" in index.read_text(encoding="utf-8")


def test_fact_comparison_sees_a_value_that_differs():
    html = '<p><span data-fact="resnet20.params">269,722</span> and <span data-fact="resnet50.macs" data-format="giga">4.09</span></p>'
    assert FACT.findall(html) == [("resnet20.params", "269,722"), ("resnet50.macs", "4.09")]
    assert FACT.findall(html.replace("269,722", "269,723")) != FACT.findall(html)
