"""What Keras' models compute, compared with ours on the same weights: logits, not only counts.

For each ``keras.applications`` model (``PEERS`` of ``tools.peers.keras``), a model of ours is built with
seeded weights and BatchNorm statistics that are not the identity (``seeded``). Its state dict is copied
into Keras' model through one explicit mapping per family, from our state-dict names to Keras' layer
names (``MAPPINGS``), with the layout Keras uses: kernels ``(kh, kw, in, out)`` where torch has
``(out, in, kh, kw)``, dense kernels ``(in, out)``, images channels-last, and VGG's first dense layer
reading a channels-last flattening of the 7×7×512 map. Both run the same input in inference mode and
the largest difference of the logits is measured against the largest logit (``TOLERANCE``).

Where Keras' layers differ from ours by design, the difference is accounted for by name, in the copied
values, never by a looser tolerance (``Difference``): Keras' BatchNorm epsilon (1.001e-5 in its
ResNets and DenseNets) is folded into the copied variance; Inception-v3's BatchNorm has no scale in
Keras, so our scale is folded into the variance it divides by; Keras' convolutions in ResNet have
biases, copied as zeros; and Keras' 'same' average pooling in Inception-v3 averages only the pixels
inside the image, which our model is run with for the comparison (``count_include_pad=False``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

import torch
import torch.nn.functional as F
from torch import nn

from tools.introspect import Config, all_configs
from tools.peers.keras import NAMESPACE, PEERS, PeerError, import_keras

# The largest logit difference allowed, as a share of the largest logit (float32 through up to 150 layers;
# what each comparison measured is on the Implementations compared page, as a stated bound).
TOLERANCE = 1e-4
SEED = 0


@dataclass(frozen=True)
class Difference:
    """A way Keras' layers differ from ours by design, and how the comparison accounts for it, in every language."""

    name: str
    how: dict[str, str]


EPSILON = Difference("batchnorm_epsilon", {
    "en": "Keras' BatchNorm epsilon is 1.001e-5 where ours is 1e-5: folded into the copied variance",
    "zh": "Keras 的 BatchNorm `epsilon` 为 1.001e-5，本站为 1e-5：差值并入复制过去的方差",
})
NO_SCALE = Difference("batchnorm_without_scale", {
    "en": "Keras' BatchNorm in Inception-v3 has no scale: ours is folded into the variance it divides by",
    "zh": "Keras 的 Inception-v3 中 BatchNorm 没有缩放：本站的缩放并入它所除的方差",
})
CONV_BIAS = Difference("conv_biases", {
    "en": "Keras' ResNet convolutions have biases, ours none: copied as zeros",
    "zh": "Keras 的 ResNet 卷积带偏置，本站没有：复制为零",
})
POOLED_FLATTEN = Difference("pooled_flatten", {
    "en": "Keras' VGG flattens its last feature map as it is, channels last; ours pools it to 7×7 and flattens "
          "it channels first: our first dense kernel is copied through that pooling, reordered",
    "zh": "Keras 的 VGG 把最后的特征图按原样、通道在后展平；本站先池化到 7×7 再按通道在前展平："
          "本站第一个全连接层的权重经过这一池化、重新排列后复制过去",
})
POOLED_SIDE = 7  # our VGG's adaptive pooling (models/vgg.py)
POOL_PADDING = Difference("average_pool_padding", {
    "en": "Keras' 'same' average pooling leaves the padding out of the mean: ours runs so during the comparison",
    "zh": "Keras 的 `same` 平均池化求平均时不计填充：对比时本站也这样运行",
})
DIFFERENCES = {difference.name: difference for difference in (EPSILON, NO_SCALE, CONV_BIAS, POOLED_FLATTEN, POOL_PADDING)}


@dataclass(frozen=True)
class Comparison:
    """One model of ours and Keras' on the same weights and input."""

    peer: str  # keras.<peer>
    ours: str  # the configuration of ours
    input_size: int
    largest_logit: float
    largest_difference: float
    differences: tuple[str, ...]  # names of the Differences accounted for

    @property
    def relative(self) -> float:
        return self.largest_difference / self.largest_logit

    @property
    def agrees(self) -> bool:
        return self.relative <= TOLERANCE


# --- Our model, seeded ---------------------------------------------------------------------------------


def seeded(model: nn.Module, size: int, seed: int = SEED) -> nn.Module:
    """Weights drawn from a seeded generator (He-scaled kernels, BatchNorm scales and shifts away from the
    identity), then BatchNorm statistics as training would leave them: measured on a few seeded images
    (so that the activations of a deep network stay finite), then moved off by a seeded amount (so that
    a wrong epsilon, statistic or shift shows in the logits). Returned in inference mode."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in model.named_parameters():
            if tensor.dim() > 1:  # kernels and dense weights
                tensor.copy_(_normal(tensor.shape, generator)).mul_((2 / tensor[0].numel()) ** 0.5)
            elif name.endswith("weight"):  # BatchNorm scales
                tensor.copy_(0.5 + torch.rand(tensor.shape, generator=generator))
            else:  # shifts and biases
                tensor.copy_(0.4 * (torch.rand(tensor.shape, generator=generator) - 0.5))
        norms = [module for module in model.modules() if isinstance(module, nn.BatchNorm2d)]
        for norm in norms:
            norm.reset_running_stats()
            norm.momentum = None  # a cumulative average: after one batch, that batch's statistics
        model.train()(torch.randn((2, 3, size, size), generator=generator))
        for norm in norms:
            norm.momentum = 0.1
            spread = norm.running_var.sqrt()
            norm.running_mean += 0.2 * spread * torch.randn(spread.shape, generator=generator)
            norm.running_var *= 0.7 + 0.7 * torch.rand(spread.shape, generator=generator)
    return model.eval()


# A draw repeats after this many values (a prime, so that no row, channel or 7×7 block of a weight lines up
# with it): a weight as large as VGG's first dense layer is drawn at a fraction of the cost.
DRAWN = 1_000_003


def _normal(shape: torch.Size, generator: torch.Generator) -> torch.Tensor:
    count = shape.numel()
    if count <= DRAWN:
        return torch.randn(shape, generator=generator)
    return torch.randn(DRAWN, generator=generator).repeat(count // DRAWN + 1)[:count].reshape(shape)


def seeded_model(cfg: Config, size: int, seed: int = SEED) -> nn.Module:
    """Our model of ``cfg`` in inference mode, every weight and statistic drawn by ``seeded``."""
    with torch.device("meta"):  # shapes only: no time spent on an initialisation drawn over next
        model = cfg.entry.build(**dict(cfg.options), num_classes=cfg.num_classes)
    return seeded(model.to_empty(device="cpu"), size, seed)


def relative_difference(ours: torch.Tensor, theirs: torch.Tensor) -> float:
    """The largest difference of two sets of logits, as a share of our largest logit."""
    return float((ours - theirs).abs().max() / ours.abs().max())


def seeded_input(size: int, seed: int = SEED) -> torch.Tensor:
    """One image four times as bright as those the statistics were measured on: activations pass 6 (a ReLU6
    would clip them), and every layer stays about four times its measured scale."""
    return 4 * torch.randn((1, 3, size, size), generator=torch.Generator().manual_seed(seed + 1))


# --- Copying weights into Keras' layers ------------------------------------------------------------------


def _conv(layer: object, state: dict[str, torch.Tensor], prefix: str) -> None:
    kernel = state[f"{prefix}.weight"].permute(2, 3, 1, 0).numpy()  # (out, in, kh, kw) -> (kh, kw, in, out)
    if layer.use_bias:
        bias = state.get(f"{prefix}.bias", torch.zeros(kernel.shape[-1]))  # CONV_BIAS where ours has none
        layer.set_weights([kernel, bias.numpy()])
    else:
        layer.set_weights([kernel])


def _batchnorm(layer: object, state: dict[str, torch.Tensor], prefix: str, eps: float) -> None:
    """``eps`` is the epsilon our model is meant to have (the reference's, not read off the module)."""
    scale, shift = state[f"{prefix}.weight"], state[f"{prefix}.bias"]
    mean, var = state[f"{prefix}.running_mean"], state[f"{prefix}.running_var"]
    if layer.scale:  # EPSILON: sqrt(var' + eps_keras) = sqrt(var + eps)
        layer.set_weights([v.numpy() for v in (scale, shift, mean, var + eps - layer.epsilon)])
    else:  # NO_SCALE: sqrt(var' + eps_keras) = sqrt(var + eps) / scale
        layer.set_weights([v.numpy() for v in (shift, mean, (var + eps) / scale**2 - layer.epsilon)])


def _dense(layer: object, state: dict[str, torch.Tensor], prefix: str) -> None:
    weight = state[f"{prefix}.weight"]  # (out, in)
    layer.set_weights([weight.t().contiguous().numpy(), state[f"{prefix}.bias"].numpy()])


def _pooled_dense(layer: object, state: dict[str, torch.Tensor], prefix: str) -> None:
    """POOLED_FLATTEN: our first dense layer reads the (C, 7, 7) map our adaptive pooling makes of the
    (C, s, s) feature map, flattened channel-major; Keras' reads the (s, s, C) map itself, flattened
    channels-last. Both are linear in the map: Keras' kernel is ours through the pooling, reordered."""
    weight = state[f"{prefix}.weight"]  # (out, C·7·7)
    side = round((layer.kernel.shape[0] // _last_width(state)) ** 0.5)  # s
    pool = _adaptive_pool_matrix(POOLED_SIDE, side)  # (7, s): how much pooled cell i takes from cell h
    weight = weight.reshape(weight.shape[0], -1, POOLED_SIDE, POOLED_SIDE)  # (out, C, 7, 7)
    out, channels = weight.shape[:2]
    by_column = (weight.reshape(-1, POOLED_SIDE) @ pool).reshape(out, channels, POOLED_SIDE, side)  # (out, C, 7, s)
    by_row = (by_column.transpose(2, 3).reshape(-1, POOLED_SIDE) @ pool).reshape(out, channels, side, side)  # (out, C, w, h)
    folded = by_row.permute(0, 3, 2, 1).reshape(out, -1)  # (out, s·s·C): h, then w, then C, as Keras flattens
    layer.set_weights([folded.t().contiguous().numpy(), state[f"{prefix}.bias"].numpy()])


def _adaptive_pool_matrix(out: int, side: int) -> torch.Tensor:
    """Adaptive average pooling of ``side`` cells to ``out`` as a matrix: cell i averages
    [⌊i·side/out⌋, ⌈(i+1)·side/out⌉), as PyTorch defines it."""
    matrix = torch.zeros(out, side)
    for i in range(out):
        start, end = (i * side) // out, -((-(i + 1) * side) // out)
        matrix[i, start:end] = 1 / (end - start)
    return matrix


def _last_width(state: dict[str, torch.Tensor]) -> int:
    last = max((key for key in state if re.fullmatch(r"features\.\d+\.weight", key) and state[key].dim() == 4),
               key=lambda key: int(key.split(".")[1]))
    return state[last].shape[0]


# --- One mapping per family: (Keras layer name, our state-dict prefix, kind) -----------------------------

Mapping = list[tuple[str, str, str]]


def resnet_mapping(state: dict[str, torch.Tensor]) -> Mapping:
    """Keras' ``conv<stage+1>_block<block+1>_<i>_conv`` is our ``layer<stage>.<block>.conv<i>``; ``_0_`` the projection."""
    pairs = [("conv1_conv", "conv1", "conv"), ("conv1_bn", "bn1", "bn"), ("predictions", "fc", "dense")]
    for key in state:
        found = re.fullmatch(r"layer(\d)\.(\d+)\.(conv(\d)|downsample\.0)\.weight", key)
        if found:
            stage, block = int(found[1]) + 1, int(found[2]) + 1
            i = found[4] or "0"
            ours = key.removesuffix(".weight")
            bn = ours.replace(f"conv{i}", f"bn{i}") if found[4] else ours.replace("downsample.0", "downsample.1")
            pairs += [(f"conv{stage}_block{block}_{i}_conv", ours, "conv"), (f"conv{stage}_block{block}_{i}_bn", bn, "bn")]
    return pairs


def densenet_mapping(state: dict[str, torch.Tensor]) -> Mapping:
    pairs = [("conv1_conv", "features.conv0", "conv"), ("conv1_bn", "features.norm0", "bn"),
             ("bn", "features.norm5", "bn"), ("predictions", "classifier", "dense")]
    for key in state:
        layer = re.fullmatch(r"features\.denseblock(\d)\.denselayer(\d+)\.conv1\.weight", key)
        if layer:
            at, ours = f"conv{int(layer[1]) + 1}_block{layer[2]}", key.removesuffix(".conv1.weight")
            pairs += [(f"{at}_0_bn", f"{ours}.norm1", "bn"), (f"{at}_1_conv", f"{ours}.conv1", "conv"),
                      (f"{at}_1_bn", f"{ours}.norm2", "bn"), (f"{at}_2_conv", f"{ours}.conv2", "conv")]
        transition = re.fullmatch(r"features\.transition(\d)\.conv\.weight", key)
        if transition:
            at, ours = f"pool{int(transition[1]) + 1}", key.removesuffix(".conv.weight")
            pairs += [(f"{at}_bn", f"{ours}.norm", "bn"), (f"{at}_conv", f"{ours}.conv", "conv")]
    return pairs


def vgg_mapping(state: dict[str, torch.Tensor]) -> Mapping:
    """Keras' ``block<s>_conv<j>``: the j-th convolution after the (s−1)-th max-pool. In our ``features`` a
    convolution is followed by its ReLU (and BatchNorm): a wider gap between two convolutions is a max-pool."""
    convs = sorted(int(key.split(".")[1]) for key in state
                   if re.fullmatch(r"features\.\d+\.weight", key) and state[key].dim() == 4)
    step = min(b - a for a, b in zip(convs, convs[1:]))
    pairs, stage, index = [], 1, 0
    for before, position in zip([None, *convs], convs):
        if before is not None and position - before > step:
            stage, index = stage + 1, 0
        index += 1
        pairs.append((f"block{stage}_conv{index}", f"features.{position}", "conv"))
    return pairs + [("fc1", "classifier.0", "pooled_dense"), ("fc2", "classifier.3", "dense"),
                    ("predictions", "classifier.6", "dense")]


def inception_mapping(state: dict[str, torch.Tensor]) -> Mapping:
    """Keras names Inception-v3's layers by creation (``conv2d``, ``conv2d_1`` …), in the order our
    modules are declared (the paper's branches, left to right): the n-th of ours is Keras' n-th."""
    ours = [key.removesuffix(".conv.weight") for key in state if key.endswith(".conv.weight") and "AuxLogits" not in key]
    pairs = [("predictions", "fc", "dense")]
    for n, prefix in enumerate(ours):
        suffix = f"_{n}" if n else ""
        pairs += [(f"conv2d{suffix}", f"{prefix}.conv", "conv"), (f"batch_normalization{suffix}", f"{prefix}.bn", "bn")]
    return pairs


@dataclass(frozen=True)
class Family:
    mapping: Callable[[dict[str, torch.Tensor]], Mapping]
    eps: float  # the BatchNorm epsilon of the reference (PyTorch's default; TensorFlow's 1e-3 in Inception-v3)
    input_size: int  # small enough to be cheap, large enough for every pooling
    differences: tuple[Difference, ...]


FAMILIES = {
    "resnet": Family(resnet_mapping, 1e-5, 64, (EPSILON, CONV_BIAS)),
    "densenet": Family(densenet_mapping, 1e-5, 64, (EPSILON,)),
    "vgg": Family(vgg_mapping, 1e-5, 64, (POOLED_FLATTEN,)),  # a 2×2 map: Keras' fc1 reads 2·2·512 values
    "inception": Family(inception_mapping, 1e-3, 75, (NO_SCALE, POOL_PADDING)),
}


def copy_into(keras_model: object, state: dict[str, torch.Tensor], family: Family) -> int:
    """Every weight of ours into Keras' layers; returns how many Keras layers received weights. Raises if a
    Keras layer with weights was left out, or a name of the mapping is not Keras'."""
    layers = {layer.name: layer for layer in keras_model.layers}
    done = set()
    for name, prefix, kind in family.mapping(state):
        layer = layers[name]
        if kind == "conv":
            _conv(layer, state, prefix)
        elif kind == "bn":
            _batchnorm(layer, state, prefix, family.eps)
        elif kind == "pooled_dense":
            _pooled_dense(layer, state, prefix)
        else:
            _dense(layer, state, prefix)
        done.add(name)
    missed = [layer.name for layer in keras_model.layers if layer.weights and layer.name not in done]
    if missed:
        raise ValueError(f"Keras layers with weights the mapping leaves out: {', '.join(missed[:5])}")
    return len(done)


@contextlib.contextmanager
def keras_average_pooling(differences: tuple[Difference, ...]) -> Iterator[None]:
    """POOL_PADDING: our average pools leave the padding out of the mean while the comparison runs."""
    if POOL_PADDING not in differences:
        yield
        return
    original = F.avg_pool2d

    def excluding_padding(*args: object, **kwargs: object) -> torch.Tensor:
        return original(*args, **{**kwargs, "count_include_pad": False})

    F.avg_pool2d = excluding_padding
    try:
        yield
    finally:
        F.avg_pool2d = original


def compare(keras: ModuleType, application: str, cfg: Config, family_name: str, peer: str) -> Comparison:
    """Our ``cfg`` and ``keras.applications.<application>`` on the same seeded weights and input."""
    family = FAMILIES[family_name]
    size = family.input_size
    ours = seeded_model(cfg, size)
    state = ours.state_dict()
    keras.backend.clear_session(free_memory=False)  # layer names restart: conv2d, conv2d_1 …
    theirs = getattr(keras.applications, application)(
        weights=None, input_shape=(size, size, 3), classifier_activation=None,
    )
    try:
        copy_into(theirs, state, family)
    except (KeyError, ValueError) as error:  # a layer missing on one side, or shaped otherwise
        raise PeerError(
            f"keras.{peer}: our {cfg.key} no longer has the layers of keras.applications.{application}, so their "
            f"weights cannot be copied ({str(error).strip(chr(39))}): a model of ours is built otherwise than the paper's"
        ) from None
    x = seeded_input(size)
    with torch.no_grad():
        with keras_average_pooling(family.differences):
            logits = ours(x)
        keras_logits = torch.as_tensor(theirs(x.permute(0, 2, 3, 1), training=False)).cpu()
    return Comparison(peer, cfg.key, size, float(logits.abs().max()), float((logits - keras_logits).abs().max()),
                      tuple(d.name for d in family.differences))


# How the site states the largest difference: below the first of these that bounds it. Coarse on purpose:
# the last digits of float rounding vary with the machine's kernels and must never change a page.
STATED_BOUNDS = (1e-5, TOLERANCE)


def stated_bound(relative: float) -> float | None:
    """The first of ``STATED_BOUNDS`` above ``relative``; None when none is (the logits disagree)."""
    return next((bound for bound in STATED_BOUNDS if relative < bound), None)


# The peers the check compares, one per family: the mapping is the family's, and the deeper models of a family
# differ from these in how many blocks the same mapping visits. tests/test_equivalence.py compares the others.
CHECKED = ("resnet50", "vgg16", "inception_v3", "densenet121")


def compare_all(names: tuple[str, ...] = CHECKED) -> dict[str, object]:
    """The named ``keras.applications`` peers against our models on the same weights: facts ``keras.<peer>.*``.
    Imports Keras (seconds), so the check runs it in a worker process beside Keras' measurements. Raises ``PeerError`` naming the model
    when the logits disagree: a model of ours that computes something else stops the tools."""
    torch.set_num_threads(1)
    keras = import_keras()
    facts: dict[str, object] = {}
    for peer in [peer for peer in PEERS if peer.name in names]:
        result = compare_peer(keras, peer.name)
        if not result.agrees:
            raise PeerError(
                f"keras.{peer.name}: our {result.ours} and {peer.title} disagree on the same weights: the largest logit "
                f"difference is {result.relative:.1e} of the largest logit (tolerance {TOLERANCE:.0e}); "
                f"a model of ours computes something else: see tests/test_equivalence.py"
            )
        at = f"{NAMESPACE}.{peer.name}."
        facts |= {f"{at}outputs_input": result.input_size, f"{at}logit_difference_below": stated_bound(result.relative),
                  f"{at}logits_agree": result.agrees, f"{at}differences_accounted": list(result.differences)}
    return facts


def compare_peer(keras: ModuleType, name: str) -> Comparison:
    """One ``keras.applications`` peer (``resnet50``) against the configuration of ours it is compared with."""
    peer = next(peer for peer in PEERS if peer.name == name and peer.application)
    cfg = next(cfg for cfg in all_configs() if cfg.key == peer.ours)
    return compare(keras, peer.application, cfg, cfg.entry.family.name, peer.name)


_compared: list[dict[str, object]] = []


def remember(facts: dict[str, object]) -> None:
    _compared[:] = [facts]


def remembered() -> dict[str, object] | None:
    """What this process has compared or read already, if anything."""
    return _compared[0] if _compared else None


def results() -> dict[str, object]:
    """What the worker (or the cache) compared; compared here and now if nobody has."""
    if not _compared:
        remember(compare_all())
    return _compared[0]
