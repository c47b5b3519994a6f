"""Rendering: everything generated from the facts, as text. Nothing here writes files (``tools.site`` does)."""
