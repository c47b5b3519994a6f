"""Introspection: any registered model, built and walked once, becomes a layer table, facts and a spec.

``walk`` holds the one core walk; ``core`` the facts every architecture has; ``graph`` the facts
read off the traced computation graph; ``records`` the types they share. Family facts live in
``tools.families``.
"""

from tools.introspect.records import LAYER_COLUMNS, Config, Introspection, IntrospectionError, LayerRow, Walk
from tools.introspect.walk import (
    MAX_INPUT_SIZE, MAX_WORKERS, all_configs, build, clear_cache, config, introspect, introspect_all,
    introspect_uncached, remember, skipped_init,
)

__all__ = [
    "LAYER_COLUMNS", "MAX_INPUT_SIZE", "MAX_WORKERS", "Config", "Introspection", "IntrospectionError", "LayerRow",
    "Walk", "all_configs", "build", "clear_cache", "config", "introspect", "introspect_all", "introspect_uncached",
    "remember", "skipped_init",
]
