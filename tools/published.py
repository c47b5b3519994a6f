"""Figures published elsewhere, cited with their source. They are compared with, never computed.

They join the fact namespace as ``paper.<model>.<name>`` and ``torchvision.<model>.<name>``.
"""

from __future__ import annotations

PAPER = "He, Zhang, Ren, Sun. Deep Residual Learning for Image Recognition. CVPR 2016 (arXiv:1512.03385)"
TORCHVISION = "torchvision model documentation, ResNet weights (IMAGENET1K_V1), '# Params'"

SOURCES = {
    "paper.*.table6_params_m": f"{PAPER}, Table 6, '# params' column (millions, as printed)",
    "paper.*.table6_error_pct": f"{PAPER}, Table 6, CIFAR-10 test error (%)",
    "paper.*.table1_gflops": f"{PAPER}, Table 1, 'FLOPs' row (×10^9 multiply-adds)",
    "torchvision.*.params": TORCHVISION,
}

_TABLE6 = {  # model: (params in millions as printed, CIFAR-10 test error %)
    "resnet20": (0.27, 8.75),
    "resnet32": (0.46, 7.51),
    "resnet44": (0.66, 7.17),
    "resnet56": (0.85, 6.97),
    "resnet110": (1.7, 6.43),
    "resnet1202": (19.4, 7.93),
}
_TABLE1_GFLOPS = {"resnet18": 1.8, "resnet34": 3.6, "resnet50": 3.8, "resnet101": 7.6, "resnet152": 11.3}
_TORCHVISION_PARAMS = {
    "resnet18": 11_689_512,
    "resnet34": 21_797_672,
    "resnet50": 25_557_032,
    "resnet101": 44_549_160,
    "resnet152": 60_192_808,
}


def published_facts() -> dict[str, object]:
    facts: dict[str, object] = {}
    for model, (params_m, error) in _TABLE6.items():
        facts[f"paper.{model}.table6_params_m"] = params_m
        facts[f"paper.{model}.table6_error_pct"] = error
    for model, gflops in _TABLE1_GFLOPS.items():
        facts[f"paper.{model}.table1_gflops"] = gflops
    for model, params in _TORCHVISION_PARAMS.items():
        facts[f"torchvision.{model}.params"] = params
    return facts


def source_of(fact: str) -> str:
    """The citation of a published fact name."""
    namespace, _, name = fact.split(".")
    return SOURCES[f"{namespace}.*.{name}"]
