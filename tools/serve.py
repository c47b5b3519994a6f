"""`make serve`: the site on 127.0.0.1:8000 (its Chinese edition on 8001), regenerated whenever a source changes.

MkDocs serves ``docs/`` and reloads the browser when a file there changes. This loop watches what
MkDocs cannot know is a source: the models, the tools, the claim files and the hand-written pages.
When the content of any of them changes (a hash, never a timestamp), it runs
``python -m tools generate`` in a fresh interpreter, so edited tools and models are the ones that
run; the content-keyed cache makes a claim or prose edit cost about one interpreter start. Only the
files whose text changed are rewritten, and MkDocs rebuilds and reloads for them.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

POLL_SECONDS = 0.5
WATCHED = [("models", "*.py"), ("tools", "*.py"), ("docs/claims", "*.yml"), ("docs", "*.md")]


def watched_files(root: Path) -> list[Path]:
    """Sources of the site that MkDocs does not build itself (generated pages are outputs, not sources)."""
    from tools.generated import is_generated  # lazy for start-up: it imports torch, which serve never needs

    files = []
    for folder, pattern in WATCHED:
        for path in sorted((root / folder).rglob(pattern)):
            if path.suffix == ".md" and is_generated(path.read_text(encoding="utf-8").split("\n", 1)[0]):
                continue
            files.append(path)
    return sorted(set(files))


def digest(root: Path) -> dict[Path, str]:
    found = {}
    for path in watched_files(root):
        try:
            found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:  # removed between listing and reading: the next poll sees it gone
            continue
    return found


def regenerate(root: Path, reason: str) -> None:
    print(f"[atlas] {reason}: regenerating …", flush=True)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "tools", "generate"], cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode:
        print(f"[atlas] generate failed after {seconds:.1f} s; the site shows the last good docs:\n{run.stderr}", flush=True)
        return
    written = [line for line in run.stdout.splitlines() if line.startswith("wrote ")]
    print(f"[atlas] {len(written)} files regenerated in {seconds:.1f} s", flush=True)


def serve(root: Path, address: str) -> int:
    """The English site at ``address``, the Chinese edition (mkdocs.zh.yml) on the next port."""
    regenerate(root, "starting")
    host, port = address.rsplit(":", 1)
    sites = [
        subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address], cwd=root),
        subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.zh.yml", "--dev-addr",
                          f"{host}:{int(port) + 1}"], cwd=root),
    ]
    print(f"[atlas] English at http://{address}/, Chinese at http://{host}:{int(port) + 1}/", flush=True)
    seen = digest(root)
    try:
        while all(site.poll() is None for site in sites):
            time.sleep(POLL_SECONDS)
            now = digest(root)
            if now != seen:
                changed = sorted({*now, *seen} - {p for p in now if seen.get(p) == now[p]})
                regenerate(root, "edited " + ", ".join(p.relative_to(root).as_posix() for p in changed[:3]))
                seen = digest(root)  # generate rewrites bound numbers in pages and claims: those are not edits
    except KeyboardInterrupt:
        pass
    finally:
        for site in sites:
            site.terminate()
            site.wait()
    return 0
