"""Numbers in hand-written pages: bound to facts with markers, and unbound ones found.

A bound number keeps its real value in the committed Markdown, readable anywhere; the marker is
``tools.markers``' span:

    <span data-fact="resnet20.params">(the value)</span>
    <span data-fact="resnet50-v1.macs" data-format="giga">(the value)</span>

``python -m tools generate`` rewrites the text between the tags; the check compares it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from tools import generated
from tools.facts.namespace import format_fact, lookup
from tools.i18n import language_of
from tools.i18n.counting import CITATION as _CITATION, UNBOUND
from tools.markers import MARKER, marker


# What a model number looks like in each language: tools.i18n.counting.
TAG = re.compile(r"<(?!!--)[^>]*>")
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


def unbound_numbers(text: str, path: str, lang: str | None = None) -> list[Unbound]:
    """Model numbers outside fact markers, code blocks and citations (Table 1, section 4.2; 表 1, 第 4.2 节),
    by the rules of the text's language (``lang``, else the path's)."""
    patterns = UNBOUND[lang or language_of(path)]
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
        found += [Unbound(path, number, match.group(0)) for pattern in patterns for match in pattern.finditer(stripped)]
    return found
