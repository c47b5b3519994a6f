"""Figures published elsewhere, cited with their source. They are compared with, never computed.

Each family module (``tools.families``) declares its own as ``PUBLISHED`` with their ``SOURCES``;
they join the fact namespace under a namespace per source, e.g. ``paper.<model>.<name>``,
``torchvision.<model>.<name>`` and ``tfslim.<model>.<name>`` (TensorFlow's slim models). A published statement (not a figure) also has its words, ``QUOTES``.
"""

from __future__ import annotations

from tools.families import all_families, family_facts
from tools.formats import format_fact
from tools.i18n import in_english, yes_no


def published_facts() -> dict[str, object]:
    facts: dict[str, object] = {}
    for family in all_families():
        facts |= family_facts(family).PUBLISHED
    return facts


def quotes() -> dict[str, str]:
    """Published statements, ``{full fact name: the words quoted}``: a fact whose value is what the authors
    state (``paper.resnet.problem_addressed``) keeps their own words beside it, so that a claim decided by
    it shows the quotation (``QUOTES`` of a family module)."""
    found: dict[str, str] = {}
    for family in all_families():
        found |= getattr(family_facts(family), "QUOTES", {})
    return found


def sources() -> dict[str, str]:
    """Citation patterns (``paper.*.table1_gflops``) -> source, across the families."""
    found: dict[str, str] = {}
    for family in all_families():
        for pattern, citation in family_facts(family).SOURCES.items():
            if found.setdefault(pattern, citation) != citation:
                raise ValueError(f"citation pattern {pattern!r} has two sources: {found[pattern]!r} and {citation!r} "
                                 f"({family.name}); use one text, e.g. from tools.families")
    return found


def as_stated(value: object, lang: str) -> str:
    """A published value as a page in ``lang`` shows it: yes or no in the language, a statement in the source's own
    English (marked so), a figure formatted."""
    if isinstance(value, bool):
        return yes_no(value, lang)
    return in_english(value, lang) if isinstance(value, str) else format_fact(value)


def source_of(fact: str) -> str:
    """The citation of a published fact name."""
    namespace, _, name = fact.split(".")
    return sources()[f"{namespace}.*.{name}"]
