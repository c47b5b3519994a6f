"""Numbers in hand-written pages: bound to facts with markers, and unbound ones found.

A bound number keeps its real value in the committed Markdown, readable anywhere; the marker is
``tools.markers``' span:

    <span data-fact="resnet20.params">(the value)</span>
    <span data-fact="resnet50-v1.macs" data-format="giga">(the value)</span>

``python -m tools generate`` rewrites the text between the tags; the check compares it.

A sentence that relates numbers (two counts are equal, one is larger, one is twice the other, ours
matches a published figure) binds that relation too, with a comment beside it that readers never see:

    <!-- holds: resnet50.params == torchvision.resnet50.params -->
    <!-- holds: resnet50.flops == 2 * resnet50.macs -->
    <!-- holds: resnet50-v1.macs < resnet50.macs -->

Each side is a fact (or a number); the right one may carry a factor. The check recomputes every
relation and names the file and line of each that no longer holds (``broken_relations``).

A number no marker binds is found where readers see it (``unbound_in_page``): the page rendered as the
site renders it, each block's text read whole, so a number in bold, alone in a table cell or with its unit
on the next source line counts as it reads. What a model number looks like, and what is allowed to look
like one, is ``tools.i18n.counting``'s.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tools import generated
from tools.facts.namespace import format_fact, lookup
from tools.i18n import language_of
from tools.i18n.counting import ALLOWANCES, MASK, STANDALONE, UNBOUND
from tools.markers import MARKER, marker


# What a model number looks like in each language, and what is allowed to look like one: tools.i18n.counting.
TAG = re.compile(r"<(?!!--)[^>]*>")
_IGNORED = [  # Markdown source that readers never see as prose (the text scan of claim files)
    re.compile(r"<!--.*?-->", re.S),  # comments, including whole fact markers (replaced first)
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets
]


class ProseError(ValueError):
    pass


@dataclass(frozen=True)
class Unbound:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: unbound model number {self.text!r}"


def docs_files(root: Path) -> list[Path]:
    """Every file under docs/, once: the links docs/zh/ holds to shared folders (assets, data) are not followed."""
    found = []
    for folder, _, names in os.walk(root / "docs"):  # os.walk does not follow links to folders
        found += [Path(folder) / name for name in names if not (Path(folder) / name).is_symlink()]
    return sorted(found)


def hand_written_pages(root: Path) -> list[Path]:
    """Markdown pages under docs/ that are not generated, in every language."""
    return [path for path in docs_files(root)
            if path.suffix == ".md" and not generated.is_generated(path.read_text(encoding="utf-8"))]


def render_bound(text: str, path: str, facts: dict[str, object]) -> str:
    """The page with every fact-bound number set to the fact's current value."""

    def fill(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        try:
            value = format_fact(lookup(match["name"], facts), match["style"])
        except ValueError as error:
            raise ProseError(f"{path}:{line}: {error}") from None
        return marker(match["name"], value, match["style"])

    return MARKER.sub(fill, text)


RELATION = re.compile(
    r"<!--\s*holds:\s*(?P<left>[\w.\-]+)\s*(?P<op>==|!=|<=|>=|<|>)\s*"
    r"(?:(?P<factor>\d+(?:\.\d+)?)\s*\*\s*)?(?P<right>[\w.\-]+)\s*-->"
)
_HOLDS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Broken:
    """A relation a sentence states that no longer holds."""

    path: str
    line: int
    relation: str
    values: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: the sentence's relation {self.relation} no longer holds ({self.values})"


def _operand(name: str, facts: dict[str, object], where: str) -> object:
    if re.fullmatch(r"\d+(?:\.\d+)?", name):
        return float(name) if "." in name else int(name)
    try:
        return lookup(name, facts)
    except ValueError as error:
        raise ProseError(f"{where}: relation: {error}") from None


def broken_relations(text: str, path: str, facts: dict[str, object]) -> list[Broken]:
    """Every ``<!-- holds: … -->`` relation of the text that is false for the current facts."""
    found = []
    opened = len(re.findall(r"<!--\s*holds:", text))
    if opened != len(RELATION.findall(text)):
        bad = next(m for m in re.finditer(r"<!--\s*holds:[^>]*-->?", text) if not RELATION.fullmatch(m.group(0)))
        line = text.count("\n", 0, bad.start()) + 1
        raise ProseError(f"{path}:{line}: a relation reads <!-- holds: FACT OP [FACTOR *] FACT -->, OP one of "
                         f"{' '.join(_HOLDS)}")
    for match in RELATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        left = _operand(match["left"], facts, f"{path}:{line}")
        right = _operand(match["right"], facts, f"{path}:{line}")
        factor = float(match["factor"]) if match["factor"] and "." in match["factor"] else int(match["factor"] or 1)
        if not _HOLDS[match["op"]](left, factor * right):
            shown = f"{format_fact(left)} {match['op']} {f'{factor} × ' if factor != 1 else ''}{format_fact(right)}"
            relation = match.group(0).removeprefix("<!--").removesuffix("-->").strip().removeprefix("holds:").strip()
            found.append(Broken(path, line, relation, shown))
    return found


def mask_allowed(text: str) -> str:
    """``text`` with every allowance (``tools.i18n.counting.ALLOWANCES``: citations, years, sizes, model names…)
    masked, character for character, so that positions in it are positions in ``text``."""
    for pattern in ALLOWANCES.values():
        text = pattern.sub(lambda match: MASK * len(match.group(0)), text)
    return text


def model_numbers(text: str, lang: str, masked: str | None = None) -> list[tuple[int, int]]:
    """The spans of ``text`` that are model numbers by the rules of ``lang``, allowances left out (``masked``:
    ``mask_allowed(text)``, where the caller has it); where two rules find overlapping spans, the one that
    starts first (then the first rule) is kept."""
    masked = mask_allowed(text) if masked is None else masked
    spans = sorted((match.start(), index, match.end())
                   for index, pattern in enumerate(UNBOUND[lang]) for match in pattern.finditer(masked))
    kept: list[tuple[int, int]] = []
    for start, _, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def unbound_numbers(text: str, path: str, lang: str | None = None) -> list[Unbound]:
    """Model numbers outside fact markers, code blocks and citations (Table 1, section 4.2; 表 1, 第 4.2 节),
    by the rules of the text's language (``lang``, else the path's), line by line in the text as written.

    For text that is not rendered on its own (claim files); a page is scanned as readers see it:
    ``unbound_in_page``."""
    lang = lang or language_of(path)
    found = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith("--8<--"):
            continue
        stripped = TAG.sub("", MARKER.sub(" ", line))  # a number in other markup is still prose
        for pattern in _IGNORED:
            stripped = pattern.sub(" ", stripped)
        found += [Unbound(path, number, stripped[start:end]) for start, end in model_numbers(stripped, lang)]
    return found


# --- Pages as readers see them -------------------------------------------------------------------

# Elements whose text is read as one unit (a sentence may wrap over source lines, bold and links inside it).
BLOCK_TAGS = frozenset({
    "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "div", "section",
    "details", "summary", "label", "caption", "figcaption",
})
_CELLS = frozenset({"td", "th"})
_BOLD = frozenset({"strong", "b"})
_SKIPPED = frozenset({"code", "pre", "script", "style", "kbd"})  # code, never prose
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"})
# The ¶ of headings, footnote numbers and ↩; and the generated drawings shown inline (tools/render/drawing.py:
# generated files, compared whole by the check, their numbers the models').
_NOT_TEXT = frozenset({"headerlink", "footnote-ref", "footnote-backref", "atlas-drawing"})


@dataclass
class Block:
    """The text of one block element as the HTML holds it (its nested blocks apart), and the spans of that
    text that stand alone: its bold runs, or the whole of a table cell."""

    tag: str
    text: str = ""
    alone: list[tuple[int, int]] = field(default_factory=list)


class _BlockReader(HTMLParser):
    """Rendered HTML -> its blocks in document order. A fact marker or inline code reads as a space; code
    blocks, the ¶ of headings and footnote links read as nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = [Block("body")]  # text outside any block element lands here
        self._blocks = [self.blocks[0]]  # the open blocks, innermost last
        self._open: list[tuple[str, str, int]] = []  # (tag, kind, where a bold run starts in its block's text)
        self._skipping = 0  # how many open elements hide their text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in _VOID:
            if tag == "br" and not self._skipping:
                self._blocks[-1].text += " "
        elif self._skipping or tag in _SKIPPED or "data-fact" in named or _NOT_TEXT & set((named.get("class") or "").split()):
            if not self._skipping and ("data-fact" in named or tag in {"code", "kbd"}):
                self._blocks[-1].text += " "
            self._skipping += 1
            self._open.append((tag, "skip", 0))
        elif tag in BLOCK_TAGS:
            self.blocks.append(Block(tag))
            self._blocks.append(self.blocks[-1])
            self._open.append((tag, "block", 0))
        else:
            self._open.append((tag, "bold" if tag in _BOLD else "inline", len(self._blocks[-1].text)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if all(open_tag != tag for open_tag, _, _ in self._open):
            return  # a stray end tag
        while self._open:
            open_tag, kind, start = self._open.pop()
            if kind == "skip":
                self._skipping -= 1
            elif kind == "block":
                block = self._blocks.pop()
                if open_tag in _CELLS:
                    block.alone.append((0, len(block.text)))
            elif kind == "bold":
                self._blocks[-1].alone.append((start, len(self._blocks[-1].text)))
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._blocks[-1].text += data


def blocks_of(html: str) -> list[Block]:
    """The blocks of rendered HTML that hold text, in document order."""
    reader = _BlockReader()
    reader.feed(html)
    reader.close()
    return [block for block in reader.blocks if block.text.strip()]


def unbound_in_text(text: str, lang: str, alone: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The model numbers of one block's text as readers see it (whitespace collapsed): those the rules of
    ``lang`` find, and each span of ``alone`` (bold, a table cell) that is nothing but a long or decimal number."""
    masked = mask_allowed(text)
    spans = model_numbers(text, lang, masked)
    for start, end in alone:
        if STANDALONE.fullmatch(masked[start:end].strip()) and not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
    return [" ".join(text[start:end].split()) for start, end in sorted(spans)]


def unbound_in_page(text: str, path: str, render: Callable[[str], str], lang: str | None = None) -> list[Unbound]:
    """The model numbers of a hand-written page that are not bound to a fact, found where readers see them.

    ``render`` turns the page's Markdown into the site's HTML (``tools.site.page_renderers``: the site's own
    extensions, its snippets included). The text of each block (paragraph, list item, table cell, heading…),
    fact markers, code and comments left out, goes through the rules of the page's language, so a number
    that wraps onto the next source line, sits in bold or alone in a table cell is seen as readers see it.
    Each is reported at the line of the source where it first occurs (the n-th time for its n-th finding)."""
    lang = lang or language_of(path)
    try:
        html = render(text)
    except ProseError as error:
        raise ProseError(f"{path}: {error}") from None
    found = [number for block in blocks_of(html) for number in unbound_in_text(block.text, lang, block.alone)]
    return _located(found, text, path)


def unbound_in_titles(titles: list[str], source: str, path: str, lang: str) -> list[Unbound]:
    """The model numbers of page and nav titles (``source`` is the file that holds them, for line numbers)."""
    return _located([number for title in titles for number in unbound_in_text(title, lang)], source, path)


_GAP = r"(?:<[^>\n]*>|[*_~])*"  # markup that may sit inside a number or a word in the source
_SPACE = r"(?:\s|<[^>\n]*>|[*_~|])+"


def _located(found: list[str], source: str, path: str) -> list[Unbound]:
    """Each finding with the line of its n-th occurrence in ``source`` (fact markers, comments and code masked)."""
    masked = _masked_source(source)
    seen: dict[str, int] = {}
    located = []
    for number in found:
        nth = seen[number] = seen.get(number, -1) + 1
        pattern = _GAP.join(_SPACE if part.isspace() else re.escape(part) for part in re.findall(r"\s+|\S", number))
        starts = [match.start() for match in re.finditer(pattern, masked)]
        if not starts:  # markup the pattern does not foresee: the number alone, else the top of the file
            starts = [match.start() for match in re.finditer(re.escape(number.split()[0]), masked)] or [0]
        located.append(Unbound(path, masked.count("\n", 0, starts[min(nth, len(starts) - 1)]) + 1, number))
    return located


def _masked_source(source: str) -> str:
    """The source with fact markers, comments, inline code and code blocks blanked out, lines kept."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731
    for pattern in (MARKER, re.compile(r"<!--.*?-->", re.S), re.compile(r"`[^`\n]*`")):
        source = pattern.sub(blank, source)
    lines = source.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        fence = line.lstrip().startswith(("```", "~~~"))
        if fence or in_fence:
            lines[index] = " " * len(line)
        if fence:
            in_fence = not in_fence
    return "\n".join(lines)
