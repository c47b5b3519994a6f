"""Markdown building blocks shared by every renderer."""

from __future__ import annotations

from tools.formats import format_fact


def table(headers: list[str], rows: list[list[object]], indent: str = "") -> str:
    align = ["---:" if all(isinstance(row[i], (int, float)) for row in rows) else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(indent + line for line in lines)


def _cell(value: object) -> str:
    return format_fact(value).replace("|", "\\|")
