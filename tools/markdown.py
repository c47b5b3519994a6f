"""Markdown building blocks shared by every renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.formats import format_fact
from tools.markers import marker


@dataclass(frozen=True)
class Bound:
    """A table cell or sentence part that shows a fact: rendered as its marker, so that the site can
    explain it on hover and the reader can trace it to where it is measured."""

    name: str  # the full fact name, e.g. resnet20.params
    value: object
    style: str | None = None

    def __str__(self) -> str:
        return marker(self.name, format_fact(self.value, self.style, name=self.name), self.style)


def bound(facts: dict[str, object], name: str, style: str | None = None) -> Bound:
    return Bound(name, facts[name], style)


def _numeric(value: object) -> bool:
    value = value.value if isinstance(value, Bound) else value
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def table(headers: list[str], rows: list[list[object]], indent: str = "") -> str:
    align = ["---:" if rows and all(_numeric(row[i]) for row in rows) else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(indent + line for line in lines)


def _cell(value: object) -> str:
    text = str(value) if isinstance(value, Bound) else format_fact(value)
    return text.replace("|", "\\|")


# A paper cited by its arXiv id, written in plain text by the citations (tools/families): a way out to it.
ARXIV = re.compile(r"(?<![\[/])arXiv:(\d{4}\.\d{4,5})(?![\]\d])")


# Other sources the citations (tools/families) name in plain text, and where each is read: the release cited,
# not the latest.
TORCHVISION_RELEASE = "0.21"
TORCHVISION_DOCS = f"torchvision {TORCHVISION_RELEASE} model documentation"
# Where the same torchvision release defines a family's models (resnet.py, vgg.py, inception.py, densenet.py).
TORCHVISION_SOURCE = f"https://github.com/pytorch/vision/blob/v{TORCHVISION_RELEASE}.0/torchvision/models/{{module}}.py"
SOURCE_LINKS = {
    TORCHVISION_DOCS:
        f"https://docs.pytorch.org/vision/{TORCHVISION_RELEASE}/models.html#table-of-all-available-classification-weights",
}


def link_sources(page: str) -> str:
    """Every plain arXiv id of a generated page becomes a link to the paper's abstract page, and every source of
    ``SOURCE_LINKS`` a link to the page cited (once linked, a source is left as it is)."""
    page = ARXIV.sub(r"[arXiv:\1](https://arxiv.org/abs/\1)", page)
    for words, url in SOURCE_LINKS.items():
        page = re.sub(rf"(?<!\[){re.escape(words)}(?!\])", f"[{words}]({url})", page)
    return page
