"""The one syntax that binds a number to a fact, in hand-written pages, claims and generated pages alike.

    <span data-fact="resnet20.params">269,722</span>
    <span data-fact="resnet50-v1.macs" data-format="giga">3.86</span>   (a format from tools.formats.FORMATS)

A ``<span>`` is inline HTML, so a bound number stays inside its sentence, list item or table cell
wherever it stands in the Markdown source, the start of a line included (an HTML comment there
would open a raw HTML block and break the paragraph). The value between the tags stays readable in
the committed Markdown; ``python -m tools generate`` rewrites it and the check compares it. In the
built site, ``assets/javascripts/atlas-facts.js`` explains every ``[data-fact]`` on hover and tap.
"""

from __future__ import annotations

import html
import re

MARKER = re.compile(
    r'<span data-fact="(?P<name>[\w.\-]+)"(?: data-format="(?P<style>\w+)")?>(?P<value>[^<]*)</span>'
)


def marker(name: str, text: str, style: str | None = None) -> str:
    """``text`` (an already formatted value) bound to the fact ``name``."""
    fmt = f' data-format="{style}"' if style else ""
    return f'<span data-fact="{name}"{fmt}>{html.escape(text, quote=False)}</span>'
