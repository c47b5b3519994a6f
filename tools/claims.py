"""Claims as data (docs/claims/*.yml), decided by the engine, never by hand.

A claim file is YAML with a top-level ``claims:`` list. It is read with ``yaml.safe_load``: data
only, nothing in it is evaluated. Each claim:

    - id: resnet20-twenty-blocks            # unique, lowercase words and dashes
      statement: ResNet-20 is built from twenty residual blocks.
      topic: depth
      checks:                               # all must hold for "correct"
        - fact: resnet20.residual_blocks    # or facts: [a, b] for variants; or experiment: NAME
          equals: …                         # one comparison, see COMPARISONS
      correction: ResNet-20 has <span data-fact="resnet20.residual_blocks">…</span> blocks.
      statement_zh: ResNet-20 由 20 个残差块组成。   # the same claim in Chinese, as Chinese posts put it
      correction_zh: ResNet-20 只有 <span data-fact="resnet20.residual_blocks">…</span> 个残差块。

A check over several facts (variants, or MACs vs FLOPs) holds for all, none or some of them.
Verdict: wrong if some check holds for none; depends if some check holds for only some; else correct.
Evidence is computed (model facts), cited (``paper.*``/``torchvision.*`` facts), executed (experiments)
or quoted (a published statement, its words quoted with the source: ``tools.published.quote_of``).
A claim whose only evidence is quoted is about training, which is not rerun here: its verdict is
"supported" or "refuted" (by the paper) instead of correct or wrong (``QUOTED_VERDICTS``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.experiments import EXPERIMENTS, OUTCOMES
from tools.observation import Observation
from tools.facts.namespace import all_facts, lookup
from tools.i18n import CLAIM_SUFFIX
from tools.i18n import text
from tools.markers import MARKER
from tools.published import quotes

CLAIMS_DIR = "docs/claims"
VERDICTS_PATH = "docs/data/verdicts.json"
# Each claim in every language: statement and correction in English, statement_zh and correction_zh in Chinese
# (the statement phrased as Chinese posts phrase it), and so on (tools.i18n.CLAIM_SUFFIX). Decided once, for all.
TRANSLATED = [f"{key}{suffix}" for suffix in CLAIM_SUFFIX.values() if suffix for key in ("statement", "correction")]
CLAIM_KEYS = {"id", "statement", "topic", "checks", "correction", *TRANSLATED}
SUFFIX = CLAIM_SUFFIX  # a language's keys: statement + suffix, correction + suffix
COMPARISONS = ("equals", "differs", "approx", "range", "less_than", "greater_than", "contains", "excludes")
CHECK_KEYS = {"fact", "facts", "experiment", "expect", "tolerance", *COMPARISONS}
PUBLISHED = ("paper.", "torchvision.", "tfslim.")
EVIDENCE = ("computed", "executed", "cited", "quoted")

# A claim decided by quoted statements alone (what the authors argued or ruled out about training)
# cannot be measured here: the verdict says it rests on the paper's word, never that it was measured.
QUOTED_VERDICTS = {"correct": "supported", "wrong": "refuted", "depends": "depends"}
VERDICTS = ("correct", "wrong", "depends", "supported", "refuted")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Claim text is untrusted: plain text, Markdown emphasis, links to pages of this site and fact markers
# (in corrections). Anything that could reach the built page as markup or pull in a file is refused.
LINK = re.compile(r"\]\((?P<target>[^)]*)\)")
SITE_LINK = re.compile(r"^(?!/)(?!.*//)[\w./#-]+$")  # relative, no scheme, no protocol-relative host
REFUSED = [  # (pattern, what it is)
    (re.compile(r"-+8<-+"), "a snippet include (--8<--)"),
    (re.compile(r"<"), "raw HTML (only fact markers may use '<')"),
    (re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I), "a javascript: URL"),
    (re.compile(r"[{}]"), "braces (Markdown attribute lists)"),
    (re.compile(r"!\["), "an image"),
    (re.compile(r"^\s*\[[^\]]*\]:", re.M), "a link reference definition"),
    (re.compile(r"^\s*(?:!!!|\?\?\?|///)", re.M), "a block directive (!!!, ???, ///)"),
]


class ClaimError(ValueError):
    """A malformed claim file; the message names the file and the claim."""


@dataclass(frozen=True)
class Outcome:
    """One fact (or experiment) measured against one check."""

    subject: str  # fact name or experiment name
    measured: object
    holds: bool
    kind: str  # computed | cited | executed | quoted
    observation: Observation | None = None


@dataclass(frozen=True)
class CheckResult:
    check: dict
    outcomes: list[Outcome]

    def description(self, lang: str = "en") -> str:
        """The check in words, as the fact-check page shows it."""
        return describe(self.check, lang)

    @property
    def status(self) -> str:
        held = [o.holds for o in self.outcomes]
        return "all" if all(held) else "none" if not any(held) else "some"


@dataclass(frozen=True)
class Claim:
    path: str
    id: str
    statement: str
    topic: str
    checks: list[dict]
    correction: str
    statement_zh: str
    correction_zh: str

    def text(self, lang: str) -> tuple[str, str]:
        """The statement and the correction in ``lang``."""
        return getattr(self, f"statement{SUFFIX[lang]}"), getattr(self, f"correction{SUFFIX[lang]}")

    def corrections(self) -> list[str]:
        """The correction in every language: prose whose numbers are bound (and checked) in each."""
        return [getattr(self, f"correction{suffix}") for suffix in SUFFIX.values()]


@dataclass
class Decision:
    claim: Claim
    results: list[CheckResult] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        statuses = {result.status for result in self.results}
        measured = "wrong" if "none" in statuses else "depends" if "some" in statuses else "correct"
        return QUOTED_VERDICTS[measured] if self.evidence == ["quoted"] else measured

    @property
    def evidence(self) -> list[str]:
        kinds = {o.kind for result in self.results for o in result.outcomes}
        return [kind for kind in EVIDENCE if kind in kinds]


def load_claims(root: Path) -> list[Claim]:
    claims: list[Claim] = []
    seen: dict[str, str] = {}
    for path in sorted((root / CLAIMS_DIR).glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        for claim in parse_claims(path.read_text(encoding="utf-8"), rel):
            if claim.id in seen:
                raise ClaimError(f"{rel}: claim {claim.id!r}: id already used in {seen[claim.id]}")
            seen[claim.id] = rel
            claims.append(claim)
    return claims


def parse_claims(source: str, path: str) -> list[Claim]:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ClaimError(f"{path}: not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict) or set(data) != {"claims"} or not isinstance(data["claims"], list):
        raise ClaimError(f"{path}: expected a mapping with one key, 'claims', holding a list of claims")
    return [_parse_claim(raw, path, index) for index, raw in enumerate(data["claims"], start=1)]


def _parse_claim(raw: object, path: str, index: int) -> Claim:
    if not isinstance(raw, dict):
        raise ClaimError(f"{path}: claim #{index}: expected a mapping with keys {', '.join(sorted(CLAIM_KEYS))}")
    where = f"{path}: claim {raw.get('id', f'#{index}')!r}"
    if "verdict" in raw:
        raise ClaimError(f"{where}: remove 'verdict': verdicts are decided by the engine from the checks")
    missing = CLAIM_KEYS - set(raw)
    unknown = set(raw) - CLAIM_KEYS
    if missing or unknown:
        problems = [f"missing {', '.join(sorted(missing))}"] if missing else []
        problems += [f"unknown key {', '.join(sorted(unknown))}"] if unknown else []
        raise ClaimError(f"{where}: {'; '.join(problems)} (valid keys: {', '.join(sorted(CLAIM_KEYS))})")
    for key in ("id", "statement", "topic", "correction", *TRANSLATED):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ClaimError(f"{where}: '{key}' must be non-empty text")
    for key in ("topic", *(f"statement{suffix}" for suffix in CLAIM_SUFFIX.values())):
        if "\n" in raw[key].strip() or LINK.search(raw[key]):
            raise ClaimError(f"{where}: '{key}' must be one line of text without links")
    for key in ("statement", "topic", "correction", *TRANSLATED):
        _check_untrusted(raw[key], key, where, markers=key.startswith("correction"))
    if not ID.match(raw["id"]):
        raise ClaimError(f"{where}: id must be lowercase words joined by dashes, e.g. resnet20-twenty-blocks")
    if not isinstance(raw["checks"], list) or not raw["checks"]:
        raise ClaimError(f"{where}: 'checks' must be a non-empty list")
    for check in raw["checks"]:
        _validate_check(check, where)
    return Claim(path, raw["id"], raw["statement"].strip(), raw["topic"], raw["checks"], raw["correction"].strip(),
                 raw["statement_zh"].strip(), raw["correction_zh"].strip())


def _check_untrusted(words: str, key: str, where: str, *, markers: bool) -> None:
    """Refuse anything in claim text but prose, emphasis, site links and (where allowed) fact markers."""
    rest = MARKER.sub(" ", words) if markers else words
    for pattern, what in REFUSED:
        found = pattern.search(rest)
        if found:
            allowed = "plain text, *emphasis*, links to site pages" + (" and fact markers" if markers else "")
            raise ClaimError(f"{where}: '{key}' contains {what} near {_excerpt(rest, found.start())!r}; allowed: {allowed}")
    for link in LINK.finditer(rest):
        if not SITE_LINK.match(link["target"]):
            raise ClaimError(
                f"{where}: '{key}' links to {link['target']!r}; claims may link only to pages of this site, "
                "by relative path like models/resnet20.md"
            )


def _excerpt(words: str, at: int) -> str:
    return " ".join(words[max(0, at - 10):at + 20].split())


def _validate_check(check: object, where: str) -> None:
    if not isinstance(check, dict):
        raise ClaimError(f"{where}: each check must be a mapping")
    unknown = set(check) - CHECK_KEYS
    if unknown:
        raise ClaimError(f"{where}: unknown check key {', '.join(sorted(unknown))} (valid: {', '.join(sorted(CHECK_KEYS))})")
    subjects = [key for key in ("fact", "facts", "experiment") if key in check]
    if len(subjects) != 1:
        raise ClaimError(f"{where}: a check needs exactly one of fact, facts, experiment")
    if "experiment" in check:
        if check["experiment"] not in EXPERIMENTS:
            raise ClaimError(f"{where}: unknown experiment {check['experiment']!r}; valid: {', '.join(EXPERIMENTS)}")
        if check.get("expect") not in OUTCOMES:
            raise ClaimError(f"{where}: an experiment check needs expect: {' or '.join(OUTCOMES)}")
        return
    if "facts" in check and (not isinstance(check["facts"], list) or not check["facts"]):
        raise ClaimError(f"{where}: 'facts' must be a non-empty list of fact names")
    comparisons = [key for key in COMPARISONS if key in check]
    if len(comparisons) != 1:
        raise ClaimError(f"{where}: a fact check needs exactly one comparison of {', '.join(COMPARISONS)}")
    if comparisons[0] == "approx":
        check["tolerance"] = _tolerance(check.get("tolerance"), where)
    elif "tolerance" in check:
        raise ClaimError(f"{where}: 'tolerance' goes with 'approx' only")
    if comparisons[0] == "range":
        bounds = check["range"]
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(_is_number(b) for b in bounds) and bounds[0] <= bounds[1]):
            raise ClaimError(f"{where}: range must be [low, high] with low <= high")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _tolerance(value: object, where: str) -> float:
    """A relative tolerance: "2%" or 0.02, strictly between 0 and 100%."""
    given = str(value).strip() if value is not None else ""
    try:
        tolerance = float(given[:-1]) / 100 if given.endswith("%") else float(given)
    except ValueError:
        tolerance = -1.0
    if not 0 < tolerance < 1:
        raise ClaimError(f"{where}: approx needs a tolerance between 0% and 100%, like '2%' or 0.02; got {value!r}")
    return tolerance


def _resolve(value: object, facts: dict[str, object]) -> object:
    """A comparison value is a literal or {fact: NAME}."""
    if isinstance(value, dict) and set(value) == {"fact"}:
        return lookup(value["fact"], facts)
    return value


def _compare(check: dict, measured: object, facts: dict[str, object]) -> bool:
    op = next(key for key in COMPARISONS if key in check)
    target = _resolve(check[op], facts)
    if op == "equals":
        return measured == target
    if op == "differs":
        return measured != target
    if op == "approx":
        return abs(measured - target) <= check["tolerance"] * abs(target)
    if op == "range":
        return target[0] <= measured <= target[1]
    if op == "less_than":
        return measured < target
    if op == "greater_than":
        return measured > target
    if op == "contains":
        return target in measured
    return target not in measured


def describe(check: dict, lang: str = "en") -> str:
    """The check in words, as the fact-check page shows it (messages check.<comparison>)."""
    if "experiment" in check:
        return text("check.experiment", lang, experiment=check["experiment"],
                    expect=text(f"check.outcome.{check['expect']}", lang))
    op = next(key for key in COMPARISONS if key in check)
    target = check[op]
    target_text = f"`{target['fact']}`" if isinstance(target, dict) else f"`{json.dumps(target)}`"
    return text(f"check.{op}", lang, target=target_text, tolerance=f"{check.get('tolerance', 0):.0%}")


def decide(claim: Claim, facts: dict[str, object]) -> Decision:
    decision = Decision(claim)
    for check in claim.checks:
        if "experiment" in check:
            observation = EXPERIMENTS[check["experiment"]]()
            outcome = Outcome(check["experiment"], observation.outcome, observation.outcome == check["expect"],
                              "executed", observation)
            decision.results.append(CheckResult(check, [outcome]))
            continue
        names = [check["fact"]] if "fact" in check else check["facts"]
        outcomes = []
        for name in names:
            try:
                measured = lookup(name, facts)
                holds = _compare(check, measured, facts)
            except (ValueError, TypeError) as error:
                raise ClaimError(f"{claim.path}: claim {claim.id!r}: {error}") from None
            kind = "quoted" if name in quotes() else "cited" if name.startswith(PUBLISHED) else "computed"
            outcomes.append(Outcome(name, measured, holds, kind))
        decision.results.append(CheckResult(check, outcomes))
    return decision


def decide_all(claims: list[Claim]) -> list[Decision]:
    facts = all_facts()
    return [decide(claim, facts) for claim in claims]
