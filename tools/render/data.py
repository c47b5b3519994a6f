"""docs/data/: facts.json for all models, <config>.json (facts + spec) and <config>-layers.csv each, keras.json."""

from __future__ import annotations

from tools import generated
from tools.facts.namespace import FACT_DOCS, all_facts, fact_label, fact_meaning
from tools.i18n import text, unit_name
from tools.introspect import all_configs
from tools.facts.measure import introspect
from tools.peers import keras
from tools.published import sources

DATA_DIR = "docs/data"
# atlas-facts.js shows them: the cards' words, and the header field that opens the number finder.
CARD_WORDS = ("measured_on", "measured_live_on", "published", "cited", "definition", "finder")


def render_facts_index(*, lang: str = "en") -> str:
    """What atlas-facts.js needs to explain any bound number: each fact's label, unit and meaning (in ``lang``),
    each configuration's model, and each published figure's source. Small: values stay in the pages."""
    return generated.javascript("ATLAS_FACTS", {
        "facts": {name: [fact_label(name, lang), unit_name(unit, lang), fact_meaning(name, lang)]
                  for name, (unit, _) in FACT_DOCS.items()},
        "configs": {cfg.key: [cfg.name, cfg.entry.title, cfg.label(lang)] for cfg in all_configs()},
        "sources": sources(),
        # Keras' models: their facts' words, and where each model is shown.
        "peer_facts": {name: [keras.fact_words(name, lang)[0], unit_name(unit, lang), keras.fact_words(name, lang)[1]]
                       for name, (unit, _) in keras.FACT_DOCS.items()},
        "peers": {f"{keras.NAMESPACE}.{peer.name}": [peer.title, f"implementations/#keras-{peer.name}"]
                  for peer in keras.PEERS},
        "words": {word: text(f"card.{word}", lang) for word in CARD_WORDS},
    })


def render_data() -> dict[str, str]:
    files: dict[str, str] = {}
    facts = all_facts()
    by_namespace: dict[str, dict[str, object]] = {}
    for name, value in facts.items():
        namespace, _, short = name.partition(".")
        by_namespace.setdefault(namespace, {})[short] = value
    by_config: dict[str, dict[str, object]] = {}
    for cfg in all_configs():
        result = introspect(cfg)
        own = by_namespace[cfg.key]
        by_config[cfg.key] = own
        files[f"{DATA_DIR}/{cfg.key}.json"] = generated.json_document({"facts": own, "spec": result.spec})
        files[f"{DATA_DIR}/{cfg.key}-layers.csv"] = generated.csv(result.layers.to_csv(index=False, lineterminator="\n"))
    peers = {name: value for name, value in facts.items() if name.split(".", 1)[0] == keras.NAMESPACE}
    files[f"{DATA_DIR}/keras.json"] = generated.json_document({
        "keras": keras.results().version, "fact_names": {name: {"unit": unit, "meaning": meaning}
                                                       for name, (unit, meaning) in keras.FACT_DOCS.items()},
        "facts": peers,
    })
    published = {name: value for name, value in facts.items() if name.split(".", 1)[0] not in by_config
                 and name not in peers}
    units = {name: {"unit": unit, "meaning": meaning} for name, (unit, meaning) in FACT_DOCS.items()}
    files[f"{DATA_DIR}/facts.json"] = generated.json_document(
        {"fact_names": units, "models": by_config, "published": published}
    )
    return files
