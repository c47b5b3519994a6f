"""A disk cache of introspection results and the files rendered from them, keyed by the content of
everything they depend on (file contents and library versions, never timestamps).

Two levels:

- the **entry** of the whole tree: every configuration's introspection, Keras' measurements and the
  files rendered from them, keyed by all of ``models/`` and ``tools/`` and the libraries (``key``).
  A warm check with unchanged sources reads only this.
- its **parts**, for when the entry misses: one per configuration, keyed by ``tools/``, the
  libraries and the model sources that configuration's builder imports (``config_keys``: an edit to
  ``models/vgg.py`` re-introspects the VGGs alone), and one for Keras, keyed by its own code, the
  tutorial model and the library versions (``keras_key``), and one for the comparison of what Keras'
  models and ours compute, keyed by the peers' code, every model source and the tools that build and
  seed our models (``outputs_key``). Rendering is redone on any miss.

Claims, hand-written pages and verdicts are never cached: the check redoes them every time, so an
edit to any of them is seen at once. ``python -m tools check --no-cache`` (what ``make test`` and CI
run) reads nothing, does the full work and stores every level, so the tests and the next warm check
start from it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import re
import tempfile
from importlib import metadata
from pathlib import Path

from tools.introspect import Config, Introspection, all_configs
from tools.peers.keras import PEERS, PeerResults
from tools.peers.outputs import CHECKED

# The results, Keras' measurements, the comparison of what Keras' models and ours compute, the files rendered.
Entry = tuple[list[Introspection], PeerResults, dict[str, object], dict[str, str]]
CACHE_DIR = ".cache/atlas"
KEEP = 4  # entries kept; older ones are removed when a new one is written
KEEP_PARTS = 600  # parts kept (a few trees' worth of configurations)
SOURCES = ("models", "tools")  # every .py file below these folders
LIBRARIES = ("torch", "torchinfo", "pandas", "numpy", "matplotlib", "keras")
# What Keras' measurements run: the peer code, the record of an observation, the kinds of tensors and the tutorial model.
KERAS_SOURCES = ("tools/peers", "tools/observation.py", "tools/introspect/tensors.py", "models/keras_tutorial.py")
IMPORT = re.compile(r"^\s*(?:from\s+models\.(\w+)\s+import|from\s+models\s+import\s+(\w+)|import\s+models\.(\w+))", re.M)


def source_files(root: Path) -> list[Path]:
    return sorted(path for folder in SOURCES for path in (root / folder).rglob("*.py"))


def key(root: Path) -> str:
    """A hash of the model and tools sources (path and content) and of the library versions."""
    return _hash(root, source_files(root))


def config_keys(root: Path, configs: list[Config]) -> dict[Config, str]:
    """For each configuration, a hash of what its introspection depends on: the tools, the libraries, its
    options, and the model modules its builder's module imports, transitively. Each family module's sources
    are hashed once for all its configurations."""
    tools = sorted((root / "tools").rglob("*.py"))
    by_module: dict[str, str] = {}
    keys = {}
    for cfg in configs:
        module = cfg.entry.builder.__module__.removeprefix("models.")
        if module not in by_module:
            by_module[module] = _hash(root, tools + model_modules(root, module))
        keys[cfg] = hashlib.sha256(f"{by_module[module]} {(cfg.key, cfg.options, cfg.num_classes)!r}".encode()).hexdigest()[:32]
    return keys


# What the comparison of outputs runs besides our compared models: the peers' code, the walk's configurations
# and the record of an observation.
OUTPUTS_SOURCES = ("tools/peers", "tools/introspect", "tools/observation.py")


def outputs_key(root: Path) -> str:
    """A hash of the comparison's code and of the model modules of the configurations it compares (an edit to
    ``models/cifar.py`` compares nothing anew; one to ``models/vgg.py`` compares again)."""
    compared = {peer.ours for peer in PEERS if peer.name in CHECKED}
    modules = {cfg.entry.builder.__module__.removeprefix("models.") for cfg in all_configs() if cfg.key in compared}
    models = sorted({path for module in modules for path in model_modules(root, module)})
    return _hash(root, _files(root, OUTPUTS_SOURCES) + models, "outputs")


def keras_key(root: Path) -> str:
    return _hash(root, _files(root, KERAS_SOURCES))


def _files(root: Path, sources: tuple[str, ...]) -> list[Path]:
    """The .py files of these folders and files, sorted."""
    return sorted(path for rel in sources for path in
                  ((root / rel).rglob("*.py") if (root / rel).is_dir() else [root / rel]) if path.is_file())


def model_modules(root: Path, module: str) -> list[Path]:
    """``models/<module>.py`` and every ``models`` module it imports, transitively, read off the sources."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        path = root / "models" / f"{name}.py"
        if name in seen or not path.exists():
            continue
        seen.add(name)
        todo += [next(group for group in match.groups() if group) for match in IMPORT.finditer(path.read_text(encoding="utf-8"))]
    return sorted(root / "models" / f"{name}.py" for name in seen)


def _hash(root: Path, files: list[Path], extra: str = "") -> str:
    digest = hashlib.sha256()
    digest.update(f"python {platform.python_version()}\n{extra}\n".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {_version(library)}\n".encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:  # the tools that need it say so, in one line
        return "missing"


def _path(root: Path, cache_key: str) -> Path:
    return root / CACHE_DIR / f"introspection-{cache_key}.pickle"


def load(root: Path, cache_key: str) -> Entry | None:
    """The results stored under this key, or None (missing, or unreadable: then it is rebuilt)."""
    return _read(_path(root, cache_key))


def save(root: Path, cache_key: str, entry: Entry) -> None:
    """Store atomically (a reader never sees half a file), then drop all but the newest KEEP entries."""
    _write(root / CACHE_DIR, _path(root, cache_key).name, entry, "introspection-*.pickle", KEEP)


def load_part(root: Path, part_key: str) -> object | None:
    return _read(root / CACHE_DIR / "parts" / f"{part_key}.pickle")


def save_part(root: Path, part_key: str, value: object) -> None:
    _write(root / CACHE_DIR / "parts", f"{part_key}.pickle", value, "*.pickle", KEEP_PARTS)


def _read(path: Path) -> object | None:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def _write(folder: Path, name: str, value: object, pattern: str, keep: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, folder / name)
    entries = sorted(folder.glob(pattern), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)
