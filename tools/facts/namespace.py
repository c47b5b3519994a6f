"""The fact namespace: ``<config>.<fact>`` for every introspected configuration, plus cited figures.

``resnet20.params`` is ResNet-20 with its default options; ``resnet20-b.params`` the same model with
shortcut option B; ``resnet50-v1.macs`` ResNet-50 with stride placement v1. Published figures are
``paper.<model>.<name>`` and ``torchvision.<model>.<name>`` (see ``tools.published``); Keras' models,
measured live, are ``keras.<model>.<name>`` (see ``tools.peers.keras``).
"""

from __future__ import annotations

import difflib
import functools

import models
from models.variants import MODIFICATIONS
from tools.facts.core import CORE_FACT_DOCS, CORE_LABELS, CORE_WORDS
from tools.facts.measure import introspect_all
from tools.families import all_families, family_facts
from tools.formats import FORMATS, format_fact  # noqa: F401  (re-exported: facts are read with their format)
from tools.i18n import DECLARED_IN, declared_problems, in_language
from tools.i18n.messages import MESSAGES
from tools.introspect import all_configs
from tools.peers import keras, outputs
from tools.published import published_facts


@functools.cache
def fact_docs() -> dict[str, tuple[str, str]]:
    """name: (unit, meaning) for every fact an introspection produces (a test keeps it so)."""
    docs = dict(CORE_FACT_DOCS)
    for family in all_families():
        module = family_facts(family)
        docs |= module.FACT_DOCS | module.DERIVED_DOCS
    return docs


@functools.cache
def _labels() -> dict[str, str]:
    labels = dict(CORE_LABELS)
    for family in all_families():
        labels |= getattr(family_facts(family), "LABELS", {})
    return labels


def label(fact: str) -> str:
    """How a fact is named to readers: its plain label, else its name in words ("zero_pad_shortcuts" -> "zero pad shortcuts")."""
    short = fact.rsplit(".", 1)[-1]
    return _labels().get(short, short.replace("_", " ").capitalize())


FACT_DOCS = fact_docs()


# --- The words of a fact, declared beside it in every language ------------------------------------------


@functools.cache
def _words() -> dict[str, tuple[dict[str, tuple[str, str]], str]]:
    """fact -> ({language: (label, meaning)}, the file that declares them), English from the docs and labels."""
    owners = [(CORE_FACT_DOCS, CORE_WORDS, "tools/facts/core.py")] + [
        (module.FACT_DOCS | module.DERIVED_DOCS, module.WORDS, f"tools/families/{family.name}.py")
        for family in all_families() for module in [family_facts(family)]
    ]
    found: dict[str, tuple[dict[str, tuple[str, str]], str]] = {}
    for docs, words, where in owners:
        for name, (_, meaning) in docs.items():
            found.setdefault(name, ({DECLARED_IN: (label(name), meaning), **words.get(name, {})}, where))
    return found


def fact_words(fact: str, lang: str) -> tuple[str, str]:
    """A fact's label and meaning in ``lang`` (``resnet20.params`` or ``params`` -> ("参数量", "全部参数…"))."""
    short = fact.rsplit(".", 1)[-1]
    words, where = _words()[short]
    return in_language(words, lang, f"fact {short!r}", where)


def fact_label(fact: str, lang: str) -> str:
    """How a fact is named to readers (``resnet20.params`` -> "Parameters")."""
    return fact_words(fact, lang)[0]


def fact_meaning(fact: str, lang: str) -> str:
    """What a fact counts, in words (its meaning in ``FACT_DOCS``)."""
    return fact_words(fact, lang)[1]


def word_problems() -> list[str]:
    """Every declared word some language lacks: facts, Keras' facts, units, options and modifications."""
    facts = _words()
    peer = {name: keras.words(name) for name in keras.FACT_DOCS}
    entries = [models.get_entry(model) for model in models.list_models()]
    options = [declared_problems({name: option.help}, "option", {name: entry.builder.__module__.replace(".", "/") + ".py"})
               for entry in entries for name, option in entry.options.items() if option.help]
    units = sorted({unit for unit, _ in fact_docs().values() if unit})
    return (
        [f"unit {unit!r}: no message unit.{unit} (tools/i18n/messages.py)" for unit in units if f"unit.{unit}" not in MESSAGES]
        + declared_problems({name: words for name, (words, _) in facts.items()}, "fact",
                            {name: where for name, (_, where) in facts.items()})
        + list(dict.fromkeys(problem for found in options for problem in found))  # an option shared by models: once
        + declared_problems({name: m.summary for name, m in MODIFICATIONS.items()}, "modification",
                            dict.fromkeys(MODIFICATIONS, "models/variants.py"))
        + declared_problems(peer, "Keras fact", dict.fromkeys(peer, "tools/peers/keras.py"))
    )


class FactError(ValueError):
    """An unknown fact name; the message suggests the closest ones."""


@functools.cache
def all_facts() -> dict[str, object]:
    """Every fact by its full name, e.g. ``resnet20.params``."""
    configs = all_configs()
    facts: dict[str, object] = {}
    for result in introspect_all(configs):
        for name, value in result.facts.items():
            facts[f"{result.config.key}.{name}"] = value
    for family in all_families():
        own = [cfg for cfg in configs if cfg.entry.family.name == family.name]
        facts |= family_facts(family).derived(facts, own)
    facts |= keras.results().facts
    facts |= outputs.results()
    facts |= keras.derived(facts)
    return facts | published_facts()


def lookup(name: str, facts: dict[str, object] | None = None) -> object:
    facts = all_facts() if facts is None else facts
    if name in facts:
        return facts[name]
    close = difflib.get_close_matches(name, list(facts), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see docs/reference/facts.md for the names"
    raise FactError(f"unknown fact {name!r}{hint}")
