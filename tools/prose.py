"""Numbers in hand-written pages: bound to facts with markers, and unbound ones found.

A bound number keeps its real value in the committed Markdown, readable anywhere; the marker is
``tools.markers``' span:

    <span data-fact="resnet20.params">(the value)</span>
    <span data-fact="resnet50-v1.macs" data-format="giga">(the value)</span>

``python -m tools generate`` rewrites the text between the tags; the check compares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tools import generated
from tools.facts import format_fact, lookup
from tools.markers import MARKER, marker


# A model number: a count next to what it counts. Unit words define what "next to" means.
_UNIT_WORDS = (
    r"params|parameters|MACs|FLOPs|GFLOPs|multiply-adds|multiply-accumulates|mult-adds|layers|"
    r"blocks|filters|channels|convolutions|stages|million|billion|MB"
)
_NUMBER = r"(?<![\w.\-×,^])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d×]|[.,]\d)"
_UNBOUND = re.compile(
    rf"(?:{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:{_UNIT_WORDS})\b"  # 20 residual blocks, 3.8 billion
    rf"|(?:{_NUMBER})\s?[MG]\b"  # 1.7M, 4.1G
)
TAG = re.compile(r"<(?!!--)[^>]*>")
_CITATION = re.compile(r"(?:Table|Tables|section|sections|Section|Figure|Fig\.|Eq\.|arXiv:?)\s+[\d.]+(?:\s*(?:and|,)\s*[\d.]+)*")
_IGNORED = [
    re.compile(r"<!--.*?-->", re.S),  # comments, including whole fact markers (replaced first)
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"[Rr]es[Nn]et-?\d+"),  # model names carry their depth
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


def hand_written_pages(root: Path) -> list[Path]:
    """Markdown pages under docs/ that are not generated."""
    return sorted(
        path for path in (root / "docs").rglob("*.md")
        if not generated.is_generated(path.read_text(encoding="utf-8"))
    )


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


def unbound_numbers(text: str, path: str) -> list[Unbound]:
    """Model numbers outside fact markers, code blocks and citations (Table 1, section 4.2)."""
    found = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith("--8<--"):
            continue
        stripped = TAG.sub("", MARKER.sub(" ", line))  # a number in other markup is still prose
        for pattern in [*_IGNORED, _CITATION]:
            stripped = pattern.sub(" ", stripped)
        found += [Unbound(path, number, match.group(0)) for match in _UNBOUND.finditer(stripped)]
    return found
