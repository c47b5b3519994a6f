"""Words shown to readers, in every language the generated pages are written in.

``text(key, lang, **fields)`` is a message of the catalog (``tools.i18n.messages``), English and
Chinese side by side under one key, its ``{fields}`` filled in. Renderers take the language as an
argument and pass it here; they never branch on it. Numbers, fact markers, tables' data, diagrams
and data files are the same in every language: only the words around them change, and numbers keep
their one format (25,557,032; 25.6M) in every language.

Words declared with what they describe stay there, in English: a fact's label and meaning
(``FACT_DOCS``, ``LABELS``), an option's help and a modification's summary (``models/``). Their other
languages are in ``tools.i18n.declared``, keyed by the fact, option or modification; ``fact_label``,
``fact_meaning``, ``option_help`` and ``modification_summary`` read either.

``problems()`` lists every message or declared word that some language lacks; a test keeps it empty.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TypeVar

from tools.i18n import declared
from tools.i18n.messages import MESSAGES

LANGUAGES = ("en", "zh")
DECLARED_IN = "en"  # the language of the words declared beside facts, options and modifications
# Where each language's generated pages go: the same relative paths below each folder.
PAGE_DIRS = {"en": "docs", "zh": "docs/zh"}
# A claim's text in each language: its keys are statement and correction plus this suffix (tools.claims).
CLAIM_SUFFIX = {"en": "", "zh": "_zh"}
# Each language's site: its config, whose nav must list every page of its folder.
SITE_CONFIGS = {"en": "mkdocs.yml", "zh": "mkdocs.zh.yml"}
# The facts index each language's pages load (assets are shared by the editions: one file per language).
FACTS_INDEX = {"en": "docs/assets/javascripts/facts-index.js", "zh": "docs/assets/javascripts/facts-index.zh.js"}

T = TypeVar("T")


class MessageError(ValueError):
    """An unknown message key or language; the message names the fix."""


def text(key: str, lang: str, /, **fields: object) -> str:
    """The message ``key`` in ``lang``, its fields filled in (values are formatted with ``str``)."""
    try:
        template = MESSAGES[key][lang]
    except KeyError:
        raise MessageError(f"no message {key!r} in {lang!r}: add it to tools/i18n/messages.py") from None
    return template.format(**fields)


def page_path(lang: str, rel: str) -> str:
    """A generated page's path in ``lang``: ``models/resnet50.md`` -> ``docs/zh/models/resnet50.md``."""
    return f"{PAGE_DIRS[lang]}/{rel}"


def language_of(path: str) -> str:
    """A file's language by its folder (docs/zh/… is Chinese): the deepest PAGE_DIRS folder that holds it."""
    holders = [(len(folder), lang) for lang, folder in PAGE_DIRS.items() if path.startswith(folder + "/")]
    return max(holders)[1] if holders else LANGUAGES[0]


def join(items: list[str], lang: str) -> str:
    """Words or links listed in a sentence: "a, b, c" in English, "a、b、c" in Chinese."""
    return text("list.separator", lang).join(items)


def unit_name(unit: str, lang: str) -> str:
    """A fact's unit as a table shows it ("parameters" -> "参数"); a fact without a unit has none."""
    return text(f"unit.{unit}", lang) if unit else ""


# --- Words declared beside the thing they describe ----------------------------------------------


def _declared(english: T, translations: Mapping[str, T], lang: str, what: str) -> T:
    words = {DECLARED_IN: english, **translations}
    if lang not in words:
        raise MessageError(f"{what} has no words in {lang!r}: add them to tools/i18n/declared.py")
    return words[lang]


def fact_label(fact: str, lang: str) -> str:
    """How a fact is named to readers (``resnet20.params`` or ``params`` -> "Parameters")."""
    from tools.facts import label

    short = fact.rsplit(".", 1)[-1]
    translations = {other: words[0] for other, words in declared.FACTS.get(short, {}).items()}
    return _declared(label(short), translations, lang, f"fact {short!r}")


def fact_meaning(fact: str, lang: str) -> str:
    """What a fact counts, in words (its meaning in ``FACT_DOCS``)."""
    from tools.facts import fact_docs

    short = fact.rsplit(".", 1)[-1]
    translations = {other: words[1] for other, words in declared.FACTS.get(short, {}).items()}
    return _declared(fact_docs()[short][1], translations, lang, f"fact {short!r}")


def peer_fact_words(name: str, lang: str) -> tuple[str, str]:
    """A Keras fact's label and meaning (``tools.peers.keras``: ``keras_params`` -> "Keras total")."""
    from tools.peers import keras

    english = (keras.LABELS.get(name, name.replace("_", " ").capitalize()), keras.FACT_DOCS[name][1])
    return _declared(english, declared.PEER_FACTS.get(name, {}), lang, f"Keras fact {name!r}")


def option_help(name: str, english: str, lang: str) -> str:
    """An option's help: ``english`` as the model declares it, or its translation keyed by the option's name."""
    return _declared(english, declared.OPTIONS.get(name, {}), lang, f"option {name!r}")


def modification_summary(name: str, lang: str) -> str:
    """What a modification does, one line without a final period (``models/variants.py``)."""
    from models.variants import MODIFICATIONS

    return _declared(MODIFICATIONS[name].summary, declared.MODIFICATIONS.get(name, {}), lang, f"modification {name!r}")


# --- Completeness -----------------------------------------------------------------------------


def fields(template: str) -> set[str]:
    """The names a template fills in: "{count} more" -> {"count"}."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def message_problems(messages: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Messages that lack a language, are empty in one, or whose languages fill in different fields."""
    found = []
    for key, words in messages.items():
        missing = [lang for lang in LANGUAGES if not words.get(lang)]
        if missing:
            found.append(f"message {key!r}: no words in {', '.join(missing)}")
            continue
        unknown = set(words) - set(LANGUAGES)
        if unknown:
            found.append(f"message {key!r}: unknown language {', '.join(sorted(unknown))}")
        english = fields(words[LANGUAGES[0]])
        found += [f"message {key!r}: {lang} fills in {sorted(fields(words[lang]))}, {LANGUAGES[0]} {sorted(english)}"
                  for lang in LANGUAGES[1:] if fields(words[lang]) != english]
    return found


def declared_problems(
    names: list[str], translations: Mapping[str, Mapping[str, object]], what: str,
) -> list[str]:
    """Declared things (facts, options, modifications) that lack words in a language other than English."""
    found = []
    for name in names:
        words = translations.get(name, {})
        missing = [lang for lang in LANGUAGES if lang != DECLARED_IN and not _complete(words.get(lang))]
        if missing:
            found.append(f"{what} {name!r}: no words in {', '.join(missing)} (tools/i18n/declared.py)")
    return found


def _complete(words: object) -> bool:
    return bool(words) and (not isinstance(words, tuple) or all(words))


def problems() -> list[str]:
    """Everything some language lacks: messages, the words of every fact, unit, option and modification."""
    import models
    from models.variants import MODIFICATIONS
    from tools.facts import fact_docs

    from tools.peers import keras

    units = sorted({unit for unit, _ in fact_docs().values() if unit})
    options = sorted({name for model in models.list_models() for name in models.get_entry(model).options})
    return (
        message_problems(MESSAGES)
        + [f"unit {unit!r}: no message unit.{unit} (tools/i18n/messages.py)" for unit in units if f"unit.{unit}" not in MESSAGES]
        + declared_problems(list(fact_docs()), declared.FACTS, "fact")
        + declared_problems(options, declared.OPTIONS, "option")
        + declared_problems(list(MODIFICATIONS), declared.MODIFICATIONS, "modification")
        + declared_problems(list(keras.FACT_DOCS), declared.PEER_FACTS, "Keras fact")
    )
