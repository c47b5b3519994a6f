"""A disk cache of introspection results and the files rendered from them, keyed by the content of
everything they depend on.

They depend on the model sources, the tools' sources and the libraries that run them (Keras too); the key is a
hash of exactly those (file contents, never timestamps). Claims, hand-written pages
and rendering are not cached: the check redoes them every time, so an edit to any of them is seen
at once. A change to any source file gives a new key, and the old entry is never read again.

``python -m tools check --no-cache`` (what ``make test`` and CI run) does the full work and then
stores its result, so that the tests and the next warm check start from it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from importlib import metadata
from pathlib import Path

from tools.introspect import Introspection
from tools.peers.keras import PeerResults

Entry = tuple[list[Introspection], PeerResults, dict[str, str]]  # the results, Keras', the files rendered from them
CACHE_DIR = ".cache/atlas"
KEEP = 4  # entries kept; older ones are removed when a new one is written
SOURCES = ("models", "tools")  # every .py file below these folders
LIBRARIES = ("torch", "torchinfo", "pandas", "numpy", "matplotlib", "keras")


def source_files(root: Path) -> list[Path]:
    return sorted(path for folder in SOURCES for path in (root / folder).rglob("*.py"))


def key(root: Path) -> str:
    """A hash of the model and tools sources (path and content) and of the library versions."""
    digest = hashlib.sha256()
    digest.update(f"python {platform.python_version()}\n".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {_version(library)}\n".encode())
    for path in source_files(root):
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
    path = _path(root, cache_key)
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def save(root: Path, cache_key: str, entry: Entry) -> None:
    """Store atomically (a reader never sees half a file), then drop all but the newest KEEP entries."""
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as handle:
        pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, _path(root, cache_key))
    entries = sorted(folder.glob("introspection-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
