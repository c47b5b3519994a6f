"""The claim engine decides verdicts from data; malformed claim files are errors naming file and claim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.claims import ClaimError, decide, decide_all, load_claims, parse_claims
from tools.facts.namespace import all_facts
from tools.prose import render_bound

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_VERDICTS = {
    "resnet20-twenty-residual-blocks": "wrong",
    "resnet20-imagenet-input": "wrong",
    "resnet20-block-two-3x3-convs": "correct",
    "resnet20-block-ends-in-1x1": "wrong",
    "resnet20-pool-and-softmax": "correct",
    "resnet20-weighted-layer-count": "correct",
    "resnet18-34-layer-counts": "correct",
    "imagenet-blocks-per-stage": "correct",
    "imagenet-all-bottleneck": "wrong",
    "resnet34-conv-layer-count": "wrong",
    "resnet34-1x1-before-fc": "wrong",
    "resnet50-block-two-convs": "wrong",
    "bottleneck-narrow-3x3-widen": "correct",
    "resnet50-stride-on-1x1": "depends",
    "resnet50-about-3-8-billion-flops": "depends",
    "projection-only-where-shape-changes": "correct",
    "identity-add-at-stride-2": "wrong",
    "deeper-better-up-to-1000-layers": "wrong",
    "vgg-sixteen-or-nineteen-layers": "depends",
    "vgg-only-3x3-convolutions": "correct",
    "vgg16-most-params-in-fc": "correct",
    "global-pooling-removes-fc-params": "correct",
    "inception-v3-42-layers-deep": "depends",
    "inception-v3-under-25-million-params": "depends",
    "inception-v3-aux-head-costs-at-inference": "wrong",
    "densenet-depth-counts-layers": "correct",
    "densenet-layer-reads-all-preceding-maps": "correct",
    "densenet-layer-adds-growth-rate-maps": "correct",
    "densenet-bottleneck-4k-then-k": "correct",
    "densenet-smaller-growth-rate-fewer-macs": "correct",
    "resnet34-every-layer-a-convolution": "wrong",
    "resnet34-block-two-or-three-convs": "correct",
    "resnet34-depthwise-separable-cuts-cost": "correct",
    "activation-swap-changes-params": "wrong",
    "conv1x1-before-fc-reduces-computation": "wrong",
    "double-width-quadruples-params": "correct",
    "resnet-designed-against-vanishing-gradients": "refuted",
    "keras-tutorial-resnet-builds": "wrong",
    "keras-tutorial-four-blocks": "wrong",
    "keras-tutorial-projected-builds": "correct",
    "resnet50-25-5m-params": "wrong",
    "resnet50-exact-param-count": "depends",
    "keras-resnet50-v1-placement": "correct",
    "tfslim-resnet-v1-downsamples-like-paper": "wrong",
}


@pytest.fixture(scope="module")
def decisions():
    return {d.claim.id: d for d in decide_all(load_claims(ROOT))}


def one_claim(checks: str, correction: str = "c") -> str:
    return (f"claims:\n  - id: test-claim\n    statement: s\n    topic: t\n    correction: {correction}\n"
            f"    statement_zh: 说法\n    correction_zh: 更正\n    checks:\n{checks}")


def test_every_published_claim_gets_its_expected_verdict(decisions):
    assert {claim: d.verdict for claim, d in decisions.items()} == EXPECTED_VERDICTS


def test_resnet50_flops_claim_holds_only_for_v1_macs(decisions):
    outcomes = decisions["resnet50-about-3-8-billion-flops"].results[0].outcomes
    assert {o.subject: o.holds for o in outcomes} == {
        "resnet50-v1.macs": True, "resnet50.macs": False, "resnet50-v1.flops": False, "resnet50.flops": False,
    }


def test_identity_shortcut_claim_is_executed_and_records_the_error(decisions):
    decision = decisions["identity-add-at-stride-2"]
    assert decision.evidence == ["executed"]
    observation = decision.results[0].outcomes[0].observation
    assert observation.outcome == "raises"
    assert re.match(r"RuntimeError: The size of tensor a \(\d+\) must match the size of tensor b", observation.detail)


def test_training_claim_is_cited_not_computed(decisions):
    decision = decisions["deeper-better-up-to-1000-layers"]
    assert decision.evidence == ["cited"]
    assert [(o.subject, o.measured) for o in decision.results[0].outcomes] == [("paper.resnet1202.table6_error_pct", 7.93)]


def test_vanishing_gradients_claim_is_refuted_by_the_papers_quoted_words(decisions):
    decision = decisions["resnet-designed-against-vanishing-gradients"]
    assert decision.evidence == ["quoted"]
    assert [(o.subject, o.measured, o.holds) for result in decision.results for o in result.outcomes] == [
        ("paper.resnet.problem_addressed", "degradation", False),
        ("paper.resnet.vanishing_gradients_addressed_by",
         "normalized initialization and intermediate normalization layers", False),
        ("paper.resnet.degradation_from_vanishing_gradients", False, False),
    ]


@pytest.mark.parametrize(("checks", "verdict"), [
    ("      - fact: paper.resnet.problem_addressed\n        equals: degradation\n", "supported"),
    ("      - fact: paper.resnet.problem_addressed\n        equals: vanishing gradients\n", "refuted"),
    # Any measured or cited figure among the evidence: the claim is decided as any other.
    ("      - fact: paper.resnet.problem_addressed\n        equals: degradation\n"
     "      - fact: resnet20.params\n        equals: 1\n", "wrong"),
    ("      - fact: paper.resnet.problem_addressed\n        equals: degradation\n"
     "      - fact: paper.resnet20.table6_error_pct\n        equals: 8.75\n", "correct"),
])
def test_a_claim_decided_by_quoted_statements_alone_is_supported_or_refuted_by_the_paper(checks, verdict):
    assert decide(parse_claims(one_claim(checks), "t.yml")[0], all_facts()).verdict == verdict


@pytest.mark.parametrize(("facts", "verdict"), [
    ("[resnet50-v1.downsampling_kernels]", "correct"),
    ("[resnet50.downsampling_kernels]", "wrong"),
    ("[resnet50-v1.downsampling_kernels, resnet50.downsampling_kernels]", "depends"),
])
def test_verdict_is_correct_wrong_or_depends_on_how_many_facts_hold(facts, verdict):
    text = one_claim(f"      - facts: {facts}\n        equals: [\"1x1\", \"1x1\", \"1x1\"]\n")
    assert decide(parse_claims(text, "t.yml")[0], all_facts()).verdict == verdict


@pytest.mark.parametrize(("check", "holds"), [
    ("fact: resnet20.params\n        approx: 270000\n        tolerance: 1%", True),
    ("fact: resnet20.params\n        approx: 280000\n        tolerance: 1%", False),
    ("fact: resnet20.params\n        range: [260000, 270000]", True),
    ("fact: resnet20.params\n        less_than: {fact: resnet20-b.params}", True),
    ("fact: resnet20.params\n        differs: {fact: resnet20-b.params}", True),
    ("fact: resnet34-silu.params\n        differs: {fact: resnet34.params}", False),
    ("fact: resnet20.params\n        greater_than: {fact: resnet20-b.params}", False),
    ("fact: resnet20.head\n        contains: Linear", True),
    ("fact: resnet20.head\n        excludes: Softmax", True),
    ("experiment: option_a_shortcut_at_stride2\n        expect: runs", True),
])
def test_each_comparison_decides_from_the_measured_fact(check, holds):
    decision = decide(parse_claims(one_claim(f"      - {check}\n"), "t.yml")[0], all_facts())
    assert decision.verdict == ("correct" if holds else "wrong")


@pytest.mark.parametrize(("text", "message"), [
    ("claims: [unclosed\n", r"t.yml: not valid YAML at line 2: expected"),
    ("- id: x\n", r"t.yml: expected a mapping with one key, 'claims'"),
    ("claims:\n  - !!python/object/apply:os.system [echo]\n", r"t.yml: not valid YAML"),
    (one_claim("      - fact: resnet20.param\n        equals: 1\n"), r"claim 'test-claim': unknown fact 'resnet20.param'; did you mean resnet20.params"),
    (one_claim("      - fact: resnet20.params\n        approx: 1\n        tolerance: -2%\n"), r"claim 'test-claim': approx needs a tolerance between 0% and 100%"),
    (one_claim("      - fact: resnet20.params\n        approx: 1\n"), r"claim 'test-claim': approx needs a tolerance"),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n        tolerance: 2%\n"), r"'tolerance' goes with 'approx' only"),
    (one_claim("      - fact: resnet20.params\n        is: 1\n"), r"claim 'test-claim': unknown check key is"),
    (one_claim("      - fact: resnet20.params\n"), r"needs exactly one comparison"),
    (one_claim("      - experiment: nope\n        expect: runs\n"), r"unknown experiment 'nope'; valid: identity_shortcut_at_stride2"),
    (one_claim("      - fact: resnet20.params\n        range: [2, 1]\n"), r"range must be \[low, high\]"),
    ("claims:\n  - id: x\n    statement: s\n", r"claim 'x': missing checks, correction, correction_zh, statement_zh, topic"),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n") + "    verdict: correct\n", r"remove 'verdict'"),
])
def test_malformed_claims_name_the_file_the_claim_and_the_fix(text, message):
    with pytest.raises(ClaimError, match=message):
        for claim in parse_claims(text, "t.yml"):
            decide(claim, all_facts())


def test_readme_example_claim_is_decided_and_its_numbers_are_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How to add a claim", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    claim = parse_claims(example, "README.md")[0]
    assert decide(claim, all_facts()).verdict == "correct"
    for correction in claim.corrections():
        assert render_bound(correction, "README.md", all_facts()) == correction


# --- Claim text is untrusted: every attack is refused at the door, naming file and claim ---------

ATTACKS = {
    "script in the statement": ("statement", "<script>alert(1)</script>", "raw HTML"),
    "img onerror in the topic": ("topic", "<img src=x onerror=alert(1)>", "raw HTML"),
    "onmouseover attribute": ("correction", '<b onmouseover="alert(1)">hover</b>', "raw HTML"),
    "javascript link": ("correction", "[click](javascript:alert(1))", "javascript: URL"),
    "entity-hidden javascript link": ("correction", "[click](javascript&#58;alert(1))", "links to"),
    "external link": ("correction", "[more](https://evil.example/x.js)", "links to"),
    "protocol-relative link": ("correction", "[more](//evil.example/x)", "links to"),
    "autolink": ("correction", "<https://evil.example>", "raw HTML"),
    "snippet include of the Makefile": ("correction", 'text\n\n--8<-- "Makefile"\n', "snippet include"),
    "snippet include of .git/config": ("correction", '--8<-- ".git/config"', "snippet include"),
    "attribute list": ("correction", "*x*{ onclick=alert(1) }", "braces"),
    "attribute list in a heading": ("statement", "A claim { #x onclick=alert(1) }", "braces"),
    "external image": ("correction", "![x](img.png)", "an image"),
    "link reference definition": ("correction", "[x]\n\n[x]: https://evil.example", "link reference"),
    "admonition": ("correction", '!!! danger "Hacked"', "block directive"),
    "fake fact marker with markup": ("correction", '<span data-fact="resnet20.params"><b>1</b></span>', "raw HTML"),
    "link in the statement": ("statement", "see [the page](models/resnet20.md)", "without links"),
    "second line in the topic": ("topic", "depth\n  - more", "one line"),
    # The Chinese text is held to the same rules.
    "script in the Chinese statement": ("statement_zh", "<script>alert(1)</script>", "raw HTML"),
    "external link in the Chinese correction": ("correction_zh", "[更多](https://evil.example/x.js)", "links to"),
    "snippet include in the Chinese correction": ("correction_zh", '--8<-- "Makefile"', "snippet include"),
    "second line in the Chinese statement": ("statement_zh", "说法\n  - 更多", "one line"),
}


def attack_claim(key: str, text: str) -> str:
    fields = {"statement": "s", "topic": "t", "correction": "c", "statement_zh": "说法", "correction_zh": "更正"} | {key: text}
    quoted = {name: "|-\n      " + value.replace("\n", "\n      ") for name, value in fields.items()}
    return (
        "claims:\n  - id: test-claim\n" + "".join(f"    {name}: {value}\n" for name, value in quoted.items())
        + "    checks:\n      - fact: resnet20.params\n        equals: 1\n"
    )


@pytest.mark.parametrize(("key", "text", "message"), list(ATTACKS.values()), ids=list(ATTACKS))
def test_claim_text_that_could_attack_the_site_is_refused(key, text, message):
    with pytest.raises(ClaimError, match=rf"^t\.yml: claim 'test-claim': '{key}' .*{re.escape(message)}") as error:
        parse_claims(attack_claim(key, text), "t.yml")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("text", [
    "Plain text with *emphasis*, **strong** and `code`.",
    "See [ResNet-20](models/resnet20.md#key-facts) and [depth](concepts/depth.md).",
    'Bound: <span data-fact="resnet20.params">269,722</span> parameters.',
    "Arrows → and kernels like 3×3 read as they are.",
])
def test_claim_text_that_is_prose_links_and_fact_markers_is_accepted(text):
    assert parse_claims(attack_claim("correction", text), "t.yml")[0].correction == text


def test_fact_check_page_quotes_the_statements_a_refuted_claim_rests_on(decisions):
    from tools.published import quotes, source_of
    from tools.render.factcheck import render_fact_check

    page = render_fact_check(list(decisions.values()))
    section = page.split("{#resnet-designed-against-vanishing-gradients}", 1)[1].split("\n## ", 1)[0]
    assert '<span class="atlas-verdict atlas-refuted">refuted by the paper</span>' in section
    assert '!!! quote "Refuted by the paper: cited, not measured here"' in section
    for name in ("paper.resnet.problem_addressed", "paper.resnet.degradation_from_vanishing_gradients"):
        assert f"    > {quotes()[name]}\n    >\n    > — {source_of(name)}" in section
