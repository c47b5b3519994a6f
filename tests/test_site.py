"""The built site: a strict build with no warnings, and every page light enough to open."""

from __future__ import annotations

from pathlib import Path

import models

MAX_PAGE_BYTES = 1_000_000


def oversized_pages(site: Path, limit: int = MAX_PAGE_BYTES) -> list[str]:
    return sorted(
        f"{path.relative_to(site).as_posix()} ({path.stat().st_size:,} bytes)"
        for path in site.rglob("*.html")
        if path.stat().st_size > limit
    )


def test_strict_build_prints_no_warnings(built_site):
    assert "WARNING" not in built_site.log


def test_every_registered_model_has_a_built_page(built_site):
    for name in models.list_models():
        assert (built_site.path / "models" / name / "index.html").is_file(), name


def test_no_built_html_page_is_over_one_megabyte(built_site):
    assert oversized_pages(built_site.path) == []
    assert (built_site.path / "models/resnet1202/index.html").stat().st_size < MAX_PAGE_BYTES


def test_oversized_page_check_catches_a_heavy_page(tmp_path):
    (tmp_path / "light.html").write_text("x" * 10, encoding="utf-8")
    (tmp_path / "heavy.html").write_text("x" * (MAX_PAGE_BYTES + 1), encoding="utf-8")
    assert oversized_pages(tmp_path) == ["heavy.html (1,000,001 bytes)"]
