"""Units of ResNet Atlas, defined once. Every table header and fact name uses these words.

MACs   multiply-accumulates of the convolution and fully connected layers, for one image.
       One MAC is one multiplication and one addition. The paper's "FLOPs" row (Table 1)
       counts multiply-adds, so it is in MACs.
FLOPs  floating-point operations = 2 × MACs (a multiplication and an addition counted apart).
MB     10^6 bytes; parameter size assumes float32, 4 bytes per parameter.
"""

from __future__ import annotations

MACS = "MACs"
FLOPS = "FLOPs"
FLOPS_PER_MAC = 2
BYTES_PER_FLOAT32 = 4
BYTES_PER_MB = 10**6

# The units the reference page defines, each defined once here in every language the site is written
# in. The English definitions are also the meanings of the facts counted in these units.
DEFINITIONS: dict[str, dict[str, str]] = {
    MACS: {
        "en": "multiply-accumulates of the convolution and fully connected layers, for one image",
        "zh": "卷积层与全连接层处理一张图像的乘加运算次数",
    },
    FLOPS: {"en": "floating-point operations, counted as 2 × MACs", "zh": "浮点运算次数，按 2 × MACs 计"},
    f"G{MACS}": {"en": "10^9 MACs", "zh": "10^9 次乘加运算（MACs）"},
    "MB": {
        "en": "10^6 bytes; parameter size in float32 (4 bytes per parameter)",
        "zh": "10^6 字节；参数大小按 float32 计（每个参数 4 字节）",
    },
}


def flops(macs: int) -> int:
    return FLOPS_PER_MAC * macs


def float32_mb(params: int) -> float:
    return round(params * BYTES_PER_FLOAT32 / BYTES_PER_MB, 2)


def fmt_int(value: int) -> str:
    """Exact counts with thousands separators, as the site prints them."""
    return f"{value:,}"


def fmt_giga(value: int) -> str:
    """A count in units of 10^9, two decimals (used with MACs and FLOPs headers)."""
    return f"{value / 1e9:.2f}"


def fmt_compact(value: int) -> str:
    """Three significant digits with M (10^6) or G (10^9): 0.27M, 40.6M, 4.09G — for summaries."""
    return f"{value / 1e9:.3g}G" if value >= 10**9 else f"{value / 1e6:.3g}M"


def fmt_mega(value: int) -> str:
    """A count in units of 10^6, two decimals (used for parameters)."""
    return f"{value / 1e6:.2f}"
