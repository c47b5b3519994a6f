"""Everything generated, in one function; ``generate`` writes it and ``check`` compares it.

``render_all`` is the only code path that produces file contents, so the two cannot disagree.
Its pages come from ``render_pages(lang, decisions, unchecked)``, which renders them in any language of
``tools.i18n``: English under docs/, Chinese under docs/zh/ at the same relative paths (rendered on
demand, not written yet). Data files, charts and figures are rendered once and shared by every language.
"""

from __future__ import annotations

import difflib
import json
import functools
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import torch

import models
from tools import generated
from tools.markdown import link_sources
from tools.claims import (
    SUFFIX, VERDICTS_PATH, Claim, Decision, Unchecked, contradiction, decide_all, load_all, load_claims,
)
from tools.facts.namespace import all_facts
from tools.i18n import FACTS_INDEX, LANGUAGES, PAGE_DIRS, SITE_CONFIGS, language_of, page_path
from tools.markers import marker
from tools import cache
from tools.peers import keras, outputs
from tools.siteconfig import listed_pages, nav_titles, page_renderers, site_config
from tools.introspect import all_configs
from tools.facts.measure import introspect, introspect_all, is_measured, remember
from tools.render.data import render_data, render_facts_index
from tools.render.drawing import drawing_path, localized_path, render_residual_block
from tools.render.figure import figure_path, figure_title, render_figure
from tools.render.network import pictures, render_picture
from tools.render.factcheck import render_fact_check, render_verdicts_json
from tools.render.finder import FINDER_VALUES, POLICY_RULES, render_finder, render_finder_values, render_policy_rules
from tools.render.pages import (
    render_comparisons, render_depth_table, render_facts_reference, render_headline, render_model_page,
    render_models_index,
)
from tools.prose import (
    Broken, Unbound, broken_relations, docs_files, hand_written_pages, render_bound, unbound_in_page,
    unbound_in_titles, unbound_numbers,
)

T = TypeVar("T")

MAX_DIFF_LINES = 40
# A verdict never changes silently: its correction was written for the old one. Said by check and generate alike.
VERDICTS_CHANGED = "Verdicts that would change (the claims or the models drifted):"
ACCEPT_VERDICTS = (
    "Each correction was written for the old verdict. Fix: review the correction of each claim named "
    f"(docs/claims/), then run `{generated.COMMAND} --accept-verdicts` and commit the result."
)


@dataclass
class Timings:
    """Seconds per phase, in the order they ran."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start


def render_all(
    root: Path, timings: Timings | None = None, claims: tuple[list[Claim], list[Unchecked]] | None = None, *,
    read_cache: bool = False, progress: Callable[[int, int], None] | None = None,
) -> dict[str, str]:
    """Path (relative to root) -> the content it must have. Raises before anything is written.

    ``claims``: the claims of ``docs/claims/`` and the statements not checked there (``load_all``), read here
    unless the caller has them already.
    ``read_cache``: start from the introspections stored under the current sources' key
    (``tools.cache``); the result is stored either way. ``progress(done, total)`` hears of each
    configuration introspected.
    """
    timings = timings or Timings()
    # A malformed claim file fails before any introspection.
    decided, unchecked = load_all(root) if claims is None else claims
    files = model_files(root, timings, read_cache=read_cache, progress=progress)
    facts = all_facts()
    with timings.phase("decide claims"):
        decisions = decide_all(decided)
        for lang in LANGUAGES:
            files |= claim_pages(lang, decisions, unchecked)
        files[VERDICTS_PATH] = render_verdicts_json(decisions)
        files[POLICY_RULES] = render_policy_rules()
        files[FINDER_VALUES] = render_finder_values()
    with timings.phase("bind numbers in prose"):
        for path in bound_files(root):
            rel = path.relative_to(root).as_posix()
            files[rel] = render_bound(path.read_text(encoding="utf-8"), rel, facts)
    return files


def model_files(
    root: Path, timings: Timings, *, read_cache: bool, progress: Callable[[int, int], None] | None = None,
) -> dict[str, str]:
    """Every file rendered from the models alone, with the introspections behind them: read from the
    cache entry of the current sources, or computed and stored there. Claims and prose are not in it."""
    cache_key = cache.key(root)
    with timings.phase("read the cache"):
        stored = cache.load(root, cache_key) if read_cache else None
    if stored is not None:
        results, peers, compared, files = stored
        for result in results:
            remember(result)
        keras.remember(peers)
        outputs.remember(compared)
        return files
    configs = all_configs()
    with timings.phase("read the cache"):
        part_keys = cache.config_keys(root, configs)
        keras_key, outputs_key = cache.keras_key(root), cache.outputs_key(root)
        parts = {cfg: cache.load_part(root, part_keys[cfg]) for cfg in configs} if read_cache else {}
        peers = (cache.load_part(root, keras_key) if read_cache else None) or keras.remembered()
        compared = (cache.load_part(root, outputs_key) if read_cache else None) or outputs.remembered()
    for result in filter(None, parts.values()):
        remember(result)
    if any(parts.get(cfg) is None and not is_measured(cfg) for cfg in configs) or peers is None or compared is None:
        # Lazy for start-up (a warm check never needs it): torch's compiler front end, which every forked worker
        # imports on its first meta-device forward and Keras on import (about a second each), imported once
        # here before they fork.
        import torch._dynamo  # noqa: F401
    # Keras runs beside the introspection workers, for what the cache lacks, in a process that imports it once and
    # forks (``_keras_work``): one measures Keras' models, the other compares what they compute with ours.
    stored = (peers, compared) if peers is not None and compared is not None else None
    with worker(stored, functools.partial(_keras_work, peers, compared)) as beside:
        with timings.phase("introspect models (Keras beside)"):
            results = introspect_all(configs, progress=_abort_on([beside], progress))
        with timings.phase("draw charts and figures (Keras beside)"):
            files = render_drawings(_abort_on([beside], None))  # our models alone: drawn while Keras' worker runs
        with timings.phase("wait for Keras"):
            peers, compared = beside.result()
    keras.remember(peers)
    outputs.remember(compared)
    with timings.phase("render data and pages"):
        files |= render_models()
    for cfg, result in zip(configs, results, strict=True):
        if parts.get(cfg) is None:
            cache.save_part(root, part_keys[cfg], result)
    cache.save_part(root, keras_key, peers)
    cache.save_part(root, outputs_key, compared)
    cache.save(root, cache_key, (results, peers, compared, files))
    return files


def _keras_work(peers: keras.PeerResults | None, compared: object) -> tuple[keras.PeerResults, object]:
    """What Keras' worker does: measure its models and compare their outputs with ours, each unless stored.
    When both are to do, Keras is imported once and the comparison runs in a process forked from this one,
    beside the measurements: two cores' work that would otherwise be the check's longest wait."""
    if peers is None and compared is None:
        torch.set_num_threads(1)  # before Keras' import runs anything: the forked comparison inherits it
        keras.import_keras()
        with worker(None, outputs.compare_all) as comparing:
            return keras.measure_all(), comparing.result()
    return peers if peers is not None else keras.measure_all(), compared if compared is not None else outputs.compare_all()


@contextmanager
def worker(stored: T | None, work: Callable[[], T]) -> Iterator[Future]:
    """``work()`` in a forked process (torch already imported), or here where fork is missing; none at all
    when the cache has its result (``stored``)."""
    if stored is not None or "fork" not in multiprocessing.get_all_start_methods():
        future: Future = Future()
        future.set_result(stored if stored is not None else work())
        yield future
        return
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        future = pool.submit(work)
        try:
            yield future
        except BaseException:
            future.cancel()
            raise


def _abort_on(futures: list[Future], progress: Callable[[int, int], None] | None) -> Callable[[int, int], None]:
    """A progress callback that stops the introspection (or the drawing) as soon as a Keras worker has failed."""
    def report(done: int, total: int) -> None:
        for future in futures:
            if future.done() and future.exception() is not None:
                raise future.exception()
        if progress:
            progress(done, total)

    return report


def render_pages(lang: str, decisions: list[Decision], unchecked: list[Unchecked] = ()) -> dict[str, str]:
    """Every generated page in ``lang``: its path (docs/ for English, docs/zh/ for Chinese, the same
    relative paths below) -> its text. The words differ; numbers, fact markers and links do not.

    Relative links stay as they are: a Chinese page links to ``../assets/…`` like its English twin,
    for docs/zh/ is to hold ``assets`` (and ``data``) as links to the shared folders.
    """
    return model_pages(lang) | claim_pages(lang, decisions, unchecked)


def model_pages(lang: str) -> dict[str, str]:
    """The pages rendered from the models alone, in ``lang``."""
    from tools.render import implementations, modifications  # import matplotlib, which a warm check never needs

    pages = {f"models/{name}.md": render_model_page(name, lang=lang) for name in models.list_models()}
    pages |= {
        "models/index.md": render_models_index(lang=lang),
        "comparisons.md": render_comparisons(lang=lang),
        modifications.PAGE: modifications.render_modifications(lang=lang),
        implementations.PAGE: implementations.render_implementations(lang=lang),
        "reference/facts.md": render_facts_reference(lang=lang),
        "includes/headline.md": render_headline(lang=lang),
        "includes/depth-table.md": render_depth_table(lang=lang),
    }
    return {page_path(lang, rel): link_sources(text) for rel, text in pages.items()}


def claim_pages(lang: str, decisions: list[Decision], unchecked: list[Unchecked] = ()) -> dict[str, str]:
    """The fact-check page in ``lang``: the decided claims, and the statements not checked here; the number
    finder, which reads figures by the same policy."""
    return {
        page_path(lang, "fact-check.md"): link_sources(render_fact_check(decisions, list(unchecked), lang=lang)),
        page_path(lang, "finder.md"): render_finder(lang=lang),
    }


def render_models() -> dict[str, str]:
    """The data files and the pages rendered from the models and Keras' measurements, in every language."""
    files = render_data()
    for lang in LANGUAGES:
        files[FACTS_INDEX[lang]] = render_facts_index(lang=lang)
        files |= model_pages(lang)
    return files


def render_drawings(progress: Callable[[int, int], None] | None = None) -> dict[str, str]:
    """The charts and figures, in every language: from our models' introspections alone (never Keras'
    measurements), so that the check draws them while Keras' worker runs. ``progress(done, total)`` hears of
    each configuration drawn, and may raise to stop (Keras' worker failed)."""
    # Only when something is drawn: these import matplotlib, which a warm check never needs.
    from tools.render import modifications  # lazy for start-up, as said above
    from tools.render.chart import CHART_PATH, render_chart

    configs = all_configs()
    if progress:
        progress(0, len(configs))
    files: dict[str, str] = {}
    for lang in LANGUAGES:
        files[localized_path(CHART_PATH, lang)] = render_chart(lang=lang)
        files[localized_path(modifications.CHART_PATH, lang)] = modifications.render_modifications_chart(lang=lang)
    for done, cfg in enumerate(configs, 1):
        if cfg.entry.family.layer_chain:
            for lang in LANGUAGES:
                files[f"docs/{figure_path(cfg.key, lang)}"] = render_figure(introspect(cfg), figure_title(cfg), lang=lang)
        for picture in pictures(cfg):
            for lang in LANGUAGES:
                files[f"docs/{picture.path(lang)}"] = render_picture(introspect(cfg), picture, figure_title(cfg), lang=lang)
        if progress:
            progress(done, len(configs))
    for lang in LANGUAGES:
        files[f"docs/{drawing_path('residual-block', lang)}"] = render_residual_block(lang)
    return files


def bound_files(root: Path) -> list[Path]:
    """Hand-written files whose fact markers the tools keep current: pages and claim files."""
    return hand_written_pages(root) + sorted((root / "docs/claims").glob("*.yml"))


def generated_on_disk(root: Path) -> list[str]:
    """Files under docs/ that say they are generated."""
    found = []
    for path in docs_files(root):
        if path.suffix in {".md", ".json", ".csv", ".svg", ".js"}:
            with path.open(encoding="utf-8", errors="replace") as handle:
                if generated.is_generated(handle.readline()):
                    found.append(path.relative_to(root).as_posix())
    return sorted(found)


def write_all(root: Path, files: dict[str, str]) -> list[str]:
    """Write what changed and remove generated files that are no longer produced; return the paths touched.

    Every file is written to a temporary file first and renamed into place, so a reader never sees
    half a file; rendering has already succeeded for all of them before the first write.
    """
    touched = []
    for rel, text in sorted(files.items()):
        path = root / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, newline="\n") as tmp:
            tmp.write(text)
        os.chmod(tmp.name, 0o644)  # as any checked-out file: readable by the web server that serves the site
        os.replace(tmp.name, path)
        touched.append(rel)
    for rel in generated_on_disk(root):
        if rel not in files:
            (root / rel).unlink()
            touched.append(rel)
    return touched


@dataclass
class Problems:
    stale: list[str] = field(default_factory=list)  # unified diffs
    orphans: list[str] = field(default_factory=list)  # generated files nothing produces any more
    unbound: list[Unbound] = field(default_factory=list)
    relations: list[Broken] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)
    nav: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any([self.stale, self.orphans, self.unbound, self.relations, self.verdicts, self.contradictions, self.nav])

    def report(self) -> str:
        lines = []
        if self.verdicts:
            lines.append(VERDICTS_CHANGED)
            lines += self.verdicts
        if self.stale:
            lines += ["Generated files or fact-bound numbers are stale:", *self.stale]
        if self.orphans:
            lines += ["Generated files that nothing generates any more:", *(f"  {rel}" for rel in self.orphans)]
        if self.verdicts:
            lines.append(ACCEPT_VERDICTS)
        elif self.stale or self.orphans:
            lines.append(f"Fix: run `{generated.COMMAND}` and commit the result.")
        if self.contradictions:
            lines += ["Corrections that contradict their claim's verdict:", *(f"  {c}" for c in self.contradictions)]
        if self.unbound:
            lines += ["Model numbers in hand-written text that are not bound to a fact:", *(f"  {u}" for u in self.unbound)]
            lines.append(f"Fix: wrap each in {marker('NAME', 'value')} (names: docs/reference/facts.md).")
        if self.relations:
            lines += ["Sentences whose relation between numbers no longer holds:", *(f"  {b}" for b in self.relations)]
            lines.append("Fix: rewrite each sentence to say what the numbers now say, then change its <!-- holds: … --> to match.")
        if self.nav:
            lines += ["Pages missing from the nav of their site's config:", *(f"  {page}" for page in self.nav)]
            lines.append("Fix: add them under nav in the config named (mkdocs.yml, or mkdocs.zh.yml for docs/zh/).")
        return "\n".join(lines)


def check(
    root: Path, timings: Timings | None = None, *, read_cache: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Problems:
    """Regenerate everything in memory and compare it with the tree. Writes nothing under docs/."""
    timings = timings or Timings()
    claims, unchecked = load_all(root)
    files = render_all(root, timings, (claims, unchecked), read_cache=read_cache, progress=progress)
    problems = Problems()
    with timings.phase("compare"):
        for rel, text in sorted(files.items()):
            path = root / rel
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                problems.stale.append(_diff(rel, current, text) if path.exists() else f"  {rel}: missing")
        problems.orphans = [rel for rel in generated_on_disk(root) if rel not in files]
        problems.verdicts = verdict_changes(root, files)
        problems.contradictions = contradictions(root, files, accepting=False)
        configs = {lang: site_config(root / config) for lang, config in SITE_CONFIGS.items()}
        renderers = page_renderers(root, configs)
        for path in bound_files(root):
            rel = path.relative_to(root).as_posix()
            if path.suffix == ".md":
                text = path.read_text(encoding="utf-8")
                problems.unbound += unbound_in_page(text, rel, renderers[language_of(rel)])
                problems.relations += broken_relations(text, rel, all_facts())
        for lang, config in SITE_CONFIGS.items():  # the titles of the nav, as the site's menus show them
            source = (root / config).read_text(encoding="utf-8")
            problems.unbound += unbound_in_titles(nav_titles(configs[lang]["nav"]), source, config, lang)
        problems.unbound += _unbound_in_claims([*claims, *unchecked])
        pages: dict[str, list[str]] = {lang: [] for lang in SITE_CONFIGS}
        for rel in files:
            if rel.endswith(".md") and "/includes/" not in rel and rel.startswith("docs/"):
                pages[language_of(rel)].append(rel.removeprefix(PAGE_DIRS[language_of(rel)] + "/"))
        for lang, config in SITE_CONFIGS.items():
            listed = listed_pages(configs[lang]["nav"])
            problems.nav += [f"{config}: {page}" for page in pages[lang] if page not in listed]
    return problems


def _diff(rel: str, current: str, expected: str) -> str:
    lines = list(difflib.unified_diff(
        current.splitlines(), expected.splitlines(), f"{rel} (committed)", f"{rel} (from the models)", lineterm="", n=1,
    ))
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... {len(lines) - MAX_DIFF_LINES} more diff lines"]
    return "\n".join(lines)


def contradictions(root: Path, files: dict[str, str], *, accepting: bool) -> list[str]:
    """Corrections that open by saying another verdict than the engine's. A claim whose committed verdict is
    changing is left out unless the change is being accepted: its verdict change says it already."""
    changing = set() if accepting else {line.split()[1].rstrip(":") for line in verdict_changes(root, files)}
    return [problem for decision in decide_all(load_claims(root))
            if decision.claim.id not in changing and (problem := contradiction(decision))]


def verdict_changes(root: Path, files: dict[str, str]) -> list[str]:
    """Each committed verdict (docs/data/verdicts.json on disk) that ``files`` would change, as
    ``  claim ID: old -> new``. A claim not committed yet has no verdict to change."""
    path = root / VERDICTS_PATH
    if not path.exists():
        return []
    before = json.loads(path.read_text(encoding="utf-8")).get("verdicts", {})
    after = json.loads(files[VERDICTS_PATH])["verdicts"]
    return [
        f"  claim {claim}: {before[claim]} -> {verdict}"
        for claim, verdict in after.items()
        if claim in before and before[claim] != verdict
    ]


def _unbound_in_claims(claims: list[Claim | Unchecked]) -> list[Unbound]:
    """Corrections (and why a statement is not checked) are prose: their model numbers must be bound too
    (statements quote the claim as made)."""
    found = []
    for claim in claims:
        found += [Unbound(f"{claim.path} (claim {claim.id})", u.line, u.text)
                  for lang in SUFFIX for u in unbound_numbers(claim.text(lang)[1], claim.path, lang)]
    return found
