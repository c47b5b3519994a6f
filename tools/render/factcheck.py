"""The fact-check page: every claim with its verdict, its evidence and its correction.

The page's words are messages of ``tools.i18n``; a claim's own words (its statement and correction)
come from the claim, in the page's language where it has them (``Claim.text``).
"""

from __future__ import annotations

from tools import generated, policy
from tools.claims import VERDICTS, Decision, Outcome, Unchecked
from tools.facts.namespace import all_facts, format_fact
from tools.i18n import cite, in_english, join, text
import models
from tools.markdown import Bound, table
from tools.prose import render_bound
from tools.peers import keras
from tools.published import as_stated, quotes, source_of

# How each verdict is shown: a badge with its label (messages verdict.<verdict>), and an admonition
# titled verdict.title.<verdict>. "supported" and "refuted" rest on quoted statements alone (tools.claims).
ADMONITION = {"correct": "success", "close": "info", "wrong": "failure", "depends": "warning", "supported": "quote",
              "refuted": "quote"}
SUMMARISED = ("correct", "close", "wrong", "depends")  # verdicts the summary counts even when no claim has them
# The policy shown at work: figures as posts write them, each against a fact it is meant for (or one it is not).
POLICY_EXAMPLES = [
    ("25,557,032", "resnet50.params"), ("25.6M", "resnet50.params"), ("2560万", "resnet50.params"),
    ("25.5M", "resnet50.params"), ("0.27M", "resnet20.params"), ("1.7M", "resnet110.params"),
    ("19.4M", "resnet1202.params"), ("about 3.8 billion", "resnet50-v1.macs"), ("3.8G", "resnet50-v1.macs"),
    ("about 3.8 billion", "resnet50-v1.flops"), ("~42", "inception_v3.module_path_depth"),
    ("~42", "inception_v3.weighted_layers"), ("16 or 19", "vgg16.weighted_layers"), ("16 or 19", "vgg11.weighted_layers"),
]
GRADE_WORDS = {"holds": "factcheck.holds", "close": "factcheck.close", "fails": "factcheck.does_not_hold"}


def badge(verdict: str, lang: str) -> str:
    return f'<span class="atlas-verdict atlas-{verdict}">{text(f"verdict.{verdict}", lang)}</span>'


def render_fact_check(decisions: list[Decision], unchecked: list[Unchecked] | None = None, *, lang: str = "en") -> str:
    counts = {verdict: sum(d.verdict == verdict for d in decisions) for verdict in VERDICTS}
    summary = join([text("factcheck.count", lang, count=count, verdict=text(f"verdict.{verdict}", lang))
                    for verdict, count in counts.items() if count or verdict in SUMMARISED], lang)
    index = table(
        [text(f"factcheck.column.{column}", lang) for column in ("claim", "topic", "verdict", "evidence")],
        [[f"[{_link_text(d.claim.text(lang)[0])}](#{d.claim.id})", text(f"topic.{d.claim.topic}", lang), badge(d.verdict, lang),
          _evidence(d, lang)] for d in decisions],
    )
    parts = [
        f"# {text('factcheck.title', lang)}",
        text("factcheck.intro", lang),
        _policy(lang),
        f"**{text('factcheck.summary', lang, count=len(decisions), summary=summary)}**",
        _filter(decisions, lang),
        index,
        *(_claim_section(d, lang) for d in decisions),
        *([_unchecked_section(unchecked, lang)] if unchecked else []),
    ]
    return generated.markdown("\n\n".join(parts))


def _policy(lang: str) -> str:
    """The verdict policy in words, and at work on figures as posts write them (computed, never typed)."""
    facts = all_facts()
    verdicts = {verdict: f"**{text(f'verdict.{verdict}', lang)}**" for verdict in VERDICTS}
    rows = []
    for written, name in POLICY_EXAMPLES:
        figure = policy.parse(written)
        holds, close = policy.reading(figure)
        rows.append([f"`{written}`", holds, close or text("factcheck.exact", lang), f"`{name}`", Bound(name, facts[name]),
                     text(GRADE_WORDS[figure.grade(facts[name])], lang)])
    headers = [text(f"factcheck.column.{column}", lang)
               for column in ("figure", "holds_within", "close_within", "fact", "measured", "grade")]
    return "\n\n".join([
        f"## {text('factcheck.policy.title', lang)} {{#policy}}", text("factcheck.policy", lang),
        text("factcheck.policy.verdicts", lang, **verdicts), text("factcheck.policy.examples", lang), table(headers, rows),
    ])


def _unchecked_section(unchecked: list[Unchecked], lang: str) -> str:
    """Statements of the posts nothing here can decide, each with why: no verdict, no badge."""
    facts = all_facts()
    rows = []
    for item in unchecked:
        statement, why = item.text(lang)
        rows.append([f'<a id="{item.id}"></a>{statement}', " ".join(render_bound(why, item.path, facts).split())])
    headers = [text(f"factcheck.column.{column}", lang) for column in ("statement", "why")]
    return "\n\n".join([f"## {text('factcheck.unchecked.title', lang)} {{#not-checked}}",
                         text("factcheck.unchecked", lang), table(headers, rows)])


def models_of(decision: Decision) -> list[str]:
    """The registered models a claim's checks measure or cite (``resnet34-half-depth.x``, ``keras.resnet50.x`` and
    ``paper.resnet50.x`` are about ResNet-34 and ResNet-50; ``paper.resnet.x`` about no one model), in registry order."""
    named = set()
    for result in decision.results:
        for outcome in result.outcomes:
            parts = outcome.subject.split(".")
            head = parts[1] if parts[0] in ("keras", "paper", "torchvision", "tfslim") and len(parts) > 2 else parts[0]
            named.add(head.split("-")[0])
    return [name for name in models.list_models() if name in named]


def _filter(decisions: list[Decision], lang: str) -> str:
    """A form that narrows the claims below to a verdict, a model or a topic (assets/javascripts/factcheck-filter.js;
    without the script nothing is hidden). Its choices are those the claims have, in the page's language."""
    verdicts = [v for v in VERDICTS if any(d.verdict == v for d in decisions)]
    named = {name for d in decisions for name in models_of(d)}
    topics = sorted({d.claim.topic for d in decisions}, key=lambda topic: text(f"topic.{topic}", lang))

    def select(key: str, choices: list[tuple[str, str]]) -> str:
        options = "".join(f'<option value="{value}">{label}</option>' for value, label in choices)
        return (f'<label>{text(f"factcheck.filter.{key}", lang)} <select data-filter="{key}">'
                f'<option value="">{text("factcheck.filter.any", lang)}</option>{options}</select></label>')

    return (
        f'<form class="atlas-filter" role="search" aria-label="{text("factcheck.filter", lang)}" hidden>'
        + select("verdict", [(v, text(f"verdict.{v}", lang)) for v in verdicts])
        + select("model", [(n, models.get_entry(n).title) for n in models.list_models() if n in named])
        + select("topic", [(t, text(f"topic.{t}", lang)) for t in topics])
        + '<output data-filter="count"></output></form>'
    )


def _link_text(statement: str) -> str:
    """Brackets in a statement must not end the link they are the text of."""
    return statement.replace("[", "\\[").replace("]", "\\]")


def _evidence(decision: Decision, lang: str) -> str:
    return join([text(f"evidence.{kind}", lang) for kind in decision.evidence], lang)


def _claim_section(decision: Decision, lang: str) -> str:
    claim = decision.claim
    statement, correction = claim.text(lang)
    facts = all_facts()
    attributes = (f'data-verdict="{decision.verdict}" data-topic="{claim.topic}" '
                  f'data-models="{" ".join(models_of(decision))}"')
    lines = [
        f"## {statement} {{#{claim.id} {attributes}}}",
        text("factcheck.claim", lang, badge=badge(decision.verdict, lang), topic=text(f"topic.{claim.topic}", lang),
             evidence=_evidence(decision, lang), path=claim.path,
             seen=f" · {text('factcheck.seen', lang)}" if claim.posts else ""),
    ]
    correction = render_bound(correction, claim.path, facts)
    lines.append(f'!!! {ADMONITION[decision.verdict]} "{text(f"verdict.title.{decision.verdict}", lang)}"\n\n    '
                 + correction.replace("\n", "\n    "))
    for result in decision.results:
        description = result.description(lang)
        computed = [o for o in result.outcomes if o.kind == "computed"]
        cited = [o for o in result.outcomes if o.kind == "cited"]
        executed = [o for o in result.outcomes if o.kind == "executed"]
        for outcome in (o for o in result.outcomes if o.kind == "quoted"):
            lines.append(
                f'!!! quote "{text("factcheck.quoted", lang, check=description)}"\n\n'
                f"    > {in_english(quotes()[outcome.subject], lang)}\n    >\n    > — {cite(source_of(outcome.subject), lang)}\n\n"
                "    " + text("factcheck.quoted.states", lang, subject=outcome.subject, value=as_stated(outcome.measured, lang),
                              held=_held(outcome, lang))
            )
        if computed:
            lines.append(text("factcheck.computed", lang, check=description) + "\n\n" + _outcome_table(computed, lang))
        if cited:
            rows = [[f"`{o.subject}`", Bound(o.subject, o.measured), _held(o, lang), cite(source_of(o.subject), lang)] for o in cited]
            headers = [text(f"factcheck.column.{column}", lang) for column in ("published", "value", "holds", "source")]
            body = table(headers, rows, indent="    ")
            lines.append(f'!!! quote "{text("factcheck.cited", lang, check=description)}"\n\n{body}')
        for outcome in executed:
            observation = outcome.observation
            observed = f"factcheck.observed.{observation.outcome}" + (
                f".{observation.shows}" if observation.outcome == "runs" else "")
            lines.append(
                f'!!! example "{text("factcheck.executed", lang, check=description)}"\n\n'
                f"    ```python\n    {observation.code}\n    ```\n\n"
                "    " + text(observed, lang, detail=observation.detail, held=_held(outcome, lang))
            )
    return "\n\n".join(lines)


def _held(outcome: Outcome, lang: str) -> str:
    return text(GRADE_WORDS[outcome.grade], lang)


def _outcome_table(outcomes: list[Outcome], lang: str) -> str:
    rows = []
    for outcome in outcomes:
        rows.append([*_measured_on(outcome.subject, lang), Bound(outcome.subject, outcome.measured),
                     _held(outcome, lang)])
    headers = [text(f"factcheck.column.{column}", lang) for column in ("fact", "model", "measured", "holds")]
    return table(headers, rows)


def _measured_on(subject: str, lang: str) -> tuple[str, str]:
    """The fact linked to where it is measured, and the model it is measured on: ours, or a Keras model."""
    peer = keras.peer_of(subject)
    if peer is not None:
        return (f"[`{subject}`](implementations.md#keras-{peer.name})",
                text("factcheck.keras_model", lang, title=keras.peer_title(peer, lang)))
    config = subject.split(".", 1)[0]
    model = config.split("-")[0]
    return f"[`{subject}`](models/{model}.md)", f"{models.get_entry(model).title} ({config})"


def render_verdicts_json(decisions: list[Decision]) -> str:
    return generated.json_document({"verdicts": {d.claim.id: d.verdict for d in decisions}})
