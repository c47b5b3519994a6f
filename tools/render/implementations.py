"""The "Implementations compared" page: our models beside Keras', every difference accounted for.

Every number is a fact of ``tools.peers.keras`` (measured on the Keras model, live) or of our
models, bound so that the check recomputes it; the decomposition's terms are asserted to sum to
the difference before anything is rendered (``keras.derived``). Words come from the catalog
(``impl.*`` in ``tools.i18n.messages``).
"""

from __future__ import annotations

import models
from tools import generated, units
from tools.facts.namespace import all_facts
from tools.i18n import cite, join, text
from tools.introspect import Config, all_configs
from tools.peers import keras, outputs
from tools.published import source_of
from tools.markdown import bound, table

PAGE = "implementations.md"  # below docs/ (docs/zh/ for Chinese)
TUTORIAL = "tutorial_resnet"


def render_implementations(*, lang: str = "en") -> str:
    facts = all_facts()
    peers = [peer for peer in keras.PEERS if peer.name != TUTORIAL]
    return generated.markdown("\n\n".join([
        f"# {text('impl.title', lang)}",
        text("impl.intro", lang, version=keras.results().version),
        text("impl.counting", lang, flops_per_mac=units.FLOPS_PER_MAC),
        f"## {text('impl.overview', lang)}",
        _overview(facts, peers, lang),
        f"## {text('impl.outputs', lang)} {{#outputs}}",
        _outputs(facts, peers, lang),
        f"## {text('impl.differences', lang)}",
        *[_pair_section(facts, peer, lang) for peer in peers],
        f"## {text('impl.tutorial', lang)} {{#keras-{TUTORIAL}}}",
        _tutorial_section(facts, lang),
    ]))


def _config(key: str) -> Config:
    return next(cfg for cfg in all_configs() if cfg.key == key)


def _ours(key: str, lang: str) -> str:
    """Our configuration, linked: "ours, ResNet-50 (variant v1)"."""
    cfg = _config(key)
    options = f" ({cfg.label(lang)})" if cfg.label() else ""
    return text("impl.ours", lang, model=f"[{cfg.entry.title}](models/{cfg.name}.md){options}")


# Where keras.applications defines each model, in the Keras release measured (keras/src/applications/<module>.py).
KERAS_SOURCE = "https://github.com/keras-team/keras/blob/v{version}/keras/src/applications/{module}.py"
KERAS_MODULES = {"ResNet": "resnet", "VGG16": "vgg16", "VGG19": "vgg19", "InceptionV3": "inception_v3", "DenseNet": "densenet"}


def _keras(peer: keras.Peer) -> str:
    return f"Keras `{peer.title.rsplit('.', 1)[-1]}`"


def _definition(peer: keras.Peer, lang: str) -> list[str]:
    """Where Keras defines the peer, linked in the release measured; nothing for the tutorial's network (ours)."""
    module = next((module for prefix, module in KERAS_MODULES.items() if (peer.application or "").startswith(prefix)), None)
    if module is None:
        return []
    version = keras.results().version
    url = KERAS_SOURCE.format(version=version, module=module)
    return [text("impl.definition", lang, link=f"[`keras/src/applications/{module}.py`, Keras {version}]({url})")]


def _overview(facts: dict[str, object], peers: list[keras.Peer], lang: str) -> str:
    buffers = text("impl.buffers", lang)
    rows = []
    for peer in peers:
        at = f"{keras.NAMESPACE}.{peer.name}."
        ours = facts[f"{at}compared_with"]
        name = _config(ours).name
        title = models.get_entry(name).title
        variants = [cfg.key for cfg in all_configs()
                    if cfg.name == name and cfg.is_default and cfg.key != ours and "variant" in cfg.entry.options]
        for key in [ours, *variants]:
            rows.append([title, _ours(key, lang), bound(facts, f"{key}.params"), buffers, bound(facts, f"{key}.macs"),
                         dict(_config(key).options).get("variant", "—")])
        placement = f"{at}stride_placement"
        rows.append([title, f"[{_keras(peer)}](#keras-{peer.name})", bound(facts, f"{at}keras_params"),
                     bound(facts, f"{at}keras_non_trainable_params"), bound(facts, f"{at}macs"),
                     bound(facts, placement) if placement in facts else "—"])
        cited = f"torchvision.{name}.params"
        if cited in facts:
            rows.append([title, text("impl.torchvision", lang), bound(facts, cited), buffers, "—", "—"])
    headers = [text(f"impl.column.{column}", lang) for column in ("model", "implementation", "reported", "statistics")]
    headers += [units.MACS, text("impl.column.placement", lang)]
    return table(headers, rows) + "\n\n" + text("impl.overview_note", lang, source=cite(source_of("torchvision.resnet50.params"), lang))


def _outputs(facts: dict[str, object], peers: list[keras.Peer], lang: str) -> str:
    """What each Keras model and ours compute on the same weights (``tools.peers.outputs``)."""
    others = [_keras(peer) for peer in peers if peer.name not in outputs.CHECKED]
    peers = [peer for peer in peers if peer.name in outputs.CHECKED]
    rows = [[f"[{_keras(peer)}](#keras-{peer.name})", _ours(facts[f"keras.{peer.name}.compared_with"], lang),
             bound(facts, f"keras.{peer.name}.outputs_input", "size"), bound(facts, f"keras.{peer.name}.logit_difference_below"),
             bound(facts, f"keras.{peer.name}.logits_agree"), bound(facts, f"keras.{peer.name}.differences_accounted")]
            for peer in peers]
    headers = [text(f"impl.column.{column}", lang) for column in ("implementation",)] + [
        text("impl.column.ours", lang), *(text(f"impl.column.{column}", lang) for column in
                                          ("outputs_input", "logit_difference", "logits_agree", "accounted"))]
    accounted = sorted({name for peer in peers for name in facts[f"keras.{peer.name}.differences_accounted"]})
    return "\n\n".join([
        text("impl.outputs.intro", lang, tolerance=f"{outputs.TOLERANCE:.0e}", others=join(others, lang)),
        table(headers, rows),
        text("impl.outputs.accounted", lang) + "\n\n" + "\n".join(
            f"- `{name}`: {outputs.DIFFERENCES[name].how[lang]}" for name in accounted),
    ])


def _pair_section(facts: dict[str, object], peer: keras.Peer, lang: str) -> str:
    at = f"{keras.NAMESPACE}.{peer.name}."
    ours = facts[f"{at}compared_with"]
    parts = [
        f"### {text('impl.pair', lang, keras=_keras(peer), ours=_ours(ours, lang))} {{#keras-{peer.name}}}",
        *_definition(peer, lang),
        text("impl.reported", lang, total=bound(facts, f"{at}keras_params"),
             trainable=bound(facts, f"{at}keras_trainable_params"),
             non_trainable=bound(facts, f"{at}keras_non_trainable_params"), ours=bound(facts, f"{ours}.params"),
             difference=bound(facts, f"{at}params_difference")),
        _decomposition(facts, at, ours, lang),
        _reasons(facts, at, lang) or f"- {text('impl.why.nothing', lang)}",
        _macs_sentence(facts, at, ours, lang),
        table(["", text("impl.column.keras_shapes", lang), text("impl.column.our_shapes", lang)], [
            [text("impl.row.stage_outputs", lang), bound(facts, f"{at}keras_stage_outputs"), bound(facts, f"{ours}.stage_outputs")],
            [text("impl.row.stage_ends", lang), bound(facts, f"{at}stage_end_layers"), "—"],
            [text("impl.row.strided", lang),
             bound(facts, f"{at}strided_convs") if facts[f"{at}strided_convs"] else text("impl.strided.none", lang),
             bound(facts, f"{ours}.downsampling_convs") if f"{ours}.downsampling_convs" in facts else "—"],
        ]),
    ]
    return "\n\n".join(parts)


def _reasons(facts: dict[str, object], at: str, lang: str) -> str:
    """Why each kind that differs does: one line each."""
    return "\n".join(f"- {text(f'impl.why.{kind}', lang)}" for kind in keras.KINDS if facts[f"{at}{kind}_term"])


def _decomposition(facts: dict[str, object], at: str, ours: str, lang: str) -> str:
    not_counted = text("impl.not_counted", lang)
    rows = [
        [keras.fact_words(f"{kind}_term", lang)[0], bound(facts, f"{at}{kind}"),
         f"{bound(facts, f'{at}ours_{kind}')}{'' if kind in keras.KEPT_AS_PARAMS else f' ({not_counted})'}",
         bound(facts, f"{at}{kind}_term")]
        for kind in keras.KINDS
        if facts[f"{at}{kind}"] or facts[f"{at}ours_{kind}"]
    ]
    rows.append([f"**{text('impl.total', lang)}**", bound(facts, f"{at}keras_params"), bound(facts, f"{ours}.params"),
                 bound(facts, f"{at}params_difference")])
    headers = [text(f"impl.column.{column}", lang) for column in ("kind", "keras", "ours", "term")]
    return table(headers, rows)


def _macs_sentence(facts: dict[str, object], at: str, ours: str, lang: str) -> str:
    same = facts[f"{at}macs_difference"] == 0
    sentence = text("impl.macs_same" if same else "impl.macs", lang, keras=bound(facts, f"{at}macs"),
                    ours=bound(facts, f"{ours}.macs"), difference=bound(facts, f"{at}macs_difference"))
    name = _config(ours).name
    if f"{at}stride_placement" in facts and f"{name}.v15_extra_macs" in facts:
        sentence += " " + text("impl.macs_v15", lang, placement=bound(facts, f"{at}stride_placement"),
                               extra=bound(facts, f"{name}.v15_extra_macs"), total=bound(facts, f"{name}.macs"))
    return sentence


def _tutorial_section(facts: dict[str, object], lang: str) -> str:
    at = f"{keras.NAMESPACE}.{TUTORIAL}."
    observations = keras.results().observations
    failing, building = observations["keras_tutorial_resnet"], observations["keras_tutorial_resnet_projected"]
    terms = [text("impl.term", lang, kind=keras.fact_words(f"{kind}_term", lang)[0], value=bound(facts, f"{at}{kind}_term"))
             for kind in keras.KINDS if facts[f"{at}{kind}_term"]]
    return "\n\n".join([
        text("impl.tutorial_intro", lang),
        '```python\n--8<-- "keras_tutorial.py"\n```',
        "- " + text("impl.tutorial_fails", lang, code=failing.code, outcome=text(f"check.outcome.{failing.outcome}", lang), detail=failing.detail),
        "- " + text("impl.tutorial_builds", lang, code=building.code, outcome=text(f"check.outcome.{building.outcome}", lang), summary=building.detail,
                    blocks=bound(facts, f"{at}additions"), macs=bound(facts, f"{at}macs"),
                    resnet18_macs=bound(facts, "resnet18.macs")),
        text("impl.tutorial_params", lang, keras=bound(facts, f"{at}keras_params"), ours=bound(facts, "resnet18.params"),
             difference=bound(facts, f"{at}params_difference"),
             terms=text("impl.plus", lang).join(terms) or text("impl.agree", lang)),
        _decomposition(facts, at, "resnet18", lang),
        _reasons(facts, at, lang),
    ])
