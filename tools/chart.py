"""The parameters-vs-MACs chart: an SVG drawn with matplotlib, byte-identical on every run."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from tools import generated, units  # noqa: E402
from tools.introspect import all_configs, introspect  # noqa: E402

CHART_PATH = "docs/assets/params-vs-macs.svg"
STYLE = {
    "svg.hashsalt": "resnet-atlas",  # fixed ids instead of random ones
    "svg.fonttype": "none",  # text stays text: smaller, and no font-dependent glyph paths
    "font.family": "sans-serif",
    "font.size": 9,
}


def render_chart() -> str:
    points = [
        (cfg, introspect(cfg).facts)
        for cfg in all_configs()
        if cfg.is_default or (cfg.entry.family == "imagenet" and cfg.entry.spec.block == "bottleneck")
    ]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 4.5))
        markers = {"cifar": ("o", "CIFAR-10, 32×32 input"), "imagenet": ("s", "ImageNet, 224×224 input")}
        for family, (marker, label) in markers.items():
            chosen = [(cfg, f) for cfg, f in points if cfg.entry.family == family]
            axes.scatter(
                [f["params"] for _, f in chosen], [f["macs"] for _, f in chosen], marker=marker, label=label
            )
            for cfg, f in chosen:
                axes.annotate(cfg.key, (f["params"], f["macs"]), textcoords="offset points", xytext=(5, 3), fontsize=7)
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("parameters")
        axes.set_ylabel(f"{units.MACS} per image ({units.DEFINITIONS[units.MACS].split(',')[0]})")
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(loc="upper left")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return generated.svg(buffer.getvalue())
