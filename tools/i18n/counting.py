"""How a model number reads in each language, for the check that finds unbound ones (``tools.prose``).

A model number is a count next to what it counts: "50 layers", "20 residual blocks", "1.7M" in
English; "50 层", "20 个残差块", "2,500 万", "参数量为 25,557,032" in Chinese, where words run together
without spaces. Citations ("Table 1", "表 1", "第 4.2 节") are not model numbers.
"""

from __future__ import annotations

import re

# English: unit words define what "next to" means.
_UNIT_WORDS = (
    r"params|parameters|MACs|FLOPs|GFLOPs|multiply-adds|multiply-accumulates|mult-adds|layers|"
    r"blocks|filters|channels|convolutions|stages|million|billion|MB"
)
_NUMBER = r"(?<![\w.\-×,^])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d×]|[.,]\d)"
_UNBOUND = re.compile(
    rf"(?:{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:{_UNIT_WORDS})\b"  # 20 residual blocks, 3.8 billion
    rf"|(?:{_NUMBER})\s?[MG]\b"  # 1.7M, 4.1G
)
# In Chinese the count comes before its measure word (50 层, 20 个残差块, 2,500 万) or after the noun
# (参数量为 25,557,032); words run together without spaces, so only Latin letters and digits may not touch it.
_ZH_NUMBER = _NUMBER.replace(r"(?<![\w.\-×,^])", r"(?<![A-Za-z0-9_.\-×,^])")
_ZH_MEASURED = r"层|残差块|残差模块|块|参数|卷积层|卷积|通道|阶段|滤波器|模块"
_ZH_UNBOUND = re.compile(
    rf"(?:{_ZH_NUMBER})\s*(?:个[\u4e00-\u9fff]{{0,6}}?)?(?:{_ZH_MEASURED})"  # 50 层, 16 个瓶颈块
    rf"|(?:{_ZH_NUMBER})\s*(?:万|亿|百万|次乘加|次浮点运算)"  # 2,556 万, 41 亿次乘加
    rf"|(?:{_ZH_NUMBER})\s?[MG](?![A-Za-z])"  # 25.6M
    rf"|(?:参数量|参数)(?:为|是|约为|约|共|有)?\s*(?:{_ZH_NUMBER})"  # 参数量为 25,557,032
)
UNBOUND = {"en": [_UNBOUND], "zh": [_UNBOUND, _ZH_UNBOUND]}  # Chinese pages use English unit words too
CITATION = re.compile(
    r"(?:Table|Tables|section|sections|Section|Figure|Fig\.|Eq\.|arXiv:?)\s+[\d.]+(?:\s*(?:and|,)\s*[\d.]+)*"
    r"|[表图式]\s*[\d.]+|第\s*[\d.]+\s*[节章]"  # 表 1, 图 2, 第 4.2 节
)
