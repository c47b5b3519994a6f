"""The number finder page: type a figure as posts write it and see every fact it matches, by the verdict policy.

The page is a form and an empty list; ``assets/javascripts/finder.js`` fills the list in the browser, reading
the figure with ``assets/javascripts/policy.js`` under the rules of ``tools.policy`` (``policy-rules.js``,
generated) against every numeric fact (``finder-values.js``, generated), with the facts' words from the hover
cards' index. Nothing is sent anywhere; the scripts load on this page only.
"""

from __future__ import annotations

import html
import json

from tools import generated, policy
from tools.claims import VERDICT_RULES
from tools.facts.namespace import FACT_DOCS, all_facts
from tools.i18n import LANGUAGES, text
from tools.peers import keras

POLICY_RULES = "docs/assets/javascripts/policy-rules.js"
FINDER_VALUES = "docs/assets/javascripts/finder-values.js"
SCRIPTS = ("policy-rules.js", "policy.js", "finder-values.js", "finder.js")
# The words the script shows, each a message finder.<word> in the page's language.
WORDS = ("unreadable", "none", "holds", "close", "flops_twice", "confusion", "ours", "keras", "cited", "results",
         "checker.verdict", "checker.unreadable")
CLAIM_WORDS = ("checker.statement", "checker.correction", "checker.stated", "checker.equals", "checker.at_least",
               "checker.at_most", "checker.range")
# The checker's comparisons, as a claim file writes them (tools/claims.py COMPARISONS).
CHECKER_COMPARISONS = ("stated", "equals", "at_least", "at_most", "range")


def render_policy_rules() -> str:
    """The verdict policy's rules as data, for the browser (tools/policy.py reads figures by the same rules)."""
    return generated.javascript("ATLAS_POLICY", policy.RULES | {"verdicts": VERDICT_RULES})


def render_finder_values() -> str:
    """Every numeric fact's value, and the unit of each kind of fact: what the finder compares a figure with."""
    facts = all_facts()
    values = {name: value for name, value in facts.items() if type(value) in (int, float)}
    units = {name: unit for name, (unit, _) in FACT_DOCS.items()} | {
        name: unit for name, (unit, _) in keras.FACT_DOCS.items()}
    # The words of a claim the checker writes, in every language, whichever page it is built on.
    placeholders = {key: "{" + key + "}" for key in ("model", "fact", "comparison", "value")}
    claim_words = {lang: {word: text(f"finder.{word}", lang, **placeholders) for word in CLAIM_WORDS} for lang in LANGUAGES}
    return generated.javascript("ATLAS_VALUES", {"values": values, "units": units, "claim_words": claim_words})


def render_finder(*, lang: str = "en") -> str:
    placeholders = {key: "{" + key + "}" for key in ("count", "model", "fact", "comparison", "value", "verdict")}
    words = {word: text(f"finder.{word}", lang, **placeholders) for word in WORDS}  # filled in by the script
    words |= {f"verdict.{verdict}": text(f"verdict.{verdict}", lang) for verdict in ("correct", "close", "wrong", "depends")}
    scripts = "\n".join(f'<script src="../assets/javascripts/{script}"></script>' for script in SCRIPTS)
    form = (
        f'<form class="atlas-finder" role="search" data-words="{html.escape(json.dumps(words, ensure_ascii=False))}">'
        f'<label for="atlas-figure">{text("finder.label", lang)}</label> '
        f'<input id="atlas-figure" type="search" autocomplete="off" placeholder="25.5M" inputmode="text">'
        f'<p class="atlas-finder-status" role="status" aria-live="polite"></p>'
        f'<div class="atlas-finder-results"></div></form>'
    )
    options = "".join(f'<option value="{op}">{text(f"finder.checker.{op}", lang, value="…")}</option>'
                      for op in CHECKER_COMPARISONS)
    checker = (
        f'<form class="atlas-checker" data-words="{html.escape(json.dumps(words, ensure_ascii=False))}">'
        f'<label>{text("finder.checker.model", lang)} <select data-checker="config"></select></label> '
        f'<label>{text("finder.checker.fact", lang)} <select data-checker="fact"></select></label> '
        f'<label>{text("finder.checker.comparison", lang)} <select data-checker="op">{options}</select></label> '
        f'<label>{text("finder.checker.value", lang)} <input data-checker="value" type="text" autocomplete="off" placeholder="25.5M"></label> '
        f'<label data-checker="high-label" hidden>{text("finder.checker.high", lang)} '
        f'<input data-checker="high" type="text" autocomplete="off"></label>'
        f'<p class="atlas-checker-verdict" role="status" aria-live="polite"></p>'
        f'<pre><code class="atlas-checker-yaml"></code></pre></form>'
    )
    return generated.markdown("\n\n".join([
        f"# {text('finder.title', lang)}",
        text("finder.intro", lang),
        form,
        f"## {text('finder.checker.title', lang)} {{#checker}}",
        text("finder.checker.intro", lang),
        checker,
        scripts,
        text("finder.policy", lang),
    ]))
