"""Claims as data (docs/claims/*.yml), decided by the engine, never by hand.

A claim file is YAML with a top-level ``claims:`` list. It is read as data only (PyYAML's safe loader,
nothing in it is evaluated; a key given twice in one mapping is refused) and validated at the door,
once, by one declared schema (``ClaimFile``, pydantic models) into typed records. Each claim:

    - id: resnet20-twenty-blocks            # unique, lowercase words and dashes
      statement: ResNet-20 is built from twenty residual blocks.
      topic: depth
      checks:                               # all must hold for "correct"
        - fact: resnet20.residual_blocks    # or facts: [a, b] for variants; or experiment: NAME
          equals: …                         # one comparison, see COMPARISONS
      correction: ResNet-20 has <span data-fact="resnet20.residual_blocks">…</span> blocks.
      statement_zh: ResNet-20 由 20 个残差块组成。   # the same claim in Chinese, as Chinese posts put it
      correction_zh: ResNet-20 只有 <span data-fact="resnet20.residual_blocks">…</span> 个残差块。

A comparison value is a finite number, text, true/false, a list of those, or ``{fact: NAME}``; text
that reads as a number (``1e9``, which YAML 1.1 leaves as text, or a quoted ``"25557032"``) is refused,
and ``range``, ``less_than`` and ``greater_than`` take numbers (or a fact) only. A figure as a post wrote
it is ``stated: "25.5M"`` (text): ``tools.policy`` reads its interval off its last digit and its hedge
word, the same for every claim; no claim sets its own tolerance.

One verdict policy (written on the fact-check page):

- A fact holds, is close (a rounded figure outside its precision by at most one more step: ``tools.policy``)
  or fails. A check over several facts (variants, or MACs vs FLOPs) holds for all, none or some of them.
- **wrong** if some check holds for none; else, if some check holds for only some, **depends** — unless the
  claim says it holds for every one (``quantifier: every``: "every", "all", "always"), which one
  counterexample makes **wrong**; else **close** if some fact is only close; else **correct**.
Evidence is computed (model facts), cited (``paper.*``/``torchvision.*`` facts), executed (experiments)
or quoted (a published statement, its words quoted with the source: ``tools.published.quote_of``).
A claim whose only evidence is quoted is about training, which is not rerun here: its verdict is
"supported" or "refuted" (by the paper) instead of correct or wrong (``QUOTED_VERDICTS``).
A correction must not open by saying another verdict than the engine's (``OPENINGS``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Discriminator, Field, PlainValidator, Tag, ValidationError, model_validator,
)

from tools.experiments import EXPERIMENTS, OUTCOMES
from tools.observation import Observation
from tools import policy
from tools.facts.namespace import all_facts, lookup
from tools.i18n import CLAIM_SUFFIX
from tools.i18n import text
from tools.markers import MARKER
from tools.published import quotes

CLAIMS_DIR = "docs/claims"
VERDICTS_PATH = "docs/data/verdicts.json"
SUFFIX = CLAIM_SUFFIX  # a language's keys: statement + suffix, correction + suffix
SUBJECTS = ("fact", "facts", "experiment")
COMPARISONS = ("equals", "differs", "stated", "range", "less_than", "greater_than", "at_least", "at_most", "contains",
               "excludes")
PUBLISHED = ("paper.", "torchvision.", "tfslim.")
EVIDENCE = ("computed", "executed", "cited", "quoted")

# A claim decided by quoted statements alone (what the authors argued or ruled out about training)
# cannot be measured here: the verdict says it rests on the paper's word, never that it was measured.
QUOTED_VERDICTS = {"correct": "supported", "wrong": "refuted", "depends": "depends", "close": "close"}
VERDICTS = ("correct", "close", "wrong", "depends", "supported", "refuted")
QUANTIFIERS = ("every",)
# How a claim's verdict follows from the statuses of its checks, as data: the first status present decides
# ("some" as the claim's quantifier says); without any of them, "otherwise". The browser's claim checker
# applies the same table (tools/render/finder.py exports it).
VERDICT_RULES = {
    "order": [["none", "wrong"], ["some", "depends"], ["close", "close"]],
    "quantified": {"every": {"some": "wrong"}},
    "otherwise": "correct",
    "quoted": QUOTED_VERDICTS,
}
# Words by which a statement says it holds for every one of what it names (read strictly: one counterexample
# makes it wrong); a claim declaring ``quantifier: every`` says one of them.
QUANTIFIER_WORDS = {"en": re.compile(r"\b(every|all|always|each)\b", re.I)}
POST = re.compile(r"^\d{3}$")  # a post of ../shared/seeds this claim answers: 000, 001, …
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# How a correction may open by saying a verdict, per language: one that says another verdict than the
# engine's contradicts it (it was written for an old verdict). Openings that say none ("ResNet-20 has
# 9 blocks", "Only for…") are free. A quoted claim's verdict says the same as its measured one.
OPENINGS = {
    "en": {"correct": ("Correct",), "wrong": ("Wrong", "Incorrect"), "depends": ("It depends", "Depends"),
           "close": ("Close",)},
    "zh": {"correct": ("正确",), "wrong": ("错误", "不对"), "depends": ("这要看", "这取决于"), "close": ("接近",)},
}
SAYS = {verdict: measured for measured, quoted in QUOTED_VERDICTS.items() for verdict in (measured, quoted)}

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
# Text that reads as a number: an int or float literal, signs, underscores and exponents included.
NUMERAL = re.compile(r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?")
# A float as PyYAML (YAML 1.1) reads one: a dot, and a sign on the exponent. 1e9 and 1.0e9 stay text.
YAML_FLOAT = re.compile(r"[-+]?(?:\d[\d_]*\.[\d_]*|\.\d[\d_]*)(?:[eE][-+]\d+)?")


class ClaimError(ValueError):
    """A malformed claim file; the message names the file and the claim."""


# --- The door: YAML read as data, then one schema --------------------------------------------------------


class ClaimLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """``yaml.safe_load``'s loader (libyaml's where built in: data only, nothing evaluated) that refuses
    a key given twice in one mapping, where PyYAML would silently keep the last value."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor` merges; its keys may be overridden
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                seen = first.setdefault(key, key_node)
            except TypeError:  # an unhashable key: the constructor refuses it below
                continue
            if seen is not key_node:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"duplicate key {key!r} (first at line {seen.start_mark.line + 1}); give each key once",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep)


class _Invalid(ValueError):
    """A rule of a whole record broken at one of its keys: the error names that key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _filled(words: str) -> str:
    if not words.strip():
        raise ValueError("must be non-empty text")
    return words


def _one_line(words: str) -> str:
    if "\n" in words.strip() or LINK.search(words):
        raise ValueError("must be one line of text without links")
    return words


def _prose(words: str, *, markers: bool = False) -> str:
    """Refuse anything in claim text but prose, emphasis, site links and (where allowed) fact markers."""
    rest = MARKER.sub(" ", words) if markers else words
    for pattern, what in REFUSED:
        found = pattern.search(rest)
        if found:
            allowed = "plain text, *emphasis*, links to site pages" + (" and fact markers" if markers else "")
            raise ValueError(f"contains {what} near {_excerpt(rest, found.start())!r}; allowed: {allowed}")
    for link in LINK.finditer(rest):
        if not SITE_LINK.match(link["target"]):
            raise ValueError(
                f"links to {link['target']!r}; claims may link only to pages of this site, "
                "by relative path like models/resnet20.md"
            )
    return words


def _corrected(words: str) -> str:
    return _prose(words, markers=True)


def _excerpt(words: str, at: int) -> str:
    return " ".join(words[max(0, at - 10):at + 20].split())


def _claim_id(words: str) -> str:
    if not ID.match(words):
        raise ValueError("must be lowercase words joined by dashes, e.g. resnet20-twenty-blocks")
    return words


def _not_a_numeral(words: str) -> str:
    """Text compared as text; text that reads as a number is a number mistyped, and refused with the fix."""
    given = words.strip()
    if not NUMERAL.fullmatch(given):
        return words
    mantissa, _, exponent = given.replace("E", "e").partition("e")
    number = float(given.replace("_", ""))
    if not math.isfinite(number) or (number == 0 and re.search(r"[1-9]", mantissa)):
        raise ValueError(f"{given} is beyond the range of a 64-bit float; numbers must be finite")
    written = given if YAML_FLOAT.fullmatch(given) or not exponent else (
        f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent if exponent[0] in '+-' else '+' + exponent}")
    if written == given:
        raise ValueError(f"{words!r} is quoted: compare with a number, not text: write {given} without quotes")
    plain = f" or {int(number)}" if number.is_integer() and abs(number) < 1e16 else ""
    raise ValueError(f"{given} is text in YAML, not a number (YAML 1.1 reads an exponent only after a dot and "
                     f"with a sign): write {written}{plain}")


def _numeral_only(words: str) -> str:
    """Text where only a number (or a fact) will do: refused, with the number it may have meant."""
    _not_a_numeral(words)
    raise ValueError(f"takes a number or {{fact: NAME}}, not text ({words!r})")


def _figure(value: object) -> str:
    """A figure as the post wrote it, as text the policy reads (``tools.policy.parse``)."""
    if not isinstance(value, str):
        raise ValueError(f"takes the figure as text, as the post wrote it, in quotes: stated: \"25.5M\"; got {value!r}")
    if policy.parse(value).unit:
        raise ValueError(f"write the figure without its unit ({value!r}): the fact names the unit")
    return value


def _post(name: str) -> str:
    if not POST.match(name):
        raise ValueError(f"names a post by its three digits, like \"001\"; got {name!r}")
    return name


def _bounds(bounds: list[float]) -> list[float]:
    if len(bounds) != 2 or bounds[0] > bounds[1]:
        raise ValueError("must be [low, high] with low <= high")
    return bounds


def _experiment(name: str) -> str:
    if name not in EXPERIMENTS:
        raise ValueError(f"unknown experiment {name!r}; valid: {', '.join(EXPERIMENTS)}")
    return name


def _outcome(expect: str) -> str:
    if expect not in OUTCOMES:
        raise ValueError(f"an experiment check expects {' or '.join(OUTCOMES)}; got {expect!r}")
    return expect


def _kind(value: object) -> str | None:
    """The tag of a value as YAML gives it, which picks the one type it is validated as."""
    if isinstance(value, bool):
        return "truth"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "real"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "reference" if isinstance(value, (dict, FactReference)) else None  # a record when dumped


def _subject(check: object) -> str | None:
    """A check's tag: the one subject it names (fact, facts or experiment)."""
    keys = check if isinstance(check, dict) else check.model_fields_set if isinstance(check, Record) else ()
    subjects = [key for key in SUBJECTS if key in keys]
    return f"{subjects[0]} check" if len(subjects) == 1 else None


class Record(BaseModel):
    """A record of a claim file: its keys declared, nothing else accepted, no value coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Text = Annotated[str, AfterValidator(_filled)]
Line = Annotated[str, AfterValidator(_filled), AfterValidator(_one_line), AfterValidator(_prose)]
Correction = Annotated[str, AfterValidator(_filled), AfterValidator(_corrected)]


class FactReference(Record):
    """``{fact: NAME}``: compare with another fact's value."""

    fact: Text


# The tagged pieces of a value; the tag (``_kind``) names no key, so an error's place reads as keys.
Truth = Annotated[bool, Tag("truth")]
Integer = Annotated[int, Tag("integer")]
Real = Annotated[float, Field(allow_inf_nan=False), Tag("real")]
Words = Annotated[str, AfterValidator(_not_a_numeral), Tag("text")]
NumberWords = Annotated[str, AfterValidator(_numeral_only), Tag("text")]
Reference = Annotated[FactReference, Tag("reference")]
Scalar = Annotated[Union[Truth, Integer, Real, Words], Discriminator(
    _kind, custom_error_type="value", custom_error_message="expected a number, text or true/false")]
Value = Annotated[Union[Truth, Integer, Real, Words, Annotated[list[Scalar], Tag("list")], Reference], Discriminator(
    _kind, custom_error_type="value",
    custom_error_message="expected a number, text, true/false, a list of those, or {fact: NAME}")]
Number = Annotated[Union[Integer, Real, NumberWords], Discriminator(
    _kind, custom_error_type="number", custom_error_message="expected a number")]
Quantity = Annotated[Union[Integer, Real, NumberWords, Reference], Discriminator(
    _kind, custom_error_type="number", custom_error_message="expected a number or {fact: NAME}")]


class Comparison(Record):
    """What a fact check compares its facts with: exactly one of COMPARISONS; a tolerance with approx alone."""

    equals: Value | None = None
    differs: Value | None = None
    stated: Annotated[str, PlainValidator(_figure)] | None = None
    range: Annotated[list[Number], AfterValidator(_bounds)] | None = None
    less_than: Quantity | None = None
    greater_than: Quantity | None = None
    at_least: Quantity | None = None
    at_most: Quantity | None = None
    contains: Value | None = None
    excludes: Value | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> Comparison:
        given = [op for op in COMPARISONS if op in self.model_fields_set]
        if len(given) != 1:
            raise ValueError(f"a fact check needs exactly one comparison of {', '.join(COMPARISONS)}")
        if getattr(self, given[0]) is None:
            raise _Invalid(given[0], "needs a value to compare with, not null")
        return self


class FactCheck(Comparison):
    fact: Text


class FactsCheck(Comparison):
    """One comparison over several facts (variants, or MACs vs FLOPs): it holds for all, none or some."""

    facts: Annotated[list[Text], Field(min_length=1)]


class ExperimentCheck(Record):
    experiment: Annotated[str, AfterValidator(_experiment)]
    expect: Annotated[str, AfterValidator(_outcome)]


Check = Annotated[
    Union[Annotated[FactCheck, Tag("fact check")], Annotated[FactsCheck, Tag("facts check")],
          Annotated[ExperimentCheck, Tag("experiment check")]],
    Discriminator(_subject, custom_error_type="check",
                  custom_error_message=f"a check is a mapping with exactly one of {', '.join(SUBJECTS)}"),
]


class ClaimEntry(Record):
    """One claim as its file states it; its verdict is never among its keys.

    Each claim in every language: statement and correction in English, statement_zh and correction_zh in
    Chinese (the statement phrased as Chinese posts phrase it), and so on (``tools.i18n.CLAIM_SUFFIX``).
    Decided once, for all.
    """

    id: Annotated[str, AfterValidator(_filled), AfterValidator(_claim_id)]
    statement: Line
    topic: Line
    checks: Annotated[list[Check], Field(min_length=1)]
    correction: Correction
    statement_zh: Line
    correction_zh: Correction
    quantifier: Literal[QUANTIFIERS] | None = None  # type: ignore[valid-type]
    posts: Annotated[list[Annotated[str, AfterValidator(_post)]], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _quantified_as_said(self) -> ClaimEntry:
        """A statement that says it holds for every one of several facts (every ImageNet ResNet, all VGGs) declares
        so, and one counterexample makes it wrong. (Its "every" may quantify something else — every block of one
        model checked for options A and B — so the word alone does not decide it.)"""
        several = any(isinstance(check, FactsCheck) and len(check.facts) > 1 for check in self.checks)
        said = QUANTIFIER_WORDS["en"].search(self.statement)
        if self.quantifier and not several:
            raise _Invalid("quantifier", "reads a check over several facts (facts: [...]); this claim has none")
        if self.quantifier and not said:
            raise _Invalid("quantifier", "is declared, but the statement says none of every, all, always, each")
        return self

    @model_validator(mode="before")
    @classmethod
    def _no_verdict(cls, data: Any) -> Any:
        if isinstance(data, dict) and "verdict" in data:
            raise _Invalid("verdict", "remove it: verdicts are decided by the engine from the checks")
        return data


class UncheckedEntry(Record):
    """A statement of a post that nothing here can decide (about a tool, or about training): listed with why,
    never given a verdict."""

    id: Annotated[str, AfterValidator(_filled), AfterValidator(_claim_id)]
    statement: Line
    statement_zh: Line
    why: Correction
    why_zh: Correction
    posts: Annotated[list[Annotated[str, AfterValidator(_post)]], Field(min_length=1)]


class ClaimFile(Record):
    claims: list[ClaimEntry]
    unchecked: list[UncheckedEntry] = []


# Tags in an error's place that name a type, not a key; and the record each tag of a record stands for.
TAGS = {"truth", "integer", "real", "text", "list", "reference", "fact check", "facts check", "experiment check"}
RECORDS: dict[object, type[Record]] = {
    "fact check": FactCheck, "facts check": FactsCheck, "experiment check": ExperimentCheck, "reference": FactReference,
}
# pydantic's errors, in the words of claim files.
WORDS = {
    "finite_number": "numbers must be finite: .inf, -.inf and .nan are refused",
    "string_type": "must be text",
    "list_type": "must be a list",
    "too_short": "must be a non-empty list",
}


# --- The engine's records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One fact (or experiment) measured against one check."""

    subject: str  # fact name or experiment name
    measured: object
    grade: str  # holds | close | fails (tools.policy.GRADES)
    kind: str  # computed | cited | executed | quoted
    observation: Observation | None = None

    @property
    def holds(self) -> bool:
        return self.grade == "holds"


@dataclass(frozen=True)
class CheckResult:
    check: dict
    outcomes: list[Outcome]

    def description(self, lang: str = "en") -> str:
        """The check in words, as the fact-check page shows it."""
        return describe(self.check, lang)

    @property
    def status(self) -> str:
        """all, close (every fact holds or is close, one at least close), none (none holds or is close) or some."""
        grades = [o.grade for o in self.outcomes]
        if all(grade == "holds" for grade in grades):
            return "all"
        if "fails" not in grades:
            return "close"
        return "none" if all(grade == "fails" for grade in grades) else "some"


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
    quantifier: str | None = None
    posts: tuple[str, ...] = ()

    def text(self, lang: str) -> tuple[str, str]:
        """The statement and the correction in ``lang``."""
        return getattr(self, f"statement{SUFFIX[lang]}"), getattr(self, f"correction{SUFFIX[lang]}")

    def corrections(self) -> list[str]:
        """The correction in every language: prose whose numbers are bound (and checked) in each."""
        return [getattr(self, f"correction{suffix}") for suffix in SUFFIX.values()]


@dataclass(frozen=True)
class Unchecked:
    path: str
    id: str
    statement: str
    statement_zh: str
    why: str
    why_zh: str
    posts: tuple[str, ...]

    def text(self, lang: str) -> tuple[str, str]:
        """The statement and why it is not checked, in ``lang``."""
        return getattr(self, f"statement{SUFFIX[lang]}"), getattr(self, f"why{SUFFIX[lang]}")

    def corrections(self) -> list[str]:
        """Why, in every language: prose whose numbers are bound, like a claim's correction."""
        return [getattr(self, f"why{suffix}") for suffix in SUFFIX.values()]


@dataclass
class Decision:
    claim: Claim
    results: list[CheckResult] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """By VERDICT_RULES: the first status present decides, read through the claim's quantifier."""
        statuses = {result.status for result in self.results}
        quantified = VERDICT_RULES["quantified"].get(self.claim.quantifier or "", {})
        measured = next((quantified.get(status, verdict) for status, verdict in VERDICT_RULES["order"]
                         if status in statuses), VERDICT_RULES["otherwise"])
        return VERDICT_RULES["quoted"][measured] if self.evidence == ["quoted"] else measured

    @property
    def evidence(self) -> list[str]:
        kinds = {o.kind for result in self.results for o in result.outcomes}
        return [kind for kind in EVIDENCE if kind in kinds]


def load_claims(root: Path) -> list[Claim]:
    return load_all(root)[0]


def load_all(root: Path) -> tuple[list[Claim], list[Unchecked]]:
    """Every claim and every statement not checked here, in file order; an id is used once across both."""
    claims: list[Claim] = []
    unchecked: list[Unchecked] = []
    seen: dict[str, str] = {}
    for path in sorted((root / CLAIMS_DIR).glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        decided, listed = parse_file(_read(path, rel), rel)
        for item in [*decided, *listed]:
            if item.id in seen:
                raise ClaimError(f"{rel}: claim {item.id!r}: id already used in {seen[item.id]}")
            seen[item.id] = rel
        claims += decided
        unchecked += listed
    return claims, unchecked


def _read(path: Path, rel: str) -> str:
    """A claim file's text: a readable regular file, in UTF-8."""
    if not path.is_file():
        raise ClaimError(f"{rel}: not a regular file; a claim file is YAML text (move or rename it)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ClaimError(f"{rel}: cannot be read: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ClaimError(f"{rel}: not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); save it as UTF-8") from None


def parse_claims(source: str, path: str) -> list[Claim]:
    return parse_file(source, path)[0]


def parse_file(source: str, path: str) -> tuple[list[Claim], list[Unchecked]]:
    try:
        data = yaml.load(source, Loader=ClaimLoader)  # a safe loader: data only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ClaimError(f"{path}: not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    try:
        document = ClaimFile.model_validate(data)
    except ValidationError as error:
        raise _refusal(error, data, path) from None
    claims = [
        Claim(path, entry.id, entry.statement.strip(), entry.topic,
              [check.model_dump(exclude_none=True) for check in entry.checks], entry.correction.strip(),
              entry.statement_zh.strip(), entry.correction_zh.strip(), entry.quantifier, tuple(entry.posts or ()))
        for entry in document.claims
    ]
    unchecked = [
        Unchecked(path, entry.id, entry.statement.strip(), entry.statement_zh.strip(), entry.why.strip(),
                  entry.why_zh.strip(), tuple(entry.posts))
        for entry in document.unchecked
    ]
    return claims, unchecked


def _refusal(error: ValidationError, data: Any, path: str) -> ClaimError:
    """The schema's first error as one line: the file, the claim, the key (``checks[0].equals``) and what is wrong."""
    errors = error.errors(include_url=False)
    first = errors[0]
    place = [part for part in first["loc"] if part not in TAGS]
    if len(place) < 2 or place[0] not in ("claims", "unchecked"):
        return ClaimError(f"{path}: expected a mapping with the key 'claims', holding a list of claims "
                          "(and optionally 'unchecked', a list of statements not checked here)")
    section, index, keys = place[0], place[1], place[2:]
    raw = data[section][index]
    record = ClaimEntry if section == "claims" else UncheckedEntry
    if not isinstance(raw, dict):
        return ClaimError(f"{path}: {section} #{index + 1}: expected a mapping with keys {', '.join(record.model_fields)}")
    message = first["msg"]
    if first["type"] == "value_error":
        cause = first["ctx"]["error"]
        message = str(cause)
        keys += [cause.key] if isinstance(cause, _Invalid) else []
    elif first["type"] == "missing":
        keys = keys[:-1]
        missing = [e["loc"][-1] for e in errors if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]]
        message = f"missing {', '.join(sorted(missing))}"
    elif first["type"] == "extra_forbidden":
        record = RECORDS.get(first["loc"][-2], record)
        message = f"unknown key (valid: {', '.join(sorted(record.model_fields))})"
    else:
        message = WORDS.get(first["type"], message)
    where = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in keys).lstrip(".")
    return ClaimError(f"{path}: claim {raw.get('id', f'#{index + 1}')!r}: {where + ': ' if where else ''}{message}")


def _resolve(value: object, facts: dict[str, object]) -> object:
    """A comparison value is a literal or {fact: NAME}."""
    if isinstance(value, dict) and set(value) == {"fact"}:
        return lookup(value["fact"], facts)
    return value


def _grade(check: dict, measured: object, facts: dict[str, object]) -> str:
    """holds, close or fails; only a stated figure can be close (``tools.policy``)."""
    if "stated" in check:
        return policy.parse(check["stated"]).grade(measured)
    return "holds" if _compare(check, measured, facts) else "fails"


def _compare(check: dict, measured: object, facts: dict[str, object]) -> bool:
    op = next(key for key in COMPARISONS if key in check)
    target = _resolve(check[op], facts)
    if op == "equals":
        return measured == target
    if op == "differs":
        return measured != target
    if op == "range":
        return target[0] <= measured <= target[1]
    if op == "less_than":
        return measured < target
    if op == "greater_than":
        return measured > target
    if op == "at_least":
        return measured >= target
    if op == "at_most":
        return measured <= target
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
    if op == "stated":
        holds, close = policy.reading(policy.parse(target))
        return text("check.stated.close" if close else "check.stated", lang, target=f"`{target}`", holds=holds, close=close)
    target_text = f"`{target['fact']}`" if isinstance(target, dict) else f"`{json.dumps(target, ensure_ascii=False)}`"
    return text(f"check.{op}", lang, target=target_text)


def decide(claim: Claim, facts: dict[str, object]) -> Decision:
    decision = Decision(claim)
    for check in claim.checks:
        if "experiment" in check:
            observation = EXPERIMENTS[check["experiment"]]()
            outcome = Outcome(check["experiment"], observation.outcome,
                              "holds" if observation.outcome == check["expect"] else "fails", "executed", observation)
            decision.results.append(CheckResult(check, [outcome]))
            continue
        names = [check["fact"]] if "fact" in check else check["facts"]
        outcomes = []
        for name in names:
            try:
                measured = lookup(name, facts)
                grade = _grade(check, measured, facts)
            except (ValueError, TypeError) as error:
                raise ClaimError(f"{claim.path}: claim {claim.id!r}: {error}") from None
            kind = "quoted" if name in quotes() else "cited" if name.startswith(PUBLISHED) else "computed"
            outcomes.append(Outcome(name, measured, grade, kind))
        decision.results.append(CheckResult(check, outcomes))
    return decision


def contradiction(decision: Decision) -> str | None:
    """Where a correction opens by saying another verdict than the engine's (it was written for an old
    verdict, or the models drifted): the problem in one line, naming file, claim and key."""
    claim, verdict = decision.claim, decision.verdict
    for lang, suffix in SUFFIX.items():
        correction = getattr(claim, f"correction{suffix}")
        for said, openings in OPENINGS.get(lang, {}).items():
            for opening in openings:
                if re.match(rf"{re.escape(opening)}\b", correction) and SAYS[verdict] != said:
                    return (f"{claim.path}: claim {claim.id!r}: correction{suffix}: opens with {opening!r} ({said}), but "
                            f"the engine decides the claim {verdict}: rewrite the correction for that verdict")
    return None


def decide_all(claims: list[Claim]) -> list[Decision]:
    """Every claim decided. A correction that contradicts its verdict is not refused here: the check and
    generate name it (``contradiction``), after the verdicts that change, which explain most of them."""
    facts = all_facts()
    return [decide(claim, facts) for claim in claims]
