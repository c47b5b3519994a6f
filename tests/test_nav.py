"""The nav is read as MkDocs reads it (tools.siteconfig.nav_pages): a page is listed only where MkDocs lists it."""

from __future__ import annotations

from pathlib import Path

from tests.test_check import copy_repo, edit
from tools.site import check
from tools.siteconfig import nav_pages

ROOT = Path(__file__).resolve().parent.parent


def test_the_nav_lists_every_generated_model_page_in_both_editions():
    assert "models/resnet50.md" in nav_pages(ROOT / "mkdocs.yml")
    assert "models/resnet50.md" in nav_pages(ROOT / "mkdocs.zh.yml")  # the Chinese nav, INHERIT resolved


def test_a_commented_out_nav_entry_is_a_missing_entry(tmp_path):
    repo = copy_repo(tmp_path)
    edit(repo / "mkdocs.yml", "- ResNet-50: models/resnet50.md", "# - ResNet-50: models/resnet50.md")
    edit(repo / "mkdocs.zh.yml", "- ResNet-50: models/resnet50.md", "# - ResNet-50: models/resnet50.md")
    problems = check(repo, read_cache=True)
    assert problems.nav == ["mkdocs.yml: models/resnet50.md", "mkdocs.zh.yml: models/resnet50.md"]
    assert "Pages missing from the nav" in problems.report()
