"""Network diagrams for the families Figure 3 cannot draw: Inception-v3 and the DenseNets, as deterministic SVG.

Four pictures, each built from the layer table, the family's facts and, where neither can say it, the
model's traced forward (``torch.fx``); never from what a module's name spells.

- ``render_inception_network``: the stem's layers, one box per Inception module grouped by grid (each
  naming the figure of Szegedy et al. 2016 it follows and its output C×H×W), the head, and the
  auxiliary classifier beside the module whose output it reads.
- ``render_inception_module``: one module as the paper's Figures 5, 6, 7 and 10 draw it: its input,
  its branches side by side in the order they are concatenated, each branch's layers, the 1×3 and
  3×1 that run side by side on one input (Figure 7), and the filter concatenation. The branches are
  read off the traced forward: the concatenation's inputs, each followed back to the module's input.
  The pools inside branches are function calls (``F.avg_pool2d``, ``F.max_pool2d``), not modules, so
  they have no row in the table; they are drawn dashed, from the call's own arguments.
- ``render_densenet_network``: the stem, one box per dense block (its layers, m → m + kL channels),
  each transition, the head.
- ``render_dense_block``: one dense block as Figure 1 of Huang et al. 2017 draws it: every layer
  with the channels it reads, m + k(l − 1), its convolutions, and a line from every earlier feature
  map into it. A block of more than ``FOLD_OVER`` layers shows its first two and its last layer.

Every number is the table's; the dense block's arithmetic and a module's concatenation are checked
against it while drawing, and a picture that would disagree with the table raises ``NetworkError``.
Every word is the catalog's (``network.*``); layer labels ("3×3 conv, 64, /2") read the same in every
language, as in Figure 3.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd
import torch
import torch.nn.functional as F
from torch import fx, nn

from tools.i18n import notation, text
from tools.introspect import Config, Introspection, build
from tools.introspect.graph import FUNCTIONAL_GLOBAL_POOLS, FUNCTIONAL_WINDOWS
from tools.introspect.records import AUXILIARY
from tools.render.drawing import CLASS, localized_path, svg_root
from tools.render.figure import FOLD_OVER, POOLS, WEIGHTED, layer_label

MAX_WIDTH = 760  # shown at 100 % on a desktop page; a phone scrolls sideways
FONT, TITLE_FONT = 11, 13  # px: nothing is smaller than FONT
LINE = 14  # baseline to baseline, for boxes of several lines
MARGIN = 16

# The network pictures: one column of boxes, group labels on its left, grid sizes on its right.
COLUMN_LEFT, COLUMN_W, BOX_H, GAP = 128, 236, 22, 9  # COLUMN_W the least: a box is as wide as its longest line
SIZES_W, AUX_W = 72, 168  # room for the grid sizes right of the column, and the auxiliary classifier's column
# A module picture: one column per branch, two sub-columns where a split runs side by side.
BRANCH_W, SPLIT_W, SPLIT_GAP, BRANCH_GAP, ROW_GAP = 140, 94, 8, 14, 18
# A dense-block picture: the layers in a column, each feature map's lane on its right.
LAYER_W, LAYER_H, CONV_W, CONV_H, NODE_GAP = 340, 50, 124, 20, 20
LANE, LANE_STEP = 16, 14  # from the layers' right edge to the first feature map's lane, and between lanes

# The drawings' shared theme (tools.render.drawing) and what these pictures add to it, scoped to their class.
RULES = (
    (".pool > rect, .concat > rect", "fill: var(--md-code-bg-color, #f2f2f2);"),
    (".call > rect", "stroke-dasharray: 4 2;"),
    (".fc > rect", "fill: var(--md-accent-fg-color--transparent, #eef3fb);"),
    (".module > rect, .dense-block > rect, .dense-layer > rect", "fill: var(--atlas-tint, #fbf7ee);"),
    (".fold text, .note", "font-style: italic;"),
    (".fold > rect", "stroke-dasharray: 2 3;"),
    (".edge, .link, .lane", "fill: none; stroke: var(--md-default-fg-color--light, #555);"),
    (".dot", "fill: var(--md-default-fg-color--light, #555); stroke: none;"),
    (".aux-edge", "stroke-dasharray: 5 3;"),
    (".size line", "stroke: var(--atlas-mark, #b03a2e); stroke-dasharray: 4 3;"),
    (".size text", "fill: var(--atlas-mark, #b03a2e);"),
    (".group-label", "font-weight: bold;"),
    (".title", f"font-size: {TITLE_FONT}px; font-weight: bold;"),
)
STYLE = "".join(
    "\n  " + ", ".join(f"svg.{CLASS} {selector}" for selector in selectors.split(", ")) + f" {{ {rules} }}"
    for selectors, rules in RULES
) + "\n"


class NetworkError(ValueError):
    """A picture that cannot be drawn honestly from this table; the message says what disagrees."""


# --- What the traced forward says: a module's branches ---------------------------------------------


@dataclass(frozen=True)
class Layer:
    """A module with a row in the layer table: a convolution, a pool module or an fc layer."""

    name: str  # qualified module name, as the table's ``name`` column


@dataclass(frozen=True)
class Call:
    """A pool that forward calls as a function: no module, so no row of the table."""

    function: str  # avg_pool2d, max_pool2d, adaptive_avg_pool2d …
    kind: str  # avg | max
    kernel: int  # 0 for a global pool
    stride: int


@dataclass(frozen=True)
class Split:
    """Branches that read one value side by side and are concatenated (Figure 7's 1×3 beside a 3×1)."""

    parts: tuple[tuple[Layer | Call, ...], ...]


Step = Layer | Call | Split

# The pool functions a forward may call: (the function's name, the kind of pool). F.max_pool2d is a
# dispatcher whose own __name__ is not its name.
_CALLS = {
    F.max_pool2d: ("max_pool2d", "max"), F.avg_pool2d: ("avg_pool2d", "avg"),
    F.adaptive_avg_pool2d: ("adaptive_avg_pool2d", "avg"), F.adaptive_max_pool2d: ("adaptive_max_pool2d", "max"),
}


def _model(cfg: Config) -> nn.Module:
    """The configuration's model (zero weights, built once per picture set): the source of its traced forward.
    Kept per builder: a model registered anew (a test's planted drift) is built and traced anew."""
    return _built(cfg, cfg.entry.builder)


@functools.lru_cache(maxsize=4)
def _built(cfg: Config, builder: object) -> nn.Module:
    return build(cfg)


def _argument(node: fx.Node, position: int, name: str) -> object:
    return node.args[position] if len(node.args) > position else node.kwargs.get(name)


def _side(value: object) -> int:
    return value if isinstance(value, int) else value[0]


def _step(node: fx.Node, modules: dict[str, nn.Module], prefix: str) -> Layer | Call | None:
    """The drawn step a node of the graph is, if any: a weighted layer or pool module, or a pool call."""
    if node.op == "call_module" and type(modules[node.target]).__name__ in WEIGHTED + POOLS:
        return Layer(f"{prefix}.{node.target}")
    if node.op == "call_function" and node.target in FUNCTIONAL_WINDOWS:
        kernel = _side(_argument(node, 1, "kernel_size"))
        stride = _argument(node, 2, "stride") or kernel  # torch's default stride is the kernel size
        return Call(*_CALLS[node.target], kernel, _side(stride))
    if node.op == "call_function" and node.target in FUNCTIONAL_GLOBAL_POOLS:
        return Call(*_CALLS[node.target], 0, 1)
    return None


def _is_cat(node: fx.Node) -> bool:
    return node.op == "call_function" and node.target is torch.cat


def _back(node: fx.Node) -> list[fx.Node]:
    """The node and the values it reads first, back to the module's input."""
    path = [node]
    while path[-1].op != "placeholder":
        path.append(path[-1].args[0] if not _is_cat(path[-1]) else path[-1].args[0][0])
    return path


def _chain(node: fx.Node, stop: fx.Node | None, modules: dict[str, nn.Module], prefix: str) -> tuple[Step, ...]:
    """The steps from ``stop`` (or the module's input) to ``node``, in forward order."""
    steps: list[Step] = []
    while node.op != "placeholder" and node is not stop:
        if _is_cat(node):
            parts = node.args[0]
            behind = [set(_back(part)) for part in parts[1:]]
            common = next(n for n in _back(parts[0]) if all(n in others for others in behind))
            chains = tuple(_chain(part, common, modules, prefix) for part in parts)
            if any(isinstance(step, Split) for chain in chains for step in chain):
                raise NetworkError(f"{prefix}: a split inside a split is not drawn")
            steps.append(Split(chains))
            node = common
            continue
        step = _step(node, modules, prefix)
        if step is not None:
            steps.append(step)
        node = node.args[0]
    return tuple(reversed(steps))


def module_branches(cfg: Config, block: str) -> tuple[tuple[Step, ...], ...]:
    """The branches a module concatenates at its output, in concatenation order, read off its traced forward."""
    return _branches(cfg, cfg.entry.builder, block)


@functools.lru_cache(maxsize=64)
def _branches(cfg: Config, builder: object, block: str) -> tuple[tuple[Step, ...], ...]:
    module = _model(cfg).get_submodule(block)
    graph = fx.Tracer().trace(module)  # the graph alone: nothing is run
    modules = dict(module.named_modules())
    result = next(node for node in graph.nodes if node.op == "output").args[0]
    outputs = result.args[0] if _is_cat(result) else [result]
    return tuple(_chain(output, None, modules, block) for output in outputs)


# --- Table reading ----------------------------------------------------------------------------------


def _channels(shape: str) -> int:
    return int(shape.split("x")[0])


def _grid(shape: str) -> int | None:
    parts = shape.split("x")
    return int(parts[1]) if len(parts) == 3 else None


def _shape(shape: str) -> str:
    return shape.replace("x", "×")


def _after(layers: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """The row that runs right after ``rows``: its input is their output."""
    later = layers[layers["index"] > rows["index"].iloc[-1]]
    if later.empty:
        raise NetworkError(f"nothing runs after {rows.name.iloc[-1]}: its output is not in the table")
    return later.iloc[0]


def _executed(layers: pd.DataFrame) -> pd.DataFrame:
    return layers[layers.section != AUXILIARY]


def _common_module(names: Iterable[str]) -> str:
    """The innermost module holding every one of ``names``."""
    common: list[str] = []
    for parts in zip(*(name.split(".") for name in names), strict=False):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    return ".".join(common)


def _call_label(call: Call, lang: str) -> str:
    """A pool call labelled as Figure 3 labels a pool module: "3×3 avg pool", "3×3 max pool, /2", "avg pool"."""
    if not call.kernel:
        return notation(f"{call.kind} pool", lang)
    stride = f", /{call.stride}" if call.stride != 1 else ""
    return notation(f"{call.kernel}×{call.kernel} {call.kind} pool{stride}", lang)


def _row_label(row: tuple, lang: str) -> str:
    return notation("dropout", lang) if row.type == "Dropout" else layer_label(row, lang)


def _unrun_label(row: tuple, module: nn.Module, lang: str) -> str:
    """A layer that does not run at inference: the table has its kernel and stride, no shapes; the module its width."""
    stride = f", /{row.stride}" if row.stride not in ("", "1") else ""
    if isinstance(module, nn.Conv2d):
        return notation(f"{row.kernel.replace('x', '×')} conv, {module.out_channels}{stride}", lang)
    return f"fc {module.out_features}"


def _kind(row_type: str) -> str:
    return "pool" if row_type in POOLS else "fc" if row_type == "Linear" else "dropout" if row_type == "Dropout" else "conv"


# --- Drawing ----------------------------------------------------------------------------------------


def text_width(words: str, size: int = FONT) -> float:
    """A generous estimate of the drawn width of ``words`` in sans-serif: CJK a full em, ASCII 0.6 em, a space 0.32."""
    return sum(size * (1.0 if ord(c) >= 0x2E80 else 0.32 if c == " " else 0.6 if ord(c) < 0x80 else 0.85) for c in words)


def _n(value: float) -> str:
    return f"{value:g}"


def _text(x: float, y: float, words: str, *, cls: str = "", anchor: str = "") -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' text-anchor="{anchor}"' if anchor else "")
    return f'<text x="{_n(x)}" y="{_n(y)}"{attrs}>{escape(words)}</text>'


def _box(cls: str, module: str, x: float, y: float, w: float, h: float, lines: Sequence[str], *,
         data: dict[str, object] | None = None, inner: str = "", top: float | None = None) -> str:
    """A ``<g class data-module>`` with a rect and its lines of text, centred (or from ``top``, the first baseline)."""
    attrs = "".join(f' data-{key}="{escape(str(value))}"' for key, value in (data or {}).items())
    first = top if top is not None else y + h / 2 + 4 - (len(lines) - 1) * LINE / 2
    words = "".join(_text(x + w / 2, first + i * LINE, line, anchor="middle") for i, line in enumerate(lines))
    return (f'<g class="{cls}" data-module="{escape(module)}"{attrs}>'
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="3"/>{words}{inner}</g>')


def _path(cls: str, d: str, **data: object) -> str:
    attrs = "".join(f' data-{key}="{escape(str(value))}"' for key, value in data.items())
    return f'<path class="{cls}"{attrs} d="{d}"/>'


def _join(upper: Sequence[tuple[float, float]], lower: Sequence[tuple[float, float]], bus: float) -> str:
    """Lines from every upper port down to a bus at ``bus`` and from it down to every lower port."""
    d = [f"M {_n(x)} {_n(y)} V {_n(bus)}" for x, y in upper]
    d += [f"M {_n(x)} {_n(bus)} V {_n(y)}" for x, y in lower]
    xs = [x for x, _ in (*upper, *lower)]
    if max(xs) > min(xs):
        d.append(f"M {_n(min(xs))} {_n(bus)} H {_n(max(xs))}")
    return _path("edge", " ".join(d))


def _notes(y: float, lines: Sequence[str]) -> str:
    return "".join(_text(MARGIN, y + i * LINE, line, cls="note") for i, line in enumerate(lines))


def _svg(width: float, height: float, title: str, body: str) -> str:
    if width > MAX_WIDTH:
        raise NetworkError(f"{title!r} would be {width:.0f} wide, more than {MAX_WIDTH}: shorten the title")
    return svg_root(float(_n(width)), float(_n(height)), title, _text(MARGIN, 20, title, cls="title") + body, STYLE)


def _width(layout: float, title: str, *notes: str) -> float:
    widest = max([text_width(title, TITLE_FONT) * 1.1, *(text_width(note) for note in notes)])
    return math.ceil(max(layout, MARGIN * 2 + widest))


# --- The network pictures: one column ---------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """One box of a network column."""

    kind: str  # its class beside "layer": conv, pool, fc, dropout, module, dense-block, transition
    module: str
    lines: tuple[str, ...]
    side: int | None  # the grid side of its output, None for a vector
    group: str = ""  # the label of the group it begins, on the column's left
    data: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Column:
    svg: list[str]
    width: float  # of its boxes
    bottom: float
    tops: dict[str, tuple[float, float]]  # module -> (top, bottom) of its box


def _column(boxes: Sequence[Box], input_size: int, lang: str) -> Column:
    """The boxes top to bottom, a line where the grid size changes, each group's label on the left."""
    parts = [_text(COLUMN_LEFT, 44, text("figure.image", lang, size=input_size))]
    width = max(COLUMN_W, *(math.ceil(text_width(line)) + 24 for box in boxes for line in box.lines))
    y, previous, spans = 56.0, input_size, {}
    for box in boxes:
        if box.side is not None and box.side != previous:
            line_y = y - GAP / 2
            parts.append(
                f'<g class="size" data-side="{box.side}"><line x1="{_n(COLUMN_LEFT - 6)}" y1="{_n(line_y)}" '
                f'x2="{_n(COLUMN_LEFT + width + 8)}" y2="{_n(line_y)}"/>'
                f"{_text(COLUMN_LEFT + width + 12, line_y + 4, f'{box.side}×{box.side}')}</g>"
            )
            previous = box.side
        if box.group:
            parts.append(_text(COLUMN_LEFT - 10, y + 15, box.group, cls="group-label", anchor="end"))
        height = BOX_H + LINE * (len(box.lines) - 1)
        cls = f"layer {box.kind}" if box.kind in ("conv", "pool", "fc", "dropout") else box.kind
        parts.append(_box(cls, box.module, COLUMN_LEFT, y, width, height, box.lines, data=dict(box.data)))
        spans[box.module] = (y, y + height)
        y += height + GAP
    centre = COLUMN_LEFT + width / 2
    parts.insert(0, f'<line class="edge" x1="{_n(centre)}" y1="48" x2="{_n(centre)}" y2="{_n(y - GAP)}"/>')
    return Column(parts, width, y, spans)


def _inception_boxes(result: Introspection, lang: str) -> list[Box]:
    layers = _executed(result.layers)
    model = _model(result.config)
    boxes = []
    stem = layers[(layers.section == "stem") & layers.type.isin(WEIGHTED + POOLS)]
    for i, row in enumerate(stem.itertuples(index=False)):
        boxes.append(Box(_kind(row.type), row.name, (_row_label(row, lang),), _grid(row.output_shape),
                         text("network.stem", lang) if i == 0 else ""))
    blocks = list(layers.block[layers.block != ""].unique())  # in forward order
    previous_group = None
    for block in blocks:
        rows = layers[layers.block == block]
        out_shape = _after(layers, rows).input_shape
        side, reduces = _grid(out_shape), block in result.facts["grid_reductions"]
        module = model.get_submodule(block)
        group = (reduces, side, type(module))
        label = text("network.grid_reduction", lang) if reduces else text("network.grid_modules", lang, side=side)
        figure = text("network.figure", lang, number=module.figure.removeprefix("Figure "))
        line = text("network.module", lang, name=block, figure=figure, shape=_shape(out_shape))
        boxes.append(Box("module", block, (line,), side, label if group != previous_group else "",
                         (("channels", _channels(out_shape)),)))
        previous_group = group
    head = layers[(layers.section == "head") & layers.type.isin((*WEIGHTED, *POOLS, "Dropout"))]
    for i, row in enumerate(head.itertuples(index=False)):
        boxes.append(Box(_kind(row.type), row.name, (_row_label(row, lang),), _grid(row.output_shape),
                         text("network.head", lang) if i == 0 else ""))
    return boxes


def _auxiliary(result: Introspection, column: Column, lang: str) -> tuple[list[str], float]:
    """The auxiliary classifier's steps in a column of their own, beside the module whose output it reads."""
    layers = result.layers
    aux = layers[layers.section == AUXILIARY]
    # The rows the eval forward never runs: the classifier's, and any of a drawn module that skips a branch
    # (a module built otherwise than the paper's); the classifier is the module no box of the column draws.
    aux = aux[~aux.name.str.split(".").str[0].isin(column.tops)]
    if aux.empty:
        return [], 0.0
    name = _common_module(aux.name)
    reads = result.facts["aux_reads"]
    model = _model(result.config)
    (steps,) = module_branches(result.config, name)
    rows = {row.name: row for row in aux.itertuples(index=False)}
    top, bottom = column.tops[reads]
    y = bottom + 30
    left = COLUMN_LEFT + column.width + SIZES_W
    parts = [
        _path("edge aux-edge", f"M {_n(COLUMN_LEFT + column.width)} {_n((top + bottom) / 2)} H {_n(left + 10)} V {_n(y)}",
              reads=reads),
        _text(left + 18, y - 8, text("network.aux", lang), cls="group-label"),
    ]
    centre = left + AUX_W / 2
    parts.append(f'<line class="edge" x1="{_n(centre)}" y1="{_n(y)}" x2="{_n(centre)}" '
                 f'y2="{_n(y + len(steps) * (BOX_H + GAP) - GAP)}"/>')
    for step in steps:
        if isinstance(step, Layer):
            row = rows[step.name]
            label, cls, data = _unrun_label(row, model.get_submodule(step.name), lang), f"layer {_kind(row.type)}", {}
            module = step.name
        else:
            label, cls, data, module = _call_label(step, lang), "layer pool call", {"call": step.function}, name
        parts.append(_box(cls, module, left, y, AUX_W, BOX_H, (label,), data={"aux": "true", **data}))
        y += BOX_H + GAP
    return parts, y


def render_inception_network(result: Introspection, title: str, *, lang: str = "en") -> str:
    """Inception-v3 top to bottom: stem, modules by grid, head; the auxiliary classifier beside its module."""
    column = _column(_inception_boxes(result, lang), result.input_size, lang)
    aux, aux_bottom = _auxiliary(result, column, lang)
    legend = [text("network.legend.sizes", lang), *([text("network.legend.call", lang)] if aux else [])]
    bottom = max(column.bottom, aux_bottom)
    body = "".join(column.svg + aux) + _notes(bottom + 12, legend)
    aux_w = max(AUX_W, 18 + text_width(text("network.aux", lang)) * 1.1)
    layout = COLUMN_LEFT + column.width + SIZES_W + (aux_w if aux else 0) + MARGIN
    return _svg(_width(layout, title, *legend), bottom + 12 + LINE * len(legend), title, body)


def _densenet_boxes(result: Introspection, lang: str) -> list[Box]:
    layers = _executed(result.layers)
    boxes = []
    segment = layers.section + "|" + layers.stage
    runs = (segment != segment.shift()).cumsum()  # the stem, each dense block, each transition, the head
    blocks = transitions = 0
    for _, rows in layers.groupby(runs, sort=False):
        section, stage = rows.section.iloc[0], rows.stage.iloc[0]
        if stage:
            blocks += 1
            m, out = _channels(rows.input_shape.iloc[0]), _channels(_after(layers, rows).input_shape)
            count = rows.block.nunique()
            line = text("network.dense_block", lang, index=blocks, layers=count, m=m, out=out)
            boxes.append(Box("dense-block", stage, (line,), _grid(rows.output_shape.iloc[-1]),
                             data=(("layers", count), ("in", m), ("out", out))))
        elif section == "transition":
            transitions += 1
            drawn = rows[rows.type.isin(WEIGHTED + POOLS)]
            c_in, c_out = _channels(rows.input_shape.iloc[0]), _channels(rows.output_shape.iloc[-1])
            lines = (text("network.transition", lang, index=transitions, c_in=c_in, c_out=c_out),
                     text("list.semicolon", lang).join(layer_label(row, lang) for row in drawn.itertuples(index=False)))
            boxes.append(Box("transition", _common_module(rows.name), lines, _grid(rows.output_shape.iloc[-1]),
                             data=(("in", c_in), ("out", c_out))))
        else:
            drawn = rows[rows.type.isin(WEIGHTED + POOLS)]
            for i, row in enumerate(drawn.itertuples(index=False)):
                boxes.append(Box(_kind(row.type), row.name, (_row_label(row, lang),), _grid(row.output_shape),
                                 text(f"network.{section}", lang) if i == 0 else ""))
    return boxes


def render_densenet_network(result: Introspection, title: str, *, lang: str = "en") -> str:
    """A DenseNet top to bottom: stem, each dense block and transition as one box, head."""
    column = _column(_densenet_boxes(result, lang), result.input_size, lang)
    legend = text("network.legend.sizes", lang)
    body = "".join(column.svg) + _notes(column.bottom + 12, [legend])
    return _svg(_width(COLUMN_LEFT + column.width + SIZES_W + MARGIN, title, legend), column.bottom + 24, title, body)


# --- One Inception module, as the paper draws it ----------------------------------------------------


def _span(step: Step) -> tuple[int, float]:
    """Rows and width a step takes."""
    if isinstance(step, Split):
        return max(len(part) for part in step.parts), len(step.parts) * (SPLIT_W + SPLIT_GAP) - SPLIT_GAP
    return 1, BRANCH_W


def _branch_width(branch: Sequence[Step], channels: int, rows: dict[str, tuple]) -> int:
    """The channels a branch hands to the concatenation: a pool keeps its input's, a layer sets its own."""
    for step in branch:
        if isinstance(step, Split):
            channels = sum(_branch_width(part, channels, rows) for part in step.parts)
        elif isinstance(step, Layer):
            channels = _channels(rows[step.name].output_shape)
    return channels


def render_inception_module(result: Introspection, block: str, title: str, *, lang: str = "en") -> str:
    """One Inception module: its input, its branches side by side, the filter concatenation of their outputs."""
    layers = _executed(result.layers)
    table = layers[layers.block == block]
    if table.empty:
        modules = ", ".join(layers.block[layers.block != ""].unique())
        raise NetworkError(f"{block!r} is not a module of {result.config.key}: draw one of {modules}")
    rows = {row.name: row for row in table.itertuples(index=False)}
    branches = module_branches(result.config, block)
    drawn = [step.name for branch in branches for step in _flat(branch) if isinstance(step, Layer)]
    expected = [name for name, kind in zip(table.name, table.type, strict=True) if kind in WEIGHTED + POOLS]
    if sorted(drawn) != sorted(expected):
        raise NetworkError(f"{block}: the traced branches hold {drawn}, the table {expected}")
    in_shape, out_shape = table.input_shape.iloc[0], _after(layers, table).input_shape
    widths = [_branch_width(branch, _channels(in_shape), rows) for branch in branches]
    if sum(widths) != _channels(out_shape):
        raise NetworkError(f"{block}: its branches hand {widths} channels to the concatenation, "
                           f"the table shows {_channels(out_shape)} out")

    spans = [[_span(step) for step in branch] for branch in branches]
    depth = max(sum(taken for taken, _ in span) for span in spans)
    columns = [max(w for _, w in span) for span in spans]
    layout = sum(columns) + BRANCH_GAP * (len(columns) - 1)
    calls = any(isinstance(step, Call) for branch in branches for step in _flat(branch))
    legend = [text("network.legend.call", lang)] if calls else []
    concat_lines = (text("network.concat", lang, shape=_shape(out_shape)),
                    text("network.concat.sum", lang, terms=" + ".join(map(str, widths)), total=sum(widths)))
    width = _width(layout + 2 * MARGIN, title, *legend, *concat_lines)
    left = (width - layout) / 2
    centre = width / 2
    input_w = max(200, math.ceil(text_width(text("network.input", lang, shape=_shape(in_shape)))) + 24)
    parts = [_box("input", block, centre - input_w / 2, 34, input_w, BOX_H,
                  (text("network.input", lang, shape=_shape(in_shape)),))]
    rows_top = 34 + BOX_H + 2 * ROW_GAP
    pitch = BOX_H + ROW_GAP
    firsts, lasts = [], []
    x = left
    for index, (branch, span, column_w) in enumerate(zip(branches, spans, columns, strict=True)):

        def steps(branch: Sequence[Step] = branch, span: Sequence[tuple[int, int]] = span, column_w: float = column_w,
                  x: float = x, index: int = index) -> Iterator[tuple[float, Drawn]]:
            row = depth - sum(taken for taken, _ in span)  # bottom-aligned, as the paper draws them
            for step, (step_rows, step_w) in zip(branch, span, strict=True):
                y = rows_top + row * pitch
                yield y, _draw_step(step, block, index, x + (column_w - step_w) / 2, y, pitch, table_rows=rows, lang=lang)
                row += step_rows

        tops, bottoms, svg = _linked(steps())
        parts.extend(svg)
        firsts.extend(tops)
        lasts.extend(bottoms)
        x += column_w + BRANCH_GAP
    parts.append(_join([(centre, 34 + BOX_H)], firsts, 34 + BOX_H + ROW_GAP))
    concat_y = rows_top + (depth - 1) * pitch + BOX_H + 2 * ROW_GAP  # below the last row
    parts.append(_join(lasts, [(centre, concat_y)], concat_y - ROW_GAP))
    concat_w = math.ceil(max(text_width(line) for line in concat_lines)) + 32
    parts.append(_box("concat", block, centre - concat_w / 2, concat_y, concat_w, BOX_H + LINE, concat_lines,
                      data={"channels": sum(widths), "widths": " ".join(map(str, widths))}))
    bottom = concat_y + BOX_H + LINE
    parts.append(_notes(bottom + 18, legend))
    return _svg(width, bottom + 18 + LINE * len(legend) + (6 if legend else 0), title, "".join(parts))


def _flat(branch: Sequence[Step]) -> list[Layer | Call]:
    return [inner for step in branch for inner in (itertools.chain(*step.parts) if isinstance(step, Split) else [step])]


def _draw_step(step: Step, block: str, branch: int, x: float, y: float, pitch: float, *,
               table_rows: dict[str, tuple], lang: str) -> tuple[list[tuple[float, float]], list[tuple[float, float]], list[str]]:
    """A step's boxes, and its ports: where the lines into it arrive and out of it leave."""
    if not isinstance(step, Split):
        return _draw_one(step, block, branch, None, x, y, BRANCH_W, table_rows, lang)
    tops, bottoms, svg = [], [], []
    for part_index, part in enumerate(step.parts):
        part_x = x + part_index * (SPLIT_W + SPLIT_GAP)
        first_y = y + (max(len(p) for p in step.parts) - len(part)) * pitch
        top, bottom, boxes = _linked(
            (first_y + row * pitch, _draw_one(inner, block, branch, part_index, part_x, first_y + row * pitch, SPLIT_W, table_rows, lang))
            for row, inner in enumerate(part))
        tops.extend(top)
        bottoms.extend(bottom)
        svg.extend(boxes)
    return tops, bottoms, svg


# What drawing a step returns: where lines into it arrive, where lines out of it leave, and its SVG.
Drawn = tuple[list[tuple[float, float]], list[tuple[float, float]], list[str]]


def _linked(drawn: Iterable[tuple[float, Drawn]]) -> Drawn:
    """Steps drawn one below another, each given as (its top, what drawing it returned), and each joined to the
    one above it: the first one's entry ports, the last one's exit ports, and all of it as SVG."""
    firsts: list[tuple[float, float]] = []
    ports: list[tuple[float, float]] = []
    svg: list[str] = []
    for y, (tops, bottoms, boxes) in drawn:
        svg.extend(boxes)
        if ports:
            svg.append(_join(ports, tops, y - ROW_GAP / 2))
        else:
            firsts = tops
        ports = bottoms
    return firsts, ports, svg


def _draw_one(step: Layer | Call, block: str, branch: int, part: int | None, x: float, y: float, w: float,
              table_rows: dict[str, tuple], lang: str) -> tuple[list[tuple[float, float]], list[tuple[float, float]], list[str]]:
    data: dict[str, object] = {"branch": branch, **({"part": part} if part is not None else {})}
    if isinstance(step, Layer):
        row = table_rows[step.name]
        box = _box(f"layer {_kind(row.type)}", step.name, x, y, w, BOX_H, (layer_label(row, lang),), data=data)
    else:
        box = _box("layer pool call", block, x, y, w, BOX_H, (_call_label(step, lang),), data={**data, "call": step.function})
    return [(x + w / 2, y)], [(x + w / 2, y + BOX_H)], [box]


# --- One dense block, as Figure 1 of Huang et al. draws it -------------------------------------------


@dataclass(frozen=True)
class DenseLayerRow:
    """One dense layer as the table shows it: l, its name, the channels it reads, its convolutions."""

    number: int  # l, from 1
    name: str
    reads: int
    convs: tuple[tuple, ...]


def dense_layers(layers: pd.DataFrame, stage: str) -> list[DenseLayerRow]:
    """A dense block's layers in order, each with the input channels of its first convolution."""
    convs_of: dict[str, list[tuple]] = {}  # each dense layer, in order: its convolutions
    for row in layers[layers.stage == stage].itertuples(index=False):
        convs = convs_of.setdefault(row.block, [])
        if row.type == "Conv2d":
            convs.append(row)
    return [DenseLayerRow(number, name, _channels(convs[0].input_shape), tuple(convs))
            for number, (name, convs) in enumerate(convs_of.items(), start=1)]


def render_dense_block(result: Introspection, title: str, *, lang: str = "en", number: int = 1) -> str:
    """Dense block ``number`` (1 = the first): every layer reads m + k(l − 1) channels, every earlier map feeds it."""
    layers, facts = _executed(result.layers), result.facts
    stages = list(layers.stage[layers.stage != ""].unique())
    if not 1 <= number <= len(stages):
        raise NetworkError(f"{result.config.key} has dense blocks 1 to {len(stages)}, not {number}")
    stage = stages[number - 1]
    rows = layers[layers.stage == stage]
    found = dense_layers(layers, stage)
    k, m, count = facts["growth_rate"], found[0].reads, len(found)
    for layer in found:
        if layer.reads != m + k * (layer.number - 1):
            raise NetworkError(f"{layer.name} reads {layer.reads} channels in the table, not m + k(l − 1) = "
                               f"{m} + {k}·{layer.number - 1} = {m + k * (layer.number - 1)}")
    out = _channels(_after(layers, rows).input_shape)
    if out != m + k * count:
        raise NetworkError(f"{stage} hands on {out} channels in the table, not m + kL = {m} + {k}·{count}")
    folded = count > FOLD_OVER
    shown = [*found[:2], None, found[-1]] if folded else found  # None: the fold

    if facts["bottleneck_width"]:
        growth = text("network.growth", lang, k=k, factor=facts["bottleneck_factor"], width=facts["bottleneck_width"])
    else:
        growth = text("network.growth.plain", lang, k=k)
    legend = text("network.legend.dense", lang)
    left = MARGIN + 8
    right = left + LAYER_W
    parts = [_text(MARGIN, 40, growth)]
    nodes: list[tuple[str, float, float]] = []  # (id, top, bottom) top to bottom
    y = 54.0
    in_shape = rows.input_shape.iloc[0]
    parts.append(_box("block-input", stage, left, y, LAYER_W, BOX_H, (text("network.block_input", lang, shape=_shape(in_shape)),),
                      data={"channels": m}))
    nodes.append(("0", y, y + BOX_H))
    y += BOX_H + NODE_GAP
    for layer in shown:
        if layer is None:
            first, last = found[2].number, found[-2].number
            line = text("network.dense_fold", lang, first=first, last=last, k=k)
            parts.append(_box("fold", stage, left, y, LAYER_W, 30, (line,), data={"layers": f"{first}–{last}"}))
            nodes.append((f"{first}–{last}", y, y + 30))
            y += 30 + NODE_GAP
            continue
        line = text("network.dense_layer", lang, l=layer.number, m=m, k=k, before=layer.number - 1, channels=layer.reads)
        convs = len(layer.convs)
        conv_left = left + (LAYER_W - convs * CONV_W - (convs - 1) * 24) / 2
        inner = []
        for i, conv in enumerate(layer.convs):
            cx = conv_left + i * (CONV_W + 24)
            inner.append(_box("layer conv", conv.name, cx, y + 22, CONV_W, CONV_H, (layer_label(conv, lang),)))
            if i:
                inner.append(_path("edge", f"M {_n(cx - 24)} {_n(y + 32)} H {_n(cx)}"))
        parts.append(_box("dense-layer", layer.name, left, y, LAYER_W, LAYER_H, (line,), top=y + 15,
                          data={"l": layer.number, "in": layer.reads}, inner="".join(inner)))
        nodes.append((str(layer.number), y, y + LAYER_H))
        y += LAYER_H + NODE_GAP
    out_lines = (text("network.dense_out", lang, m=m, k=k, layers=count, channels=out),)
    parts.append(_box("concat", stage, left, y, LAYER_W, BOX_H, out_lines, data={"channels": out}))
    nodes.append(("out", y, y + BOX_H))
    bottom = y + BOX_H

    # Each feature map runs down a lane of its own, from the node that makes it past every node that reads it;
    # a dot where a node reads it. Lane j is the j-th from the layers: a node's reads cross only lanes it reads.
    links = []
    for source, (source_name, _, source_bottom) in enumerate(nodes[:-1]):
        lane = right + LANE + LANE_STEP * source
        last_top = nodes[-1][1]
        links.append(_path("lane", f"M {_n(right)} {_n(source_bottom - 7)} H {_n(lane)} V {_n(last_top + 9)}",
                           **{"from": source_name}))
        for name, top, _ in nodes[source + 1:]:
            links.append(_path("link", f"M {_n(lane)} {_n(top + 9)} H {_n(right)}", **{"from": source_name, "to": name}))
            links.append(f'<circle class="dot" cx="{_n(lane)}" cy="{_n(top + 9)}" r="2.5"/>')
    reach = right + LANE + LANE_STEP * (len(nodes) - 2)
    parts.insert(0, "".join(links))
    parts.append(_text(MARGIN, bottom + 18, legend, cls="note"))
    width = _width(reach + MARGIN, title, growth, legend)
    return _svg(width, bottom + 30, title, "".join(parts))


# --- Which pictures a model page shows -----------------------------------------------------------------

NETWORK_DIR = "assets/network"


@dataclass(frozen=True)
class Picture:
    """One picture of a configuration: its file name (below NETWORK_DIR) and what it draws."""

    name: str
    kind: str  # "network", "module" (one Inception module type) or "dense_block"
    block: str = ""  # the module drawn, for "module"

    def path(self, lang: str) -> str:
        """Below docs/."""
        return localized_path(f"{NETWORK_DIR}/{self.name}.svg", lang)


def module_types(cfg: Config) -> list[str]:
    """The first module of each module type, in forward order: the blocks whose pictures stand for the others
    (Mixed_5b for Figure 5 …), as the modules' own classes say."""
    firsts: dict[type, str] = {}
    for name, module in _model(cfg).named_children():
        if getattr(module, "figure", None):
            firsts.setdefault(type(module), name)
    return list(firsts.values())


def pictures(cfg: Config) -> list[Picture]:
    """What a configuration of a family without a layer chain is drawn as; nothing for the others."""
    family = cfg.entry.family.name
    if family == "inception":
        modules = [Picture(f"{cfg.key}-{block.lower()}", "module", block) for block in module_types(cfg)] if cfg.is_default else []
        return [Picture(cfg.key, "network"), *modules]
    if family == "densenet":
        return [Picture(cfg.key, "network"), *([Picture(f"{cfg.key}-dense-block", "dense_block")] if cfg.is_default else [])]
    return []


def render_picture(result: Introspection, picture: Picture, title: str, *, lang: str = "en") -> str:
    if picture.kind == "module":
        return render_inception_module(result, picture.block, f"{title}: {picture.block}", lang=lang)
    if picture.kind == "dense_block":
        return render_dense_block(result, text("network.dense_block.title", lang, title=title), lang=lang)
    draw = render_inception_network if result.config.entry.family.name == "inception" else render_densenet_network
    return draw(result, title, lang=lang)
