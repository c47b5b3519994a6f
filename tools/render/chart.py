"""The parameters-vs-MACs chart: an SVG drawn with matplotlib, byte-identical on every run."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from tools import generated  # noqa: E402
from tools.i18n import text  # noqa: E402
from tools.introspect import Introspection, all_configs  # noqa: E402
from tools.facts.measure import introspect  # noqa: E402
from tools.render.pages import DATASETS  # noqa: E402

CHART_PATH = "docs/assets/params-vs-macs.svg"
STYLE = {
    "svg.hashsalt": "resnet-atlas",  # fixed ids instead of random ones
    "svg.fonttype": "none",  # text stays text: smaller, and no font-dependent glyph paths
    "font.family": "sans-serif",
    "font.size": 9,
}


MARKERS = "os^Dv<>p"
COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink", "tab:olive"]


def render_chart(*, lang: str = "en") -> str:
    """One colour and marker per family and data set: defaults filled and named, other options hollow."""
    results = [introspect(cfg) for cfg in all_configs() if not cfg.is_modified]  # modifications: their own page
    groups: dict[tuple[str, str], list[Introspection]] = {}
    for result in results:
        entry = result.config.entry
        groups.setdefault((entry.family.title, entry.dataset), []).append(result)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 4.5))
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
                for r in chosen if filled else []:
                    axes.annotate(r.config.entry.title, (r.facts["params"], r.facts["macs"]),
                                  textcoords="offset points", xytext=(-6, 6), ha="right", fontsize=7)
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel(text("chart.x", lang))
        axes.set_ylabel(text("chart.y", lang))
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="lower right")
        return svg_of(figure)


def svg_of(figure: plt.Figure) -> str:
    """A finished figure as a generated SVG, byte-identical on every run (call inside STYLE's context)."""
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return generated.svg(buffer.getvalue())
