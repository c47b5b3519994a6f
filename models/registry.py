"""The one registry of ResNet Atlas: every model the site documents, with its metadata as data."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from torch import nn

from models import cifar, imagenet
from models.blocks import ResNetSpec

Family = Literal["cifar", "imagenet"]


@dataclass(frozen=True)
class ModelEntry:
    """One registered model. ``options`` maps each option to its accepted values, the default first."""

    name: str
    builder: Callable[..., nn.Module]
    family: Family
    spec: ResNetSpec
    input_size: int
    num_classes: int
    options: dict[str, tuple[str, ...]]
    source: str

    @property
    def defaults(self) -> dict[str, str]:
        return {option: values[0] for option, values in self.options.items()}

    def configurations(self) -> list[dict[str, str]]:
        """Every combination of option values, the defaults first."""
        names = list(self.options)
        return [dict(zip(names, values, strict=True)) for values in itertools.product(*self.options.values())]

    def check_options(self, options: dict[str, object]) -> dict[str, object]:
        """The full option set (defaults filled in); a ValueError names what is valid otherwise."""
        valid = [*self.options, "num_classes"]
        for option, value in options.items():
            if option not in valid:
                raise ValueError(f"{self.name} has no option {option!r}; valid options: {', '.join(valid)}")
            if option == "num_classes":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f"num_classes must be a positive integer, got {value!r}")
            elif value not in self.options[option]:
                allowed = ", ".join(repr(v) for v in self.options[option])
                raise ValueError(f"{self.name} option {option}={value!r} is not valid; valid values: {allowed}")
        return {**self.defaults, "num_classes": self.num_classes, **options}

    def build(self, **options: object) -> nn.Module:
        return self.builder(**self.check_options(options))


CIFAR_SOURCE = "He et al. 2016, section 4.2 and Table 6"
IMAGENET_SOURCE = "He et al. 2016, Table 1"

_REGISTRY: dict[str, ModelEntry] = {}


def register(entry: ModelEntry) -> ModelEntry:
    if entry.name in _REGISTRY:
        raise ValueError(f"model {entry.name!r} is registered twice")
    _REGISTRY[entry.name] = entry
    return entry


for _name, _spec in cifar.SPECS.items():
    register(ModelEntry(
        name=_name, builder=getattr(cifar, _name), family="cifar", spec=_spec,
        input_size=32, num_classes=10, options={"shortcut": ("A", "B")}, source=CIFAR_SOURCE,
    ))
for _name, _spec in imagenet.SPECS.items():
    register(ModelEntry(
        name=_name, builder=getattr(imagenet, _name), family="imagenet", spec=_spec,
        input_size=224, num_classes=1000, options={"variant": ("v1.5", "v1")}, source=IMAGENET_SOURCE,
    ))


def list_models() -> list[str]:
    """Registered model names: the CIFAR family, then the ImageNet family, each by depth."""
    return list(_REGISTRY)


def get_entry(name: str) -> ModelEntry:
    if name not in _REGISTRY:
        raise ValueError(f"unknown model {name!r}; valid models: {', '.join(_REGISTRY)}")
    return _REGISTRY[name]


def get_model(name: str, **options: object) -> nn.Module:
    """Build a registered model, e.g. ``get_model("resnet20", shortcut="B")``."""
    return get_entry(name).build(**options)
