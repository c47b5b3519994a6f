"""Facts read off a model's computation graph (``torch.fx``), not off module names.

The graph is the forward pass as a DAG of operations. Walking it in topological order gives, for
every value, the most weighted layers on any path that produced it (the longest path), and the
receptive field and stride of that value, whatever the branching: residual additions, Inception
branches and DenseNet concatenations all merge paths the same way (the maximum over the inputs).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import torch.nn.functional as F
from torch import fx, nn

WEIGHTED = (nn.Conv2d, nn.Linear)
WINDOWS = (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)
GLOBAL_POOLS = (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)
FUNCTIONAL_WINDOWS = {F.max_pool2d, F.avg_pool2d}
FUNCTIONAL_GLOBAL_POOLS = {F.adaptive_avg_pool2d, F.adaptive_max_pool2d}


class GraphError(ValueError):
    """A model whose forward pass torch.fx cannot trace."""


@dataclass(frozen=True)
class Reach:
    """What one value of the graph has behind it."""

    depth: int = 0  # weighted layers on the longest path from the input
    field: int = 1  # receptive field, in input pixels
    jump: int = 1  # input pixels between two neighbouring positions: the stride so far

    def merge(self, other: Reach) -> Reach:
        return Reach(max(self.depth, other.depth), max(self.field, other.field), max(self.jump, other.jump))

    def window(self, kernel: int, stride: int) -> Reach:
        return Reach(self.depth, self.field + (kernel - 1) * self.jump, self.jump * stride)


@dataclass(frozen=True)
class GraphFacts:
    longest_path: int  # convolutions and fc layers on the longest path from input to output
    receptive_field: int  # of the final feature map (the input of global pooling)
    total_stride: int  # of the final feature map


def _side(value: int | tuple[int, ...]) -> int:
    return value if isinstance(value, int) else value[0]


def _argument(node: fx.Node, position: int, name: str, default: object = None) -> object:
    if len(node.args) > position:
        return node.args[position]
    return node.kwargs.get(name, default)


def _slice_step(node: fx.Node) -> int:
    """x[:, :, ::2, ::2] subsamples by 2 (the option A shortcut); other indexing keeps the stride."""
    index = node.args[1] if len(node.args) > 1 else None
    steps = [part.step for part in index if isinstance(part, slice) and part.step] if isinstance(index, tuple) else []
    return max(steps, default=1)


def analyse(model: nn.Module) -> GraphFacts:
    """Trace ``model`` (in its current mode) and walk its graph once."""
    try:
        graph = fx.Tracer().trace(model)  # the graph alone: no GraphModule is compiled from it
    except Exception as error:  # fx raises many kinds; all mean "cannot trace"
        raise GraphError(f"torch.fx cannot trace {type(model).__name__}: {str(error).splitlines()[0]}") from None
    modules = dict(model.named_modules())
    reach: dict[fx.Node, Reach] = {}
    final: Reach | None = None
    for node in graph.nodes:
        before = [reach[n] for n in node.all_input_nodes if n in reach]
        here = before[0] if before else Reach()
        for other in before[1:]:
            here = here.merge(other)
        module = modules.get(node.target) if node.op == "call_module" else None
        if isinstance(module, GLOBAL_POOLS) or (node.op == "call_function" and node.target in FUNCTIONAL_GLOBAL_POOLS):
            final = final.merge(here) if final else here
        if isinstance(module, WINDOWS):
            here = here.window(_side(module.kernel_size), _side(module.stride))
        elif node.op == "call_function" and node.target in FUNCTIONAL_WINDOWS:
            kernel = _side(_argument(node, 1, "kernel_size"))
            stride = _argument(node, 2, "stride") or kernel  # torch's default stride is the kernel size
            here = here.window(kernel, _side(stride))
        elif node.op == "call_function" and node.target is operator.getitem:
            here = here.window(1, _slice_step(node))
        if isinstance(module, WEIGHTED):
            here = Reach(here.depth + 1, here.field, here.jump)
        reach[node] = here
    output = next(node for node in graph.nodes if node.op == "output")
    end = reach[output.all_input_nodes[0]]
    final = final or end
    return GraphFacts(longest_path=end.depth, receptive_field=final.field, total_stride=final.jump)
