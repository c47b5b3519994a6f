"""Introspection: any registered model, built and walked once, becomes a layer table and a graph.

``walk`` holds the one core walk; ``graph`` the facts read off the traced computation graph;
``records`` the types they share. Facts are read off a walk one layer up, in ``tools.facts``.
"""

from tools.introspect.records import LAYER_COLUMNS, Config, Introspection, IntrospectionError, LayerRow, Walk
from tools.introspect.walk import MAX_INPUT_SIZE, all_configs, build, config, skipped_init, walk

__all__ = [
    "LAYER_COLUMNS", "MAX_INPUT_SIZE", "Config", "Introspection", "IntrospectionError", "LayerRow", "Walk",
    "all_configs", "build", "config", "skipped_init", "walk",
]
