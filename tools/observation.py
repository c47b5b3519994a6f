"""What running a piece of code showed: the record an executed experiment and a peer's live run share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Observation:
    code: str  # what was run, shown on the fact-check page
    outcome: str  # runs | raises
    detail: str  # what it shows: the output shape, a summary line, or the error message
    shows: str = "shape"  # what detail is when it runs: "shape" (of the output) or "summary" (Keras' total line)
