"""A ResNet written the way many Keras tutorials write it, kept here to watch what Keras does with it.

Not a registered model and not a reference: ``tools.peers.keras`` builds it live, and the fact check
shows the outcome. The pattern: a ``residual_block`` whose shortcut becomes a 1×1 projection only
when the caller asks (``conv_shortcut=True``), two blocks per width 64, 128, 256 and 512, and
``stride=2`` at each width change. Called without asking for the projection, the first block of
128 filters adds a (56, 56, 64) shortcut to a (28, 28, 128) branch.

Keras must run on PyTorch here: the tools set ``KERAS_BACKEND=torch`` before this module is
imported, and so does the default below when it is imported on its own.
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402  (the backend is chosen before the first import)
from keras import layers  # noqa: E402

WIDTHS = (64, 128, 256, 512)  # conv2_x … conv5_x of the paper's Table 1
BLOCKS_PER_WIDTH = 2


def residual_block(x, filters: int, stride: int = 1, conv_shortcut: bool = False):
    """Two 3×3 convolutions and a shortcut; the shortcut is projected only if conv_shortcut is set."""
    shortcut = x
    if conv_shortcut:
        shortcut = layers.Conv2D(filters, 1, strides=stride)(x)
        shortcut = layers.BatchNormalization()(shortcut)
    y = layers.Conv2D(filters, 3, strides=stride, padding="same")(x)  # Keras' default: use_bias=True
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    y = layers.BatchNormalization()(y)
    y = layers.Add()([shortcut, y])  # the shapes must match here
    return layers.Activation("relu")(y)


def tutorial_resnet(*, projection_where_shape_changes: bool, num_classes: int = 1000) -> keras.Model:
    """The tutorial's network; with ``projection_where_shape_changes=False`` exactly as the tutorials call it."""
    inputs = keras.Input((224, 224, 3))
    x = layers.Conv2D(64, 7, strides=2, padding="same")(inputs)  # (112, 112, 64)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.MaxPooling2D(3, strides=2, padding="same")(x)  # (56, 56, 64)
    for index, filters in enumerate(WIDTHS):
        stride = 1 if index == 0 else 2  # (56, 56) -> (28, 28) -> (14, 14) -> (7, 7)
        project = projection_where_shape_changes and stride != 1
        x = residual_block(x, filters, stride=stride, conv_shortcut=project)
        for _ in range(BLOCKS_PER_WIDTH - 1):
            x = residual_block(x, filters)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="tutorial_resnet")
