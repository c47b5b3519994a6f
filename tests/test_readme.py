"""README's "How to add a model or a family" stays true: what it names exists, in every family."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import models
from models.registry import FAMILY_MODULES
from tools.families import all_families, family_facts
from tests.test_check import copy_repo, edit, run_tools
from tools.introspect import build, config
from tools.site import check, render_all, write_all

ROOT = Path(__file__).resolve().parent.parent
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## How to add a model or a family", 1)[1].split("\n## ", 1)[0]
FAMILY_STEP = SECTION.split("2. `tools/families/<name>.py`", 1)[1].split("\n3. ", 1)[0]
REQUIRED, OPTIONAL = FAMILY_STEP.split("optionally", 1)
SECTION_CLAIM = (ROOT / "README.md").read_text(encoding="utf-8").split("## How to add a claim", 1)[1].split("\n## ", 1)[0]


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


# --- The recipes, followed as written, in a copy ------------------------------------------------------


def add_cifar_resnet8(repo: Path) -> None:
    """README's "A model of an existing family", step 1 and the nav of step 2, for a CIFAR ResNet-8 (n = 1)."""
    edit(repo / "models/cifar.py", '    "resnet20": ResNetSpec(', '    "resnet8": ResNetSpec(block="basic", layers=(1, 1, 1), widths=WIDTHS),\n    "resnet20": ResNetSpec(')
    edit(repo / "models/cifar.py", "def resnet20(", (
        'def resnet8(*, shortcut: Shortcut = "A", num_classes: int = 10) -> CifarResNet:\n'
        '    return CifarResNet(SPECS["resnet8"], shortcut=shortcut, num_classes=num_classes)\n\n\ndef resnet20('))
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):
        edit(repo / config, "- ResNet-20: models/resnet20.md", "- ResNet-8: models/resnet8.md\n          - ResNet-20: models/resnet20.md")


def test_how_to_add_a_model_works_as_written_for_a_cifar_resnet8(tmp_path):
    repo = copy_repo(tmp_path)
    add_cifar_resnet8(repo)
    generate = run_tools(repo, "generate")
    assert generate.returncode == 0, generate.stderr
    assert (repo / "docs/models/resnet8.md").is_file() and (repo / "docs/zh/models/resnet8.md").is_file()
    data = json.loads((repo / "docs/data/resnet8.json").read_text(encoding="utf-8"))
    assert data["facts"]["weighted_layers"] == 8 and data["facts"]["residual_blocks"] == 3
    comparisons = (repo / "docs/comparisons.md").read_text(encoding="utf-8")
    assert "[ResNet-8](models/resnet8.md)" in comparisons  # no figure published for it: a dash, no KeyError
    check = run_tools(repo, "check")
    assert check.returncode == 0, check.stderr


def test_how_to_add_a_claim_works_as_written(tmp_path):
    repo = copy_repo(tmp_path)
    example = SECTION_CLAIM.split("```yaml\n", 1)[1].split("```", 1)[0]
    (repo / "docs/claims/99-readme-example.yml").write_text(example, encoding="utf-8")
    write_all(repo, render_all(repo))
    problems = check(repo, read_cache=True)
    assert not problems, problems.report()
    verdicts = json.loads((repo / "docs/data/verdicts.json").read_text(encoding="utf-8"))["verdicts"]
    assert verdicts["resnet56-fifty-six-weighted-layers"] == "correct"
