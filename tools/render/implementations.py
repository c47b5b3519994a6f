"""The "Implementations compared" page: our models beside Keras', every difference accounted for.

Every number is a fact of ``tools.peers.keras`` (measured on the Keras model, live) or of our
models, bound so that the check recomputes it; the decomposition's terms are asserted to sum to
the difference before anything is rendered (``keras.derived``).
"""

from __future__ import annotations

import models
from tools import generated, units
from tools.facts import all_facts
from tools.introspect import all_configs
from tools.peers import keras
from tools.published import source_of
from tools.render.markdown import bound, table

PAGE_PATH = "docs/implementations.md"
TUTORIAL = "tutorial_resnet"

# Why a kind of parameter differs, in words; only the kinds that differ for some pair are explained.
WHY = {
    "conv_biases_term": "Keras builds these convolutions with `use_bias=True` (its default); ours have no bias, "
                        "because the BatchNorm right after each convolution adds its own shift.",
    "bn_running_stats_term": "Keras keeps BatchNorm's moving mean and variance as non-trainable weights and counts "
                            "them; PyTorch keeps them as buffers, outside `parameters()`.",
    "bn_scales_term": "Keras builds these BatchNorm layers with `scale=False`: no gamma. Ours learn one per channel.",
    "bn_shifts_term": "The BatchNorm layers differ in their shift (beta).",
    "conv_weights_term": "The convolutions themselves differ: different layers, not only different bookkeeping.",
    "fc_params_term": "The fully connected layers differ.",
}
KIND_ROWS = [(kind, keras.LABELS[f"{kind}_term"]) for kind in keras.KINDS]


def render_implementations() -> str:
    facts = all_facts()
    peers = [peer for peer in keras.PEERS if peer.name != TUTORIAL]
    return generated.markdown("\n\n".join([
        "# Implementations compared",
        f"Keras {keras.results().version} builds its models live here, on the PyTorch backend, with `weights=None` "
        "(nothing is downloaded), and every number on this page is measured on them by `python -m tools check`, "
        "beside ours. Two implementations of the same network rarely report the same parameter count. The "
        "difference is never a mystery: each is split below into terms, one per kind of weight, each computed "
        "from the two models, and their sum is checked to equal the difference exactly.",
        "How Keras counts: `model.count_params()` and `model.summary()` report trainable **and** non-trainable "
        "weights. BatchNorm's moving mean and variance are non-trainable weights in Keras and buffers in PyTorch, "
        "so Keras' total includes them and ours does not. MACs are counted on both sides as defined on "
        "[Facts and units](reference/facts.md): on Keras' side by `torch.utils.flop_counter` around a forward "
        f"pass (its FLOPs ÷ {units.FLOPS_PER_MAC}), on ours from the layer table.",
        "## Every model, every implementation",
        _overview(facts, peers),
        "## Where each difference comes from",
        *[_pair_section(facts, peer) for peer in peers],
        f"## A tutorial's Keras ResNet, run {{#keras-{TUTORIAL}}}",
        _tutorial_section(facts),
    ]))


def _ours(key: str) -> str:
    cfg = next(cfg for cfg in all_configs() if cfg.key == key)
    options = f" ({cfg.label()})" if cfg.label() else ""
    return f"ours, [{cfg.entry.title}](models/{cfg.name}.md){options}"


def _overview(facts: dict[str, object], peers: list[keras.Peer]) -> str:
    rows = []
    for peer in peers:
        at = f"{keras.NAMESPACE}.{peer.name}."
        ours = facts[f"{at}compared_with"]
        name = ours.split("-", 1)[0]
        title = models.get_entry(name).title
        keys = [ours] + [cfg.key for cfg in all_configs() if cfg.name == name and cfg.is_default and cfg.key != ours
                         and "variant" in cfg.entry.options]
        for key in keys:
            rows.append([title, _ours(key), bound(facts, f"{key}.params"), "no: buffers",
                         bound(facts, f"{key}.macs"), _placement(facts, key)])
        rows.append([title, f"[Keras `{peer.title.rsplit('.', 1)[-1]}`](#keras-{peer.name})",
                     bound(facts, f"{at}keras_params"), bound(facts, f"{at}keras_non_trainable_params"),
                     bound(facts, f"{at}macs"), bound(facts, f"{at}stride_placement") if f"{at}stride_placement" in facts else "—"])
        cited = f"torchvision.{name}.params"
        if cited in facts:
            rows.append([title, "torchvision (cited)", bound(facts, cited), "no: buffers", "—", "—"])
    note = ("BatchNorm statistics: how many moving means and variances the reported total includes. Stride placement "
            "applies to the bottleneck ResNets ([v1 or v1.5](concepts/stride-placement.md)). torchvision's counts are "
            f"cited: {source_of('torchvision.resnet50.params')}.")
    return table(["model", "implementation", "parameters reported", "BatchNorm statistics in it", units.MACS,
                  "stride placement"], rows) + "\n\n" + note


def _placement(facts: dict[str, object], key: str) -> str:
    variant = dict(next(cfg for cfg in all_configs() if cfg.key == key).options).get("variant")
    return variant or "—"


def _pair_section(facts: dict[str, object], peer: keras.Peer) -> str:
    at = f"{keras.NAMESPACE}.{peer.name}."
    ours = facts[f"{at}compared_with"]
    parts = [
        f"### Keras `{peer.title.rsplit('.', 1)[-1]}` and {_ours(ours).removeprefix('ours, ')} {{#keras-{peer.name}}}",
        f"Keras reports {bound(facts, f'{at}keras_params')} parameters "
        f"({bound(facts, f'{at}keras_trainable_params')} trainable, {bound(facts, f'{at}keras_non_trainable_params')} "
        f"non-trainable); ours has {bound(facts, f'{ours}.params')}. Keras minus ours: "
        f"{bound(facts, f'{at}params_difference')}, which the terms below add up to exactly.",
        _decomposition(facts, at, ours),
    ]
    reasons = [WHY[f"{kind}_term"] for kind in keras.KINDS if facts[f"{at}{kind}_term"]]
    if reasons:
        parts.append("\n".join(f"- {reason}" for reason in reasons))
    else:
        parts.append("- Nothing differs: the same layers with the same weights, and no BatchNorm statistics to count.")
    parts.append(_macs_sentence(facts, at, ours))
    parts.append(table(["", "Keras (H×W×C)", "ours (C×H×W)"], [
        ["stage outputs", bound(facts, f"{at}keras_stage_outputs"), bound(facts, f"{ours}.stage_outputs")],
        ["layers that end the stages", bound(facts, f"{at}stage_end_layers"), "—"],
        ["convolutions with stride 2", bound(facts, f"{at}strided_convs"),
         bound(facts, f"{ours}.downsampling_convs") if f"{ours}.downsampling_convs" in facts else "—"],
    ]))
    return "\n\n".join(parts)


def _decomposition(facts: dict[str, object], at: str, ours: str) -> str:
    rows = [
        [label, bound(facts, f"{at}{kind}"),
         f"{bound(facts, f'{at}ours_{kind}')}{'' if kind in keras.KEPT_AS_PARAMS else ' (buffers, not counted)'}",
         bound(facts, f"{at}{kind}_term")]
        for kind, label in KIND_ROWS
        if facts[f"{at}{kind}"] or facts[f"{at}ours_{kind}"]
    ]
    rows.append(["**total**", bound(facts, f"{at}keras_params"), bound(facts, f"{ours}.params"),
                 bound(facts, f"{at}params_difference")])
    return table(["kind of weight", "Keras", "ours", "adds to the difference"], rows)


def _macs_sentence(facts: dict[str, object], at: str, ours: str) -> str:
    same = facts[f"{at}macs_difference"] == 0
    text = (f"MACs: Keras {bound(facts, f'{at}macs')}, ours {bound(facts, f'{ours}.macs')}; difference "
            f"{bound(facts, f'{at}macs_difference')}"
            + (": the same convolutions on the same feature maps, whatever each side counts as parameters."
               if same else "."))
    name = ours.split("-", 1)[0]
    if f"{at}stride_placement" in facts and f"{name}.v15_extra_macs" in facts:
        text += (f" Keras places the stride like our v1 ({bound(facts, f'{at}stride_placement')}); our default v1.5 moves "
                 f"it to the 3×3 and costs {bound(facts, f'{name}.v15_extra_macs')} more MACs "
                 f"({bound(facts, f'{name}.macs')} in all).")
    return text


def _tutorial_section(facts: dict[str, object]) -> str:
    at = f"{keras.NAMESPACE}.{TUTORIAL}."
    observations = keras.results().observations
    failing, building = observations["keras_tutorial_resnet"], observations["keras_tutorial_resnet_projected"]
    return "\n\n".join([
        "Many tutorials build \"ResNet-18\" in Keras with a `residual_block(x, filters, stride=1, conv_shortcut=False)` "
        "and call it with `stride=2` at each width change without asking for the projection. We wrote that pattern "
        "ourselves, in `models/keras_tutorial.py`, and Keras runs it on every check:",
        '```python\n--8<-- "keras_tutorial.py"\n```',
        f"- `{failing.code}`: **{failing.outcome}**. Keras says: `{failing.detail}`. The block with 128 filters and "
        "stride 2 halves the map and doubles the channels, and its bare shortcut cannot be added to that.",
        f"- `{building.code}`: **{building.outcome}**; {building.detail}. It has "
        f"{bound(facts, f'{at}additions')} residual blocks (Add layers: `residual_block` runs twice per width), "
        f"MACs {bound(facts, f'{at}macs')} against ResNet-18's {bound(facts, 'resnet18.macs')}.",
        f"Its parameters beside [ResNet-18](models/resnet18.md)'s: Keras reports {bound(facts, f'{at}keras_params')}, "
        f"ours has {bound(facts, 'resnet18.params')}; the difference, {bound(facts, f'{at}params_difference')}, is "
        f"{_terms_in_words(facts, at)}. Pooling layers (the max-pool, the global average pooling) have no parameters "
        "on either side.",
        _decomposition(facts, at, "resnet18"),
        "\n".join(f"- {WHY[f'{kind}_term']}" for kind in keras.KINDS if facts[f"{at}{kind}_term"]),
    ])


def _terms_in_words(facts: dict[str, object], at: str) -> str:
    terms = [f"{keras.LABELS[f'{kind}_term'][0].lower()}{keras.LABELS[f'{kind}_term'][1:]} "
             f"({bound(facts, f'{at}{kind}_term')})" for kind in keras.KINDS if facts[f"{at}{kind}_term"]]
    return " plus ".join(terms) if terms else "nothing: they agree"
