"""Sentences that relate numbers bind the relation (``<!-- holds: … -->``, tools.prose); the check fails,
naming file and line, when a relation no longer holds, in every language."""

from __future__ import annotations

import pytest

from tools.prose import ProseError, broken_relations

FACTS = {"resnet50.params": 25_557_032, "torchvision.resnet50.params": 25_557_032, "resnet50.macs": 4_089_184_256,
         "resnet50.flops": 8_178_368_512, "resnet50-v1.macs": 3_858_014_208}


@pytest.mark.parametrize("relation", [
    "resnet50.params == torchvision.resnet50.params",
    "resnet50.flops == 2 * resnet50.macs",
    "resnet50-v1.macs < resnet50.macs",
    "resnet50.params >= 25000000",
    "resnet50.params != resnet50.macs",
])
def test_a_relation_that_holds_passes(relation):
    assert broken_relations(f"Some sentence. <!-- holds: {relation} -->", "docs/index.md", FACTS) == []


def test_a_relation_that_stopped_holding_names_the_file_the_line_and_the_values():
    facts = FACTS | {"resnet50.params": 24_439_848}  # ResNet-50 changed, say to [3, 4, 5, 3], and regenerated
    text = "Intro.\n\nResNet-50 has the same count torchvision publishes.\n<!-- holds: resnet50.params == torchvision.resnet50.params -->\n"
    [broken] = broken_relations(text, "docs/zh/index.md", facts)
    assert str(broken) == ("docs/zh/index.md:4: the sentence's relation resnet50.params == torchvision.resnet50.params "
                           "no longer holds (24,439,848 == 25,557,032)")


def test_a_malformed_relation_or_an_unknown_fact_is_a_one_line_error():
    with pytest.raises(ProseError, match=r"docs/index.md:1: a relation reads <!-- holds: FACT OP"):
        broken_relations("<!-- holds: resnet50.params is torchvision.resnet50.params -->", "docs/index.md", FACTS)
    with pytest.raises(ProseError, match=r"docs/index.md:1: relation: unknown fact 'resnet50.parms'"):
        broken_relations("<!-- holds: resnet50.parms == resnet50.params -->", "docs/index.md", FACTS)


def test_the_home_page_binds_its_relation_in_both_languages():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for page in ("docs/index.md", "docs/zh/index.md"):
        assert "<!-- holds: resnet50.params == torchvision.resnet50.params -->" in (root / page).read_text(encoding="utf-8")


def test_the_check_names_both_editions_where_a_sentences_relation_is_false(tmp_path):
    from tests.test_check import copy_repo, edit
    from tools.site import check

    repo = copy_repo(tmp_path)
    for page in ("docs/index.md", "docs/zh/index.md"):  # as if the sentence claimed ours were the smaller count
        edit(repo / page, "holds: resnet50.params == torchvision.resnet50.params", "holds: resnet50.params < torchvision.resnet50.params")
    problems = check(repo, read_cache=True)
    assert [f"{b.path}:{b.line}" for b in problems.relations] == ["docs/index.md:15", "docs/zh/index.md:7"]
    assert "Sentences whose relation between numbers no longer holds" in problems.report()


def test_every_relation_of_a_page_is_bound_in_its_translation_too():
    from collections import Counter
    from pathlib import Path

    from tools.prose import RELATION, hand_written_pages

    root = Path(__file__).resolve().parent.parent
    pages = {path.relative_to(root / "docs").as_posix(): path for path in hand_written_pages(root)}
    relations = {rel: Counter(RELATION.findall(path.read_text(encoding="utf-8"))) for rel, path in pages.items()}
    for rel in relations:
        if not rel.startswith("zh/"):
            assert relations[rel] == relations[f"zh/{rel}"], rel
    assert sum(relations["concepts/stride-placement.md"].values()) > 1  # the concept pages bind theirs
