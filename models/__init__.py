"""Reference models of ResNet Atlas, written to be read. See ``models.registry``."""

from models.blocks import RESNET, BasicBlock, Bottleneck, BottleneckV1, ResNetSpec, ZeroPadShortcut
from models.cifar import CifarResNet, resnet20, resnet32, resnet44, resnet56, resnet110, resnet1202
from models.densenet import (
    DENSENET, BottleneckDenseLayer, DenseBlock, DenseLayer, DenseNet, DenseNetSpec, Transition, densenet40_k12,
    densenet100_k12_bc, densenet121, densenet161, densenet169, densenet201,
)
from models.family import Anatomy, Family, ModelEntry, Option, Stage
from models.imagenet import ImageNetResNet, resnet18, resnet34, resnet50, resnet101, resnet152
from models.inception import (
    INCEPTION, BasicConv2d, Inception3, InceptionA, InceptionAux, InceptionB, InceptionC, InceptionD, InceptionE,
    InceptionOutputs, InceptionSpec, inception_v3,
)
from models.registry import get_entry, get_model, list_models
from models.vgg import VGG, VGG_FAMILY, VGGSpec, vgg11, vgg13, vgg16, vgg19

__all__ = [
    "RESNET", "Anatomy", "BasicBlock", "Bottleneck", "BottleneckV1", "CifarResNet", "Family", "ImageNetResNet",
    "ModelEntry", "Option", "ResNetSpec", "Stage", "ZeroPadShortcut", "get_entry", "get_model", "list_models",
    "resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "resnet1202",
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "VGG", "VGG_FAMILY", "VGGSpec", "vgg11", "vgg13", "vgg16", "vgg19",
    "INCEPTION", "BasicConv2d", "Inception3", "InceptionA", "InceptionAux", "InceptionB", "InceptionC", "InceptionD",
    "InceptionE", "InceptionOutputs", "InceptionSpec", "inception_v3",
    "DENSENET", "BottleneckDenseLayer", "DenseBlock", "DenseLayer", "DenseNet", "DenseNetSpec", "Transition",
    "densenet40_k12", "densenet100_k12_bc", "densenet121", "densenet161", "densenet169", "densenet201",
]
