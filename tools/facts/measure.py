"""Measured configurations: a model walked once (``tools.introspect``) and every fact read off the walk.

The facts of one configuration are the core facts every model has (``tools.facts.core``) and those its
family adds (``tools.families``), with the family's spec. Results are kept per configuration and input
size; ``introspect_all`` measures many on every core (at most two).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable

import torch

from tools.facts.core import OTHER_SIZES, core_facts
from tools.families import family_facts
from tools.introspect import Config, Introspection, all_configs, walk
from tools.introspect.cost import costs

MAX_WORKERS = 2
POLL_SECONDS = 0.2  # how often ``progress`` is called while the workers are busy

_measured: dict[tuple[Config, int], Introspection] = {}


def introspect(cfg: Config, input_size: int | None = None) -> Introspection:
    """Build, walk and measure one configuration at its default input size or a given one; cached."""
    size = cfg.entry.input_size if input_size is None else input_size
    if type(size) is int and (cfg, size) in _measured:  # `type is int`: 64.0 and True are never cached
        return _measured[(cfg, size)]
    result = introspect_uncached(cfg, size)
    _measured[(cfg, result.input_size)] = result
    return result


def remember(result: Introspection) -> None:
    """Keep a result measured elsewhere (a worker process, the disk cache)."""
    _measured[(result.config, result.input_size)] = result


def is_measured(cfg: Config) -> bool:
    return (cfg, cfg.entry.input_size) in _measured


def clear_cache() -> None:
    _measured.clear()


def introspect_all(
    configs: list[Config] | None = None, progress: Callable[[int, int], None] | None = None,
) -> list[Introspection]:
    """Introspect many configurations at their default input size, on every core (at most two).

    Worker processes are forked, so they start with torch already imported. Each runs torch on
    one thread: a forked child must not start OpenMP threads after its parent has used them.
    ``progress(done, total)`` is called after each result and every ``POLL_SECONDS`` meanwhile; it may
    raise to stop the workers.
    """
    configs = all_configs() if configs is None else configs
    todo = [cfg for cfg in configs if not is_measured(cfg)]
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if len(todo) > 1 and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        todo.sort(key=_expected_cost, reverse=True)  # longest first
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_start) as pool:
            results, done = pool.imap_unordered(_measure_default, todo), 0
            while done < len(todo):
                try:
                    remember(results.next(timeout=POLL_SECONDS))
                    done += 1
                except multiprocessing.TimeoutError:
                    pass  # no result yet: the caller still hears from us, and may stop (Keras' worker failed)
                if progress:
                    progress(done, len(todo))
    return [introspect(cfg) for cfg in configs]


def _worker_start() -> None:
    """One torch thread per worker; no cyclic garbage collection in a process that lives for one check."""
    torch.set_num_threads(1)
    gc.disable()


def _expected_cost(cfg: Config) -> int:
    """Modules to walk, as the model's spec tells it without building it (a rough order is enough)."""
    layers = getattr(cfg.entry.spec, "layers", ())
    return sum(layers) if isinstance(layers, tuple) else 0


def _measure_default(cfg: Config) -> Introspection:
    return introspect_uncached(cfg, cfg.entry.input_size)


def introspect_uncached(cfg: Config, input_size: object) -> Introspection:
    """Walk the model once and read everything off: the core facts, its family's facts and spec."""
    walked = walk(cfg, input_size)
    family = family_facts(cfg.entry.family)
    facts = core_facts(walked) | family.facts(walked)
    facts["paper_depth"] = facts[cfg.entry.family.depth_fact]  # the depth the paper states, by the family's count
    if cfg.entry.dataset == "imagenet" and walked.input_size == cfg.entry.input_size:  # beyond the walk: one more build
        facts |= costs(walked.model, walked.input_size, OTHER_SIZES if cfg.is_default else ())
    return Introspection(cfg, walked.input_size, walked.layers, facts, family.spec(walked, facts))
