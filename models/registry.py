"""The one registry of ResNet Atlas: every model the site documents, with its metadata as data.

Each family module declares its ``ENTRIES``; registering a family is one line in ``FAMILY_MODULES``.
"""

from __future__ import annotations

from torch import nn

from models import cifar, densenet, imagenet, inception, vgg
from models.family import ModelEntry

FAMILY_MODULES = [cifar, imagenet, vgg, inception, densenet]

_REGISTRY: dict[str, ModelEntry] = {}


def register(entry: ModelEntry) -> ModelEntry:
    if entry.name in _REGISTRY:
        raise ValueError(f"model {entry.name!r} is registered twice")
    _REGISTRY[entry.name] = entry
    return entry


for _module in FAMILY_MODULES:
    for _entry in _module.ENTRIES:
        register(_entry)


def list_models() -> list[str]:
    """Registered model names, family by family, each family in the order it declares them."""
    return list(_REGISTRY)


def get_entry(name: str) -> ModelEntry:
    if name not in _REGISTRY:
        raise ValueError(f"unknown model {name!r}; valid models: {', '.join(_REGISTRY)}")
    return _REGISTRY[name]


def get_model(name: str, **options: object) -> nn.Module:
    """Build a registered model, e.g. ``get_model("resnet20", shortcut="B")``."""
    return get_entry(name).build(**options)
