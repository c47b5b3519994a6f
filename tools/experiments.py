"""Executed evidence: small modules built and run to observe what happens.

A claim names an experiment and the outcome it expects (``runs`` or ``raises``); the engine runs it
and compares. Each experiment returns what it observed, including the error message if any.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from models import BasicBlock, ZeroPadShortcut
from tools.observation import Observation
from tools.peers import keras


def _run(code: str, make: Callable[[], torch.Tensor]) -> Observation:
    try:
        with torch.no_grad():
            out = make()
    except RuntimeError as error:
        return Observation(code, "raises", f"{type(error).__name__}: {str(error).splitlines()[0]}")
    return Observation(code, "runs", "×".join(str(d) for d in out.shape))


def identity_shortcut_at_stride2() -> Observation:
    """A basic block that halves resolution and doubles width (16 → 32), with a bare identity shortcut."""
    return _run(
        "BasicBlock(16, 32, stride=2, downsample=None)(torch.zeros(1, 16, 32, 32))",
        lambda: BasicBlock(16, 32, stride=2, downsample=None)(torch.zeros(1, 16, 32, 32)),
    )


def option_a_shortcut_at_stride2() -> Observation:
    """The same block with the zero-padding shortcut of option A."""
    return _run(
        "BasicBlock(16, 32, stride=2, downsample=ZeroPadShortcut(extra_channels=16, stride=2))"
        "(torch.zeros(1, 16, 32, 32))",
        lambda: BasicBlock(16, 32, stride=2, downsample=ZeroPadShortcut(extra_channels=16, stride=2))(
            torch.zeros(1, 16, 32, 32)
        ),
    )


def keras_tutorial_resnet() -> Observation:
    """The tutorial network of models/keras_tutorial.py as tutorials call it: stride 2 at each width
    change and no projection. Built and summarised by Keras, live (in the check's Keras worker)."""
    return keras.results().observations["keras_tutorial_resnet"]


def keras_tutorial_resnet_projected() -> Observation:
    """The same network with a projection wherever the shape changes."""
    return keras.results().observations["keras_tutorial_resnet_projected"]


EXPERIMENTS: dict[str, Callable[[], Observation]] = {
    "identity_shortcut_at_stride2": identity_shortcut_at_stride2,
    "option_a_shortcut_at_stride2": option_a_shortcut_at_stride2,
    "keras_tutorial_resnet": keras_tutorial_resnet,
    "keras_tutorial_resnet_projected": keras_tutorial_resnet_projected,
}
OUTCOMES = ("runs", "raises")
