"""Numbers in prose: markers are refreshed from facts, and unbound model numbers are found."""

from __future__ import annotations

import pytest

from tools.prose import ProseError, render_bound, unbound_numbers

FACTS = {"resnet20.params": 269722, "resnet50.macs": 4089184256, "resnet20.stage_sizes": [32, 16, 8]}


@pytest.mark.parametrize(("opening", "value"), [
    ('<span data-fact="resnet20.params">', "269,722"),
    ('<span data-fact="resnet50.macs" data-format="giga">', "4.09"),
    ('<span data-fact="resnet20.params" data-format="mega">', "0.27"),
    ('<span data-fact="resnet20.stage_sizes" data-format="arrow">', "32 → 16 → 8"),
    ('<span data-fact="resnet20.stage_sizes">', "32, 16, 8"),
])
def test_markers_are_filled_with_the_formatted_fact(opening, value):
    assert render_bound(f"x {opening}0</span> y", "p.md", FACTS) == f"x {opening}{value}</span> y"


def test_unknown_fact_in_a_marker_names_file_line_and_close_names():
    text = 'ok\n<span data-fact="resnet20.param">1</span>\n'
    with pytest.raises(ProseError, match=r"^p.md:2: unknown fact 'resnet20.param'; did you mean resnet20.params"):
        render_bound(text, "p.md", FACTS)


def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(ProseError, match=r"p.md:1: unknown fact format 'huge'; valid formats: int, giga"):
        render_bound('<span data-fact="resnet20.params" data-format="huge">1</span>', "p.md", FACTS)


@pytest.mark.parametrize(("line", "found"), [
    ("ResNet-20 has 20 residual blocks.", ["20 residual blocks"]),
    ("It has 269,722 parameters.", ["269,722 parameters"]),
    ("about 3.8 billion FLOPs", ["3.8 billion"]),
    ("the 1.7M of ResNet-110", ["1.7M"]),
    ("a stage with 64 filters", ["64 filters"]),
    ("18 in the blocks", ["18 in the blocks"]),
    ('<span data-fact="resnet20.params">269,722</span> parameters', []),
    ("<span>269,722</span> parameters", ["269,722 parameters"]),
    ("ResNet-50 and resnet152 layers", []),
    ("two 3×3 convolutions and a 1×1 layer", []),
    ("Table 6 lists params; section 4.2 has layers", []),
    ("FLOPs = 2 × MACs; 10^9 multiply-adds", []),
    ("`resnet20.params` and 3 `blocks`", []),
    ("[see 50 layers](../models/resnet50.md)", ["50 layers"]),
])
def test_unbound_model_numbers_are_found_and_names_kernels_and_citations_are_not(line, found):
    assert [u.text for u in unbound_numbers(line, "p.md")] == found


def test_numbers_in_code_blocks_are_not_model_claims():
    text = "```python\nresnet(layers=34)  # 34 layers\n```\n34 layers\n"
    assert [str(u) for u in unbound_numbers(text, "p.md")] == ["p.md:4: unbound model number '34 layers'"]
