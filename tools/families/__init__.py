"""Family knowledge the core walk does not have: each family's own facts, spec and cited figures.

A family declared in ``models/`` (``Family(name="resnet", …)``) has its module here, named after it
(``tools.families.resnet``), found by that name; nothing else in ``tools/`` names a family. A family
module provides:

- ``FACT_DOCS``: ``{fact: (unit, meaning)}`` for the facts it adds;
- ``facts(walk) -> dict``: those facts, read off one walk;
- ``derived(facts, configs) -> dict``: facts across configurations (``resnet20.option_b_extra_params``),
  full names to values; ``DERIVED_DOCS`` documents them;
- ``spec(walk, facts) -> dict``: the architecture as the paper tabulates it, its ``notes`` the English ones;
- ``notes(cfg, layers, facts, lang) -> dict``: what the stage table leaves out, ``{title: text}`` in the
  language ``lang``, read off a configuration's layer table and facts (an introspection's or a walk's);
- ``PUBLISHED``: figures published elsewhere, ``{full fact name: value}``, with ``SOURCES``
  (``{pattern: citation}``, the pattern with ``*`` for the model); ``QUOTES`` (optional): for a published
  statement rather than a figure, the words it quotes, ``{full fact name: quotation}``;
- ``KEY_FACTS``: the family's facts a model page shows after the core ones; ``OPTION_FACTS``: the
  columns of a model page's options table;
- ``comparison_sections(facts, measured, lang)``: Markdown sections of the comparisons page (the paper's
  tables beside the measured models), given the fact namespace and a ``Measured`` lookup (both from one
  layer up);
- optionally ``LABELS`` (``{fact: plain label}``) and ``summary(key, facts, lang)``: the depth and stage
  lines of a model page's one-glance summary, numbers bound to facts.

Every word a family shows readers is a message of ``tools.i18n`` (keys ``<family>.*``), in every
language; the labels and meanings of its facts in languages other than English are its ``WORDS``,
beside ``FACT_DOCS``. Numbers are the same in every language.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from models import Family
from models.registry import FAMILY_MODULES
from tools.introspect import Introspection
from tools.i18n import Source
from tools.markdown import TORCHVISION_DOCS

# A model's default configuration, measured, by the model's name (``tools.facts.measure`` passes it in:
# the comparisons need specs measured one layer up).
Measured = Callable[[str], Introspection]

# Citations several families share: one text each, so that a pattern means one source.
TORCHVISION_PARAMS = Source(TORCHVISION_DOCS, {"en": "IMAGENET1K_V1 weights, '# Params'",
                                               "zh": "`IMAGENET1K_V1` 权重的 '# Params'"})
TORCHVISION_GFLOPS = Source(TORCHVISION_DOCS, {"en": "IMAGENET1K_V1 weights, 'GFLOPS' (multiply-adds, ×10^9)",
                                               "zh": "`IMAGENET1K_V1` 权重的 'GFLOPS'（乘加次数，单位为 10^9）"})


def family_facts(family: Family) -> ModuleType:
    try:
        return importlib.import_module(f"tools.families.{family.name}")
    except ModuleNotFoundError as error:
        if error.name != f"tools.families.{family.name}":
            raise
        raise ValueError(f"family {family.name!r} has no fact module: add tools/families/{family.name}.py") from None


def all_families() -> list[Family]:
    """Every registered family once, in registry order."""
    seen: dict[str, Family] = {}
    for module in FAMILY_MODULES:
        for entry in module.ENTRIES:
            seen.setdefault(entry.family.name, entry.family)
    return list(seen.values())
