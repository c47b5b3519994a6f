"""What every drawing of the site shares: its root element and its colours, taken from the theme.

A drawing is shown inline in its page (so that it takes the page's colours, and its text stays text), inside
a frame that scrolls sideways rather than shrinking it: every text is drawn at ``MIN_FONT_PX`` or larger
and stays that size on a phone. Colours are Material for MkDocs' CSS variables (light and dark palettes),
with fallbacks for a drawing opened on its own; the site's stylesheet adds ``--atlas-mark``.
"""

from __future__ import annotations

from html import escape

from tools import generated
from tools.i18n import DRAWING_DIRS, text

# The charts (tools/render/chart.py, modifications.py), named here for the pages that show them.
COMPARISONS_CHART = "docs/assets/params-vs-macs.svg"
MODIFICATIONS_CHART = "docs/assets/modifications.svg"
MIN_FONT_PX = 11  # no text of a drawing is smaller, at any screen width (tests/test_browser.py measures it)
CLASS = "atlas-drawing"

# Scoped to the drawing's class: a drawing inlined in a page must not restyle anything else on it.
THEME = f"""
  svg.{CLASS} text {{ font-family: sans-serif; font-size: {MIN_FONT_PX}px; fill: var(--md-default-fg-color, #222); }}
  svg.{CLASS} rect {{ fill: var(--md-default-bg-color, #fff); stroke: var(--md-default-fg-color--light, #555); }}
  svg.{CLASS} .pool rect {{ fill: var(--md-code-bg-color, #f2f2f2); }}
  svg.{CLASS} .fc rect {{ fill: var(--md-accent-fg-color--transparent, #eef3fb); }}
  svg.{CLASS} line, svg.{CLASS} path {{ fill: none; stroke: var(--md-default-fg-color--light, #555); }}
  svg.{CLASS} .mark line {{ stroke: var(--atlas-mark, #b03a2e); stroke-dasharray: 4 3; }}
  svg.{CLASS} .mark text {{ fill: var(--atlas-mark, #b03a2e); }}
  svg.{CLASS} .note text, svg.{CLASS} text.note {{ font-style: italic; }}
  svg.{CLASS} .label, svg.{CLASS} .title {{ font-weight: bold; }}
  svg.{CLASS} .title {{ font-size: 14px; }}
"""


def localized_path(path: str, lang: str) -> str:
    """A drawing's path in ``lang``: English at ``path``, another language in a folder of its name beside it
    (``assets/figure3/resnet50.svg`` -> ``assets/figure3/zh/resnet50.svg``)."""
    folder, _, name = path.rpartition("/")
    return f"{folder}/{DRAWING_DIRS[lang]}{name}"


def svg_root(width: float, height: float, title: str, body: str, style: str = "") -> str:
    """The generated SVG: its notice, the theme and ``style``, then ``body``; sized in CSS pixels."""
    return generated.svg(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{CLASS}" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(title)}">'
        f"<style>{THEME}{style}</style>{body}</svg>"
    )


def embedded(path: str) -> str:
    """The lines of a page that show the drawing at ``path`` (below docs/, in assets/) inline, in its scrolling
    frame: pulled in by pymdownx.snippets, whose base paths include docs/assets."""
    return f'<div class="{CLASS}-frame">\n--8<-- "{path.removeprefix("docs/").removeprefix("assets/")}"\n</div>'


# --- The residual block of the concept page (docs/concepts/residual-learning.md), in every language ------

DRAWINGS_DIR = "assets/drawings"


def drawing_path(name: str, lang: str) -> str:
    return localized_path(f"{DRAWINGS_DIR}/{name}.svg", lang)


RESIDUAL_STYLE = """
  .pill rect { rx: 13px; }
  .branch > rect { fill: none; stroke-dasharray: 5 4; }
  .sum circle { fill: var(--md-default-bg-color, #fff); stroke: var(--md-default-fg-color--light, #555); }
  .arrow { marker-end: url(#atlas-arrow); }
  #atlas-arrow path { fill: var(--md-default-fg-color--light, #555); stroke: none; }
"""


def render_residual_block(lang: str) -> str:
    """A basic block as section 3.1 of He et al. 2016 describes it: the residual branch F(x), the identity
    shortcut, the sum and the ReLU after it. No number of a model: the kernel sizes are the basic block's."""
    cx, box_w = 150, 220
    left = cx - box_w / 2

    def box(y: float, label: str, kind: str = "") -> str:
        return (f'<g class="{kind}"><rect x="{left}" y="{y}" width="{box_w}" height="26" rx="3"/>'
                f'<text x="{cx}" y="{y + 17}" text-anchor="middle">{escape(label)}</text></g>')

    def arrow(y1: float, y2: float) -> str:
        return f'<line class="arrow" x1="{cx}" y1="{y1}" x2="{cx}" y2="{y2}"/>'

    words = {key: text(f"drawing.residual.{key}", lang) for key in
             ("input", "branch", "conv_bn_relu", "conv_bn", "shortcut", "output", "title")}
    body = [
        '<defs><marker id="atlas-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" '
        'orient="auto"><path d="M 0 0 L 8 4 L 0 8 z"/></marker></defs>',
        box(14, words["input"], "pill"), arrow(40, 70),
        f'<g class="branch"><rect x="{left - 12}" y="58" width="{box_w + 24}" height="104" rx="6"/>'
        f'<text class="note" x="{left - 4}" y="74">{escape(words["branch"])}</text></g>',
        box(80, words["conv_bn_relu"]), arrow(106, 124), box(124, words["conv_bn"]), arrow(150, 186),
        f'<g class="sum"><circle cx="{cx}" cy="200" r="13"/><text x="{cx}" y="205" text-anchor="middle">+</text></g>',
        f'<path class="arrow" d="M {cx + box_w / 2} 27 C {cx + box_w / 2 + 70} 27 {cx + box_w / 2 + 70} 200 {cx + 15} 200"/>',
        f'<text x="{cx + box_w / 2 + 44}" y="116">{escape(words["shortcut"])}</text>',
        arrow(213, 236), box(236, "ReLU"), arrow(262, 286), box(286, words["output"], "pill"),
    ]
    return svg_root(cx + box_w / 2 + 150, 326, words["title"], "".join(body), RESIDUAL_STYLE)
