"""The house: imports only point down the layers and never form a cycle (import-linter's contracts in
pyproject.toml). Each contract is also shown to fail on a copy of the code with one bad import planted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"]


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(LINT, cwd=root, capture_output=True, text=True, check=False)


def copy_code(tmp_path: Path) -> Path:
    for name in ("tools", "models"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def plant(root: Path, module: str, line: str) -> None:
    path = root / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n", encoding="utf-8")


def test_imports_point_down_and_form_no_cycle():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize("module, line, refused", [
    ("tools/units.py", "import tools.facts.namespace", "tools.units is not allowed to import tools.facts.namespace"),
    # the catalog of the pages' words imports nothing above it
    ("tools/i18n/__init__.py", "from tools.facts.namespace import label", "tools.i18n is not allowed to import tools.facts.namespace"),
    # the peers and the experiments do not import each other: experiments, one layer up, use the peers
    ("tools/peers/keras.py", "from tools.experiments import EXPERIMENTS", "tools.peers is not allowed to import tools.experiments"),
])
def test_an_upward_import_breaks_the_layers_naming_both_modules(tmp_path, module, line, refused):
    root = copy_code(tmp_path)
    plant(root, module, line)
    result = lint(root)
    assert result.returncode == 1
    assert refused in result.stdout
    importer, imported = refused.split(" is not allowed to import ")
    assert f"- {importer}" in result.stdout and imported in result.stdout  # the line names both modules


@pytest.mark.parametrize("module, line, modules", [
    # Two modules of one layer that import each other: the layers allow it, the cycle check does not.
    ("tools/render/pages.py", "import tools.render.chart", (".chart", ".pages")),
    ("models/blocks.py", "import models.variants", (".blocks", ".variants")),
])
def test_an_import_cycle_within_a_layer_is_refused_naming_the_modules(tmp_path, module, line, modules):
    root = copy_code(tmp_path)
    plant(root, module, line)
    result = lint(root)
    assert result.returncode == 1
    assert "No import cycles among the modules of any package BROKEN" in result.stdout
    assert all(name in result.stdout for name in modules), result.stdout
