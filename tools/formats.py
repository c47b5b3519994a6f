"""How a fact's value reads in prose, tables and the terminal: one formatter for all three."""

from __future__ import annotations

import re

from tools import units


class FormatError(ValueError):
    """An unknown format name; the message lists the valid ones."""


FORMATS = {
    "int": units.fmt_int,
    "giga": units.fmt_giga,
    "mega": units.fmt_mega,
    "compact": units.fmt_compact,
    "shape": lambda v: "×".join(str(d) for d in v),
    "shapes": lambda v: "; ".join("×".join(str(d) for d in shape) for shape in v),
    "size": lambda v: f"{v}×{v}",
    "list": lambda v: ", ".join(_kernel(str(x)) for x in v),
    "arrow": lambda v: " → ".join(str(x) for x in v),
    "raw": lambda v: str(v),
    "ratio": lambda v: f"{v:.3f}",  # one against another: three decimals in every row of a column
}


def _kernel(text: str) -> str:
    """3x3 -> 3×3 (kernel sizes are stored in ASCII); any other text as it is."""
    return re.sub(r"^(\d+)x(\d+)$", r"\1×\2", text)


# How a fact reads when no format is asked for, where its type alone does not say.
DEFAULT_FORMATS = {
    "stem_output": "shape",
    "logits_shape": "shape",
    "stage_outputs": "shapes",
    "final_feature_map": "size",
    "feature_map_sizes": "arrow",
    "params_ratio": "ratio",
    "macs_ratio": "ratio",
}


def format_fact(value: object, style: str | None = None, name: str = "") -> str:
    """How a fact reads in prose and tables: the style asked for, else the fact's own, else by type.

    By type: ints get thousands separators, lists are comma-joined, mappings read "key value".
    """
    style = style or DEFAULT_FORMATS.get(name.rsplit(".", 1)[-1])
    if style is None:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            style = "int"
        elif isinstance(value, list):
            style = "list"
        elif isinstance(value, dict):
            return ", ".join(f"{key} {item}" for key, item in value.items())
        else:
            style = "raw"
    if style not in FORMATS:
        raise FormatError(f"unknown fact format {style!r}; valid formats: {', '.join(FORMATS)}")
    return FORMATS[style](value)
