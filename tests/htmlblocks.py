"""Which HTML block each bound number landed in, and the source words around each marker.

Shared by the site tests: a bound number must render inside its sentence, list item or table cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tools.markers import MARKER

# The innermost of these around a bound number is its block.
LEAF_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "summary", "figcaption"}
CONTAINERS = {"article", "div", "section", "details", "blockquote", "ul", "ol", "table", "tr", "tbody", "thead"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}


@dataclass
class Block:
    tag: str
    text: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


@dataclass
class BoundValue:
    fact: str
    block: Block


class ArticleBlocks(HTMLParser):
    """The blocks of a page's <article>, and where each [data-fact] span sits."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.stack: list[tuple[str, Block | None]] = []
        self.blocks: list[Block] = []
        self.bound: list[BoundValue] = []
        self.list_items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in VOID:
            return
        block = Block(tag) if tag in LEAF_BLOCKS | CONTAINERS else None
        if block:
            self.blocks.append(block)
        if tag == "li":
            self.list_items += 1
        self.stack.append((tag, block))
        fact = dict(attrs).get("data-fact")
        if fact:
            self.bound.append(BoundValue(fact, self._innermost()))

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        for _, block in self.stack:
            if block:
                block.text.append(data)

    def _innermost(self) -> Block:
        return next(block for _, block in reversed(self.stack) if block)


def parse_article(html: str) -> ArticleBlocks:
    parser = ArticleBlocks()
    parser.feed(html)
    return parser


_MARKUP = [
    (re.compile(r"<!--.*?-->"), ""),  # comments, whose text readers never see (a relation may hold a ">")
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"[*_`]"), ""),
]
WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")  # words, not numbers: numbers are what the markers bind
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
FENCE = re.compile(r"^\s*(```|~~~)")


def _plain(text: str) -> str:
    text = MARKER.sub(" ", text)
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class MarkerContext:
    line: int
    fact: str
    before: str  # the word just before the marker in its paragraph, "" when there is none
    after: str  # the word just after it on its line, "" when there is none


def marker_contexts(source: str) -> list[MarkerContext]:
    """For every fact marker in a Markdown source: the nearest words around it, in the same paragraph."""
    found = []
    lines = source.splitlines()
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in MARKER.finditer(line):
            before_text = _plain(line[:match.start()].split("|")[-1])  # a table cell ends at its bar
            if not before_text.strip() and index and lines[index - 1].strip() and not LIST_ITEM.match(line) \
                    and not line.lstrip().startswith("|"):
                before_text = _plain(lines[index - 1])  # the marker continues the paragraph of the line above
            before = WORD.findall(before_text)
            after = WORD.findall(_plain(line[match.end():]).split("|")[0])
            found.append(MarkerContext(index + 1, match["name"], before[-1] if before else "", after[0] if after else ""))
    return found


def source_list_items(source: str) -> int:
    count, in_fence = 0, False
    for line in source.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and LIST_ITEM.match(line):
            count += 1
    return count


def misplaced(source: str, html: str) -> list[str]:
    """Every way the built page lost a bound number's sentence, or a list its items."""
    article = parse_article(html)
    contexts = marker_contexts(source)
    problems = []
    values = iter(article.bound)  # in page order; included generated tables add their own in between
    for context in contexts:
        value = next((value for value in values if value.fact == context.fact), None)
        if value is None:
            problems.append(f"line {context.line}: {context.fact} is not bound in the page")
            break
        for word in (context.before, context.after):
            if word and word not in value.block.words:
                problems.append(
                    f"line {context.line}: {context.fact} is in <{value.block.tag}> "
                    f"{value.block.words[:80]!r}, without its neighbouring word {word!r}"
                )
    if article.list_items < source_list_items(source):
        problems.append(f"{source_list_items(source)} list items in the source, {article.list_items} in the page")
    problems += [f"a list item rendered as text: {block.words[:60]!r}" for block in article.blocks
                 if block.tag == "p" and re.search(r"(?:^|\s)- \w", block.words)]
    return problems
