"""Words shown to readers, in every language the generated pages are written in.

``text(key, lang, **fields)`` is a message of the catalog (``tools.i18n.messages``), English and
Chinese side by side under one key, its ``{fields}`` filled in. Renderers take the language as an
argument and pass it here; they never branch on it. Numbers, fact markers, tables' data, diagrams
and data files are the same in every language: only the words around them change, and numbers keep
their one format (25,557,032; 25.6M) in every language.

The catalog holds the words of the pages only and imports nothing above it. Words that belong to a
thing are declared beside it, in every language: a fact's label and meaning with the fact
(``tools.facts.core``, each family module of ``tools.families``, ``tools.peers.keras``), an option's
help with the option and a modification's summary with the modification (``models/``), a unit's
definition with the unit (``tools.units``). ``in_language`` reads such words for one language.

``message_problems`` lists every message that some language lacks; ``declared_problems`` does the same
for declared words (``tools.facts.namespace.word_problems`` collects them); a test keeps both empty.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import TypeVar

from tools.i18n.messages import MESSAGES, NOTATION

LANGUAGES = ("en", "zh")
DECLARED_IN = "en"  # the language of the words declared beside facts, options and modifications
# Where each language's generated pages go: the same relative paths below each folder.
PAGE_DIRS = {"en": "docs", "zh": "docs/zh"}
# A claim's text in each language: its keys are statement and correction plus this suffix (tools.claims).
CLAIM_SUFFIX = {"en": "", "zh": "_zh"}
# The drawings of each language (assets are shared by the editions): beside the English ones, in this folder.
DRAWING_DIRS = {"en": "", "zh": "zh/"}
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


def notation(words: str, lang: str) -> str:
    """A spec table's cell in ``lang``: each phrase of the papers' notation (``NOTATION``, longest first) as the
    language writes it; kernel sizes, numbers and names stay as they are. English is the papers' own."""
    for phrase in sorted(NOTATION, key=len, reverse=True):
        words = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z0-9_])", lambda _: NOTATION[phrase].get(lang, phrase), words)
    return words


class Source(str):
    """A citation: the work (authors, title, venue and identifier, as the work is found: never translated) and
    where in it, in every language (``{language: words}``). As a string it is the English citation, "work, where"."""

    work: str
    where: dict[str, str]

    def __new__(cls, work: str, where: Mapping[str, str]) -> Source:
        cited = super().__new__(cls, f"{work}, {where[DECLARED_IN]}")
        cited.work, cited.where = work, dict(where)
        return cited

    def __reduce__(self) -> tuple[object, ...]:  # pickled (the cache) with its parts, not as a plain string
        return Source, (self.work, self.where)


# The source's own words, quoted in a citation ('# params', 'is 42 layers deep'): kept in the source's language.
QUOTED = re.compile(r"'[^']+'")


def english(words: str) -> str:
    """Words kept in English on a page of another language (a cited work's title, a passage quoted from it),
    marked so that readers and their tools know the language; every other Latin word of such a page is a
    name, code, a unit or notation (tests/test_chinese.py)."""
    return f'<span lang="en">{words}</span>'


def in_english(words: str, lang: str) -> str:
    """Words kept in English on a page in ``lang`` (a cited work's title, a passage quoted from it): as they are in
    English, marked as English (``english``) in any other language."""
    return words if lang == DECLARED_IN else english(words)


def yes_no(value: bool, lang: str) -> str:
    """A true or false value as ``lang`` says it."""
    return text("value.yes" if value else "value.no", lang)


def cite(source: str, lang: str) -> str:
    """A citation as ``lang`` writes it: the work as it is titled and the source's quoted words, both marked as
    English (``english``); where in the work in ``lang``."""
    if lang == DECLARED_IN:
        return str(source)
    if not isinstance(source, Source):
        raise MessageError(f"the citation {str(source)!r} has no words in {lang!r}: declare it as a Source "
                           "(tools.i18n) with where in the work in every language")
    where = in_language(source.where, lang, f"the citation {source.work!r}", "the module that declares it (tools/families)")
    return in_english(source.work, lang) + text("list.comma", lang) + QUOTED.sub(lambda quoted: english(quoted[0]), where)


def in_language(words: Mapping[str, T], lang: str, what: str, where: str) -> T:
    """Words declared beside what they describe, ``{language: words}``: those of ``lang``, or an error
    naming the thing (``what``) and the file that declares it (``where``)."""
    if not _complete(words.get(lang)):
        raise MessageError(f"{what} has no words in {lang!r}: add them in {where}")
    return words[lang]


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


def declared_problems(words: Mapping[str, Mapping[str, object]], what: str, where: Mapping[str, str]) -> list[str]:
    """Declared things (facts, options, modifications) whose ``{language: words}`` lack a language;
    ``where`` names the file that declares each."""
    found = []
    for name, own in words.items():
        missing = [lang for lang in LANGUAGES if not _complete(own.get(lang))]
        if missing:
            found.append(f"{what} {name!r}: no words in {', '.join(missing)} ({where[name]})")
    return found


def _complete(words: object) -> bool:
    return bool(words) and (not isinstance(words, tuple) or all(words))
