"""The built site works in a real browser: tables, diagrams and search render, with no errors.

`mkdocs build --strict` proves the Markdown is well formed; only a browser proves the pages work:
that every drawing shows inline, that search finds a model, that no script
fails, and that nothing is fetched from the network. This module builds the site once, serves it on
127.0.0.1 and drives Debian's Chromium through Playwright (`make browser` installs Chromium).
Every check returns a list of problems, so one failure names everything wrong with a page, and
each check has a test below that plants the drift it must catch.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from models import get_entry, list_models
from tools.claims import decide_all, load_claims
from tools.render.factcheck import models_of


try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # the `browser` fixture skips every test, naming what to install
    sync_playwright = None
    PlaywrightTimeout = Exception

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

HOST = "127.0.0.1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000  # for any one wait; a healthy page needs well under a second

# Runs in every page before its own scripts: uncaught errors are noted in the page.
INIT_SCRIPT = """
(() => {
  window.atlasErrors = [];
  window.addEventListener("error", (event) => window.atlasErrors.push(String(event.message)));
  window.addEventListener("unhandledrejection", (event) => window.atlasErrors.push(String(event.reason)));
})();
"""

# Every drawing of the article (inline SVG, tools/render/drawing.py): its size and how many texts it has.
DRAWINGS_JS = """
() => [...document.querySelectorAll("article .atlas-drawing-frame > svg.atlas-drawing")].map((svg) => {
  const box = svg.getBoundingClientRect();
  return {label: svg.getAttribute("aria-label"), width: box.width, height: box.height,
          texts: svg.querySelectorAll("text").length};
})
"""

# Every table in the article: its visibility, body row count and text.
TABLES_JS = """
() => [...document.querySelectorAll("article table")].map((table) => ({
  visible: table.getClientRects().length > 0 && table.getBoundingClientRect().width > 0,
  rows: table.querySelectorAll("tbody tr").length,
  text: table.innerText,
}))
"""


@dataclass(frozen=True)
class TableSpec:
    """A visible article table with at least `min_rows` body rows that shows every `must_contain` text."""

    must_contain: tuple[str, ...]
    min_rows: int


@dataclass(frozen=True)
class PageCheck:
    """What one page must show: its tables, and at least ``drawings`` drawings (inline SVG)."""

    path: str
    tables: tuple[TableSpec, ...]
    drawings: int = 0


def titles(family: str | None = None, dataset: str | None = None) -> tuple[str, ...]:
    """The site's names ("ResNet-20") of the registered models: all, or those of one family and data set."""
    return tuple(
        get_entry(name).title for name in list_models()
        if family in (None, get_entry(name).family.name) and dataset in (None, get_entry(name).dataset)
    )


# Each family's comparison tables list its models, one table per data set.
GROUPS = list(dict.fromkeys((get_entry(name).family.name, get_entry(name).dataset) for name in list_models()))


def model_page_check(name: str) -> PageCheck:
    key_facts = TableSpec(must_contain=("value", "Parameters", "MACs per image"), min_rows=10)
    # Figure 3 of a chain model; the network and one dense block, or the network and five module types (Inception)
    drawings = 1 if get_entry(name).family.layer_chain else 2
    return PageCheck(f"/models/{name}/", tables=(key_facts,), drawings=drawings)


# A registered model is checked by being registered: the headline and comparison tables list it.
PAGE_CHECKS = [
    PageCheck("/", tables=(TableSpec(("model", "params", *titles()), min_rows=len(titles())),)),
    model_page_check("resnet20"),  # CIFAR: basic blocks, option A shortcuts
    model_page_check("resnet50"),  # ImageNet: bottleneck blocks
    model_page_check("vgg16"),  # no stem, no blocks: five stages sliced out of one Sequential
    model_page_check("inception_v3"),  # branching modules: the network and its module types, no Figure 3
    model_page_check("densenet121"),  # DenseNet: dense blocks with transitions between them
    PageCheck("/concepts/residual-learning/", tables=(), drawings=1),  # the residual block
    PageCheck(
        "/comparisons/",
        tables=tuple(TableSpec(("model", "params", *titles(f, d)), len(titles(f, d))) for f, d in GROUPS),
        drawings=1,
    ),
]


# --- helpers ---------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yield its base URL (no trailing slash)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def is_local(url: str) -> bool:
    """True for URLs the site may load: its own server, and in-page data/blob/about URLs."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == HOST


@dataclass
class BrowserProblems:
    """Console errors, uncaught page errors and requests to other hosts, seen in one context."""

    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, URL it names)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def block_external(self, context: BrowserContext | Page) -> None:
        """Record and abort every request of this page (or context) that leaves 127.0.0.1, so none reaches the network."""

        def abort(route: Route) -> None:
            self.external_requests.append(route.request.url)
            route.abort()

        context.route(lambda url: not is_local(url), abort)

    def messages(self) -> list[str]:
        # The one console error left out is Chromium's "Failed to load resource" for a request
        # aborted above: it is the same problem as that request, reported once below.
        return (
            [f"console error: {text} ({url})" if url else f"console error: {text}"
             for text, url in self.console_errors if url not in self.external_requests]
            + [f"uncaught error: {text}" for text in self.page_errors]
            + [
                f"request to another host: {url} (the site must work offline: serve it from docs/, "
                "and for Google Fonts set `theme: font: false` in mkdocs.yml)"
                for url in self.external_requests
            ]
        )


@contextmanager
def open_page(browser: Browser, url: str) -> Iterator[tuple[Page, BrowserProblems, str]]:
    """Open `url` in a fresh page that watches for problems; yield (page, problems, raw HTML).

    Pages share one context per browser, and so its HTTP cache: the scripts are fetched once per test module,
    not once per page. Each page has its own problems and its own state."""
    context = getattr(browser, "atlas_context", None)
    if context is None:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(INIT_SCRIPT)
        browser.atlas_context = context
    problems = BrowserProblems()
    page = context.new_page()
    problems.block_external(page)
    problems.watch(page)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"GET {url}: {response and response.status}"
        yield page, problems, response.text()
    finally:
        page.close()


def table_problems(page: Page, spec: TableSpec) -> list[str]:
    """The page must show a table that meets `spec`; else one problem listing the tables it has."""
    tables = page.evaluate(TABLES_JS)
    for table in tables:
        shows_all = all(text in table["text"] for text in spec.must_contain)
        if table["visible"] and table["rows"] >= spec.min_rows and shows_all:
            return []
    seen = [f"{t['rows']} rows{'' if t['visible'] else ', hidden'}: {t['text'][:60]!r}" for t in tables]
    wanted = f">= {spec.min_rows} rows showing {list(spec.must_contain)}"
    return [f"no visible table with {wanted}; tables: {seen or 'none'}"]


def drawing_problems(page: Page, at_least: int) -> list[str]:
    """The article must show at least ``at_least`` drawings, inline, each with text and a size."""
    drawings = page.evaluate(DRAWINGS_JS)
    problems = [f"drawing {d['label']!r} is not shown ({d['width']:.0f}×{d['height']:.0f}, {d['texts']} texts)"
                for d in drawings if d["width"] < 50 or d["height"] < 50 or d["texts"] == 0]
    if len(drawings) < at_least:
        problems.append(f"{len(drawings)} inline drawings in the article, expected at least {at_least}")
    return problems


SEARCH_RESULT_LINKS = ".md-search-result__list a.md-search-result__link"


def search_result_hrefs(page: Page, query: str) -> list[str]:
    """Search Material's box for `query`; return the hrefs of the results it lists. The page may have searched
    before: the box is emptied first, and its results gone, so that only this query's results are read."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # narrow screens hide the box behind this button
        toggle.click()
    box = page.locator("input.md-search__input")
    if box.input_value():
        box.fill("")
        box.press("End")
        page.locator(SEARCH_RESULT_LINKS).first.wait_for(state="detached")
    box.fill(query)
    # Material searches on keyup (and again once its index has loaded), and `fill` sends no key
    # events: one key press then searches for the whole query, and only for it.
    box.press("End")
    page.locator(SEARCH_RESULT_LINKS).first.wait_for(state="attached")
    return page.eval_on_selector_all(SEARCH_RESULT_LINKS, "links => links.map((link) => link.href)")


def fail_on(problems: list[str], where: str) -> None:
    if problems:
        pytest.fail(f"{where}:\n  " + "\n  ".join(problems), pytrace=False)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        pytest.skip("the playwright package is not installed: pip install -r requirements.txt")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium not found: apt-get install chromium (or `make browser` as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_dir(browser, built_site, tmp_path_factory) -> Path:  # after `browser`: a skip costs no build
    """A copy of the session's build (tests/conftest.py): the drift tests below plant pages in it."""
    site = tmp_path_factory.mktemp("browser") / "site"
    shutil.copytree(built_site.path, site)
    return site


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve_directory(site_dir) as url:
        yield url


# --- the site --------------------------------------------------------------------------------


def page_check_problems(page: Page, check: PageCheck, raw_html: str) -> list[str]:
    """What `check` asks of an open page that it does not show: its tables, its diagrams."""
    found = [problem for spec in check.tables for problem in table_problems(page, spec)]
    if check.drawings:
        found += drawing_problems(page, check.drawings)
    return found


@pytest.mark.parametrize("check", PAGE_CHECKS, ids=[check.path for check in PAGE_CHECKS])
def test_page_renders_table_and_diagrams_without_errors(browser, base_url: str, check: PageCheck) -> None:
    with open_page(browser, base_url + check.path) as (page, problems, raw_html):
        found = page_check_problems(page, check, raw_html) + problems.messages()
    fail_on(found, check.path)


# What searching from each home page must find: a query, and the page a result must link to. "224x224" is
# typed with the letter x, as people type it; the site writes 224×224.
SEARCHES = {
    "/": [("ResNet-20", "/models/resnet20/"), ("224x224", "/models/")],
    "/zh/": [("224x224", "/zh/models/"), ("残差", "/zh/concepts/residual-learning/"), ("瓶颈", "/zh/concepts/blocks/"),
             ("步幅", "/zh/concepts/stride-placement/")],
}


def search_problems(page: Page, searches: list[tuple[str, str]]) -> list[str]:
    """Each query, typed into the open page's search box in turn, lists a result whose path starts with its page
    (a Chinese word: whose path is its page)."""
    found = []
    for query, wanted in searches:
        paths = [urlsplit(href).path for href in search_result_hrefs(page, query)]
        exact = not wanted.endswith("/models/")
        if not any(path == wanted if exact else path.startswith(wanted) for path in paths):
            found.append(f"no result for {query!r} links to {wanted}{'' if exact else '…'}; results: {paths}")
    return found


@pytest.mark.parametrize("home", list(SEARCHES))
def test_search_finds_the_pages_of_a_model_a_size_typed_with_x_and_a_chinese_word(browser, base_url: str, home: str) -> None:
    """One page opened per edition, every query of SEARCHES typed into its box in turn."""
    with open_page(browser, base_url + home) as (page, problems, _):
        found = search_problems(page, SEARCHES[home]) + problems.messages()
    fail_on(found, f"search from {home}")


def test_the_search_check_reads_each_query_anew_and_catches_a_page_not_found(browser, base_url: str) -> None:
    """ResNet-20's page is found for "ResNet-20", not for "DenseNet-121" typed next: the second query is reported,
    for its results are its own, not the first query's."""
    with open_page(browser, base_url + "/") as (page, _, _):
        found = search_problems(page, [("ResNet-20", "/models/resnet20/"), ("DenseNet-121", "/models/resnet20/")])
    assert len(found) == 1 and found[0].startswith("no result for 'DenseNet-121' links to /models/resnet20/;"), found


# --- the Chinese edition (site/zh, mkdocs.zh.yml) -------------------------------------------------

ZH_CHECKS = [
    PageCheck("/zh/", tables=(TableSpec(("参数量", *titles()), min_rows=len(titles())),)),
    PageCheck("/zh/models/resnet50/", tables=(TableSpec(("参数", "MACs"), min_rows=10),), drawings=1),
    PageCheck("/zh/fact-check/", tables=(TableSpec(("说法", "结论"), min_rows=10),)),
]


@pytest.mark.parametrize("check", ZH_CHECKS, ids=[check.path for check in ZH_CHECKS])
def test_chinese_page_renders_in_chinese_with_its_tables_and_diagrams(browser, base_url: str, check: PageCheck) -> None:
    with open_page(browser, base_url + check.path) as (page, problems, raw_html):
        found = page_check_problems(page, check, raw_html)
        lang = page.evaluate("document.documentElement.lang")
        if lang != "zh":
            found.append(f'<html lang="{lang}">, expected "zh"')
        found += problems.messages()
    fail_on(found, check.path)


@pytest.mark.parametrize(("here", "there"), [("/concepts/depth/", "/zh/concepts/depth/"),
                                             ("/zh/models/resnet50/", "/models/resnet50/"),
                                             ("/", "/zh/"), ("/zh/", "/")])
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(browser, base_url: str, here: str, there: str):
    with open_page(browser, base_url + here) as (page, problems, _):
        other = "zh" if not here.startswith("/zh/") else "en"
        href = page.evaluate(f"document.querySelector('a[hreflang=\"{other}\"]').href")
        found = problems.messages()
    if urlsplit(href).path != there:
        found.insert(0, f"the {other} link of {here} goes to {urlsplit(href).path}, not {there}")
    fail_on(found, here)


@pytest.mark.parametrize("section", ["options", "key-facts", "layers"])
def test_the_language_switch_keeps_the_section_and_it_exists_on_the_other_side(browser, base_url, section) -> None:
    """A generated heading has the id its English words give, in both editions: /models/resnet50/#options leads
    to /zh/models/resnet50/#options, and that section is there."""
    with open_page(browser, base_url + f"/models/resnet50/#{section}") as (page, problems, _):
        href = page.evaluate("document.querySelector('a[hreflang=\"zh\"]').href")
        page.goto(href)
        there = page.evaluate(f"!!document.getElementById('{section}')")
        found = problems.messages()
    if urlsplit(href).path != "/zh/models/resnet50/" or urlsplit(href).fragment != section or not there:
        found.insert(0, f"the zh link is {href}; section #{section} there: {there}")
    fail_on(found, section)


# Every bound number in the article: the nearest block around it and that block's words without it.
BOUND_CONTEXT_JS = """
() => [...document.querySelectorAll("article [data-fact]")].map((span) => {
  const block = span.closest("p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, summary");
  const words = block ? block.textContent.replace(span.textContent, "").replace(/[\\s\\d.,×→%()]+/g, "") : "";
  return { fact: span.dataset.fact, block: block ? block.tagName.toLowerCase() : null, words: words.length };
})
"""


def bound_context_problems(page: Page, *, list_items: int = 0) -> list[str]:
    """Each bound number sits in a sentence, list item or cell with words of its own; lists keep their items."""
    spans = page.evaluate(BOUND_CONTEXT_JS)
    problems = [f"{s['fact']} is outside any paragraph, list item or cell" for s in spans if s["block"] is None]
    problems += [f"{s['fact']} stands alone in its <{s['block']}>" for s in spans
                 if s["block"] in ("p", "li") and s["words"] == 0]
    if not spans:
        problems.append("no bound numbers in the article")
    items = page.locator("article li").count()
    if items < list_items:
        problems.append(f"{items} list items in the article, expected at least {list_items}")
    return problems


def fact_card_problems(page: Page) -> list[str]:
    """Hovering a bound number shows a card naming the fact, its meaning, and links to where it is measured."""
    span = page.locator("article [data-fact]").first
    fact = span.get_attribute("data-fact")
    span.scroll_into_view_if_needed()
    span.hover()
    card = page.locator(".atlas-fact-card")
    try:
        card.wait_for(state="visible", timeout=3000)
    except PlaywrightTimeout:
        return [f"hovering {fact} shows no fact card"]
    text = card.inner_text()
    hrefs = card.locator("a").evaluate_all("links => links.map((link) => link.href)")
    problems = [] if fact in text else [f"the card does not name {fact}: {text!r}"]
    if not hrefs or not any("/models/" in h or "/reference/facts/" in h for h in hrefs):
        problems.append(f"the card links nowhere useful: {hrefs}")
    # Its links look like the article's: the same colour, underlined.
    looks = card.locator("a").first.evaluate(
        "a => ({colour: getComputedStyle(a).color, line: getComputedStyle(a).textDecorationLine})")
    article = page.locator("article a[href]:not(.headerlink)").first.evaluate("a => getComputedStyle(a).color")
    if looks["colour"] != article or "underline" not in looks["line"]:
        problems.append(f"the card's links do not look like links: {looks}, the article's colour {article}")
    return problems


def test_home_list_and_concept_sentences_keep_their_bound_numbers(browser, base_url: str) -> None:
    found = []
    for path, items in (("/", 4), ("/concepts/depth/", 0), ("/concepts/blocks/", 0)):
        with open_page(browser, base_url + path) as (page, problems, _):
            found += [f"{path}: {p}" for p in bound_context_problems(page, list_items=items) + problems.messages()]
    fail_on(found, "bound numbers in their sentences")


@pytest.mark.parametrize("path", ["/concepts/depth/", "/models/resnet50/", "/fact-check/"])
def test_hovering_a_bound_number_explains_it_and_links_to_where_it_is_measured(browser, base_url, path) -> None:
    with open_page(browser, base_url + path) as (page, problems, _):
        found = fact_card_problems(page) + problems.messages()
    fail_on(found, f"fact card on {path}")


def test_the_card_check_catches_links_that_look_like_plain_text(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "concepts/depth/index.html").read_text()
    plain = "<style>.atlas-fact-card a { color: inherit !important; text-decoration: none !important; }</style></head>"
    (site_dir / "concepts/depth/planted-plain-links.html").write_text(html.replace("</head>", plain, 1))
    with open_page(browser, base_url + "/concepts/depth/planted-plain-links.html") as (page, _, _):
        found = fact_card_problems(page)
    assert any("do not look like links" in problem for problem in found), found


def copy_button_problems(page: Page) -> list[str]:
    """Every code block of the article has Material's copy button (theme feature content.code.copy)."""
    blocks = page.locator("article div.highlight pre").count()
    buttons = page.locator("article div.highlight button.md-code__button[data-md-type=copy]").count()
    if not blocks:
        return ["no code block in the article"]
    return [] if buttons == blocks else [f"{blocks} code blocks, {buttons} copy buttons"]


@pytest.mark.parametrize("path", ["/concepts/blocks/", "/zh/fact-check/"])
def test_code_blocks_have_a_copy_button(browser, base_url: str, path: str) -> None:
    with open_page(browser, base_url + path) as (page, problems, _):
        found = copy_button_problems(page) + problems.messages()
    fail_on(found, path)


def test_the_copy_button_check_catches_a_site_without_the_feature(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "concepts/blocks/index.html").read_text()
    assert '"content.code.copy"' in html
    (site_dir / "concepts/blocks/planted-no-copy.html").write_text(html.replace('"content.code.copy"', '"content.code.none"'))
    with open_page(browser, base_url + "/concepts/blocks/planted-no-copy.html") as (page, _, _):
        found = copy_button_problems(page)
    assert found and "copy buttons" in found[0], found


def test_a_tap_opens_the_card_and_a_tap_elsewhere_closes_it(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/concepts/depth/")
        span = page.locator("article [data-fact]").first
        span.scroll_into_view_if_needed()
        span.tap()
        page.locator(".atlas-fact-card").wait_for(state="visible", timeout=3000)
        page.locator("article h1").tap()
        page.locator(".atlas-fact-card").wait_for(state="detached", timeout=3000)
    finally:
        context.close()


def test_comparison_tables_sort_on_a_header_click(browser, base_url: str) -> None:
    with open_page(browser, base_url + "/models/") as (page, problems, _):
        header = page.locator("article table th", has_text="params").first
        header.click()
        sorted_state = header.get_attribute("aria-sort")
        found = problems.messages()
    if sorted_state not in ("ascending", "descending"):
        found.insert(0, f"clicking the params header left aria-sort={sorted_state!r}")
    fail_on(found, "sortable tables")


def visible_claims(page: Page) -> list[str]:
    return page.eval_on_selector_all("h2[data-verdict]", "hs => hs.filter(h => !h.hidden).map(h => h.id)")


@pytest.mark.parametrize("path", ["/fact-check/", "/zh/fact-check/"])
def test_the_fact_check_filter_narrows_the_claims_by_verdict_model_and_topic(browser, base_url: str, path: str) -> None:
    """Each choice leaves exactly the claims whose verdict, models or topic match, in the list and in the table."""
    claims = {d.claim.id: d for d in decide_all(load_claims(Path(__file__).resolve().parent.parent))}
    with open_page(browser, base_url + path) as (page, problems, _):
        everything = visible_claims(page)
        page.select_option("select[data-filter='verdict']", "close")
        close = visible_claims(page)
        page.select_option("select[data-filter='model']", "densenet121")
        close_densenet = visible_claims(page)
        page.select_option("select[data-filter='verdict']", "")
        densenet = visible_claims(page)
        rows = page.eval_on_selector_all("table tr:has(a[href^='#'])", "rs => rs.filter(r => !r.hidden).length")
        page.select_option("select[data-filter='model']", "")
        page.select_option("select[data-filter='topic']", "training")
        training = visible_claims(page)
        count = page.text_content("output[data-filter='count']")
        found = problems.messages()
    expected_densenet = [i for i, d in claims.items() if "densenet121" in models_of(d)]
    if everything != list(claims):
        found.append(f"before any choice, shown {len(everything)} of {len(claims)} claims")
    if close != [i for i, d in claims.items() if d.verdict == "close"] or not close:
        found.append(f"verdict close showed {close}")
    if close_densenet != []:
        found.append(f"close and DenseNet-121 together showed {close_densenet}")
    if densenet != expected_densenet or rows != len(expected_densenet):
        found.append(f"model DenseNet-121 showed {densenet} and {rows} table rows; expected {expected_densenet}")
    if training != [i for i, d in claims.items() if d.claim.topic == "training"]:
        found.append(f"topic training showed {training}")
    if count != f"{len(training)} / {len(claims)}":
        found.append(f"the count reads {count!r}")
    fail_on(found, path)


def finder_results(page: Page, figure: str) -> dict[str, str]:
    """What the number finder lists for ``figure``: fact name -> grade."""
    page.fill("#atlas-figure", figure)
    return dict(page.eval_on_selector_all(
        ".atlas-finder-results li", "items => items.map(i => [i.dataset.fact, i.dataset.grade])"))


@pytest.mark.parametrize("path", ["/finder/", "/zh/finder/"])
def test_the_number_finder_reads_a_figure_as_the_policy_does_and_lists_what_it_matches(browser, base_url, path) -> None:
    with open_page(browser, base_url + path) as (page, problems, _):
        params = finder_results(page, "25.5M")
        billions = finder_results(page, "3.8 billion")
        notes = page.eval_on_selector(".atlas-finder-results li[data-fact='resnet50-v1.macs']", "li => li.textContent")
        wan, millions = finder_results(page, "2560万"), finder_results(page, "25.6M")
        flops = finder_results(page, "7.7 GFLOPs")
        unreadable = (finder_results(page, "lots"), page.text_content(".atlas-finder-status"))
        found = problems.messages()
    for name in ("resnet50.params", "torchvision.resnet50.params", "keras.resnet50.keras_params"):
        if params.get(name) != "close":
            found.append(f"25.5M: {name} reads {params.get(name)!r}, expected close")
    if billions.get("resnet50-v1.macs") != "close" or "resnet50.macs" in billions:
        found.append(f"3.8 billion: {billions}")
    flops_words = {"/finder/": "in FLOPs it is twice", "/zh/finder/": "两倍"}[path]
    if flops_words not in (notes or ""):
        found.append(f"3.8 billion: ResNet-50 v1's MACs say {notes!r}, not that FLOPs would be twice")
    if wan != millions or "resnet50.params" not in wan:
        found.append(f"2560万 lists {sorted(wan)}, 25.6M lists {sorted(millions)}")
    if flops.get("resnet50-v1.flops") != "holds":
        found.append(f"7.7 GFLOPs: {flops}")
    if unreadable[0] or not unreadable[1]:
        found.append(f"an unreadable figure listed {unreadable[0]} and said {unreadable[1]!r}")
    fail_on(found, path)


@pytest.mark.parametrize("path", ["/finder/", "/zh/finder/"])
def test_a_claim_built_in_the_checker_is_decided_by_the_engine_as_the_page_decided_it(browser, base_url, path) -> None:
    """The YAML the checker writes is a valid claim file; parsed and decided by tools/claims.py it gets the verdict
    the page showed, for each comparison."""
    from tools.claims import contradiction, decide, parse_claims
    from tools.facts.namespace import all_facts

    built = []
    with open_page(browser, base_url + path) as (page, problems, _):
        page.select_option("select[data-checker='config']", "resnet50")
        page.select_option("select[data-checker='fact']", "resnet50.params")
        for op, value, high in [("stated", "25.5M", ""), ("stated", "25.6M", ""), ("at_least", "25M", ""),
                                ("at_most", "2.5亿", ""), ("equals", "25,557,032", ""), ("range", "20M", "25.5M")]:
            page.select_option("select[data-checker='op']", op)
            page.fill("input[data-checker='high']", high) if high else None
            page.fill("input[data-checker='value']", value)
            built.append((op, value, page.get_attribute(".atlas-checker-verdict", "data-verdict"),
                          page.text_content(".atlas-checker-yaml")))
        found = problems.messages()
    facts = all_facts()
    for op, value, shown, yaml_text in built:
        try:
            [claim] = parse_claims(yaml_text, "docs/claims/99-checked.yml")
        except ValueError as error:
            found.append(f"{op} {value}: the YAML is refused: {error}")
            continue
        decision = decide(claim, facts)
        if decision.verdict != shown or contradiction(decision):
            found.append(f"{op} {value}: the page showed {shown}, the engine decides {decision.verdict}")
    if [shown for _, _, shown, _ in built] != ["close", "correct", "correct", "correct", "correct", "wrong"]:
        found.append(f"verdicts shown: {[(op, value, shown) for op, value, shown, _ in built]}")
    fail_on(found, path)


def test_the_header_field_opens_the_finder_with_the_figure_and_the_finder_reads_on_a_phone(browser, base_url) -> None:
    with open_page(browser, base_url + "/models/resnet50/") as (page, problems, _):
        page.fill(".atlas-header-finder input", "25.6M")
        page.press(".atlas-header-finder input", "Enter")
        page.wait_for_url("**/finder/?q=25.6M")
        listed = page.eval_on_selector_all(".atlas-finder-results li", "items => items.map(i => i.dataset.fact)")
        found = problems.messages()
    if "resnet50.params" not in listed:
        found.append(f"the header field led to a finder that lists {listed[:5]}")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(base_url + "/zh/finder/")
        phone.fill("#atlas-figure", "2560万")
        phone.select_option("select[data-checker='config']", "resnet50")
        phone.fill("input[data-checker='value']", "25.5M")
        overflow = phone.evaluate("document.documentElement.scrollWidth")
        shown = phone.eval_on_selector_all(".atlas-finder-results li", "items => items.length")
    finally:
        context.close()
    if overflow > 390 or not shown:
        found.append(f"at 390 px the finder page is {overflow} px wide and lists {shown} facts")
    fail_on(found, "the finder from the header and on a phone")


# --- planted drift: each check catches what it exists to catch ---------------------------------

PLANTED_ERRORS_HTML = """<!doctype html>
<title>planted</title>
<img src="https://example.com/planted.png" alt="">
<img src="/planted-missing.png" alt="">
<script>console.error("planted console error"); throw new Error("planted uncaught error");</script>
"""


def test_problem_collector_reports_console_errors_uncaught_errors_and_external_requests(browser, tmp_path) -> None:
    (tmp_path / "index.html").write_text(PLANTED_ERRORS_HTML)
    with serve_directory(tmp_path) as url, open_page(browser, url + "/") as (page, problems, _):
        pass
    found = "\n".join(problems.messages())
    assert "console error: planted console error" in found
    assert "uncaught error: planted uncaught error" in found
    assert "request to another host: https://example.com/planted.png" in found
    assert "404" in found and "/planted-missing.png" in found  # a broken local link is a console error


def test_table_and_image_checks_catch_a_page_without_them(browser, site_dir: Path, base_url: str) -> None:
    (site_dir / "planted-empty.html").write_text("<!doctype html><title>empty</title><article><p>text</p></article>")
    with open_page(browser, base_url + "/planted-empty.html") as (page, problems, _):
        found = table_problems(page, TableSpec(("params",), min_rows=1)) + drawing_problems(page, 1)
    assert len(found) == 2 and "no visible table" in found[0] and "0 inline drawings" in found[1], found


def test_bound_context_check_catches_a_number_thrown_out_of_its_list(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "index.html").read_text()
    broken = '<ul><li>first</li></ul><span data-fact="resnet20.params">269,722</span><p>parameters</p>'
    (site_dir / "planted-broken-list.html").write_text(html.replace("</article>", broken + "</article>", 1))
    with open_page(browser, base_url + "/planted-broken-list.html") as (page, _, _):
        found = bound_context_problems(page, list_items=1000)
    assert any("resnet20.params is outside" in problem for problem in found), found
    assert any("list items in the article" in problem for problem in found), found


def test_fact_card_check_catches_a_page_without_the_script(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "concepts/depth/index.html").read_text()
    html, removed = re.subn(r'<script src="[^"]*atlas-facts\.js"></script>', "", html)
    assert removed == 1, "the built page no longer loads atlas-facts.js by a plain <script src>"
    (site_dir / "planted-no-cards.html").write_text(html.replace('href="../../', 'href="../'))
    with open_page(browser, base_url + "/planted-no-cards.html") as (page, _, _):
        found = fact_card_problems(page)
    assert found and "shows no fact card" in found[0], found


