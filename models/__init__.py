"""Reference ResNets of He et al. 2016, written to be read. See ``models.registry``."""

from models.blocks import BasicBlock, Bottleneck, BottleneckV1, ResNetSpec, ZeroPadShortcut
from models.cifar import CifarResNet, resnet20, resnet32, resnet44, resnet56, resnet110, resnet1202
from models.imagenet import ImageNetResNet, resnet18, resnet34, resnet50, resnet101, resnet152
from models.registry import ModelEntry, get_entry, get_model, list_models

__all__ = [
    "BasicBlock", "Bottleneck", "BottleneckV1", "CifarResNet", "ImageNetResNet", "ModelEntry",
    "ResNetSpec", "ZeroPadShortcut", "get_entry", "get_model", "list_models",
    "resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "resnet1202",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
]
