"""The records of introspection: a configuration, one row of the layer table, a walk and its result."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

import pandas as pd
from torch import nn

import models
from models import ModelEntry
from tools.i18n import text
from tools.introspect.graph import GraphFacts

AUXILIARY = "auxiliary"  # section and path of layers that hold parameters but do not run at inference


class IntrospectionError(ValueError):
    """Bad input to introspection; the message is one line that names what is valid."""


@dataclass(frozen=True)
class Config:
    """One registered model with one choice of options, e.g. resnet50 with variant v1."""

    name: str
    options: tuple[tuple[str, object], ...]
    num_classes: int

    @property
    def entry(self) -> ModelEntry:
        return models.get_entry(self.name)

    @functools.cached_property  # read for every fact of every page: computed once per configuration
    def key(self) -> str:
        """The fact namespace: the model name, plus a tag for each non-default option value (resnet50-v1)."""
        entry = self.entry
        suffix = "".join(
            f"-{entry.options[option].tag(value)}" for option, value in self.options if value != entry.defaults[option]
        )
        if self.num_classes != entry.num_classes:
            suffix += f"-{self.num_classes}classes"
        return self.name + suffix

    @property
    def is_default(self) -> bool:
        return self.key == self.name

    @property
    def is_modified(self) -> bool:
        """A modification of the model is in force (resnet34-dws), not one of the paper's options."""
        return self.entry.is_modified(dict(self.options))

    def label(self, lang: str = "en") -> str:
        """The options as ``lang`` writes them ("variant v1.5", "variant=v1.5"); a modification alone
        ("modification dws"): the rest are defaults."""
        options = self.entry.options
        modified = [(name, value) for name, value in self.options if options[name].alone and value != options[name].default]
        shown = modified or [(name, value) for name, value in self.options if not options[name].alone]
        return ", ".join(text("option.label", lang, option=option, value=value) for option, value in shown)


@dataclass(frozen=True)
class LayerRow:
    """One leaf module, in forward order. Shapes leave out the batch dimension (N = 1)."""

    index: int
    section: str  # stem | stage | transition | head | auxiliary
    stage: str  # the stage's name, e.g. layer1 (empty outside the stages)
    paper_stage: str  # conv1, conv2_x … as the paper names it
    block: str  # the innermost block holding the layer, e.g. layer1.0 (empty outside the blocks)
    path: str  # main | shortcut | auxiliary
    name: str  # qualified module name, the state-dict prefix
    type: str
    kernel: str
    stride: str
    padding: str
    input_shape: str
    output_shape: str
    params: int
    macs: int
    torchinfo_mult_adds: int


LAYER_COLUMNS = [f.name for f in fields(LayerRow)]


@dataclass
class Walk:
    """Everything one walk of a model saw; core and family facts are read off it."""

    config: Config
    model: nn.Module
    layers: pd.DataFrame
    outputs: dict[str, list[int]]  # module name -> output shape (C, H, W); "stem" -> what the first stage receives
    input_size: int
    mult_adds: int  # torchinfo's total
    graph: GraphFacts


@dataclass
class Introspection:
    config: Config
    input_size: int
    layers: pd.DataFrame
    facts: dict[str, object]
    spec: dict[str, object]
