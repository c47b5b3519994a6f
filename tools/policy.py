"""How a figure written in a post is read: one rule for every claim, the verdict policy.

A claim records its figure as the post wrote it ("25.5M", "about 3.8 billion", "~42", "16 or 19",
"2560万"). The figure says how precise it is by its last written digit, its *step*: "25.5M" is written
to the nearest 0.1 million, so it stands for 25.45M to 25.55M. A whole number written without a scale
word is a count written in full and stands for itself alone ("25,557,032", "20", "2,048"); with a scale
word, trailing zeros are not digits of precision ("2560万" is written to the nearest 10万, as "25.6M" is
to the nearest 0.1M). A hedge word ("about", "~", "约", "左右") widens the figure to a whole step either
side. A value measured against a figure:

- **holds** inside the figure's interval (bounds included);
- is **close** outside it by no more than one further step: the figure was cut off instead of rounded
  ("25.5M" for 25,557,032) or rounded one digit too far. Only a rounded figure (a decimal point, a
  scale word or a hedge) can be close: a count written in full is exact;
- **fails** further away.

Alternatives ("16 or 19", "16/19") hold where one of them holds. The rules are data (``RULES``), so
whatever else reads figures (the site's number finder) reads them by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Half-widths, in steps: a plain figure is rounded to its step, a hedged one is good to a whole step,
# and "close" reaches one step beyond either.
PLAIN, HEDGED, CLOSE = Decimal("0.5"), Decimal("1"), Decimal("1")
HEDGES = {  # words before the number; the Chinese also after it
    "en": ("approximately", "approx.", "roughly", "around", "about", "nearly", "almost", "~", "≈"),
    "zh": ("大约", "大概", "将近", "差不多", "接近", "约", "近"),
}
HEDGES_AFTER = {"zh": ("左右", "上下")}
UNITS = {  # words that may end a figure, by the unit they name; a scale may be glued on ("4.1 GFLOPs")
    "parameters": ("parameters", "params", "个参数", "参数"),
    "MACs": ("multiply-adds", "mult-adds", "MACs", "次乘加"),
    "FLOPs": ("FLOPs", "FLOPS", "次浮点运算"),
    "layers": ("layers", "层"),
    "channels": ("channels", "个通道", "通道"),
    "pixels": ("pixels", "像素"),
}
SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "K": 10**3, "M": 10**6, "B": 10**9, "G": 10**9, "T": 10**12,
    "千": 10**3, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7, "亿": 10**8,
}
ALTERNATIVES = ("or", "/", "或", "、")
GRADES = ("holds", "close", "fails")
FORMS = '"25,557,032", "25.6M", "25.6 million", "about 3.8 billion", "~42", "16 or 19", "2560万", "约2.5亿"'

RULES = {  # everything above as data, for other readers of figures (numbers as text: exact)
    "half_width": {"plain": str(PLAIN), "hedged": str(HEDGED)}, "close_beyond": str(CLOSE),
    "hedges": HEDGES, "hedges_after": HEDGES_AFTER, "scales": SCALES, "alternatives": ALTERNATIVES, "units": UNITS,
    # which facts a unit in a figure may be compared with, by the unit of the fact (Keras counts "values":
    # parameters with BatchNorm statistics)
    "fact_units": {"parameters": ("parameters", "values"), "MACs": ("MACs",), "FLOPs": ("FLOPs",),
                   "layers": ("layers",), "channels": ("channels",), "pixels": ("pixels",)},
}

# ASCII digits, spaces and letters only, spelled out: the browser's regular expressions read them the same way.
_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_SCALE = "|".join(sorted((re.escape(scale) for scale in SCALES), key=len, reverse=True))
NUMBER = re.compile(rf"(?P<digits>[-−]?(?:{_NUMBER}))[ ]*(?P<scale>{_SCALE})?(?![0-9A-Za-z_.])")
SEPARATOR = re.compile(r"[ ]*(?:" + "|".join(re.escape(word) for word in ALTERNATIVES) + r")[ ]*")


class FigureError(ValueError):
    """A figure the policy cannot read; the message names the forms it reads."""


@dataclass(frozen=True)
class Number:
    """One number of a figure: its value and the step of its last significant digit."""

    value: Decimal
    step: Decimal
    rounded: bool  # a decimal point or a scale word: it may stand for a rounded value


@dataclass(frozen=True)
class Figure:
    written: str
    numbers: tuple[Number, ...]
    hedged: bool
    unit: str | None = None  # a key of UNITS, when a unit word ends the figure

    def interval(self, number: Number) -> tuple[Decimal, Decimal]:
        half = number.step * (HEDGED if self.hedged else PLAIN)
        return number.value - half, number.value + half

    def close_interval(self, number: Number) -> tuple[Decimal, Decimal] | None:
        """Where a value is close: one step beyond the interval either side; None for an exact count."""
        if not (number.rounded or self.hedged):
            return None
        low, high = self.interval(number)
        return low - number.step * CLOSE, high + number.step * CLOSE

    def grade(self, measured: object) -> str:
        """holds, close or fails: the best over the figure's alternatives."""
        if isinstance(measured, bool) or not isinstance(measured, (int, float, Decimal)):
            raise TypeError(f"a stated figure is compared with a number, but the fact is {measured!r}")
        value = Decimal(str(measured))
        grade = "fails"
        for number in self.numbers:
            low, high = self.interval(number)
            if low <= value <= high:
                return "holds"
            near = self.close_interval(number)
            if near and near[0] <= value <= near[1]:
                grade = "close"
        return grade


def _strip_hedge(written: str) -> tuple[str, bool]:
    """A hedge word before the number (a word must end there: "about", not "abouts")."""
    rest = written.strip()
    for word in sorted((w for words in HEDGES.values() for w in words), key=len, reverse=True):
        if rest[:len(word)].lower() == word.lower() and (not word[-1].isalpha() or not rest[len(word):][:1].isalpha()):
            return rest[len(word):].strip(), True
    return rest, False


def _strip_after(rest: str) -> tuple[str, str | None, bool]:
    """A unit word at the end, then a hedge word after the number ("2560万左右")."""
    unit = None
    for word, kind in sorted(((w, kind) for kind, words in UNITS.items() for w in words), key=lambda pair: -len(pair[0])):
        if len(rest) > len(word) and rest.endswith(word):
            rest, unit = rest[:-len(word)].strip(), kind
            break
    for word in (w for words in HEDGES_AFTER.values() for w in words):
        if rest.endswith(word):
            return rest[:-len(word)].strip(), unit, True
    return rest, unit, False


def _number(digits: str, scale: str | None) -> Number:
    plain = digits.replace(",", "").replace("−", "-")
    try:
        mantissa = Decimal(plain)
    except InvalidOperation:
        raise FigureError(f"{digits!r} is not a number") from None
    factor = SCALES[scale] if scale else 1
    if "." in plain:
        step = Decimal(1).scaleb(-len(plain.split(".")[1]))
    elif scale:  # with a scale word, trailing zeros are not digits of precision: 2560万 is to the nearest 10万
        whole = plain.lstrip("-").lstrip("0") or "0"
        step = Decimal(10) ** (len(whole) - len(whole.rstrip("0"))) if whole != "0" else Decimal(1)
    else:
        step = Decimal(1)
    return Number(mantissa * factor, step * factor, "." in plain or scale is not None)


def parse(written: str) -> Figure:
    """A figure as a post writes it; FigureError names the forms read."""
    if not isinstance(written, str) or not written.strip():
        raise FigureError(f"a figure is text as the post wrote it, like {FORMS}")
    rest, hedged = _strip_hedge(written)
    rest, unit, hedged_after = _strip_after(rest)
    numbers, at = [], 0
    while True:
        found = NUMBER.match(rest, at)
        if not found:
            break
        numbers.append(_number(found["digits"], found["scale"]))
        at = found.end()
        separator = SEPARATOR.match(rest, at)
        if not separator or separator.end() == len(rest):
            break
        at = separator.end()
    if not numbers or rest[at:].strip():
        raise FigureError(f"cannot read the figure {written!r}; write it as the post did, like {FORMS}")
    return Figure(written.strip(), tuple(numbers), hedged or hedged_after, unit)


def show(value: Decimal) -> str:
    """A bound of an interval for people: thousands separated, no trailing zeros."""
    normal = value.normalize()
    whole, _, fraction = f"{normal:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}" + (f".{fraction}" if fraction else "")


def reading(figure: Figure) -> tuple[str, str]:
    """The figure's intervals in words: where it holds, and where it is close (or an empty text)."""
    holds, close = [], []
    for number in figure.numbers:
        near = figure.close_interval(number)
        if near is None:  # a count written in full: itself alone
            holds.append(show(number.value))
            continue
        low, high = figure.interval(number)
        holds.append(f"{show(low)} – {show(high)}")
        close.append(f"{show(near[0])} – {show(near[1])}")
    return " / ".join(holds), " / ".join(close)
