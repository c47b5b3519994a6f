"""The fact-check page: every claim with its verdict, its evidence and its correction."""

from __future__ import annotations

from tools import generated
from tools.claims import VERDICTS, Decision, Outcome
from tools.facts import all_facts, format_fact
import models
from tools.render.markdown import Bound, table
from tools.prose import render_bound
from tools.peers import keras
from tools.published import quotes, source_of

# What each verdict reads as; "supported" and "refuted" rest on quoted statements alone (tools.claims).
LABEL = {
    "correct": "correct", "wrong": "wrong", "depends": "depends",
    "supported": "supported by the paper", "refuted": "refuted by the paper",
}
BADGE = {verdict: f'<span class="atlas-verdict atlas-{verdict}">{LABEL[verdict]}</span>' for verdict in VERDICTS}
ADMONITION = {"correct": "success", "wrong": "failure", "depends": "warning", "supported": "quote", "refuted": "quote"}
TITLE = {verdict: LABEL[verdict].capitalize() for verdict in VERDICTS} | {
    "supported": "Supported by the paper: cited, not measured here",
    "refuted": "Refuted by the paper: cited, not measured here",
}


def render_fact_check(decisions: list[Decision]) -> str:
    counts = {verdict: sum(d.verdict == verdict for d in decisions) for verdict in BADGE}
    summary = ", ".join(f"{count} {LABEL[verdict]}" for verdict, count in counts.items()
                        if count or verdict in ("correct", "wrong", "depends"))
    index = table(
        ["claim", "topic", "verdict", "evidence"],
        [[f"[{_link_text(d.claim.statement)}](#{d.claim.id})", d.claim.topic, BADGE[d.verdict], ", ".join(d.evidence)]
         for d in decisions],
    )
    parts = [
        "# Fact check",
        "Claims people make about ResNets, each decided by the engine from the models' facts, from small "
        "experiments run on every check, or from cited published results (marked *cited*: those cannot be "
        "recomputed here). The claims are data in `docs/claims/`; see the README to add one.",
        "Correct, wrong and depends are decided by what is measured or cited. A claim about training, which is "
        "not rerun here, may rest on the paper's own words alone: then its verdict is *supported by the paper* or "
        "*refuted by the paper*, and each statement it rests on is quoted with its source (marked *quoted*).",
        f"**{len(decisions)} claims: {summary}.**",
        index,
        *(_claim_section(d) for d in decisions),
    ]
    return generated.markdown("\n\n".join(parts))


def _link_text(text: str) -> str:
    """Brackets in a statement must not end the link they are the text of."""
    return text.replace("[", "\\[").replace("]", "\\]")


def _claim_section(decision: Decision) -> str:
    claim = decision.claim
    facts = all_facts()
    lines = [
        f"## {claim.statement} {{#{claim.id}}}",
        f"{BADGE[decision.verdict]} · topic: {claim.topic} · evidence: {', '.join(decision.evidence)} · "
        f"source: `{claim.path}`",
    ]
    correction = render_bound(claim.correction, claim.path, facts)
    lines.append(f'!!! {ADMONITION[decision.verdict]} "{TITLE[decision.verdict]}"\n\n    '
                 + correction.replace("\n", "\n    "))
    for result in decision.results:
        computed = [o for o in result.outcomes if o.kind == "computed"]
        cited = [o for o in result.outcomes if o.kind == "cited"]
        executed = [o for o in result.outcomes if o.kind == "executed"]
        for outcome in (o for o in result.outcomes if o.kind == "quoted"):
            lines.append(
                f'!!! quote "Quoted, not recomputed here; check: {result.description}"\n\n'
                f"    > {quotes()[outcome.subject]}\n    >\n    > — {source_of(outcome.subject)}\n\n"
                f"    What it states: `{outcome.subject}` = {format_fact(outcome.measured)}; {_held(outcome)}."
            )
        if computed:
            lines.append(f"Computed, check: {result.description}\n\n" + _outcome_table(computed))
        if cited:
            rows = [[f"`{o.subject}`", Bound(o.subject, o.measured), _held(o), source_of(o.subject)] for o in cited]
            body = table(["published figure", "value", "holds", "source"], rows, indent="    ")
            lines.append(f'!!! quote "Cited evidence, not recomputed here; check: {result.description}"\n\n{body}')
        for outcome in executed:
            observation = outcome.observation
            lines.append(
                f'!!! example "Executed: {result.description}"\n\n'
                f"    ```python\n    {observation.code}\n    ```\n\n"
                f"    Observed: it **{observation.outcome}** ({observation.detail}); {_held(outcome)}."
            )
    return "\n\n".join(lines)


def _held(outcome: Outcome) -> str:
    return "holds" if outcome.holds else "does not hold"


def _outcome_table(outcomes: list[Outcome]) -> str:
    rows = []
    for outcome in outcomes:
        rows.append([*_measured_on(outcome.subject), Bound(outcome.subject, outcome.measured), _held(outcome)])
    return table(["fact", "model", "measured", "holds"], rows)


def _measured_on(subject: str) -> tuple[str, str]:
    """The fact linked to where it is measured, and the model it is measured on: ours, or a Keras model."""
    peer = keras.peer_of(subject)
    if peer is not None:
        return f"[`{subject}`](implementations.md#keras-{peer.name})", f"{peer.title}, Keras, measured live"
    config = subject.split(".", 1)[0]
    model = config.split("-")[0]
    return f"[`{subject}`](models/{model}.md)", f"{models.get_entry(model).title} ({config})"


def render_verdicts_json(decisions: list[Decision]) -> str:
    return generated.json_document({"verdicts": {d.claim.id: d.verdict for d in decisions}})

