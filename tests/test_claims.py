"""The claim engine decides verdicts from data; malformed claim files are errors naming file and claim."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tools.claims import (
    SUFFIX, ClaimEntry, ClaimError, contradiction, decide, decide_all, load_all, load_claims, parse_claims, parse_file,
)
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
    "vgg-only-3x3-convolutions": "depends",  # configuration C (cited) has 1×1 convolutions
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
    "resnet34-block-two-or-three-convs": "wrong",  # "two or three convolutions plus a shortcut": always two
    "resnet34-depthwise-separable-cuts-cost": "correct",
    "activation-swap-changes-params": "wrong",
    "conv1x1-before-fc-reduces-computation": "depends",  # after pooling it saves MACs, before pooling it adds them
    "double-width-quadruples-params": "correct",
    "resnet-designed-against-vanishing-gradients": "refuted",
    "keras-tutorial-resnet-builds": "wrong",
    "keras-tutorial-four-blocks": "wrong",
    "keras-tutorial-projected-builds": "correct",
    "resnet50-25-5m-params": "close",
    "resnet50-exact-param-count": "depends",
    "keras-resnet50-v1-placement": "correct",
    "tfslim-resnet-v1-downsamples-like-paper": "wrong",
    # the posts' statements (docs/claims/85-posts.yml)
    "resnet20-blocks-output-one-size": "wrong",
    "imagenet-resnets-stem-stages-head": "correct",
    "resnet-against-degradation": "supported",
    "residual-block-fits-f-of-x": "supported",
    "residual-is-easier-to-fit": "supported",
    "identity-shortcut-carries-gradient-back": "supported",
    "inception-v3-parallel-branches": "correct",
    "resnet50-101-152-layer-counts": "correct",
    "bottleneck-reduces-computation": "correct",
    "bottleneck-1x1-shrinks-3x3": "correct",
    "strided-stages-grow-receptive-field": "correct",
    "larger-growth-rate-more-memory": "correct",
    "densenet-1x1-compresses": "wrong",
    "densenet-bottleneck-cuts-3x3-cost": "correct",
    "resnet34-maps-shrink-width-grows": "correct",
    "resnet34-fewer-blocks-change-cost": "correct",
    "smaller-input-changes-params-and-cost": "wrong",
    "resnet34-with-bottleneck-blocks": "correct",
    "resnet34-add-batchnorm": "wrong",
    "resnet50-identity-blocks-adjust-shape": "wrong",
    "identity-block-1x1-adjusts-channels": "correct",
    "keras-tutorial-stage-shapes": "correct",
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
    ('fact: resnet20.params\n        stated: "0.27M"', True),
    ('fact: resnet20.params\n        stated: "0.5M"', False),
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
    ("claims: [unclosed\n", r"t.yml: not valid YAML at line 2: did not find expected"),
    ("- id: x\n", r"t.yml: expected a mapping with the key 'claims', holding a list of claims"),
    ("claims:\n  - !!python/object/apply:os.system [echo]\n", r"t.yml: not valid YAML"),
    ("claims:\n  - 5\n", r"t.yml: claims #1: expected a mapping with keys id, statement, topic, checks"),
    (one_claim("      - fact: resnet20.param\n        equals: 1\n"), r"claim 'test-claim': unknown fact 'resnet20.param'; did you mean resnet20.params"),
    (one_claim("      - fact: resnet20.params\n        stated: 270000\n"), r"claim 'test-claim': checks\[0\].stated: takes the figure as text, as the post wrote it, in quotes"),
    (one_claim("      - fact: resnet20.params\n        stated: lots\n"), r"checks\[0\].stated: cannot read the figure 'lots'; write it as the post did, like \"25,557,032\", \"25.6M\""),
    (one_claim("      - fact: resnet20.params\n        stated: '0.27M'\n        tolerance: 2%\n"), r"checks\[0\].tolerance: unknown key"),
    (one_claim("      - fact: resnet20.head\n        stated: '2'\n"), r"claim 'test-claim': a stated figure is compared with a number, but the fact is \["),
    (one_claim("      - fact: resnet20.params\n        is: 1\n"), r"claim 'test-claim': checks\[0\].is: unknown key \(valid: at_least, at_most, contains, differs"),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n") + "    quantifier: every\n", r"claim 'test-claim': quantifier: reads a check over several facts"),
    (one_claim("      - facts: [vgg11.weighted_layers, vgg16.weighted_layers]\n        equals: 16\n") + "    quantifier: each\n", r"claim 'test-claim': quantifier: "),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n") + "    posts: [1]\n", r"claim 'test-claim': posts\[0\]: "),
    (one_claim("      - fact: resnet20.params\n"), r"checks\[0\]: a fact check needs exactly one comparison"),
    (one_claim("      - fact: resnet20.params\n        facts: [resnet20.params]\n        equals: 1\n"), r"checks\[0\]: a check is a mapping with exactly one of fact, facts, experiment"),
    (one_claim("      - experiment: nope\n        expect: runs\n"), r"checks\[0\].experiment: unknown experiment 'nope'; valid: identity_shortcut_at_stride2"),
    (one_claim("      - experiment: option_a_shortcut_at_stride2\n"), r"checks\[0\]: missing expect"),
    (one_claim("      - experiment: option_a_shortcut_at_stride2\n        expect: runs\n        equals: 1\n"), r"checks\[0\].equals: unknown key \(valid: expect, experiment\)"),
    (one_claim("      - fact: resnet20.params\n        range: [2, 1]\n"), r"checks\[0\].range: must be \[low, high\] with low <= high"),
    (one_claim("      - fact: resnet20.params\n        equals: {fact: resnet20.params, as: 1}\n"), r"checks\[0\].equals.as: unknown key \(valid: fact\)"),
    (one_claim("      - facts: []\n        equals: 1\n"), r"checks\[0\].facts: must be a non-empty list"),
    ("claims:\n  - id: x\n    statement: s\n", r"claim 'x': missing checks, correction, correction_zh, statement_zh, topic$"),
    ("claims:\n  - id: Not_An_Id\n    statement: s\n", r"claim 'Not_An_Id': id: must be lowercase words joined by dashes"),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n") + "    verdict: correct\n", r"claim 'test-claim': verdict: remove it"),
])
def test_malformed_claims_name_the_file_the_claim_and_the_fix(text, message):
    with pytest.raises(ClaimError, match=message) as error:
        for claim in parse_claims(text, "t.yml"):
            decide(claim, all_facts())
    assert "\n" not in str(error.value)


def test_the_schema_holds_a_statement_and_a_correction_in_every_language():
    assert {f"{key}{suffix}" for suffix in SUFFIX.values() for key in ("statement", "correction")} <= set(ClaimEntry.model_fields)


# --- Values are typed: finite numbers, text that is text, each key once ------------------------------------

PLANTED = {  # a mistake planted in a check of a claim: (the check's lines, the key the error names, its message)
    ".inf": ("equals: .inf", "equals", "numbers must be finite: .inf, -.inf and .nan are refused"),
    "-.inf": ("less_than: -.inf", "less_than", "numbers must be finite"),
    ".nan": ("less_than: .nan", "less_than", "numbers must be finite"),
    "infinite bound of a range": ("range: [1, .inf]", r"range\[1\]", "numbers must be finite"),
    "beyond float range (YAML reads it as text)": ("equals: 1e400", "equals", "1e400 is beyond the range of a 64-bit float; numbers must be finite"),
    "beyond float range, written as a float": ("greater_than: 1.0e+400", "greater_than", "numbers must be finite"),
    "1e9 (YAML 1.1 text)": ("equals: 1e9", "equals", "1e9 is text in YAML, not a number .*: write 1.0e\\+9 or 1000000000$"),
    "2.5e6 (YAML 1.1 text)": ("greater_than: 2.5e6", "greater_than", r"2.5e6 is text in YAML.*: write 2.5e\+6 or 2500000$"),
    "a quoted number": ('equals: "25557032"', "equals", "'25557032' is quoted: compare with a number, not text"),
    "a quoted number in a list": ('equals: [3, "3"]', r"equals\[1\]", "'3' is quoted: compare with a number, not text"),
    "text where a number belongs": ("less_than: lots", "less_than", r"takes a number or \{fact: NAME\}, not text"),
    "true where a number belongs": ("greater_than: true", "greater_than", r"expected a number or \{fact: NAME\}"),
    "text in a range": ("range: [1, many]", r"range\[1\]", r"takes a number or \{fact: NAME\}, not text"),
    "null": ("equals: null", "equals", "needs a value to compare with, not null"),
    "a list in a list": ("equals: [[1, 2]]", r"equals\[0\]", "expected a number, text or true/false"),
}


@pytest.mark.parametrize(("check", "key", "message"), list(PLANTED.values()), ids=list(PLANTED))
def test_a_value_that_is_not_a_finite_number_text_or_fact_is_refused_naming_its_key(check, key, message):
    with pytest.raises(ClaimError, match=rf"^t\.yml: claim 'test-claim': checks\[0\]\.{key}: {message}") as error:
        parse_claims(one_claim(f"      - fact: resnet20.params\n        {check}\n"), "t.yml")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("        equals: 20\n", "        equals: .inf\n", r"checks\[0\]\.equals: numbers must be finite"),
    ("        equals: 20\n", "        equals: .nan\n", r"checks\[0\]\.equals: numbers must be finite"),
    ("        equals: 20\n", "        equals: 1e400\n", r"checks\[0\]\.equals: 1e400 is beyond the range of a 64-bit float; numbers must be finite"),
    ("        equals: 20\n", "        equals: 2e1\n", r"checks\[0\]\.equals: 2e1 is text in YAML.*: write 2\.0e\+1 or 20$"),
    ("        equals: 20\n", '        equals: "20"\n', r"checks\[0\]\.equals: '20' is quoted: compare with a number, not text"),
])
def test_a_mistyped_number_planted_in_a_claim_file_is_one_line_naming_file_claim_and_key(old, new, message):
    source = (ROOT / "docs/claims/10-resnet20.yml").read_text(encoding="utf-8")
    assert old in source
    with pytest.raises(ClaimError, match=rf"^docs/claims/10-resnet20\.yml: claim 'resnet20-twenty-residual-blocks': {message}") as error:
        parse_claims(source.replace(old, new, 1), "docs/claims/10-resnet20.yml")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("value", [
    "basic", "bottleneck", "v1", "Conv2d", '["3x3", "3x3"]', "[AdaptiveAvgPool2d, Linear]", "[1x1, 1x1]", "[64, 96, 128]",
    "true", "8.75", "-3", "1.0e+9", "{fact: resnet20-b.params}", '"v1.5"', '"3, 3, 3"',
])
def test_values_claims_compare_with_are_accepted_as_they_are(value):
    [claim] = parse_claims(one_claim(f"      - fact: resnet20.params\n        equals: {value}\n"), "t.yml")
    assert claim.checks == [{"fact": "resnet20.params", "equals": yaml.safe_load(value)}]
    assert type(claim.checks[0]["equals"]) is type(yaml.safe_load(value))  # 20 stays an int, 8.75 a float


@pytest.mark.parametrize(("text", "line", "key"), [
    (one_claim("      - fact: resnet20.params\n        equals: 1\n        equals: 2\n"), 11, "equals"),
    (one_claim("      - fact: resnet20.params\n        equals: 1\n").replace("    topic: t\n", "    topic: t\n    topic: u\n"), 5, "topic"),
    ("claims: []\nclaims: []\n", 2, "claims"),
])
def test_a_key_given_twice_is_refused_naming_the_key_and_its_line(text, line, key):
    with pytest.raises(ClaimError, match=rf"^t\.yml: not valid YAML at line {line}: duplicate key '{key}' \(first at line {line - 1}\)"):
        parse_claims(text, "t.yml")


def test_a_key_given_twice_in_a_claim_file_is_refused():
    source = (ROOT / "docs/claims/10-resnet20.yml").read_text(encoding="utf-8")
    planted = source.replace("        equals: 20\n", "        equals: 20\n        equals: 9\n", 1)
    line = planted[:planted.index("equals: 9")].count("\n") + 1
    with pytest.raises(ClaimError, match=rf"^docs/claims/10-resnet20\.yml: not valid YAML at line {line}: duplicate key 'equals'"):
        parse_claims(planted, "docs/claims/10-resnet20.yml")


@pytest.fixture
def claims_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs/claims", tmp_path / "docs/claims")
    return tmp_path


def test_a_directory_named_like_a_claim_file_is_refused_in_one_line(claims_copy):
    (claims_copy / "docs/claims/x.yml").mkdir()
    with pytest.raises(ClaimError, match=r"^docs/claims/x\.yml: not a regular file; a claim file is YAML text"):
        load_claims(claims_copy)


def test_a_claim_file_that_is_not_utf8_is_refused_in_one_line(claims_copy):
    path = claims_copy / "docs/claims/10-resnet20.yml"
    source = path.read_bytes()
    assert "顾名思义".encode() in source
    path.write_bytes(source.replace("顾名思义".encode(), "顾名思义".encode("gb18030"), 1))  # saved in a Chinese code page
    line = source[:source.index("顾名思义".encode())].count(b"\n") + 1
    with pytest.raises(ClaimError, match=rf"^docs/claims/10-resnet20\.yml: not UTF-8 text \(byte 0x[0-9a-f]{{2}} on line {line}\); save it as UTF-8$"):
        load_claims(claims_copy)


# --- A correction never contradicts its verdict -------------------------------------------------------------

WRONG = "      - fact: resnet20.residual_blocks\n        equals: 20\n"
CORRECT = "      - fact: resnet20.residual_blocks\n        equals: 9\n"
DEPENDS = "      - facts: [resnet20.residual_blocks, resnet56.residual_blocks]\n        equals: 9\n"
QUOTED_REFUTED = "      - fact: paper.resnet.problem_addressed\n        equals: vanishing gradients\n"


CONTRADICTING = [  # (the checks, the key, the correction's words, the verdict they contradict)
    (WRONG, "correction", "Correct: it has nine.", "wrong"),
    (WRONG, "correction_zh", "正确：它有九个。", "wrong"),
    (DEPENDS, "correction", "Correct for some.", "depends"),
    (QUOTED_REFUTED, "correction", "Correct, says the paper.", "refuted"),
    (CORRECT, "correction", "Wrong: it has nine.", "correct"),
    (CORRECT, "correction", "Incorrect.", "correct"),
    (CORRECT, "correction_zh", "错误：它有九个。", "correct"),
    (CORRECT, "correction_zh", "不对，它有九个。", "correct"),
    (CORRECT, "correction", "It depends on the variant.", "correct"),
]


@pytest.mark.parametrize(("checks", "key", "words", "verdict"), CONTRADICTING,
                         ids=[f"{verdict}, {key} opens {words.split()[0]}" for _, key, words, verdict in CONTRADICTING])
def test_a_correction_that_opens_with_another_verdict_is_refused(checks, key, words, verdict):
    quoted = json.dumps(words, ensure_ascii=False)
    text = one_claim(checks, quoted) if key == "correction" else one_claim(checks).replace("更正", quoted)
    claims = parse_claims(text, "t.yml")
    decision = decide(claims[0], all_facts())
    assert decision.verdict == verdict  # the engine decides; the check and generate name the contradiction
    assert re.match(rf"^t\.yml: claim 'test-claim': {key}: opens with '.+' \(\w+\), but the engine decides the claim "
                    rf"{verdict}: rewrite", contradiction(decision))


AGREEING = [  # (the checks, the correction, the verdict)
    (CORRECT, "Correct: nine.", "correct"),
    (WRONG, "Wrong: nine.", "wrong"),
    (DEPENDS, "It depends on the model.", "depends"),
    (QUOTED_REFUTED, "Wrong, in the paper's own words.", "refuted"),
    (WRONG, "Correctly counted, it has nine.", "wrong"),  # a word that starts like a verdict says none
    (CORRECT, "ResNet-20 has nine.", "correct"),
]


@pytest.mark.parametrize(("checks", "words", "verdict"), AGREEING, ids=[f"{verdict}, {words}" for _, words, verdict in AGREEING])
def test_a_correction_that_agrees_with_its_verdict_or_says_none_is_accepted(checks, words, verdict):
    [decision] = decide_all(parse_claims(one_claim(checks, json.dumps(words)), "t.yml"))
    assert decision.verdict == verdict
    assert contradiction(decision) is None


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
    with pytest.raises(ClaimError, match=rf"^t\.yml: claim 'test-claim': {key}: .*{re.escape(message)}") as error:
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
    section = page.split("{#resnet-designed-against-vanishing-gradients ", 1)[1].split("\n## ", 1)[0]
    assert '<span class="atlas-verdict atlas-refuted">refuted by the paper</span>' in section
    assert '!!! quote "Refuted by the paper: cited, not measured here"' in section
    for name in ("paper.resnet.problem_addressed", "paper.resnet.degradation_from_vanishing_gradients"):
        assert f"    > {quotes()[name]}\n    >\n    > — {source_of(name)}" in section


def test_a_resnet34_block_has_two_main_path_convolutions_and_three_only_with_its_projection():
    """The posts say "two or three convolutions plus a shortcut": the shortcut is not one of the convolutions."""
    facts = all_facts()
    assert facts["resnet34.main_path_conv_counts"] == [2]
    assert facts["resnet34.block_conv_counts"] == [2, 3]  # the 3: a block whose shortcut is a 1×1 projection
    assert facts["resnet50.main_path_conv_counts"] == [3]


# --- Statements not checked here: listed with why, never decided ------------------------------------------

UNCHECKED = ("claims: []\nunchecked:\n  - id: tool-statement\n    statement: A tool shows the graph.\n"
             "    statement_zh: 工具能显示结构图。\n    why: {why}\n    why_zh: 这是关于工具的说法。\n    posts: [\"000\"]\n")


def test_a_statement_not_checked_here_is_read_with_why_and_gets_no_verdict():
    claims, unchecked = parse_file(UNCHECKED.format(why="A statement about a tool."), "t.yml")
    assert claims == [] and [(u.id, u.posts) for u in unchecked] == [("tool-statement", ("000",))]
    assert unchecked[0].text("zh") == ("工具能显示结构图。", "这是关于工具的说法。")


@pytest.mark.parametrize(("text", "message"), [
    (UNCHECKED.replace("    why: {why}\n", ""), r"t.yml: claim 'tool-statement': missing why$"),
    (UNCHECKED.format(why="<script>x</script>"), r"claim 'tool-statement': why: contains raw HTML"),
    (UNCHECKED.format(why="w") + "    verdict: correct\n", r"claim 'tool-statement': verdict: unknown key \(valid: id, posts"),
])
def test_a_malformed_statement_not_checked_here_is_refused_in_one_line(text, message):
    with pytest.raises(ClaimError, match=message):
        parse_file(text, "t.yml")


def test_the_fact_check_page_lists_every_statement_not_checked_here_without_a_verdict():
    from tools.render.factcheck import render_fact_check

    claims, unchecked = load_all(ROOT)
    page = render_fact_check(decide_all(claims), unchecked)
    section = page.split("## Not checked here {#not-checked}")[1]
    assert [u.id for u in unchecked] == re.findall(r'<a id="([a-z0-9-]+)"></a>', section)
    assert "atlas-verdict" not in section and len(unchecked) >= 6
    assert {post for u in unchecked for post in u.posts} == {"000", "001", "002", "003"}


def test_every_post_is_answered_and_each_claim_names_a_post_as_three_digits():
    claims, unchecked = load_all(ROOT)
    posts = {post for item in [*claims, *unchecked] for post in item.posts}
    assert posts == {"000", "001", "002", "003", "004"}


def test_a_model_number_in_why_a_statement_is_not_checked_must_be_bound():
    from tools.site import _unbound_in_claims

    _, unchecked = parse_file(UNCHECKED.format(why="Training is not rerun, and ResNet-50 has 50 layers."), "t.yml")
    assert [(u.text, u.path) for u in _unbound_in_claims(unchecked)] == [("50 layers", "t.yml (claim tool-statement)")]


def test_the_relations_the_corrections_of_the_posts_claims_state_hold():
    """Sentences of docs/claims/85-posts.yml that relate two bound numbers, recomputed (their claims' checks
    decide something else)."""
    facts = all_facts()
    # bottleneck-reduces-computation: the saving is spent on width, ResNet-50 needs more than ResNet-34
    assert facts["resnet50.macs"] > facts["resnet34.macs"]
    # resnet34-add-batchnorm: one BatchNorm after each convolution
    assert facts["resnet34.batchnorm_layers"] == facts["resnet34.conv_layers"]
    # resnet50-identity-blocks-adjust-shape: each shape-changing block has its projection shortcut
    assert facts["resnet50.shape_changing_blocks"] == facts["resnet50.projection_shortcuts"]
    # resnet-against-degradation (and why deeper networks' generalisation is not checked): 1202 layers do worse
    assert facts["paper.resnet1202.table6_error_pct"] > facts["paper.resnet110.table6_error_pct"]
    # keras-tutorial-stage-shapes: ResNet-18's stage outputs, channels last
    assert facts["keras.tutorial_resnet.keras_stage_outputs"] == [
        f"{h}×{w}×{c}" for c, h, w in facts["resnet18.stage_outputs"]]
