"""Figure 3 of He et al. 2016, drawn for every model from its layer table: a deterministic SVG.

One box per weighted layer on the main path, labelled as the paper labels it ("3×3 conv, 128, /2"),
pooling as smaller boxes, each block's shortcut as an arc beside its layers: solid for the identity,
dotted for a projection, dashed and marked for option A's zero-padding. A line marks every change of
resolution, and each stage is labelled as the paper names it. A stage of more than ``FOLD_OVER``
blocks shows its first two and its last block, and one fold in between that names the blocks it
stands for. Nothing here depends on a family: the table says where the blocks and shortcuts are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import pandas as pd

from tools.i18n import notation, text
from tools.render.drawing import localized_path, svg_root
from tools.introspect import Config, Introspection

FIGURE_DIR = "assets/figure3"


def figure_path(key: str, lang: str) -> str:
    """Below docs/."""
    return localized_path(f"{FIGURE_DIR}/{key}.svg", lang)
FOLD_OVER = 6  # blocks in a stage before the middle ones fold

WEIGHTED = ("Conv2d", "Linear")
POOLS = ("MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d")

# Geometry, in SVG user units (pixels at 100 %).
LEFT = 118  # room for the stage labels
BOX_W, BOX_H, POOL_H, GAP, FOLD_H = 168, 20, 16, 9, 34
ARC = 34  # how far a shortcut arc bulges to the right
TOP = 56
WIDTH = LEFT + BOX_W + ARC + 78

STYLE = """
  .shortcut { stroke-width: 1.3; }
  .shortcut.projection { stroke-dasharray: 2 3; }
  .shortcut.zero-pad { stroke-dasharray: 7 3; }
"""


def layer_label(row: tuple, lang: str = "en") -> str:
    """The paper's box label: "3×3 conv, 64", "3×3 conv, 128, /2", "fc 1000", "3×3 max pool, /2", "avg pool", in
    the notation ``lang`` writes (``notation``).

    A depthwise convolution (a modification's, ``models/variants.py``) reads "3×3 depthwise conv, 64".
    """
    return notation(_paper_label(row), lang)


def _paper_label(row: tuple) -> str:
    width = row.output_shape.split("x")[0]
    stride = f", /{row.stride}" if row.stride not in ("", "1") else ""
    if row.type == "Conv2d":
        kind = "depthwise conv" if is_depthwise(row) else "conv"
        return f"{row.kernel.replace('x', '×')} {kind}, {width}{stride}"
    if row.type == "Linear":
        return f"fc {width}"
    if row.type == "AdaptiveAvgPool2d":
        return "avg pool"
    kind = "max" if row.type == "MaxPool2d" else "avg"
    return f"{row.kernel.replace('x', '×')} {kind} pool{stride}"


def is_depthwise(row: tuple) -> bool:
    """A convolution whose every output reads one input channel: its MACs are its outputs times the kernel area."""
    outputs = math.prod(int(d) for d in row.output_shape.split("x"))
    area = math.prod(int(d) for d in row.kernel.split("x"))
    return int(row.input_shape.split("x")[0]) > 1 and row.macs == outputs * area


def drawn_rows(layers: pd.DataFrame) -> pd.DataFrame:
    """The rows Figure 3 draws: weighted layers and pools on the main path, in forward order."""
    return layers[(layers.path == "main") & layers.type.isin(WEIGHTED + POOLS)]


def shortcut_kinds(layers: pd.DataFrame) -> dict[str, str]:
    """Each block with layers on its shortcut: "projection" when one is a convolution, else "zero-pad" (option A's
    padding and subsampling). A block not listed has an identity shortcut."""
    side = layers[layers.path == "shortcut"]
    projected = set(side.block[side.type == "Conv2d"])
    return {block: "projection" if block in projected else "zero-pad" for block in side.block.unique()}


@dataclass(frozen=True)
class Fold:
    stage: str
    first: str
    last: str
    count: int
    like: str


def _items(rows: pd.DataFrame) -> list[tuple | Fold]:
    """Rows in order, a stage's middle blocks replaced by one fold when it has more than FOLD_OVER."""
    items: list[tuple | Fold] = []
    ordered = list(rows.itertuples(index=False))
    stage_blocks: dict[str, dict[str, None]] = {}  # stage -> its blocks, in order
    for row in ordered:
        if row.block:
            stage_blocks.setdefault(row.stage, {})[row.block] = None
    blocks_of = {stage: list(blocks) for stage, blocks in stage_blocks.items()}
    folded: set[str] = set()
    for row in ordered:
        blocks = blocks_of.get(row.stage, [])
        if row.block and len(blocks) > FOLD_OVER and row.block in blocks[2:-1]:
            if row.block == blocks[2] and row.block not in folded:
                items.append(Fold(row.paper_stage, blocks[2], blocks[-2], len(blocks) - 3, blocks[1]))
            folded.add(row.block)
            continue
        items.append(row)
    return items


def figure_title(cfg: Config) -> str:
    return f"{cfg.entry.title} ({cfg.label()})" if cfg.label() else cfg.entry.title


def render_figure(result: Introspection, title: str, *, lang: str = "en") -> str:
    layers = result.layers
    rows = drawn_rows(layers)
    items = _items(rows)
    parts: list[str] = []
    y = TOP
    size = result.input_size
    parts.append(f'<text class="title" x="{LEFT}" y="18">{escape(title)}</text>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 22}">{escape(text("figure.image", lang, size=size))}</text>')
    block_spans: dict[str, list[float]] = {}  # block -> [top, bottom]
    previous_side, previous_stage = size, None
    for item in items:
        if isinstance(item, Fold):
            parts.append(
                f'<g class="fold note" data-blocks="{item.first}–{item.last}">'
                f'<text x="{LEFT + BOX_W / 2}" y="{y + 13}" text-anchor="middle">'
                f'{escape(text("figure.fold", lang, count=item.count))}</text>'
                f'<text x="{LEFT + BOX_W / 2}" y="{y + 27}" text-anchor="middle">'
                f'{escape(text("figure.fold.blocks", lang, first=item.first, last=item.last, like=item.like))}</text></g>'
            )
            y += FOLD_H + GAP
            continue
        side = _side(item.output_shape)
        if side is not None and side != previous_side:
            parts.append(
                f'<g class="size mark"><line x1="{LEFT - 6}" y1="{y - GAP / 2}" x2="{LEFT + BOX_W + ARC + 8}" '
                f'y2="{y - GAP / 2}"/><text x="{LEFT + BOX_W + ARC + 10}" y="{y - GAP / 2 + 3}">'
                f"{side}×{side}</text></g>"
            )
        if side is not None:
            previous_side = side
        stage = item.paper_stage
        if stage != previous_stage:
            parts.append(f'<text class="stage-label label" x="{LEFT - 10}" y="{y + 14}" text-anchor="end">{escape(notation(stage, lang))}</text>')
            previous_stage = stage
        height = POOL_H if item.type in POOLS else BOX_H
        kind = "pool" if item.type in POOLS else "fc" if item.type == "Linear" else "conv"
        parts.append(
            f'<g class="layer {kind}" data-module="{escape(item.name)}">'
            f'<rect x="{LEFT}" y="{y}" width="{BOX_W}" height="{height}" rx="3"/>'
            f'<text x="{LEFT + BOX_W / 2}" y="{y + height / 2 + 4}" text-anchor="middle">{escape(layer_label(item, lang))}</text></g>'
        )
        if item.block:
            span = block_spans.setdefault(item.block, [y, y + height])
            span[1] = y + height
        y += height + GAP
    kinds = shortcut_kinds(layers)
    for block, (top, bottom) in block_spans.items():
        kind = kinds.get(block, "identity")
        x = LEFT + BOX_W
        start, end = top - GAP / 2, bottom + GAP / 2
        parts.append(
            f'<path class="shortcut {kind}" data-block="{escape(block)}" '
            f'd="M {x} {start} C {x + ARC} {start} {x + ARC} {end} {x} {end}"/>'
        )
        if kind == "zero-pad":
            parts.append(f'<text x="{x + ARC - 2}" y="{(start + end) / 2 + 3}">'
                         f'{escape(text("figure.zero_pad", lang))}</text>')
    edges = f'<line class="edge" x1="{LEFT + BOX_W / 2}" y1="{TOP - 18}" x2="{LEFT + BOX_W / 2}" y2="{y - GAP}"/>'
    legend = (
        f'<text x="10" y="{y + 14}">{escape(text("figure.legend.shortcuts", lang))}</text>'
        f'<text x="10" y="{y + 30}">{escape(text("figure.legend.sizes", lang))}</text>'
    )
    return svg_root(WIDTH, y + 40, title, f"{edges}{''.join(parts)}{legend}", STYLE)


def _side(shape: str) -> int | None:
    parts = shape.split("x")
    return int(parts[1]) if len(parts) == 3 else None
