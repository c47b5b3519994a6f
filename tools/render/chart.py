"""The parameters-vs-MACs chart: an SVG drawn with matplotlib, byte-identical on every run."""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from collections.abc import Iterator
from html import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.transforms import Bbox  # noqa: E402

from tools import generated  # noqa: E402
from tools.i18n import text  # noqa: E402
from tools.render.drawing import CLASS, COMPARISONS_CHART  # noqa: E402
from tools.introspect import Introspection, all_configs  # noqa: E402
from tools.facts.measure import introspect  # noqa: E402
from tools.render.pages import DATASETS  # noqa: E402

CHART_PATH = COMPARISONS_CHART
# Colours stand-ins that the SVG then takes from the theme (``THEMED``): a chart is shown inline, so that its
# text and axes follow the light and the dark palette. The background is transparent.
INK, FAINT, PAPER, LEADER = "#010101", "#020202", "#030303", "#040404"
THEMED = {
    INK: "var(--md-default-fg-color, #222)",
    LEADER: "var(--md-default-fg-color--light, #777)",
    FAINT: "var(--md-default-fg-color--lightest, #ccc)",
    PAPER: "var(--md-default-bg-color, #fff)",
}
STYLE = {
    "svg.hashsalt": "resnet-atlas",  # fixed ids instead of random ones
    "svg.fonttype": "none",  # text stays text: smaller, and no font-dependent glyph paths
    "font.family": "sans-serif",
    "font.size": 9,  # points: 12 CSS pixels
    "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": INK, "xtick.color": INK, "ytick.color": INK,
    "legend.labelcolor": INK, "legend.edgecolor": FAINT, "legend.facecolor": PAPER, "grid.color": FAINT,
    "figure.facecolor": "none", "axes.facecolor": "none", "savefig.facecolor": "none",
}


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """STYLE, and quiet about the Chinese words matplotlib's fonts lack: the text stays text in the SVG, drawn
    by the reader's fonts."""
    with plt.rc_context(STYLE), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


LABEL_POINTS = 8.5  # a point's label: 11.3 CSS pixels, never below the drawings' smallest text


MARKERS = "os^Dv<>p"
COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink", "tab:olive"]


def render_chart(*, lang: str = "en") -> str:
    """One colour and marker per family and data set: defaults filled and named, other options hollow."""
    results = [introspect(cfg) for cfg in all_configs() if not cfg.is_modified]  # modifications: their own page
    groups: dict[tuple[str, str], list[Introspection]] = {}
    for result in results:
        entry = result.config.entry
        groups.setdefault((entry.family.title, entry.dataset), []).append(result)
    with chart_style():
        figure, axes = plt.subplots(figsize=(7, 4.5))
        labelled: list[tuple[str, float, float]] = []
        for (family, dataset), marker, color in zip(groups, MARKERS, COLORS, strict=False):
            members = groups[(family, dataset)]
            size = members[0].config.entry.input_size
            for filled in (True, False):
                chosen = [r for r in members if r.config.is_default == filled]
                if not chosen:
                    continue
                label = (text("chart.defaults", lang, family=family, dataset=DATASETS[dataset], size=size) if filled
                         else text("chart.other_options", lang, family=family))
                axes.scatter(
                    [r.facts["params"] for r in chosen], [r.facts["macs"] for r in chosen], marker=marker, label=label,
                    facecolors=color if filled else "none", edgecolors=color,
                )
                labelled += [(r.config.entry.title, r.facts["params"], r.facts["macs"]) for r in chosen if filled]
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel(text("chart.x", lang))
        axes.set_ylabel(text("chart.y", lang))
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="lower right", fontsize=LABEL_POINTS)
        figure.tight_layout()
        label_points(figure, axes, labelled)
        return svg_of(figure, text("comparisons.chart.alt", lang))


# Where a label may sit around its point, in points (x, y, alignment), in the order tried.
PLACES = ((-5, 5, "right"), (5, 5, "left"), (5, -13, "left"), (-5, -13, "right"), (0, 9, "center"), (0, -19, "center"),
          (-9, -4, "right"), (9, -4, "left"), (-5, 16, "right"), (5, 16, "left"), (5, -24, "left"), (-5, -24, "right"),
          (0, 20, "center"), (0, -30, "center"), (-5, 27, "right"), (5, 27, "left"), (5, -35, "left"), (-5, -35, "right"))

NEAR = 8  # the first NEAR places touch their point; a label further away gets a leader line


def padded(extent: Bbox) -> Bbox:
    """A label's extent as a browser lays the text out: a line box taller than matplotlib's glyphs."""
    return Bbox.from_extents(extent.x0 - 5, extent.y0 - 4, extent.x1 + 5, extent.y1 + 4)


def label_points(figure: plt.Figure, axes: plt.Axes, points: list[tuple[str, float, float]]) -> None:
    """Label each point at the first place around it (``PLACES``, in order) where the label, as matplotlib
    measures it, overlaps no label placed before it, no point, not the legend and stays inside the axes; the
    least overlapping place if none is free. Deterministic: points are labelled from left to right."""
    figure.canvas.draw()  # the legend's and the axes' extents, in pixels
    renderer = figure.canvas.get_renderer()
    legend = axes.get_legend().get_window_extent(renderer)
    taken = [(legend.x0, legend.y0, legend.x1, legend.y1)]
    dots = [tuple(axes.transData.transform((x, y))) for _, x, y in points]
    taken += [(px - 4, py - 4, px + 4, py + 4) for px, py in dots]
    box = axes.get_window_extent(renderer)
    for number, ((words, x, y), _) in enumerate(sorted(zip(points, dots), key=lambda item: item[1])):
        probe = axes.annotate(words, (x, y), xytext=(0, 0), textcoords="offset points", fontsize=LABEL_POINTS)

        def extent_at(place: tuple[float, float, str]) -> Bbox:
            probe.set_position(place[:2])
            probe.set_horizontalalignment(place[2])
            return padded(probe.get_window_extent(renderer))

        def overlap(extent: Bbox) -> float:
            inside = max(0, min(extent.x1, box.x1) - max(extent.x0, box.x0)) * max(0, min(extent.y1, box.y1) - max(extent.y0, box.y0))
            return extent.width * extent.height - inside + sum(
                max(0, min(extent.x1, o[2]) - max(extent.x0, o[0])) * max(0, min(extent.y1, o[3]) - max(extent.y0, o[1]))
                for o in taken)

        scores: list[float] = []
        for place in PLACES:  # in order, until a free one: it is the first of the least overlapping
            scores.append(overlap(extent_at(place)))
            if scores[-1] == 0:
                break
        best = PLACES[scores.index(min(scores))]  # the first of the least overlapping
        extent = extent_at(best)
        probe.remove()
        taken.append((extent.x0, extent.y0, extent.x1, extent.y1))
        leader = {"arrowprops": {"arrowstyle": "-", "linewidth": 0.5, "color": LEADER, "shrinkA": 2, "shrinkB": 3}}
        axes.annotate(words, (x, y), textcoords="offset points", xytext=best[:2], ha=best[2], fontsize=LABEL_POINTS,
                      gid=f"atlas-label-{number}", **(leader if PLACES.index(best) >= NEAR else {}))


def svg_of(figure: plt.Figure, title: str) -> str:
    """A finished figure as a generated SVG, byte-identical on every run (call inside STYLE's context): a
    drawing of the site (``tools.render.drawing``), its colours the theme's, its style scoped to itself."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    svg = buffer.getvalue()
    for stand_in, colour in THEMED.items():
        svg = svg.replace(stand_in, colour)
    svg = svg.replace("<style type=\"text/css\">*{", f"<style type=\"text/css\">svg.{CLASS} *{{", 1)
    svg = re.sub(r"<svg ", f'<svg class="{CLASS}" role="img" aria-label="{escape(title)}" ', svg, count=1)
    return generated.svg(svg)
