"""What a model family says about itself, as data next to its code.

Like timm's ``feature_info``, every tool reads a model's structure from here instead of guessing it
from module names:

- ``Family``: declared once per family (ResNet, VGG, …): its blocks, the side paths inside a block,
  and how the paper writes a block.
- ``Anatomy``: set on every built model as ``model.anatomy``: its stages, in forward order, with the
  paper's names. Modules that run before the first stage are the stem; after the last, the head;
  between two stages, a transition.
- ``Option``: one keyword option of a registered model, with its accepted values.
- ``ModelEntry``: one registered model.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from torch import nn


@dataclass(frozen=True)
class Stage:
    """One stage of a model: one or more consecutive modules, and what the paper calls them.

    ``modules`` are qualified module names; a module belongs to the stage when its name is one of
    them or starts with one of them followed by a dot. By default a stage is the module ``name``.
    """

    name: str
    paper_name: str
    modules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.modules:
            object.__setattr__(self, "modules", (self.name,))

    def contains(self, module_name: str) -> bool:
        return any(module_name == prefix or module_name.startswith(prefix + ".") for prefix in self.modules)


@dataclass(frozen=True)
class Anatomy:
    """The stages of one built model, in forward order; ``stem_name`` is the paper's name for the stem."""

    stages: tuple[Stage, ...]
    stem_name: str = "stem"

    def stage_of(self, module_name: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.contains(module_name)), None)


# A block's layers as the paper writes them: (kernel "3x3", output channels) for each weighted layer.
BlockLayers = Sequence[tuple[str, int]]


def bracket_notation(layers: BlockLayers, repeats: int) -> str:
    """Table 1's notation of He et al.: [3×3, 64; 3×3, 64] × 2."""
    inner = "; ".join(f"{kernel.replace('x', '×')}, {width}" for kernel, width in layers)
    return f"[{inner}] × {repeats}"


@dataclass(frozen=True)
class Family:
    """What every model of a family shares.

    ``blocks``: module classes that are the family's repeated unit (a residual block, a dense layer,
    an Inception module); a layer belongs to the innermost block that contains it.
    ``side_paths``: names of submodules of a block that run beside its main path (ResNet's
    ``downsample`` shortcut); their layers are not counted in the main-path depth.
    ``notation``: how the paper writes a stage of ``repeats`` blocks with these layers.
    ``layer_chain``: the main path is one chain of layers (ResNet, VGG), so Figure 3 of He et al.
    can draw it layer by layer; False for branching blocks (Inception), which it cannot.
    ``depth_fact``: the fact that is the depth the family's paper states (``paper_depth``): weighted layers
    on the main path for a chain of blocks; Inception-v3's paper counts the layers through its modules.
    """

    name: str
    title: str
    paper: str
    blocks: tuple[type[nn.Module], ...] = ()
    side_paths: tuple[str, ...] = ()
    notation: Callable[[BlockLayers, int], str] = bracket_notation
    layer_chain: bool = True
    depth_fact: str = "weighted_layers"


@dataclass(frozen=True)
class Option:
    """A keyword option: its accepted values (the default first) and how each reads in a fact namespace.

    ``tags`` maps a value to the suffix it adds to the configuration's key (``resnet50-v1``); a value
    without a tag adds its own text, lowercased. The default value adds nothing.
    ``alone``: each other value is taken alone, with every other option at its default, so that a long
    list of values (ResNet-34's modifications) does not multiply the configurations.
    """

    values: tuple[object, ...]
    tags: dict[object, str] = field(default_factory=dict)
    help: Mapping[str, str] = field(default_factory=dict)  # what it means, in every language: {"en": …, "zh": …}
    alone: bool = False

    @property
    def default(self) -> object:
        return self.values[0]

    def tag(self, value: object) -> str:
        return self.tags.get(value, str(value).lower())


@dataclass(frozen=True)
class ModelEntry:
    """One registered model: how to build it and what it is, as data.

    ``spec`` is the family's own description of the model (a ``ResNetSpec``, a VGG configuration …).
    """

    name: str
    title: str
    builder: Callable[..., nn.Module]
    family: Family
    dataset: str  # cifar10 | imagenet
    spec: object
    input_size: int
    num_classes: int
    options: dict[str, Option]
    source: str

    @property
    def defaults(self) -> dict[str, object]:
        return {name: option.default for name, option in self.options.items()}

    def configurations(self) -> list[dict[str, object]]:
        """Every combination of option values, the defaults first; then each value of an option taken alone."""
        names = list(self.options)
        values = [(option.default,) if option.alone else option.values for option in self.options.values()]
        combined = [dict(zip(names, chosen, strict=True)) for chosen in itertools.product(*values)]
        alone = [
            {**self.defaults, name: value}
            for name, option in self.options.items() if option.alone for value in option.values[1:]
        ]
        return combined + alone

    def check_options(self, options: dict[str, object]) -> dict[str, object]:
        """The full option set (defaults filled in); a ValueError names what is valid otherwise."""
        valid = [*self.options, "num_classes"]
        for name, value in options.items():
            if name not in valid:
                raise ValueError(f"{self.name} has no option {name!r}; valid options: {', '.join(valid)}")
            if name == "num_classes":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f"num_classes must be a positive integer, got {value!r}")
            elif not any(value == allowed and type(value) is type(allowed) for allowed in self.options[name].values):
                allowed = ", ".join(repr(v) for v in self.options[name].values)
                raise ValueError(f"{self.name} option {name}={value!r} is not valid; valid values: {allowed}")
        full = {**self.defaults, "num_classes": self.num_classes, **options}
        changed = {name: full[name] for name in self.options if full[name] != self.defaults[name]}
        for name, value in changed.items():
            if self.options[name].alone and len(changed) > 1:
                given = ", ".join(f"{other}={v!r}" for other, v in changed.items() if other != name)
                raise ValueError(f"{self.name} option {name}={value!r} goes with the default options only, got {given}")
        return full

    def is_modified(self, options: dict[str, object]) -> bool:
        """Whether an option taken alone (a modification of the model, like ``modification="dws"``) is set."""
        return any(option.alone and options.get(name, option.default) != option.default
                   for name, option in self.options.items())

    def parse_option(self, name: str, text: str) -> object:
        """An option value typed on a command line: the accepted value that reads as ``text`` (True for "true")."""
        if name not in self.options:
            raise ValueError(f"{self.name} has no option {name!r}; valid options: {', '.join([*self.options, 'num_classes'])}")
        for value in self.options[name].values:
            if str(value).lower() == text.lower():
                return value
        allowed = ", ".join(repr(v) for v in self.options[name].values)
        raise ValueError(f"{self.name} option {name}={text!r} is not valid; valid values: {allowed}")

    def build(self, **options: object) -> nn.Module:
        return self.builder(**self.check_options(options))
