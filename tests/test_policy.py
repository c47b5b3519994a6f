"""The verdict policy on a table of figures as posts write them: each against its fact, with the grade it
gets and the verdict a claim stating it gets (tools/policy.py, tools/claims.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tools import policy
from tools.claims import ClaimError, decide, parse_claims
from tools.facts.namespace import all_facts
from tools.render.factcheck import POLICY_EXAMPLES

# (figure as written, fact, grade, verdict of a claim stating it of that one fact)
TABLE = [
    ("25,557,032", "resnet50.params", "holds", "correct"),
    ("25,557,033", "resnet50.params", "fails", "wrong"),  # a count written in full is exact: never close
    ("25.6M", "resnet50.params", "holds", "correct"),
    ("25.6 million", "resnet50.params", "holds", "correct"),
    ("2560万", "resnet50.params", "holds", "correct"),  # trailing zero after a scale word: to the nearest 10万
    ("25.5M", "resnet50.params", "close", "close"),  # cut off instead of rounded
    ("25.56M", "resnet50.params", "holds", "correct"),
    ("25.55M", "resnet50.params", "close", "close"),  # one more digit, one more step of precision claimed
    ("25M", "resnet50.params", "close", "close"),  # 25,557,032 rounds to 26M
    ("26M", "resnet50.params", "holds", "correct"),
    ("23.5M", "resnet50.params", "fails", "wrong"),
    ("约2.6千万", "resnet50.params", "holds", "correct"),
    ("about 3.8 billion", "resnet50-v1.macs", "holds", "correct"),
    ("3.8 billion", "resnet50-v1.macs", "close", "close"),
    ("3.86G", "resnet50-v1.macs", "holds", "correct"),
    ("about 3.8 billion", "resnet50.macs", "fails", "wrong"),  # v1.5: 4.09 billion
    ("about 3.8 billion", "resnet50-v1.flops", "fails", "wrong"),
    ("4.1 billion", "resnet50.macs", "holds", "correct"),
    ("~42", "inception_v3.module_path_depth", "holds", "correct"),
    ("~42", "inception_v3.longest_path", "fails", "wrong"),
    ("42左右", "inception_v3.module_path_depth", "holds", "correct"),
    ("16 or 19", "vgg16.weighted_layers", "holds", "correct"),
    ("16 or 19", "vgg19.weighted_layers", "holds", "correct"),
    ("16/19", "vgg13.weighted_layers", "fails", "wrong"),
    ("0.27M", "resnet20.params", "holds", "correct"),
    ("0.27M", "resnet20-b.params", "holds", "correct"),
    ("19.4M", "resnet1202.params", "holds", "correct"),
    ("1.7M", "resnet110.params", "holds", "correct"),
    ("about 4", "resnet34-double-width.params_ratio", "holds", "correct"),
    ("20", "resnet20.weighted_layers", "holds", "correct"),
    ("20", "resnet20.residual_blocks", "fails", "wrong"),
]


def claim_text(checks: str, extra: str = "", statement: str = "s") -> str:
    return (f"claims:\n  - id: policy\n    statement: {statement}\n    topic: t\n    correction: c\n"
            f"    statement_zh: 说法\n    correction_zh: 更正\n    checks:\n{checks}{extra}")


@pytest.mark.parametrize(("written", "fact", "grade", "verdict"), TABLE, ids=[f"{w} {f}" for w, f, *_ in TABLE])
def test_a_stated_figure_gets_one_grade_and_one_verdict_by_the_policy(written, fact, grade, verdict):
    facts = all_facts()
    assert policy.parse(written).grade(facts[fact]) == grade
    claim = parse_claims(claim_text(f"      - fact: {fact}\n        stated: \"{written}\"\n"), "t.yml")[0]
    assert decide(claim, facts).verdict == verdict


@pytest.mark.parametrize(("written", "values", "step", "hedged"), [
    ("25.5M", ["25500000"], "100000", False),
    ("25,557,032", ["25557032"], "1", False),
    ("2560万", ["25600000"], "100000", False),
    ("2.5亿", ["250000000"], "10000000", False),
    ("about 3.8 billion", ["3800000000"], "100000000", True),
    ("~ 42", ["42"], "1", True),
    ("约 0.27M", ["270000"], "10000", True),
    ("16 or 19", ["16", "19"], "1", False),
    ("16/19", ["16", "19"], "1", False),
    ("1,000", ["1000"], "1", False),
])
def test_a_figure_is_read_off_its_digits_scale_and_hedge(written, values, step, hedged):
    figure = policy.parse(written)
    assert [n.value for n in figure.numbers] == [Decimal(v) for v in values]
    assert {n.step for n in figure.numbers} == {Decimal(step)}
    assert figure.hedged is hedged


@pytest.mark.parametrize("written", ["", "lots", "25.5MB", "about", "1e9", "25..5", "16 or", "3 × 10^9", "12%"])
def test_a_figure_the_policy_cannot_read_is_refused_naming_the_forms_it_reads(written):
    with pytest.raises(policy.FigureError, match=r'like "25,557,032", "25.6M"'):
        policy.parse(written)


def test_bounds_hold_and_one_step_beyond_is_close_but_no_further():
    figure = policy.parse("25.5M")
    assert [figure.grade(v) for v in (25_450_000, 25_550_000, 25_550_001, 25_650_000, 25_650_001, 25_349_999)] == [
        "holds", "holds", "close", "close", "fails", "fails"]


# --- Quantifiers read strictly: "every" over several facts, one counterexample --------------------------

VGG_LAYERS = "      - facts: [vgg11.weighted_layers, vgg16.weighted_layers, vgg19.weighted_layers]\n        stated: \"16 or 19\"\n"


def test_a_figure_true_of_some_variants_depends_unless_the_claim_says_every_one():
    facts = all_facts()
    generic = parse_claims(claim_text(VGG_LAYERS, statement="VGG has 16 or 19 layers."), "t.yml")[0]
    every = parse_claims(claim_text(VGG_LAYERS, "    quantifier: every\n", "Every VGG has 16 or 19 layers."), "t.yml")[0]
    assert decide(generic, facts).verdict == "depends"
    assert decide(every, facts).verdict == "wrong"


def test_every_read_strictly_is_correct_when_no_variant_is_a_counterexample():
    checks = "      - facts: [vgg16.weighted_layers, vgg19.weighted_layers]\n        stated: \"16 or 19\"\n"
    claim = parse_claims(claim_text(checks, "    quantifier: every\n", "Every VGG has 16 or 19 layers."), "t.yml")[0]
    assert decide(claim, all_facts()).verdict == "correct"


def test_a_declared_quantifier_needs_the_statement_to_say_it():
    with pytest.raises(ClaimError, match=r"quantifier: is declared, but the statement says none of every, all"):
        parse_claims(claim_text(VGG_LAYERS, "    quantifier: every\n", "VGG has 16 or 19 layers."), "t.yml")


def test_close_and_holding_facts_together_are_close_and_a_failing_one_makes_it_depend():
    facts = all_facts()
    close = "      - facts: [resnet50.params, keras.resnet50.keras_trainable_params]\n        stated: \"25.5M\"\n"
    mixed = "      - facts: [resnet50.params, resnet18.params]\n        stated: \"25.5M\"\n"
    assert decide(parse_claims(claim_text(close), "t.yml")[0], facts).verdict == "close"
    assert decide(parse_claims(claim_text(mixed), "t.yml")[0], facts).verdict == "depends"


def test_the_fact_check_pages_examples_are_in_the_tested_table():
    assert {(written, fact) for written, fact in POLICY_EXAMPLES} <= {(w, f) for w, f, *_ in TABLE} | {
        ("about 3.8 billion", "resnet50-v1.flops"), ("~42", "inception_v3.weighted_layers"),
        ("16 or 19", "vgg11.weighted_layers"), ("3.8G", "resnet50-v1.macs")}
