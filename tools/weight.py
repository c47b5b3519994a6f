"""What a page of the built site weighs on its first load: its HTML (inline drawings included) and every
script, stylesheet and image it references, uncompressed, each counted once. ``make bench`` prints it for
every page of both editions; tests/test_site.py holds every page to ``PAGE_BUDGET``.

Material's search index is fetched by its search worker, once for the whole site, and is not one of these
four kinds: the bench prints its size apart.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

PAGE_BUDGET = 1_000_000  # bytes: a page's first load, every page, model pages included


class _References(HTMLParser):
    """The local files a page's HTML loads: scripts, stylesheets, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and named.get("src"):
            self.found.append(named["src"])
        elif tag == "link" and "stylesheet" in (named.get("rel") or "").split() and named.get("href"):
            self.found.append(named["href"])
        elif tag in ("img", "source") and named.get("src"):
            self.found.append(named["src"])


def page_weight(site: Path, page: Path) -> tuple[int, list[Path]]:
    """Bytes of ``page`` (an index.html below ``site``) and of the files it loads; the files, for a report.
    A reference outside the site (none should exist: the site works offline) is not counted."""
    html = page.read_text(encoding="utf-8")
    reader = _References()
    reader.feed(html)
    files = []
    for reference in dict.fromkeys(reader.found):
        path = urlsplit(reference).path
        if urlsplit(reference).netloc or not path:
            continue
        target = (page.parent / path).resolve()
        if target.is_file() and target not in files:
            files.append(target)
    return len(html.encode("utf-8")) + sum(file.stat().st_size for file in files), files


def site_weights(site: Path) -> dict[str, int]:
    """Every page of a built site (``site/``, the Chinese edition in ``site/zh/`` included) -> its first-load bytes."""
    return {page.parent.relative_to(site).as_posix() + "/": page_weight(site, page)[0]
            for page in sorted(site.rglob("index.html"))}
