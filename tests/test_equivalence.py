"""What our models compute, compared with implementations no one here wrote: Keras' models on the same
weights, and forward passes written from the papers with ``torch.nn.functional`` (``tests/reference.py``).

Every model and option of the registry is compared on outputs, not counts: seeded weights, BatchNorm
statistics away from the identity, one image, inference mode, the largest logit difference within
``TOLERANCE`` of the largest logit. Each kind of silent error a contributor could make is planted and
must be caught.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import pytest
import torch
import torch.nn.functional as F
from torch import nn

import models
from models.densenet import DenseBlock
from models.inception import InceptionA
from tests import reference
from tools.facts.namespace import all_facts
from tools.introspect import Config, all_configs, config
import models.vgg
from tools.peers import keras as peers
from tools.peers import outputs
from tools.peers.outputs import CHECKED, TOLERANCE, compare_peer, relative_difference, seeded_input, seeded_model

# Our configurations against the papers' forward passes: CIFAR models at 32×32, ImageNet ones at 64×64.
ACTIVATIONS = {"leaky-relu": functools.partial(F.leaky_relu, negative_slope=0.01), "silu": F.silu, "dws-silu": F.silu}
VGG_COLUMNS = {"vgg11": "A", "vgg13": "B", "vgg16": "D", "vgg19": "E"}  # Table 1's columns


def paper_forward(cfg: Config) -> Callable[[dict[str, torch.Tensor], torch.Tensor], torch.Tensor]:
    """The reference forward pass for ``cfg``, from what the paper (and the option) says the model is."""
    options, family, cifar = dict(cfg.options), cfg.entry.family.name, cfg.entry.dataset == "cifar10"
    if family == "resnet":
        return functools.partial(
            reference.resnet, imagenet=not cifar, stride_on="1x1" if options.get("variant") == "v1" else "3x3",
            shortcut=options.get("shortcut", "B"), activation=ACTIVATIONS.get(options.get("modification"), F.relu),
        )
    if family == "vgg":
        return functools.partial(reference.vgg, column=VGG_COLUMNS[cfg.name], batch_norm=options["batch_norm"])
    return functools.partial(reference.densenet, cifar=cifar)


PAPER_CONFIGS = [cfg for cfg in all_configs() if cfg.entry.family.name in ("resnet", "vgg", "densenet")]


def size_of(cfg: Config) -> int:
    return 32 if cfg.entry.dataset == "cifar10" else 64


def against_the_paper(cfg: Config, model: nn.Module | None = None) -> float:
    model = seeded_model(cfg, size_of(cfg)) if model is None else model
    x = seeded_input(size_of(cfg))
    with torch.no_grad():
        return relative_difference(model(x), paper_forward(cfg)(model.state_dict(), x))


@pytest.mark.parametrize("cfg", PAPER_CONFIGS, ids=lambda cfg: cfg.key)
def test_our_logits_are_the_papers_forward_pass(cfg):
    assert against_the_paper(cfg) <= TOLERANCE


def test_every_configuration_is_compared_with_an_implementation_we_did_not_write():
    compared = {cfg.key for cfg in PAPER_CONFIGS} | {peer.ours for peer in peers.PEERS if peer.application}
    assert {cfg.key for cfg in all_configs()} - compared == {"inception_v3"}  # its eval forward: inception_v3-no-aux's
    assert "inception_v3-no-aux" in compared


# --- Keras, on the same weights: measured by the check, on every keras.applications model -------------------

KERAS_PEERS = [peer.name for peer in peers.PEERS if peer.application]


@pytest.fixture(scope="module")
def facts() -> dict[str, object]:
    return all_facts()


@pytest.mark.parametrize("peer", CHECKED)
def test_keras_computes_what_ours_computes_as_the_check_measured(facts, peer):
    at = f"keras.{peer}."
    assert facts[f"{at}logits_agree"] is True
    assert facts[f"{at}logit_difference_below"] <= TOLERANCE
    assert facts[f"{at}compared_with"] == next(p.ours for p in peers.PEERS if p.name == peer)


@pytest.fixture(scope="module")
def keras():
    return peers.import_keras()


def against_keras(keras, name: str) -> float:
    return compare_peer(keras, name).relative


@pytest.mark.parametrize("peer", [name for name in KERAS_PEERS if name not in CHECKED])
def test_keras_computes_what_ours_computes_for_the_deeper_models_of_each_family(keras, peer):
    assert against_keras(keras, peer) <= TOLERANCE


def test_the_check_compares_one_keras_model_of_every_family():
    families = {next(cfg for cfg in all_configs() if cfg.key == p.ours).entry.family.name
                for p in peers.PEERS if p.application}
    checked = {next(cfg for cfg in all_configs() if cfg.key == p.ours).entry.family.name
               for p in peers.PEERS if p.name in CHECKED}
    assert checked == families == {"resnet", "vgg", "inception", "densenet"}


# --- Planted: each silent error must be caught ------------------------------------------------------------


@pytest.fixture
def plant(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[object, str, object], None]]:
    yield lambda owner, name, value: monkeypatch.setattr(owner, name, value)


def modules_of(model: nn.Module, kind: type[nn.Module]) -> list[nn.Module]:
    return [module for module in model.modules() if isinstance(module, kind)]


def test_an_identity_shortcut_that_adds_zeros_is_caught(plant):
    def forward(self, x):
        out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        return self.relu(out + (torch.zeros_like(out) if self.downsample is None else self.downsample(x)))

    plant(models.BasicBlock, "forward", forward)
    assert against_the_paper(config("resnet20")) > TOLERANCE


def test_a_changed_batchnorm_epsilon_is_caught(keras):
    cfg = config("resnet20")
    model = seeded_model(cfg, size_of(cfg))
    for bn in modules_of(model, nn.BatchNorm2d):
        bn.eps = 1e-3
    assert against_the_paper(cfg, model) > TOLERANCE


def test_a_changed_batchnorm_epsilon_is_caught_by_keras(keras, plant):
    built = nn.BatchNorm2d.__init__
    plant(nn.BatchNorm2d, "__init__", lambda self, *args, **kwargs: built(self, *args, **{**kwargs, "eps": 1e-3}))
    assert against_keras(keras, "resnet50") > TOLERANCE


def test_reflect_padding_in_one_convolution_is_caught():
    cfg = config("resnet18")
    model = seeded_model(cfg, size_of(cfg))
    model.layer2[0].conv2.padding_mode = "reflect"
    assert against_the_paper(cfg, model) > TOLERANCE


@pytest.mark.parametrize("pad", [
    lambda x, extra: F.pad(x, (0, 0, 0, 0, extra, 0)),  # the new channels before the old ones
    lambda x, extra: F.pad(x, (0, 0, 0, 0, 0, extra), value=1.0),  # filled with ones
], ids=["other-side", "ones"])
def test_option_a_padding_elsewhere_or_with_ones_is_caught(plant, pad):
    plant(models.ZeroPadShortcut, "forward", lambda self, x: pad(x[:, :, :: self.stride, :: self.stride], self.extra_channels))
    assert against_the_paper(config("resnet20")) > TOLERANCE


def test_relu6_instead_of_relu_is_caught():
    cfg = config("resnet20")
    model = seeded_model(cfg, size_of(cfg))
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.ReLU):
                setattr(parent, name, nn.ReLU6())
    assert against_the_paper(cfg, model) > TOLERANCE


def test_dropout_active_at_inference_is_caught(plant):
    plant(nn.Dropout, "forward", lambda self, x: F.dropout(x, self.p, training=True))
    assert against_the_paper(config("resnet34", modification="dropout")) > TOLERANCE
    assert against_the_paper(config("vgg11")) > TOLERANCE


def test_a_dense_layer_concatenating_in_the_wrong_order_is_caught(keras, plant):
    def forward(self, x):
        features = [x]
        for layer in self.children():
            features.append(layer(torch.cat(features[::-1], 1)))  # newest first
        return torch.cat(features, 1)

    plant(DenseBlock, "forward", forward)
    assert against_the_paper(config("densenet40_k12")) > TOLERANCE
    assert against_keras(keras, "densenet121") > TOLERANCE


def test_two_inception_branches_swapped_in_a_concatenation_are_caught(keras, plant):
    def forward(self, x):
        branch5x5 = self.branch5x5_2(self.branch5x5_1(x))
        branch3x3dbl = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        branch_pool = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([branch5x5, self.branch1x1(x), branch3x3dbl, branch_pool], 1)  # 5×5 before 1×1

    assert against_keras(keras, "inception_v3") <= TOLERANCE
    plant(InceptionA, "forward", forward)
    assert against_keras(keras, "inception_v3") > TOLERANCE


def test_a_model_that_no_longer_has_keras_layers_stops_the_comparison_naming_it(keras, monkeypatch):
    monkeypatch.setattr(models.vgg, "FC_WIDTH", 4095)  # VGG-16's fully connected layers one unit narrower
    with pytest.raises(peers.PeerError, match=r"^keras\.vgg16: our vgg16 no longer has the layers of "
                                               r"keras\.applications\.VGG16, so their weights cannot be copied"):
        against_keras(keras, "vgg16")


def test_logits_that_disagree_stop_the_check_naming_the_model(monkeypatch):
    monkeypatch.setattr(outputs, "compare", lambda *args: outputs.Comparison("resnet50", "resnet50-v1", 64, 10.0, 0.5, ()))
    with pytest.raises(peers.PeerError, match=r"^keras\.resnet50: our resnet50-v1 and keras\.applications\.ResNet50 "
                                               r"disagree on the same weights: the largest logit difference is 5\.0e-02"):
        outputs.compare_all(("resnet50",))
