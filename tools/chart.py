"""The parameters-vs-MACs chart: an SVG drawn with matplotlib, byte-identical on every run."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from tools import generated, units  # noqa: E402
from tools.introspect import all_configs, introspect  # noqa: E402
from tools.pages import title  # noqa: E402

CHART_PATH = "docs/assets/params-vs-macs.svg"
STYLE = {
    "svg.hashsalt": "resnet-atlas",  # fixed ids instead of random ones
    "svg.fonttype": "none",  # text stays text: smaller, and no font-dependent glyph paths
    "font.family": "sans-serif",
    "font.size": 9,
}


def render_chart() -> str:
    results = [introspect(cfg) for cfg in all_configs()]
    series = [  # (label, marker, filled, configurations)
        ("CIFAR-10, 32×32, shortcut A", "o", True,
         [r for r in results if r.config.entry.family == "cifar" and r.config.is_default]),
        ("ImageNet, 224×224, variant v1.5", "s", True,
         [r for r in results if r.config.entry.family == "imagenet" and r.config.is_default]),
        ("ImageNet, variant v1 (same params, fewer MACs)", "s", False,
         [r for r in results if r.config.entry.family == "imagenet" and not r.config.is_default]),
    ]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 4.5))
        for (label, marker, filled, chosen), color in zip(series, ["tab:blue", "tab:orange", "tab:orange"], strict=True):
            axes.scatter(
                [r.facts["params"] for r in chosen], [r.facts["macs"] for r in chosen], marker=marker, label=label,
                facecolors=color if filled else "none", edgecolors=color,
            )
            for r in chosen if filled else []:
                axes.annotate(title(r.config.name), (r.facts["params"], r.facts["macs"]), textcoords="offset points",
                              xytext=(-6, 6), ha="right", fontsize=7)
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("parameters")
        axes.set_ylabel(f"{units.MACS} per image")
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="lower right")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return generated.svg(buffer.getvalue())
