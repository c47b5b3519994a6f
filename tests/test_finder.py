"""One policy, two implementations: the browser (assets/javascripts/policy.js, reading the rules that
tools/policy.py exports as data) must read every figure as the engine does, and grade every value the same.

Property-based (hypothesis): thousands of figures built from the rules' own words, digits and separators, and
of values near them and far, are graded in both; every stated figure of docs/claims against each of its facts
too. A rule changed on one side only (planted) is caught.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_browser import browser  # noqa: F401 - Debian's Chromium, launched once per module
from tools import policy
from tools.claims import VERDICT_RULES, Claim, decide, load_claims, parse_claims
from tools.facts.namespace import all_facts, lookup
from tools.published import quotes
from tools.render.finder import render_policy_rules

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs/assets/javascripts/policy.js"

GRADE_ALL = """cases => cases.map(([written, values]) => {
  const figure = AtlasPolicy.parse(written);
  return figure ? values.map(value => AtlasPolicy.grade(figure, value)) : null;
})"""


@pytest.fixture(scope="module")
def page(browser) -> Iterator[object]:  # noqa: F811 - the browser fixture of tests/test_browser.py (it skips without one)
    page = browser.new_page()
    load(page, render_policy_rules())
    yield page
    page.close()


def load(page: object, rules: str) -> None:
    page.set_content(f"<!doctype html><script>{rules}\n{SCRIPT.read_text(encoding='utf-8')}</script>")


def in_python(cases: list[tuple[str, list[object]]]) -> list[list[str] | None]:
    graded: list[list[str] | None] = []
    for written, values in cases:
        try:
            figure = policy.parse(written)
        except policy.FigureError:
            graded.append(None)
            continue
        graded.append([figure.grade(value) for value in values])
    return graded


def differences(page: object, cases: list[tuple[str, list[object]]]) -> list[str]:
    browser = page.evaluate(GRADE_ALL, cases)
    return [f"{written!r} {values}: engine {mine}, browser {theirs}"
            for (written, values), mine, theirs in zip(cases, in_python(cases), browser, strict=True) if mine != theirs]


# --- figures as posts write them, from the rules' own words ------------------------------------------

HEDGE_WORDS = [word for words in policy.HEDGES.values() for word in words]
AFTER_WORDS = [word for words in policy.HEDGES_AFTER.values() for word in words]
UNIT_WORDS = [word for words in policy.UNITS.values() for word in words]
def figure(rng: random.Random) -> str:
    """A figure as a post might write it, from the rules' own words: a hedge, one to three numbers (commas,
    decimals, a sign, a scale word), a unit, a hedge after; now and then something the policy must refuse."""
    def numeral() -> str:
        whole = rng.choice([rng.randrange(10), rng.randrange(1000), rng.randrange(10**9)])
        written = f"{whole:,}" if rng.random() < 0.5 else str(whole)
        if rng.random() < 0.5:
            written += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 4)))
        scale = rng.choice([""] * 4 + list(policy.SCALES))
        return rng.choice(["", "", "-", "−"]) + written + (rng.choice(["", " "]) + scale if scale else "")

    written = rng.choice([" or ", "/", "或", "、", " / "]).join(numeral() for _ in range(rng.choice([1, 1, 2, 3])))
    if rng.random() < 0.5:
        written = rng.choice(HEDGE_WORDS) + rng.choice(["", " "]) + written
    if rng.random() < 0.25:
        written += rng.choice(["", " "]) + rng.choice(UNIT_WORDS)
    if rng.random() < 0.2:
        written += rng.choice(AFTER_WORDS)
    if rng.random() < 0.1:
        written = rng.choice(["x", "..", "e9", " abouts", "MB", ",", "~~"]) + written
    return written


def values_near(rng: random.Random, written: str) -> list[object]:
    """Values at, around and far from the figure's numbers: ints, floats, the bounds themselves."""
    try:
        numbers = policy.parse(written).numbers
    except policy.FigureError:
        numbers = ()
    values: list[object] = [rng.randint(-(2**53), 2**53), rng.uniform(-1e12, 1e12), rng.random()]
    for number in numbers:
        for quarter in rng.sample(range(-12, 13), 6):
            value = number.value + number.step * Decimal(quarter) / 4
            values.append(int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value))
    return values


# Property-based: hypothesis picks the seeds (and keeps a failing one), each seed makes 1,000 figures graded
# in one call to the browser: 3,000 figures a run.
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_the_browser_reads_and_grades_every_figure_as_the_engine_does(page, seed):
    rng, batch = random.Random(seed), []
    for _ in range(1000):
        written = figure(rng)
        batch.append((written, values_near(rng, written)))
    assert sum(graded is not None for graded in in_python(batch)) > 700  # most are figures the policy reads
    assert differences(page, batch) == []


def test_every_stated_figure_of_the_claims_grades_the_same_in_the_browser(page):
    facts = all_facts()
    batch = [(check["stated"], [lookup(name, facts) for name in ([check["fact"]] if "fact" in check else check["facts"])])
             for claim in load_claims(ROOT) for check in claim.checks if "stated" in check]
    assert len(batch) >= 4 and differences(page, batch) == []


@pytest.mark.parametrize(("rule", "changed"), [
    ("half_width", {"plain": "0.6", "hedged": "1"}),
    ("close_beyond", "2"),
    ("scales", {**policy.SCALES, "万": 10**5}),
    ("hedges", {"en": ["about"], "zh": []}),
])
def test_a_rule_changed_in_the_browser_alone_is_caught(page, rule, changed):
    """The same cases, with one rule planted differently on the browser's side: some figure must disagree."""
    planted = json.loads(json.dumps(policy.RULES)) | {rule: changed}
    sample = [("25.5M", [25_557_032, 25_450_000, 25_640_000, 25_700_000]), ("2560万", [25_557_032, 25_600_000]),
              ("约2.5亿", [238_000_000]), ("about 3.8 billion", [3_857_973_248, 3_990_000_000]), ("~42", [41, 44])]
    try:
        load(page, f"window.ATLAS_POLICY = {json.dumps(planted)};")
        assert differences(page, sample)
    finally:
        load(page, render_policy_rules())


# --- claims: the browser's claim checker decides as the engine does -----------------------------------

DECIDE_ALL = "([claims, facts, quoted]) => claims.map(claim => AtlasPolicy.decide(claim, facts, quoted))"


def referenced(checks: list[dict]) -> set[str]:
    names = set()
    for check in checks:
        names |= set([check["fact"]] if "fact" in check else check["facts"])
        names |= {value["fact"] for value in check.values() if isinstance(value, dict)}
    return names


def verdict_differences(page: object, claims: list[Claim]) -> list[str]:
    facts = all_facts()
    used = {name: lookup(name, facts) for claim in claims for name in referenced(claim.checks)}
    mine = [decide(claim, facts).verdict for claim in claims]
    theirs = page.evaluate(DECIDE_ALL, [[{"checks": c.checks, "quantifier": c.quantifier} for c in claims], used,
                                        sorted(quotes())])
    return [f"{claim.id}: engine {a}, browser {b}" for claim, a, b in zip(claims, mine, theirs, strict=True) if a != b]


def test_every_claim_of_docs_claims_gets_the_same_verdict_in_the_browser(page):
    claims = [claim for claim in load_claims(ROOT) if not any("experiment" in check for check in claim.checks)]
    assert len(claims) > 50 and verdict_differences(page, claims) == []


COMPARED = ("equals", "differs", "range", "less_than", "greater_than", "at_least", "at_most", "stated")


def generated_claim(rng: random.Random, index: int, numeric: list[tuple[str, object]]) -> str:
    """A claim over one to four numeric facts, each check one comparison, now and then quantified."""
    checks = []
    for _ in range(rng.randint(1, 3)):
        picked = rng.sample(numeric, rng.randint(1, 4))
        value = picked[0][1]
        op = rng.choice(COMPARED)
        if op == "stated":
            scale = 10 ** rng.randint(0, 6) if abs(value) >= 1000 else 1
            target = json.dumps(f"{rng.choice(['', 'about '])}{round(value / scale, rng.randint(0, 2))}"
                                f"{ {1: '', 1000: 'k', 10**6: 'M'}.get(scale, '') if scale in (1, 1000, 10**6) else ''}")
            if scale not in (1, 1000, 10**6):
                target = json.dumps(f"{round(value, 1)}")
        elif op == "range":
            low = value - rng.randint(0, 3)
            target = f"[{low}, {low + rng.randint(0, 6)}]"
        else:
            target = rng.choice([str(value), str(value + rng.choice([-1, 1])), "{fact: " + rng.choice(numeric)[0] + "}"])
        subject = f"fact: {picked[0][0]}" if len(picked) == 1 else "facts: [" + ", ".join(n for n, _ in picked) + "]"
        checks.append(f"      - {subject}\n        {op}: {target}\n")
    several = any("facts:" in check for check in checks)
    quantified = several and rng.random() < 0.4
    return (f"  - id: generated-{index}\n    statement: {'Every model has it.' if quantified else 'A claim.'}\n"
            f"    topic: depth\n{'    quantifier: every' + chr(10) if quantified else ''}    checks:\n" + "".join(checks)
            + "    correction: c\n    statement_zh: 说法\n    correction_zh: 更正\n")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_generated_claims_get_the_same_verdict_in_the_browser(page, seed):
    facts, rng = all_facts(), random.Random(seed)
    numeric = sorted((name, value) for name, value in facts.items() if type(value) is int and abs(value) < 2**53)
    claims = parse_claims("claims:\n" + "".join(generated_claim(rng, i, numeric) for i in range(300)), "generated.yml")
    verdicts = {decide(claim, facts).verdict for claim in claims}
    assert {"correct", "wrong"} <= verdicts  # the claims are not all decided alike
    assert verdict_differences(page, claims) == []


def test_a_verdict_rule_changed_in_the_browser_alone_is_caught(page):
    planted = json.loads(json.dumps(policy.RULES)) | {"verdicts": json.loads(json.dumps(VERDICT_RULES))}
    planted["verdicts"]["order"][1][1] = "wrong"  # some facts holding: wrong instead of depends
    claims = [claim for claim in load_claims(ROOT) if not any("experiment" in check for check in claim.checks)]
    try:
        load(page, f"window.ATLAS_POLICY = {json.dumps(planted)};")
        assert verdict_differences(page, claims)
    finally:
        load(page, render_policy_rules())
