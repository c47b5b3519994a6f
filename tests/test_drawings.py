"""Every drawing reads in a real browser: its text at 11 CSS px or more at 1280 and 390 px wide, its colours
the theme's in both palettes, its labels apart, and a button that opens it to pan and zoom.

The drawings are inline SVG (tools/render/drawing.py): Figure 3, the network pictures, the residual block and
the charts. Each check returns the problems it sees, and each has a test that plants the defect it must catch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_browser import PlaywrightTimeout, base_url, browser, fail_on, open_page, site_dir  # noqa: F401 - fixtures
from tools.render.drawing import MIN_FONT_PX

WIDTHS = (1280, 390)
PALETTES = ("default", "slate")  # Material's light and dark schemes
# Pages with drawings of every kind: Figure 3 (a chain model, a plain one), the network pictures, the residual
# block and the two charts; the Chinese edition's own drawings.
PAGES = ["/models/resnet50/", "/models/vgg16/", "/models/inception_v3/", "/models/densenet121/",
         "/concepts/residual-learning/", "/comparisons/", "/modifications/", "/zh/models/resnet50/",
         "/zh/models/inception_v3/"]

# The rendered size of every text of every drawing in the article: its font size times the scale its SVG is
# drawn at (the screen CTM), in CSS pixels.
TEXT_SIZES_JS = """
() => [...document.querySelectorAll("article svg.atlas-drawing text")].map((text) => {
  const ctm = text.getScreenCTM();
  const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 0;
  return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
})
"""

# The contrast of every text of the drawings against the page's background, as WCAG defines it.
CONTRAST_JS = """
() => {
  const rgb = (colour) => colour.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => c / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const over = (fg, bg) => {  // a translucent fill over the page
    const alpha = fg.length > 3 ? fg[3] : 1;
    return [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
  };
  return [...document.querySelectorAll("article svg.atlas-drawing text")].map((text) => {
    const fill = rgb(getComputedStyle(text).fill);
    const [a, b] = [luminance(over(fill, page)), luminance(page)];
    return {text: text.textContent, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
  });
}
"""
MIN_CONTRAST = 4.5  # WCAG AA for normal text

# The extents of the charts' point labels (matplotlib annotations with the ids label_points gives them).
LABEL_BOXES_JS = """
() => [...document.querySelectorAll("article svg.atlas-drawing g[id^='atlas-label-'] text")].map((text) => {
  const box = text.getBoundingClientRect();
  return {text: text.textContent, left: box.left, top: box.top, right: box.right, bottom: box.bottom};
})
"""


def small_text_problems(page) -> list[str]:
    sizes = page.evaluate(TEXT_SIZES_JS)
    if not sizes:
        return ["no text in any drawing"]
    return [f"{size['text']!r} is drawn at {size['px']:.1f} px" for size in sizes if size["px"] < MIN_FONT_PX - 0.01]


def contrast_problems(page) -> list[str]:
    ratios = page.evaluate(CONTRAST_JS)
    if not ratios:
        return ["no text in any drawing"]
    return [f"{r['text']!r} has contrast {r['ratio']:.2f} with the page" for r in ratios if r["ratio"] < MIN_CONTRAST]


def overlap_problems(page) -> list[str]:
    boxes = page.evaluate(LABEL_BOXES_JS)
    return [f"labels {a['text']!r} and {b['text']!r} overlap" for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def in_palette(page, palette: str) -> None:
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{palette}')")


def test_drawings_take_the_themes_colours_in_both_palettes(browser, base_url: str) -> None:
    """One figure, one network picture and one chart, each page in both palettes: every text reads against it."""
    found = []
    for path in ("/models/resnet50/", "/models/densenet121/", "/comparisons/"):
        with open_page(browser, base_url + path) as (page, problems, _):
            for palette in PALETTES:
                in_palette(page, palette)
                found += [f"{path} ({palette}): {problem}" for problem in contrast_problems(page)]
            found += [f"{path}: {problem}" for problem in problems.messages()]
    fail_on(found, "contrast in both palettes")


@pytest.mark.parametrize("path", ["/comparisons/", "/modifications/"])
def test_chart_labels_do_not_overlap(browser, base_url: str, path: str) -> None:
    with open_page(browser, base_url + path) as (page, problems, _):
        labels = page.evaluate(LABEL_BOXES_JS)
        found = overlap_problems(page) + problems.messages()
    assert len(labels) >= 8, labels
    fail_on(found, path)


def zoom_button_problems(page) -> list[str]:
    """Every drawing of the article has the button that opens it to pan and zoom (drawings.js)."""
    frames = page.locator("article .atlas-drawing-frame").count()
    buttons = page.locator("article .atlas-drawing-frame > button.atlas-zoom").count()
    return [] if frames and buttons == frames else [f"{frames} drawings, {buttons} zoom buttons"]


def test_a_drawing_opens_to_pan_and_zoom_and_escape_closes_it(browser, base_url: str) -> None:
    with open_page(browser, base_url + "/models/resnet50/") as (page, problems, _):
        fail_on(zoom_button_problems(page), "zoom buttons")
        button = page.locator("article .atlas-drawing-frame button.atlas-zoom").first
        button.focus()
        page.keyboard.press("Enter")  # the keyboard opens it as well as a click
        dialog = page.locator("dialog.atlas-zoom-dialog[open] svg.atlas-drawing")
        dialog.wait_for()
        viewport = "dialog.atlas-zoom-dialog svg .svg-pan-zoom_viewport"
        before = page.eval_on_selector(viewport, "g => g.getAttribute('transform')")
        page.keyboard.press("+")
        try:  # svg-pan-zoom applies a zoom on the next animation frame
            page.wait_for_function("([selector, before]) => document.querySelector(selector).getAttribute('transform') "
                                   "!== before", arg=[viewport, before], timeout=5000)
            zoomed = True
        except PlaywrightTimeout:
            zoomed = False
        page.keyboard.press("Escape")
        page.locator("dialog.atlas-zoom-dialog").wait_for(state="detached")
        found = problems.messages()
    assert zoomed, f"the + key left the drawing at {before}"
    fail_on(found, "zoom")


# --- each check catches the defect it is there for ----------------------------------------------------

def plant(site_dir: Path, name: str, old: str, new: str, source: str = "models/resnet50/index.html") -> str:
    html = (site_dir / source).read_text(encoding="utf-8")
    assert old in html, f"{old!r} not in {source}"
    (site_dir / source).parent.joinpath(name).write_text(html.replace(old, new), encoding="utf-8")
    return "/" + str(Path(source).parent / name)


def test_the_size_check_catches_a_drawing_shrunk_to_the_column(browser, site_dir: Path, base_url: str) -> None:
    shrunk = plant(site_dir, "planted-shrunk.html", '<svg xmlns="http://www.w3.org/2000/svg" class="atlas-drawing"',
                   '<svg style="max-width: 100%" xmlns="http://www.w3.org/2000/svg" class="atlas-drawing"')
    with open_page(browser, base_url + shrunk) as (page, _, _):
        page.set_viewport_size({"width": 390, "height": 900})
        found = small_text_problems(page)
    assert found and "drawn at" in found[0], found


def test_the_zoom_check_catches_a_page_without_the_script(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "models/resnet50/index.html").read_text(encoding="utf-8")
    bare = re.sub(r'<script src="[^"]*drawings\.js"></script>', "", html)
    assert bare != html, "the built page no longer loads drawings.js by a plain <script src>"
    (site_dir / "models/resnet50/planted-no-zoom.html").write_text(bare, encoding="utf-8")
    with open_page(browser, base_url + "/models/resnet50/planted-no-zoom.html") as (page, _, _):
        found = zoom_button_problems(page)
    assert found and "0 zoom buttons" in found[0], found


def test_the_contrast_check_catches_fixed_dark_text_in_the_dark_palette(browser, site_dir: Path, base_url: str) -> None:
    fixed = plant(site_dir, "planted-fixed-colour.html", "fill: var(--md-default-fg-color, #222)", "fill: #222")
    with open_page(browser, base_url + fixed) as (page, _, _):
        in_palette(page, "slate")
        found = contrast_problems(page)
    assert found and "contrast" in found[0], found


def test_the_overlap_check_catches_two_labels_on_one_place(browser, site_dir: Path, base_url: str) -> None:
    html = (site_dir / "comparisons/index.html").read_text(encoding="utf-8")
    first = html.index('<g id="atlas-label-0">')
    second = html.index('<g id="atlas-label-1">')
    # The second label drawn where the first is: the same <text> transform.
    text_of = lambda at: html[at:html.index("</g>", at)]  # noqa: E731
    planted = html.replace(text_of(second), text_of(first).replace('id="atlas-label-0"', 'id="atlas-label-1"'), 1)
    (site_dir / "comparisons/planted-overlap.html").write_text(planted, encoding="utf-8")
    with open_page(browser, base_url + "/comparisons/planted-overlap.html") as (page, _, _):
        found = overlap_problems(page)
    assert found and "overlap" in found[0], found


# --- Tables fit: a wide table scrolls with its first column in view; no cell is squeezed ------------------

# Every article table: whether it is wider than its scroll wrapper, whether its first column stays in view
# (sticky, on an opaque background), and its cells of three or more words that show one word per line while
# narrower than 8em.
TABLE_FIT_JS = """
() => [...document.querySelectorAll("article table")].map((table) => {
  const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
  const first = table.querySelector("tbody td:first-child");
  const style = first ? getComputedStyle(first) : null;
  const squeezed = [...table.querySelectorAll("td")].filter((cell) => {
    if (cell.clientWidth >= 8 * parseFloat(getComputedStyle(cell).fontSize)) return false;  // wide enough: no words measured
    const tops = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        tops.push(Math.round(range.getBoundingClientRect().top));
      }
    }
    return tops.length >= 3 && new Set(tops).size === tops.length;
  }).map((cell) => cell.innerText.slice(0, 40));
  return {head: table.innerText.slice(0, 40), overflows: table.scrollWidth > wrap.clientWidth + 1,
          sticky: !!style && style.position === "sticky" && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.backgroundColor),
          squeezed};
})
"""
TABLE_PAGES = ["/", "/comparisons/", "/modifications/", "/implementations/", "/models/", "/models/resnet50/",
               "/models/densenet121/", "/zh/comparisons/", "/zh/modifications/"]


def table_fit_problems(page) -> list[str]:
    found = []
    for table in page.evaluate(TABLE_FIT_JS):
        if table["overflows"] and not table["sticky"]:
            found.append(f"table {table['head']!r} is wider than the column and its first column scrolls away")
        found += [f"table {table['head']!r}: a cell shows one word per line: {cell!r}" for cell in table["squeezed"]]
    return found


def test_the_table_check_catches_a_scrolling_first_column_and_a_squeezed_cell(browser, site_dir: Path, base_url: str) -> None:
    css = ("<style>.md-typeset__table table:not([class]) :is(th, td) { position: static !important; "
           "min-width: 0 !important; } .md-typeset__table td:nth-child(2) { width: 1px; }</style></head>")
    path = plant(site_dir, "planted-tables.html", "</head>", css, source="comparisons/index.html")
    with open_page(browser, base_url + path) as (page, _, _):
        found = table_fit_problems(page)
    assert any("scrolls away" in problem for problem in found), found
    assert any("one word per line" in problem for problem in found), found


def test_no_text_of_any_drawing_is_drawn_below_11_px_and_wide_tables_keep_their_first_column(browser, base_url) -> None:
    """Each page opened once: its drawings' text measured at 1280 and at 390 px wide (the same page, resized), and
    at 1280 its tables (a wide one keeps its first column in view, no cell is squeezed)."""
    found = []
    for path in dict.fromkeys(PAGES + TABLE_PAGES):
        with open_page(browser, base_url + path) as (page, problems, _):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if path in PAGES:
                    found += [f"{path} at {width} px: {problem}" for problem in small_text_problems(page)]
                if path in TABLE_PAGES and width == 1280:
                    found += [f"{path} at 1280 px: {problem}" for problem in table_fit_problems(page)]
            found += [f"{path}: {problem}" for problem in problems.messages()]
    fail_on(found, "drawings at 1280 and 390 px, tables at 1280 px")
