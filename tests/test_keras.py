"""Keras beside our models: measured live, every difference decomposed, and the check guarding both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from tests.test_check import copy_repo, edit, tree_digest
from tools import cache
from tools.facts.namespace import all_facts
from tools.peers import keras
from tools.site import check

ROOT = Path(__file__).resolve().parent.parent
RESNETS = ["resnet50", "resnet101", "resnet152"]


@pytest.fixture(scope="module")
def facts() -> dict[str, object]:
    return all_facts()


@pytest.mark.parametrize("peer", keras.PEERS, ids=lambda peer: peer.name)
def test_each_decomposition_sums_exactly_to_the_difference(facts, peer):
    at = f"keras.{peer.name}."
    difference = facts[f"{at}keras_params"] - facts[f"{peer.ours}.params"]
    assert facts[f"{at}params_difference"] == difference
    assert sum(facts[f"{at}{kind}_term"] for kind in keras.KINDS) == difference
    assert sum(facts[f"{at}{kind}"] for kind in keras.KINDS) == facts[f"{at}keras_params"]
    assert facts[f"{at}keras_trainable_params"] + facts[f"{at}keras_non_trainable_params"] == facts[f"{at}keras_params"]


def test_resnet50_differs_by_conv_biases_and_batchnorm_statistics_alone(facts):
    terms = {kind: facts[f"keras.resnet50.{kind}_term"] for kind in keras.KINDS}
    assert terms == {"conv_weights": 0, "conv_biases": 26_560, "bn_scales": 0, "bn_shifts": 0,
                     "bn_running_stats": 53_120, "fc_params": 0}
    assert facts["keras.resnet50.bn_running_stats_term"] == facts["resnet50-v1.bn_running_stats"]
    assert facts["keras.resnet50.params_difference"] == 25_636_712 - 25_557_032


def test_inception_v3_drops_batchnorm_scales_and_the_decomposition_says_so(facts):
    at = "keras.inception_v3."
    assert facts[f"{at}bn_scales"] == 0
    assert facts[f"{at}bn_scales_term"] == -facts[f"{at}ours_bn_scales"] < 0
    assert facts[f"{at}params_difference"] == facts[f"{at}bn_running_stats_term"] + facts[f"{at}bn_scales_term"]


def test_vgg_agrees_to_the_parameter(facts):
    for name in ("vgg16", "vgg19"):
        assert facts[f"keras.{name}.params_difference"] == 0
        assert facts[f"keras.{name}.keras_params"] == facts[f"torchvision.{name}.params"]


@pytest.mark.parametrize("name", RESNETS)
def test_keras_resnet_macs_equal_our_v1_exactly_and_not_v15(facts, name):
    assert facts[f"keras.{name}.compared_with"] == f"{name}-v1"
    assert facts[f"keras.{name}.stride_placement"] == "v1"
    assert facts[f"keras.{name}.macs"] == facts[f"{name}-v1.macs"]
    assert facts[f"{name}.macs"] - facts[f"keras.{name}.macs"] == facts[f"{name}.v15_extra_macs"] > 0
    assert all("_1_conv" in conv or "_0_conv" in conv or conv.startswith("conv1_")
               for conv in facts[f"keras.{name}.strided_convs"])


@pytest.mark.parametrize("peer", [p for p in keras.PEERS if p.name != "tutorial_resnet"], ids=lambda p: p.name)
def test_every_keras_application_has_our_macs_and_four_or_three_stages(facts, peer):
    at = f"keras.{peer.name}."
    assert facts[f"{at}macs_difference"] == 0
    ours = facts[f"{peer.ours}.stage_outputs"]
    theirs = [[int(d) for d in shape.split("×")] for shape in facts[f"{at}keras_stage_outputs"]]
    assert [[c, h, w] for h, w, c in theirs] == ours


def test_the_tutorial_network_has_eight_blocks_and_resnet18s_macs(facts):
    assert facts["keras.tutorial_resnet.additions"] == 8 == facts["resnet18.residual_blocks"]
    assert facts["keras.tutorial_resnet.macs"] == facts["resnet18.macs"]
    assert facts["keras.tutorial_resnet.params_difference"] == (
        facts["keras.tutorial_resnet.conv_biases_term"] + facts["keras.tutorial_resnet.bn_running_stats_term"])


# --- Live: Keras imported and run in this test process -------------------------------------------


@pytest.fixture(scope="module")
def live_keras():
    return keras.import_keras()


def test_the_tutorial_outcomes_and_messages_come_from_keras_live(live_keras):
    failing = keras.observe(live_keras, "keras_tutorial_resnet")
    assert failing.outcome == "raises"
    assert failing.detail.startswith("ValueError: Inputs have incompatible shapes")
    assert "(56, 56, 64)" in failing.detail and "(28, 28, 128)" in failing.detail
    building = keras.observe(live_keras, "keras_tutorial_resnet_projected")
    assert building.outcome == "runs"
    assert "Total params: 11,703,912" in building.detail
    assert keras.results().observations == {"keras_tutorial_resnet": failing, "keras_tutorial_resnet_projected": building}


def test_counting_on_the_meta_device_matches_a_normal_cpu_build(live_keras, facts):
    """The measurements skip BatchNorm and activation arithmetic on the meta device; a real build must agree."""
    live_keras.backend.clear_session()
    model = live_keras.applications.ResNet50(weights=None)
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.zeros(1, 224, 224, 3))
    assert counter.get_total_flops() // 2 == facts["keras.resnet50.macs"]
    assert model.count_params() == facts["keras.resnet50.keras_params"]
    assert keras.keras_kinds(model) == {kind: facts[f"keras.resnet50.{kind}"] for kind in keras.KINDS}


# --- The check guards them -----------------------------------------------------------------------


def test_check_fails_when_keras_reports_other_numbers(tmp_path):
    """As if a new Keras counted differently: the committed data no longer matches what is measured."""
    repo = copy_repo(tmp_path)
    edit(repo / "docs/data/keras.json", '"keras.resnet50.keras_params": 25636712', '"keras.resnet50.keras_params": 25636713')
    problems = check(repo, read_cache=True)
    assert [diff.splitlines()[0] for diff in problems.stale] == ["--- docs/data/keras.json (committed)"]


def test_check_fails_when_a_decomposition_term_drifts_on_the_page(tmp_path):
    repo = copy_repo(tmp_path)
    edit(repo / "docs/implementations.md", '"keras.resnet50.conv_biases_term">26,560<', '"keras.resnet50.conv_biases_term">26,561<')
    problems = check(repo, read_cache=True)
    assert [diff.splitlines()[0] for diff in problems.stale] == ["--- docs/implementations.md (committed)"]


def test_a_term_that_does_not_add_up_stops_the_tools(facts):
    drifted = dict(facts) | {"keras.resnet50.conv_biases": facts["keras.resnet50.conv_biases"] + 1}
    with pytest.raises(keras.PeerError, match=r"keras\.resnet50: the terms sum to 79,681 but Keras' total minus ours is 79,680"):
        keras.derived(drifted)


def test_a_kind_of_weight_nobody_counts_stops_the_tools():
    layer = type("LayerNormalization", (), {"name": "ln", "weights": [type("W", (), {"path": "ln/gamma", "shape": (8,)})()]})()
    with pytest.raises(keras.PeerError, match="add it to KERAS_KINDS"):
        keras.keras_kinds(type("Model", (), {"layers": [layer]})())


FAKE_KERAS = {
    "missing": ('raise ImportError("No module named keras (simulated)")', "Keras cannot be imported"),
    "other backend": ("class backend:\n    backend = staticmethod(lambda: 'jax')", "runs on the 'jax' backend"),
}


@pytest.mark.parametrize("case", FAKE_KERAS)
def test_keras_unusable_exits_2_in_one_line_naming_the_fix_and_writes_nothing(tmp_path, case):
    repo = copy_repo(tmp_path / "repo")
    (tmp_path / "fake" / "keras").mkdir(parents=True)
    source, message = FAKE_KERAS[case]
    (tmp_path / "fake" / "keras" / "__init__.py").write_text(source + "\n")
    # Keras' measurements and comparison, and the entries that hold them, out of the copy's cache: the run must import
    # Keras, while our models' introspections come from the cache.
    for stored in [*(repo / cache.CACHE_DIR).glob("introspection-*.pickle"),
                   *(repo / cache.CACHE_DIR / "parts" / f"{key}.pickle" for key in (cache.keras_key(repo), cache.outputs_key(repo)))]:
        stored.unlink(missing_ok=True)
    before = tree_digest(repo)
    run = subprocess.run(
        [sys.executable, "-m", "tools", "generate"], cwd=repo, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "fake")},
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and message in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""
    assert tree_digest(repo) == before


def test_the_tools_choose_the_torch_backend_whatever_the_user_set():
    code = "from tools.peers.keras import import_keras; print(import_keras().backend.backend())"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "KERAS_BACKEND": "jax"})
    assert run.stdout.strip() == "torch", run.stderr


def test_keras_lists_more_layers_than_any_depth_but_its_weighted_rows_match_ours(facts):
    """docs/concepts/depth.md says so: Keras' summary rows with weights are our param_layers."""
    assert facts["keras.resnet50.keras_param_layers"] == facts["resnet50.param_layers"]
    assert facts["keras.resnet50.keras_layers"] > max(facts["resnet50.conv_fc_layers"], facts["resnet50.param_layers"])
