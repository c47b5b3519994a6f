"""The fact namespace: ``<config>.<fact>`` for every introspected configuration, plus cited figures.

``resnet20.params`` is ResNet-20 with its default options; ``resnet20-b.params`` the same model with
shortcut option B; ``resnet50-v1.macs`` ResNet-50 with stride placement v1. Published figures are
``paper.<model>.<name>`` and ``torchvision.<model>.<name>`` (see ``tools.published``); Keras' models,
measured live, are ``keras.<model>.<name>`` (see ``tools.peers.keras``).
"""

from __future__ import annotations

import difflib
import functools

from tools.formats import FORMATS, format_fact  # noqa: F401  (re-exported: facts are read with their format)
from tools.families import all_families, family_facts
from tools.introspect import all_configs, introspect_all
from tools.introspect.core import CORE_FACT_DOCS, CORE_LABELS
from tools.peers import keras
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


def __getattr__(name: str) -> object:
    """``FACT_DOCS`` is collected from the family modules on first use: they import this module."""
    if name == "FACT_DOCS":
        return fact_docs()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    facts |= keras.derived(facts)
    return facts | published_facts()


def lookup(name: str, facts: dict[str, object] | None = None) -> object:
    facts = all_facts() if facts is None else facts
    if name in facts:
        return facts[name]
    close = difflib.get_close_matches(name, list(facts), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see docs/reference/facts.md for the names"
    raise FactError(f"unknown fact {name!r}{hint}")
