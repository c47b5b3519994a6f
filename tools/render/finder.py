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
from tools.facts.namespace import FACT_DOCS, all_facts
from tools.i18n import text
from tools.peers import keras

POLICY_RULES = "docs/assets/javascripts/policy-rules.js"
FINDER_VALUES = "docs/assets/javascripts/finder-values.js"
SCRIPTS = ("policy-rules.js", "policy.js", "finder-values.js", "finder.js")
# The words the script shows, each a message finder.<word> in the page's language.
WORDS = ("unreadable", "none", "holds", "close", "flops_twice", "confusion", "ours", "keras", "cited", "results")


def render_policy_rules() -> str:
    """The verdict policy's rules as data, for the browser (tools/policy.py reads figures by the same rules)."""
    return generated.javascript("ATLAS_POLICY", policy.RULES)


def render_finder_values() -> str:
    """Every numeric fact's value, and the unit of each kind of fact: what the finder compares a figure with."""
    facts = all_facts()
    values = {name: value for name, value in facts.items() if type(value) in (int, float)}
    units = {name: unit for name, (unit, _) in FACT_DOCS.items()} | {
        name: unit for name, (unit, _) in keras.FACT_DOCS.items()}
    return generated.javascript("ATLAS_VALUES", {"values": values, "units": units})


def render_finder(*, lang: str = "en") -> str:
    words = {word: text(f"finder.{word}", lang, count="{count}") for word in WORDS}  # {count}: filled in by the script
    scripts = "\n".join(f'<script src="../assets/javascripts/{script}"></script>' for script in SCRIPTS)
    form = (
        f'<form class="atlas-finder" role="search" data-words="{html.escape(json.dumps(words, ensure_ascii=False))}">'
        f'<label for="atlas-figure">{text("finder.label", lang)}</label> '
        f'<input id="atlas-figure" type="search" autocomplete="off" placeholder="25.5M" inputmode="text">'
        f'<p class="atlas-finder-status" role="status" aria-live="polite"></p>'
        f'<div class="atlas-finder-results"></div></form>'
    )
    return generated.markdown("\n\n".join([
        f"# {text('finder.title', lang)}",
        text("finder.intro", lang),
        form,
        scripts,
        text("finder.policy", lang),
    ]))
