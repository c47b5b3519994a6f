"""README's "How to add a model or a family" stays true: what it names exists, in every family."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import models
from models.registry import FAMILY_MODULES
from tools.families import all_families, family_facts
from tools.introspect import build, config

ROOT = Path(__file__).resolve().parent.parent
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## How to add a model or a family", 1)[1].split("\n## ", 1)[0]
FAMILY_STEP = SECTION.split("2. `tools/families/<name>.py`", 1)[1].split("\n3. ", 1)[0]
REQUIRED, OPTIONAL = FAMILY_STEP.split("optionally", 1)


def names(text: str) -> list[str]:
    """The module attributes a text names in backticks: `FACT_DOCS`, `facts(walk)` -> facts."""
    return [re.sub(r"\(.*", "", name) for name in re.findall(r"`([A-Za-z_]+(?:\([^`]*\))?)`", text)]


def test_readme_names_the_contract_of_a_family_module():
    assert names(REQUIRED) == [
        "FACT_DOCS", "DERIVED_DOCS", "WORDS", "KEY_FACTS", "OPTION_FACTS", "facts", "derived", "spec", "notes",
        "PUBLISHED", "SOURCES", "comparison_sections",
    ]
    assert names(OPTIONAL)[:2] == ["LABELS", "summary"]


@pytest.mark.parametrize("family", all_families(), ids=lambda family: family.name)
def test_every_family_module_provides_what_readme_requires(family):
    module = family_facts(family)
    assert [name for name in names(REQUIRED) if not hasattr(module, name)] == []


@pytest.mark.parametrize("module", FAMILY_MODULES, ids=lambda module: module.__name__)
def test_every_family_file_declares_entries_whose_models_say_where_their_stages_are(module):
    assert module.ENTRIES, module.__name__
    for entry in module.ENTRIES:
        assert isinstance(entry, models.ModelEntry) and isinstance(entry.family, models.Family)
        anatomy = build(config(entry.name)).anatomy
        assert isinstance(anatomy, models.Anatomy) and anatomy.stages


def test_readme_paths_exist():
    for path in re.findall(r"`((?:models|tools)/[\w/]+\.py)`", SECTION):
        assert (ROOT / path).is_file(), path


def test_a_citation_pattern_has_one_source_across_families(monkeypatch):
    from tools import families, published

    assert published.sources()["torchvision.*.params"] == families.TORCHVISION_PARAMS
    vgg = family_facts(next(f for f in all_families() if f.name == "vgg"))
    monkeypatch.setitem(vgg.SOURCES, "torchvision.*.params", "some other page")
    with pytest.raises(ValueError, match="has two sources"):
        published.sources()
