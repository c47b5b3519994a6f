"""Keras' models, built live on the PyTorch backend and measured beside ours, every difference decomposed.

Each ``Peer`` is one Keras model (a ``keras.applications`` model, or the tutorial network of
``models/keras_tutorial.py``) and the configuration of ours it is compared with. ``measure`` builds
it on the meta device (shapes, no memory, no download: ``weights=None``), reads what Keras reports
(``count_params``, trainable and non-trainable weights), counts its multiply-accumulates with
``torch.utils.flop_counter`` around a forward pass, and counts the parameters of each kind of layer
on both models. The difference of the totals is then the sum of one term per kind, each computed
from the two models; a kind nobody accounts for stops the tools (``PeerError``).

Keras runs on PyTorch: ``import_keras`` sets ``KERAS_BACKEND=torch`` itself and refuses any other
backend, in one line that names the fix.
"""

from __future__ import annotations

import gc
import importlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from types import ModuleType

import torch

from tools.observation import Observation
from tools.introspect.tensors import PARAM_KINDS
from tools.i18n import DECLARED_IN, in_language

NAMESPACE = "keras"
INSTALL = "run `make test` or `.venv/bin/pip install -r requirements.txt` (it pins keras)"


class PeerError(ValueError):
    """Keras cannot be used here, or a difference is not accounted for; the message names the fix."""


def import_keras() -> ModuleType:
    """Keras on the PyTorch backend. The tools choose the backend, before Keras' first import."""
    os.environ["KERAS_BACKEND"] = "torch"
    try:
        keras = importlib.import_module("keras")
    except ImportError as error:
        raise PeerError(f"Keras cannot be imported ({error}): {INSTALL}") from None
    backend = keras.backend.backend()
    if backend != "torch":
        raise PeerError(
            f"Keras runs on the {backend!r} backend, not 'torch': it was imported before the tools could "
            "choose; run the tools in a fresh interpreter (python -m tools …) so that they set KERAS_BACKEND=torch"
        )
    return keras


def keras_version() -> str:
    try:
        return metadata.version("keras")
    except metadata.PackageNotFoundError:
        raise PeerError(f"Keras is not installed: {INSTALL}") from None


@contextmanager
def on_meta(keras: ModuleType) -> Iterator[None]:
    """Build and run Keras models on the meta device: real shapes and operations, no values, no memory.

    As in our own walk (``tools.introspect.walk.shapes_only``), BatchNormalization and Activation
    layers, which keep their input's shape, return it unchanged meanwhile: on the meta device their
    arithmetic runs through slow Python decompositions and computes nothing. Their weights are
    created as usual (they are counted), and no multiply-accumulate of a convolution or dense layer
    is skipped.
    """
    from keras.src.backend.torch.core import device_scope  # lazy for start-up: Keras loads only in its worker

    kept = {layer: layer.call for layer in (keras.layers.BatchNormalization, keras.layers.Activation)}
    for layer in kept:
        layer.call = _unchanged
    keras.backend.clear_session(free_memory=False)  # names restart (conv2d, conv2d_1, …): deterministic per model
    try:
        with device_scope("meta"):
            yield
    finally:
        for layer, call in kept.items():
            layer.call = call


def _unchanged(self: object, inputs: object, *args: object, **kwargs: object) -> object:
    return inputs


# --- What is compared ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Peer:
    name: str  # the fact namespace keras.<name>
    title: str  # as readers know it: "keras.applications.ResNet50"
    ours: str  # the configuration of ours it is compared with (same stride placement, same head)
    stage_end: str  # Keras layer names that may end a stage; the last of each map size ends it
    build: Callable[[ModuleType], object]
    application: str | None = None  # its keras.applications name; None for the tutorial's network


def _application(name: str, application: str, ours: str, stage_end: str) -> Peer:
    """A ``keras.applications`` model, built with ``weights=None``: nothing is downloaded."""
    return Peer(name, f"keras.applications.{application}", ours, stage_end,
                lambda keras: getattr(keras.applications, application)(weights=None), application)


def _build_tutorial(keras: ModuleType) -> object:
    from models.keras_tutorial import tutorial_resnet  # lazy for start-up: it imports Keras

    return tutorial_resnet(projection_where_shape_changes=True)


PEERS = [
    _application("resnet50", "ResNet50", "resnet50-v1", r"conv\d_block\d+_out"),
    _application("resnet101", "ResNet101", "resnet101-v1", r"conv\d_block\d+_out"),
    _application("resnet152", "ResNet152", "resnet152-v1", r"conv\d_block\d+_out"),
    _application("vgg16", "VGG16", "vgg16", r"block\d_pool"),
    _application("vgg19", "VGG19", "vgg19", r"block\d_pool"),
    _application("inception_v3", "InceptionV3", "inception_v3-no-aux", r"mixed\d+"),
    _application("densenet121", "DenseNet121", "densenet121", r"conv\d_block\d+_concat"),
    _application("densenet169", "DenseNet169", "densenet169", r"conv\d_block\d+_concat"),
    _application("densenet201", "DenseNet201", "densenet201", r"conv\d_block\d+_concat"),
    # The tutorial's network once each shape change has its projection: the version that builds.
    Peer("tutorial_resnet", "the tutorial's residual_block network, projected (models/keras_tutorial.py)", "resnet18",
         r"add(?:_\d+)?", _build_tutorial),
]


# How a page in another language names a peer that is not a keras.applications model: {peer: {language: words}}.
TITLES = {"tutorial_resnet": {"zh": "教程中的 `residual_block` 网络，加上投影（`models/keras_tutorial.py`）"}}


def peer_title(peer: Peer, lang: str) -> str:
    """A peer as a page in ``lang`` names it: a ``keras.applications`` model by its name, as code; the tutorial's
    network in the page's words."""
    if peer.application:
        return f"`{peer.title}`"
    return in_language({DECLARED_IN: peer.title, **TITLES.get(peer.name, {})}, lang, f"Keras peer {peer.name!r}", "tools/peers/keras.py")


def peer_of(fact: str) -> Peer | None:
    """The peer a full fact name belongs to (``keras.resnet50.macs``), or None."""
    namespace, _, rest = fact.partition(".")
    if namespace != NAMESPACE:
        return None
    return next((peer for peer in PEERS if rest.startswith(peer.name + ".")), None)


# --- Parameters by kind -------------------------------------------------------------------------------
# The kinds, in the order the decomposition shows them. BatchNorm's running (moving) mean and variance
# are buffers in PyTorch, outside `parameters()`; Keras keeps them as non-trainable weights and counts them.
# Our side is the core fact ``params_by_kind`` of the configuration compared (``tools.facts.core``).
KINDS = PARAM_KINDS
KEPT_AS_PARAMS = {"conv_weights", "conv_biases", "bn_scales", "bn_shifts", "fc_params"}  # in ours' params

KERAS_KINDS = {  # (layer class, weight name) -> kind
    ("Conv2D", "kernel"): "conv_weights", ("Conv2D", "bias"): "conv_biases",
    ("BatchNormalization", "gamma"): "bn_scales", ("BatchNormalization", "beta"): "bn_shifts",
    ("BatchNormalization", "moving_mean"): "bn_running_stats", ("BatchNormalization", "moving_variance"): "bn_running_stats",
    ("Dense", "kernel"): "fc_params", ("Dense", "bias"): "fc_params",
}


def keras_kinds(model: object) -> Counter:
    counts: Counter = Counter({kind: 0 for kind in KINDS})
    for layer in model.layers:
        for weight in layer.weights:
            short = weight.path.rsplit("/", 1)[-1]
            kind = KERAS_KINDS.get((type(layer).__name__, short))
            if kind is None:
                raise PeerError(f"Keras layer {layer.name} ({type(layer).__name__}) has a weight {short!r} of no known kind; "
                                "add it to KERAS_KINDS in tools/peers/keras.py")
            counts[kind] += _size(weight.shape)
    return counts


def _size(shape: tuple) -> int:
    size = 1
    for dim in shape:
        size *= int(dim)
    return size


# --- Measuring one peer ------------------------------------------------------------------------------


def measure(keras: ModuleType, peer: Peer) -> dict[str, object]:
    """The peer's facts (short names), measured on the Keras model and on ours."""
    from torch.utils.flop_counter import FlopCounterMode  # lazy for start-up: only the Keras worker counts

    with on_meta(keras):
        model = peer.build(keras)
        shape = tuple(int(d) for d in model.input_shape[1:])
        with FlopCounterMode(display=False) as counter, torch.no_grad():
            model(torch.zeros((1, *shape), device="meta"))
    trainable = sum(_size(w.shape) for w in model.trainable_weights)
    total = int(model.count_params())
    theirs = keras_kinds(model)
    if sum(theirs.values()) != total:
        raise PeerError(f"keras.{peer.name}: the kinds sum to {sum(theirs.values()):,}, Keras counts {total:,}")
    facts: dict[str, object] = {
        "compared_with": peer.ours,
        "keras_params": total,
        "keras_trainable_params": trainable,
        "keras_non_trainable_params": total - trainable,
        "macs": counter.get_total_flops() // 2,  # the counter counts a multiply-accumulate as 2 FLOPs
        "input_shape": "×".join(str(d) for d in shape),
        "additions": sum(type(layer).__name__ == "Add" for layer in model.layers),
        "keras_layers": len(model.layers),
        "keras_param_layers": sum(bool(layer.weights) for layer in model.layers),
        "strided_convs": [f"{layer.name} ({'×'.join(str(k) for k in layer.kernel_size)})" for layer in model.layers
                          if type(layer).__name__ == "Conv2D" and max(layer.strides) > 1],
        **_stages(model, peer.stage_end),
    }
    for kind in KINDS:
        facts[kind] = theirs[kind]
    placement = _placement(model)
    if placement:
        facts["stride_placement"] = placement
    return facts


def _stages(model: object, pattern: str) -> dict[str, object]:
    """The stage ends: of the layers named like ``pattern``, the last one at each feature-map size."""
    ends: list[object] = []
    for layer in model.layers:
        if re.fullmatch(pattern, layer.name):
            size = tuple(layer.output.shape[1:3])
            if ends and tuple(ends[-1].output.shape[1:3]) == size:
                ends[-1] = layer
            else:
                ends.append(layer)
    return {
        "stage_end_layers": [layer.name for layer in ends],
        "keras_stage_outputs": ["×".join(str(d) for d in layer.output.shape[1:]) for layer in ends],
    }


def _placement(model: object) -> str | None:
    """For a bottleneck ResNet (main-path convolutions named ``…_block<i>_<1|2|3>_conv``, as in
    ``keras.applications``): v1 when a block's strided convolution is its first 1×1, v1.5 when it is the 3×3."""
    kernels = {layer.kernel_size for layer in model.layers
               if type(layer).__name__ == "Conv2D" and max(layer.strides) > 1 and re.search(r"_block\d+_[1-3]_conv$", layer.name)}
    if not kernels:
        return None
    return {frozenset({(1, 1)}): "v1", frozenset({(3, 3)}): "v1.5"}.get(frozenset(kernels), "mixed")


# --- The tutorial's network, run as the tutorials run it ---------------------------------------------

EXPERIMENT_CODE = {
    "keras_tutorial_resnet": "tutorial_resnet(projection_where_shape_changes=False).summary()",
    "keras_tutorial_resnet_projected": "tutorial_resnet(projection_where_shape_changes=True).summary()",
}


def observe(keras: ModuleType, name: str) -> Observation:
    """Build the tutorial's network and print its summary, as its readers would; Keras' own words either way."""
    from models.keras_tutorial import tutorial_resnet  # lazy for start-up: it imports Keras

    code = EXPERIMENT_CODE[name]
    lines: list[str] = []
    try:
        with on_meta(keras):
            model = tutorial_resnet(projection_where_shape_changes=name.endswith("_projected"))
            model.summary(print_fn=lambda text, **_: lines.extend(text.splitlines()))
    except ValueError as error:
        return Observation(code, "raises", f"ValueError: {_first_sentence(str(error))}")
    total = next(line for line in lines if line.strip().startswith("Total params"))
    return Observation(code, "runs", " ".join(total.split()), shows="summary")


def _first_sentence(message: str) -> str:
    """Keras' message without the call-site context it appends after a blank line."""
    return " ".join(message.strip().split("\n\n", 1)[0].split())


# --- Everything, once per process (or once per cache entry) -----------------------------------------


@dataclass(frozen=True)
class PeerResults:
    version: str
    facts: dict[str, object]  # full names: keras.<peer>.<fact>
    observations: dict[str, Observation]


def measure_all() -> PeerResults:
    """Every peer and every experiment; imports Keras (seconds), so the check runs it in a worker process."""
    torch.set_num_threads(1)
    keras = import_keras()
    facts: dict[str, object] = {}
    gc.disable()  # building a Keras model makes many objects and no garbage worth collecting meanwhile
    try:
        for peer in PEERS:
            for name, value in measure(keras, peer).items():
                facts[f"{NAMESPACE}.{peer.name}.{name}"] = value
        observations = {name: observe(keras, name) for name in EXPERIMENT_CODE}
    finally:
        gc.enable()
    return PeerResults(keras_version(), facts, observations)


_results: list[PeerResults] = []


def remember(results: PeerResults) -> None:
    _results[:] = [results]


def remembered() -> PeerResults | None:
    """What this process has measured or read already, if anything (like the introspections kept in memory)."""
    return _results[0] if _results else None


def results() -> PeerResults:
    """What the worker (or the cache) measured; measured here and now if nobody has."""
    if not _results:
        remember(measure_all())
    return _results[0]


# --- The facts, documented, and the decomposition the check re-derives ------------------------------

_KIND_WORDS = {
    "conv_weights": "convolution kernels",
    "conv_biases": "convolution biases",
    "bn_scales": "BatchNorm scales (gamma)",
    "bn_shifts": "BatchNorm shifts (beta)",
    "bn_running_stats": "BatchNorm moving mean and variance",
    "fc_params": "fully connected weights and biases",
}
FACT_DOCS: dict[str, tuple[str, str]] = {
    "compared_with": ("", "our configuration the Keras model is compared with (same stride placement and head)"),
    "keras_params": ("values", "total parameters as Keras reports them (count_params): trainable plus non-trainable"),
    "keras_trainable_params": ("values", "trainable parameters as Keras reports them"),
    "keras_non_trainable_params": ("values", "non-trainable parameters as Keras reports them: BatchNorm moving statistics"),
    "input_shape": ("H×W×C", "the input the Keras model is built for (channels last)"),
    "additions": ("layers", "Add layers in the Keras model: one per residual block"),
    "keras_layers": ("layers", "len(model.layers): every Keras layer, input, padding, activation, pooling and addition included"),
    "keras_param_layers": ("layers", "Keras layers that hold weights: the rows of its summary with a parameter count"),
    "strided_convs": ("", "Keras convolutions with stride 2, with their kernel"),
    "stage_end_layers": ("", "the Keras layer that ends each stage (the last at its feature-map size)"),
    "keras_stage_outputs": ("H×W×C", "output shape of every stage of the Keras model (channels last)"),
    "stride_placement": ("", "v1 (stride on a block's first 1×1) or v1.5 (on its 3×3), read off the Keras model"),
    "params_difference": ("values", "Keras' total minus our params"),
    "macs_difference": ("MACs", "Keras' MACs minus ours (the compared configuration)"),
    "outputs_input": ("pixels", "side of the image both models ran on, with the same seeded weights, when their logits were compared"),
    "logit_difference_below": ("", "the largest difference of the two models' logits, as a share of the largest logit, "
                                   "is below this power of ten"),
    "logits_agree": ("", "the logits agree within the stated tolerance (tools/peers/outputs.py), every design difference accounted for by name"),
    "differences_accounted": ("", "the ways Keras' layers differ from ours by design, each accounted for in the copied weights"),
    **{kind: ("values", f"{words}, counted on the Keras model") for kind, words in _KIND_WORDS.items()},
    **{f"ours_{kind}": ("values", f"{words}, counted on our model") for kind, words in _KIND_WORDS.items()},
    **{f"{kind}_term": ("values", f"{words}: what they add to the difference of the totals (Keras minus ours"
                                  + (", which counts none of them as parameters)" if kind not in KEPT_AS_PARAMS else ")"))
       for kind, words in _KIND_WORDS.items()},
}
LABELS = {
    "keras_params": "Keras total", "keras_trainable_params": "Keras trainable", "keras_non_trainable_params":
    "Keras non-trainable", "params_difference": "Difference in parameters", "macs_difference": "Difference in MACs",
    "outputs_input": "Input side for the outputs", "logit_difference_below": "Largest logit difference below",
    "logits_agree": "Logits agree", "differences_accounted": "Differences accounted for",
    **{f"{kind}_term": words[0].upper() + words[1:] for kind, words in _KIND_WORDS.items()},
}


# The words of Keras' facts (the cards of the Chinese site explain them), in the languages other than English: {fact: {language: (label, meaning)}}.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "compared_with": {"zh": ("对比的配置", "与该 Keras 模型对比的本站配置（步幅位置与分类头相同）")},
    "keras_params": {"zh": ("Keras 总参数量", "Keras 报告的参数总数（count_params）：可训练加不可训练")},
    "keras_trainable_params": {"zh": ("Keras 可训练参数", "Keras 报告的可训练参数量")},
    "keras_non_trainable_params": {"zh": ("Keras 不可训练参数", "Keras 报告的不可训练参数量：批归一化的滑动统计量")},
    "input_shape": {"zh": ("输入形状", "该 Keras 模型的输入（通道在后）")},
    "additions": {"zh": ("加法层", "Keras 模型中的 Add 层：每个残差块一个")},
    "keras_layers": {"zh": ("Keras 层数", "len(model.layers)：Keras 的全部层，包括输入、填充、激活、池化与加法层")},
    "keras_param_layers": {"zh": ("Keras 带权重的层", "持有权重的 Keras 层：模型摘要中参数量不为零的行")},
    "strided_convs": {"zh": ("步幅为 2 的卷积", "Keras 中步幅为 2 的卷积及其卷积核")},
    "stage_end_layers": {"zh": ("结束各阶段的层", "结束每个阶段的 Keras 层（该特征图尺寸上的最后一层）")},
    "keras_stage_outputs": {"zh": ("Keras 各阶段输出", "Keras 模型每个阶段的输出形状（通道在后）")},
    "stride_placement": {"zh": ("步幅位置", "v1（步幅在块的第一个 1×1 卷积上）或 v1.5（在 3×3 上），在 Keras 模型上读出")},
    "params_difference": {"zh": ("参数量差值", "Keras 总数减去本站的参数量")},
    "macs_difference": {"zh": ("MACs 差值", "Keras 的 MACs 减去本站（对比的配置）的 MACs")},
    "outputs_input": {"zh": ("对比输出时的输入边长", "两个模型载入同一组带种子的权重、比较 logits 时所用图像的边长")},
    "logit_difference_below": {"zh": ("logits 最大差值低于", "两个模型 logits 的最大差值占最大 logit 的比例低于这个 10 的幂")},
    "logits_agree": {"zh": ("logits 一致", "logits 在声明的容差内一致（tools/peers/outputs.py），每处设计上的差异都按名称计入")},
    "differences_accounted": {"zh": ("已计入的差异", "Keras 的层在设计上与本站不同之处，每一处都在复制权重时计入")},
    "conv_weights": {"zh": ("卷积核", "卷积核，在 Keras 模型上计数")},
    "ours_conv_weights": {"zh": ("本站卷积核", "卷积核，在本站模型上计数")},
    "conv_weights_term": {"zh": ("卷积核", "卷积核：对两者总数之差的贡献（Keras 减去本站）")},
    "conv_biases": {"zh": ("卷积偏置", "卷积偏置，在 Keras 模型上计数")},
    "ours_conv_biases": {"zh": ("本站卷积偏置", "卷积偏置，在本站模型上计数")},
    "conv_biases_term": {"zh": ("卷积偏置", "卷积偏置：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_scales": {"zh": ("批归一化缩放（γ）", "批归一化缩放（γ），在 Keras 模型上计数")},
    "ours_bn_scales": {"zh": ("本站批归一化缩放（γ）", "批归一化缩放（γ），在本站模型上计数")},
    "bn_scales_term": {"zh": ("批归一化缩放（γ）", "批归一化缩放（γ）：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_shifts": {"zh": ("批归一化平移（β）", "批归一化平移（β），在 Keras 模型上计数")},
    "ours_bn_shifts": {"zh": ("本站批归一化平移（β）", "批归一化平移（β），在本站模型上计数")},
    "bn_shifts_term": {"zh": ("批归一化平移（β）", "批归一化平移（β）：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_running_stats": {"zh": ("批归一化滑动均值与方差", "批归一化滑动均值与方差，在 Keras 模型上计数")},
    "ours_bn_running_stats": {"zh": ("本站批归一化滑动均值与方差", "批归一化滑动均值与方差，在本站模型上计数")},
    "bn_running_stats_term": {"zh": ("批归一化滑动均值与方差", "批归一化滑动均值与方差：对两者总数之差的贡献（Keras 减去本站）")},
    "fc_params": {"zh": ("全连接层权重与偏置", "全连接层权重与偏置，在 Keras 模型上计数")},
    "ours_fc_params": {"zh": ("本站全连接层权重与偏置", "全连接层权重与偏置，在本站模型上计数")},
    "fc_params_term": {"zh": ("全连接层权重与偏置", "全连接层权重与偏置：对两者总数之差的贡献（Keras 减去本站）")},
}


def words(name: str) -> dict[str, tuple[str, str]]:
    """A Keras fact's (label, meaning) in every language: English from ``LABELS`` and ``FACT_DOCS``."""
    english = (LABELS.get(name, name.replace("_", " ").capitalize()), FACT_DOCS[name][1])
    return {DECLARED_IN: english, **WORDS.get(name, {})}


def fact_words(name: str, lang: str) -> tuple[str, str]:
    """A Keras fact's label and meaning in ``lang`` (``keras_params`` -> "Keras total")."""
    return in_language(words(name), lang, f"Keras fact {name!r}", "tools/peers/keras.py")


def derived(facts: dict[str, object]) -> dict[str, object]:
    """The differences of the totals, each asserted equal to the sum of its terms."""
    found: dict[str, object] = {}
    for peer in PEERS:
        at = f"{NAMESPACE}.{peer.name}."
        ours = facts[f"{peer.ours}.params"]
        mine = facts[f"{peer.ours}.params_by_kind"]
        kept = sum(mine[kind] for kind in KEPT_AS_PARAMS)
        if kept != ours:
            raise PeerError(f"{peer.ours}: its parameters by kind sum to {kept:,}, not to its params {ours:,}")
        for kind in KINDS:
            found[f"{at}ours_{kind}"] = mine[kind]
            found[f"{at}{kind}_term"] = facts[f"{at}{kind}"] - (mine[kind] if kind in KEPT_AS_PARAMS else 0)
        difference = facts[f"{at}keras_params"] - ours
        terms = sum(found[f"{at}{kind}_term"] for kind in KINDS)
        if terms != difference:
            raise PeerError(f"keras.{peer.name}: the terms sum to {terms:,} but Keras' total minus ours is {difference:,}")
        found[f"{at}params_difference"] = difference
        found[f"{at}macs_difference"] = facts[f"{at}macs"] - facts[f"{peer.ours}.macs"]
    return found
