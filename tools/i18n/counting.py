"""How a model number reads in each language, for the check that finds unbound ones (``tools.prose``).

A model number is a count next to what it counts: "50 layers", "20 residual blocks", "1.7M", "4.1 GMACs",
"a 151-layer network", "fifty layers" in English; "50 层", "20 个残差块", "2,500 万", "参数量为 25,557,032",
"五十层", "两个残差块" in Chinese, where words run together without spaces. A number standing alone in
bold or in a table cell is one too, when it is long (4 digits and more) or has a decimal point.

Some numbers next to such words are not model numbers: years, citations, kernel and image sizes, model
names, versions. Each kind is one named pattern of ``ALLOWANCES``, masked before the rules run.
"""

from __future__ import annotations

import re

# --- What a number is -----------------------------------------------------------------------------
# A number is a token of its own: not glued to a letter, a digit, a decimal point or a thousands separator
# on its left ("conv5_1", "v1.5", "layer2.0"). A hyphen or × beside it does not make it part of a name;
# the allowances below say which names and sizes carry numbers.
_NUMBER = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|[.,]\d)"
# Chinese runs together without spaces: only Latin letters, digits and separators may not touch a number.
_ZH_NUMBER = r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|[.,]\d)"
_WORD = r"[\w-]+"  # "residual", "fully-connected"; an allowance, masked out, is no word: "two 3×3 convolutions" names a kernel

# English number words, one to the thousands, compounds included ("fifty-six", "one hundred and ten").
# "one" alone is the article more often than a count ("one of the layers"): only compounds count with it.
_EN_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|hundred|thousand"
)
_EN_WORDS = rf"\b(?i:(?!one\b(?![\s-]+(?:and\s+)?(?:hundred|thousand)))(?:{_EN_WORD})(?:(?:\s+(?:and\s+)?|-)(?:{_EN_WORD}))*)\b"

# --- What a number counts -------------------------------------------------------------------------
_UNIT_WORDS = (
    r"params|parameters|MACs|GMACs|MMACs|FLOPs|GFLOPs|MFLOPs|TFLOPs|multiply-adds|multiply-accumulates|mult-adds|"
    r"layers|blocks|filters|channels|convolutions|stages|million|billion|MB"
)
# A count joined to its noun by a hyphen: "a 151-layer network", "a fifty-layer ResNet", "3-stage".
_HYPHEN_UNITS = r"layers?|blocks?|filters?|channels?|conv|convs|convolutions?|stages?|params?|parameters?"
_SUFFIX = r"(?:\s?[MG]|B)\b"  # 1.7M, 4.1G, 4.1 G, 3.8B ("2 B" is too often an option's name)

_ZH_NUMERALS = "零一二三四五六七八九十百千万亿两"
# A run of Chinese numerals that is a count: not an ordinal (第五层), not 一 alone, the article (多出一层), and
# not 零 first, "zero" as an adjective (零通道, zero channels).
_ZH_WORDS = rf"(?<![第{_ZH_NUMERALS}])(?!一(?![{_ZH_NUMERALS}])|零)[{_ZH_NUMERALS}]+"
_ZH_MEASURED = r"层|残差块|残差模块|块|参数|卷积层|卷积|通道|阶段|滤波器|模块"
# 层, 个残差块, 个瓶颈块: after 个, a noun of up to six characters, not a possessive (两个变体的参数 is no count of 参数).
_ZH_COUNTED = rf"(?:个(?:(?![的之])[\u4e00-\u9fff]){{0,6}}?)?(?:{_ZH_MEASURED}|次乘加|次浮点运算)"


def _counted(count: str, word: str) -> re.Pattern[str]:
    """A count, then up to two words, then a unit word: "20 residual blocks", "fifty layers". A verb between them
    ends the noun phrase ("none of the three activations has parameters" does not count parameters)."""
    return re.compile(rf"(?:{count})\s+(?:(?!(?:has|have|had|is|are|was|were)\b){word}\s+){{0,2}}?(?:{_UNIT_WORDS})\b")


UNBOUND_EN = {
    "count and unit": _counted(_NUMBER, _WORD),  # 20 residual blocks, 3.8 billion, 4.1 GMACs
    "count and unit, hyphenated": re.compile(rf"(?:{_NUMBER}|{_EN_WORDS})-(?:{_HYPHEN_UNITS})\b"),  # 151-layer
    "count with a suffix": re.compile(rf"(?:{_NUMBER}){_SUFFIX}"),  # 25.5M, 3.8B, 4.1G
    "number word and unit": _counted(_EN_WORDS, _WORD),  # fifty layers, twenty residual blocks
}
# In Chinese the count comes before its measure word (50 层, 20 个残差块, 2,500 万) or after the noun
# (参数量为 25,557,032). Chinese pages use English unit words too ("4.09 GMACs", "25.6M"); the words between
# such a count and its unit are Latin ones (in "k = 32 时 2.83 GMACs", 时 is no word of "32 GMACs").
UNBOUND_ZH = {
    "count and unit": _counted(_ZH_NUMBER, r"[A-Za-z][A-Za-z0-9-]*"),  # 4.09 GMACs
    "count and unit, hyphenated": re.compile(rf"(?:{_ZH_NUMBER})-(?:{_HYPHEN_UNITS})\b"),  # 151-layer
    "count with a suffix": re.compile(rf"(?:{_ZH_NUMBER})(?:\s?[MG]|B)(?![A-Za-z])"),  # 25.6M
    "count and measure word": re.compile(rf"(?:{_ZH_NUMBER})\s*{_ZH_COUNTED}"),  # 50 层, 16 个瓶颈块
    "count in 万 or 亿": re.compile(rf"(?:{_ZH_NUMBER})\s*(?:万|亿|百万)"),  # 2,556 万, 41 亿次乘加
    "parameters and count": re.compile(rf"(?:参数量|参数)(?:为|是|约为|约|共|有)?\s*(?:{_ZH_NUMBER})"),  # 参数量为 25,557,032
    "numeral and measure word": re.compile(rf"{_ZH_WORDS}\s*{_ZH_COUNTED}"),  # 五十层, 两个残差块, 二十个块
}
UNBOUND = {"en": list(UNBOUND_EN.values()), "zh": list(UNBOUND_ZH.values())}

# A number that stands alone in bold or in a table cell: long, or with a decimal point ("**25,557,032**",
# "| 4.09 |"). A short integer alone there is too often a position or a small setting to count as one.
STANDALONE = re.compile(r"[~≈]?\s*(?:\d{1,3}(?:,\d{3})+|\d{4,}|\d+\.\d+)\s*%?")

# --- What looks like a model number and is not -----------------------------------------------------
_ANY_UNIT = rf"\s*(?:(?:{_WORD}\s+){{0,2}}?(?:{_UNIT_WORDS})\b|{_ZH_COUNTED})"
# One list, in the order applied: each match is masked (MASK, as long as the match) before the rules above run,
# so that it is neither a number nor a word between a count and its unit.
MASK = "¤"
ALLOWANCES = {
    # Citations of the paper's parts: Table 1, Tables 1 and 2, section 4.2, Figure 6, Fig. 4; 表 1, 图 2, 第 4.2 节.
    "citation": re.compile(
        r"(?:\b(?:Tables?|[Ss]ections?|Figures?|Figs?\.)|§)\s*\d+(?:\.\d+)*(?:\s*(?:and|–)\s*\d+(?:\.\d+)*)*"
        r"|[表图]\s*\d+(?:\.\d+)*|第\s*\d+(?:\.\d+)*\s*[节章]"
    ),
    # Equation numbers: Eq. 1, Eq. (2), equation 3; 式 (1), 公式 1.
    "equation number": re.compile(r"\b(?:Eqs?\.|Eqn\.|[Ee]quations?)\s*\(?\d+\)?|公?式\s*[（(]?\d+[)）]?"),
    # arXiv identifiers: arXiv:1512.03385, arXiv 1409.1556v6, or one such id alone.
    "arXiv id": re.compile(r"\b(?i:arxiv):?\s*\d{4}\.\d{4,5}(?:v\d+)?|(?<![\d.,])(?:0[7-9]|[1-3]\d)(?:0[1-9]|1[0-2])\.\d{4,5}(?:v\d+)?(?!\d|\.\d)"),
    # Years, 1950 to 2039, not counting anything: He et al. (2016), 2016 年.
    "year": re.compile(rf"(?<![\w.,])(?:19[5-9]\d|20[0-3]\d)(?!\w|[.,]\d)(?!{_ANY_UNIT})"),
    # A unit's definition, not a count: one MAC is two FLOPs; 一个 MAC 相当于两个 FLOP.
    "unit definition": re.compile(
        r"\b(?i:one|a|1)\s+(?:MAC|multiply-accumulate)\s+(?:is|equals|=|counts as)\s+(?:two|2)\s+FLOPs?\b"
        r"|一个\s*MAC\s*(?:相当于|等于|是|算作)\s*(?:两|2)\s*个\s*FLOPs?"
    ),
    # A place between two things, not a count of them: between two dense blocks; 两个卷积之间, 两者之间.
    "between two": re.compile(r"\b(?i:between)\s+(?:the\s+)?two\b|两个?(?:(?![的之])[\u4e00-\u9fff]){0,6}?之间"),
    # Which ones of a sequence, not how many it holds: the first two stages, the last two blocks; 最后两个稠密块.
    "position in a sequence": re.compile(
        r"\b(?i:first|last)\s+(?:two|three|four|five|\d)\b|(?:最后|最前|前|后)(?:[两二三四五]|\d)个?"
    ),
    # Powers of ten that scale a unit: ×10^9 multiply-adds.
    "power of ten": re.compile(r"(?:×\s*)?10\^\d+"),
    # Kernel sizes, one digit (or n) a side: 3×3, 1×1, 7×7, 1×n.
    "kernel size": re.compile(r"(?<![\w.×])(?:\d|n)\s*×\s*(?:\d|n)(?!\w|\.\d|\s*×)"),
    # Image, feature-map and tensor sizes, a side of two digits or more: 224×224, 32×32, 64×56×56, 224x224×3.
    "image size": re.compile(r"(?<![\w.×])(?=[\d×x]*\d\d)\d+(?:\s*[×x]\s*\d+)+(?!\w|\.\d|\s*×)"),
    # Data sets named with a number: CIFAR-10, CIFAR-100, ImageNet-1k.
    "data set name": re.compile(r"\b(?:CIFAR-10{1,2}|ImageNet-\d+[kK]?)(?!\w)"),
    # Model names carry their depth: ResNet-50, resnet50, ResNet50V2, VGG-16, DenseNet-121, DenseNet-BC-100, plain-34.
    "model name": re.compile(
        r"\b(?i:resnet|resnext|wide-resnet|wrn|vgg|densenet(?:-bc)?|inception|plain)-?v?\d+(?:V\d+)?(?!\w|\.\d)"
    ),
    # Versions: v1, v1.5, version 2, PyTorch 2.3.
    "version number": re.compile(
        r"\bv\d+(?:\.\d+)*\b|\b(?i:version)\s+\d+(?:\.\d+)*|版本\s*\d+(?:\.\d+)*"
        r"|\b(?i:python|pytorch|torch|torchvision|keras|tensorflow|mkdocs)\s+\d+(?:\.\d+)+"
    ),
}
