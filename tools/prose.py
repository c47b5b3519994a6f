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
"""

from __future__ import annotations

import operator
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
