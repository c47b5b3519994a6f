"""The sites' configs (mkdocs.yml, mkdocs.zh.yml) read as MkDocs reads them, for the check: the pages and
titles their navs list, and each edition's Markdown rendered with its own extensions (so that prose is
checked as readers see it)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from html import escape as html_escape
from pathlib import Path
from typing import Any

from tools.prose import ProseError


def site_config(config: Path) -> Any:
    """A site's config (mkdocs.yml, mkdocs.zh.yml) read as MkDocs reads it: INHERIT, comments, defaults and all."""
    from mkdocs.config import load_config  # lazy for start-up: generate never reads the site's config

    with contextlib.redirect_stderr(io.StringIO()):  # MkDocs' own warnings are the build's to show
        return load_config(str(config))


def nav_pages(config: Path) -> set[str]:
    """The pages a site's nav lists, read as MkDocs reads its config (INHERIT, comments and all): an entry
    commented out is not listed."""
    return listed_pages(site_config(config)["nav"])


def _nav_entries(items: object) -> Iterator[tuple[str | None, str | None]]:
    """(title, page) of every entry of a parsed nav, sections included (a section has a title and no page)."""
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield title, value
                else:
                    yield title, None
                    yield from _nav_entries(value)
        elif isinstance(item, str):
            yield None, item


def listed_pages(nav: object) -> set[str]:
    """The pages of a parsed nav."""
    return {page for _, page in _nav_entries(nav) if page}


def nav_titles(nav: object) -> list[str]:
    """Every title of a parsed nav, sections and pages alike, in order."""
    return [title for title, _ in _nav_entries(nav) if title]


def page_renderers(root: Path, configs: dict[str, Any]) -> dict[str, Callable[[str], str]]:
    """Each language's Markdown -> HTML as its site renders a page, built once per set of extensions.

    The extensions and their settings are the config's; the snippets' base paths, relative to the repository
    root where MkDocs runs, are resolved under ``root``, so a page includes what it includes on the site.
    Code is not highlighted: the check reads prose, and Pygments would only slow it down."""
    import markdown  # lazy for start-up: generate renders no Markdown

    built: dict[str, Callable[[str], str]] = {}
    renderers = {}
    for lang, config in configs.items():
        settings = {name: dict(value) for name, value in config["mdx_configs"].items()}
        if "pymdownx.snippets" in settings:
            snippets = settings["pymdownx.snippets"]
            paths = snippets.get("base_path", ["."])
            snippets["base_path"] = [str(root / p) for p in ([paths] if isinstance(paths, str) else paths)]
        if "pymdownx.highlight" in config["markdown_extensions"]:
            settings["pymdownx.highlight"] = settings.get("pymdownx.highlight", {}) | {"use_pygments": False}
        key = repr((config["markdown_extensions"], settings))
        if key not in built:
            built[key] = _renderer(markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=settings))
        renderers[lang] = built[key]
    return renderers


def _renderer(md: Any) -> Callable[[str], str]:
    """A page's Markdown -> HTML with ``md``, its front matter's title (if any) shown as MkDocs shows it."""
    from mkdocs.utils import meta  # lazy for start-up, as above
    from pymdownx.snippets import SnippetMissingError  # lazy for start-up, as above

    def render(text: str) -> str:
        body, data = meta.get_data(text)  # front matter, as MkDocs strips it; its title is a title readers see
        md.reset()
        try:
            html = md.convert(body)
        except SnippetMissingError as error:
            raise ProseError(f"an include is missing: {error}") from None
        title = data.get("title") if isinstance(data, dict) else None
        return f"<h1>{html_escape(str(title))}</h1>\n{html}" if title else html

    return render
