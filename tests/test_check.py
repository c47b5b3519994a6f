"""`python -m tools check` is the gate: each test plants one drift it must catch."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import cache, cli
from tools.__main__ import main
from tools.claims import ClaimError
from tools.site import check, render_all, write_all

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["models", "tools", "docs", "mkdocs.yml", "mkdocs.zh.yml", ".cache"]  # the cache: what `make test`'s check just stored


def copy_repo(destination: Path) -> Path:
    """The sources, pages and configurations copied; the cache linked file by file (tools/cache.py never writes
    into a stored file: it replaces it, and removes old ones only from the copy's own folder)."""
    for name in COPIED:
        source = ROOT / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, destination / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"),
                            copy_function=_link if name == ".cache" else shutil.copy2)
        else:
            shutil.copy2(source, destination / name)
    return destination


def _link(source: str, destination: str) -> None:
    """A hard link where the file system allows one, else a copy; a stored file removed meanwhile (another
    process pruned the cache) is left out: for the copy, a miss."""
    try:
        os.link(source, destination)
    except FileNotFoundError:
        pass
    except OSError:
        shutil.copy2(source, destination)


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path)


def test_committed_docs_match_the_models():
    problems = check(ROOT, read_cache=True)
    assert not problems, problems.report()


def test_check_catches_a_stale_data_file(repo):
    edit(repo / "docs/data/resnet20.json", '"params": 269722', '"params": 269723')
    problems = check(repo, read_cache=True)
    assert len(problems.stale) == 1
    assert "docs/data/resnet20.json (committed)" in problems.stale[0]
    assert '+  "params": 269722,' in problems.stale[0]
    assert "run `python -m tools generate`" in problems.report()


def test_check_catches_a_hand_edited_generated_page(repo):
    edit(repo / "docs/models/resnet50.md", '"resnet50.params">25,557,032<', '"resnet50.params">25,557,000<')
    problems = check(repo, read_cache=True)
    assert [diff.splitlines()[0] for diff in problems.stale] == ["--- docs/models/resnet50.md (committed)"]


def test_check_catches_a_wrong_fact_bound_number_in_prose(repo):
    edit(repo / "docs/index.md", '"resnet50.params">25,557,032<', '"resnet50.params">25,600,000<')
    problems = check(repo, read_cache=True)
    assert len(problems.stale) == 1
    assert "docs/index.md" in problems.stale[0]
    assert '+  <span data-fact="resnet50.params">25,557,032</span> parameters' in problems.stale[0]


def test_check_catches_an_unbound_number_in_prose(repo):
    page = repo / "docs/concepts/blocks.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nResNet-50 has about 25.6 million parameters.\n", encoding="utf-8")
    problems = check(repo, read_cache=True)
    assert [str(u) for u in problems.unbound] == [
        f"docs/concepts/blocks.md:{lines + 2}: unbound model number '25.6 million'"
    ]
    assert '<span data-fact="NAME">value</span>' in problems.report()


def test_check_catches_a_flipped_verdict_and_says_to_review_its_correction(repo):
    edit(repo / "docs/claims/10-resnet20.yml", "        equals: 20\n", "        equals: 9\n")
    problems = check(repo, read_cache=True)
    assert problems.verdicts == ["  claim resnet20-twenty-residual-blocks: wrong -> correct"]
    assert any("docs/fact-check.md" in diff for diff in problems.stale)
    assert problems.report().endswith(
        "Each correction was written for the old verdict. Fix: review the correction of each claim named (docs/claims/), "
        "then run `python -m tools generate --accept-verdicts` and commit the result."
    )


def generate(repo: Path, *, accept_verdicts: bool = False) -> int:
    """``python -m tools generate`` in-process, on the copy."""
    return cli.generate(repo, argparse.Namespace(no_cache=False, accept_verdicts=accept_verdicts))


def test_generate_refuses_a_changed_verdict_and_writes_nothing_until_it_is_accepted(repo, capsys):
    edit(repo / "docs/claims/10-resnet20.yml", "        equals: 20\n", "        equals: 9\n")
    before = tree_digest(repo)
    assert generate(repo) == 1
    assert tree_digest(repo) == before
    refused = capsys.readouterr().err.splitlines()
    assert refused[1:] == [
        "  claim resnet20-twenty-residual-blocks: wrong -> correct",
        "Each correction was written for the old verdict. Fix: review the correction of each claim named (docs/claims/), "
        "then run `python -m tools generate --accept-verdicts` and commit the result.",
        "Nothing was written.",
    ]
    assert generate(repo, accept_verdicts=True) == 0
    written = capsys.readouterr().out.splitlines()
    assert written[0] == "accepted claim resnet20-twenty-residual-blocks: wrong -> correct"
    assert {"wrote docs/data/verdicts.json", "wrote docs/fact-check.md", "wrote docs/zh/fact-check.md"} <= set(written)
    assert '"resnet20-twenty-residual-blocks": "correct"' in (repo / "docs/data/verdicts.json").read_text(encoding="utf-8")
    assert not check(repo, read_cache=True)


def test_generate_writes_the_verdict_of_a_new_claim_without_acceptance(repo, capsys):
    (repo / "docs/claims/99-new.yml").write_text(
        "claims:\n  - id: resnet20-nine-blocks\n    statement: ResNet-20 has nine blocks.\n    topic: depth\n"
        "    checks:\n      - fact: resnet20.residual_blocks\n        equals: 9\n    correction: Correct.\n"
        "    statement_zh: ResNet-20 有九个残差块。\n    correction_zh: 正确。\n",
        encoding="utf-8",
    )
    assert generate(repo) == 0
    assert '"resnet20-nine-blocks": "correct"' in (repo / "docs/data/verdicts.json").read_text(encoding="utf-8")


def test_check_refuses_a_correction_that_contradicts_its_verdict(repo, capsys):
    edit(repo / "docs/claims/10-resnet20.yml", "      ResNet-20 has <span", "      Correct: ResNet-20 has <span")
    before = tree_digest(repo)
    assert check(repo, read_cache=True).contradictions == [
        "docs/claims/10-resnet20.yml: claim 'resnet20-twenty-residual-blocks': correction: opens with 'Correct' "
        "(correct), but the engine decides the claim wrong: rewrite the correction for that verdict"
    ]
    assert generate(repo, accept_verdicts=True) == 1
    assert "Corrections that contradict their claim's verdict:" in capsys.readouterr().err
    assert tree_digest(repo) == before


def test_a_flipped_verdict_is_reported_as_a_change_not_twice_as_a_contradiction(repo):
    edit(repo / "docs/claims/10-resnet20.yml", "      ResNet-20 has <span", "      Wrong: ResNet-20 has <span")
    edit(repo / "docs/claims/10-resnet20.yml", "        equals: 20\n", "        equals: 9\n")  # now correct
    problems = check(repo, read_cache=True)
    assert problems.verdicts == ["  claim resnet20-twenty-residual-blocks: wrong -> correct"]
    assert problems.contradictions == []  # its correction was written for the old verdict: the change says so


def test_check_catches_a_generated_file_nothing_generates(repo):
    orphan = repo / "docs/data/resnet21.json"
    shutil.copy2(repo / "docs/data/resnet20.json", orphan)
    assert check(repo, read_cache=True).orphans == ["docs/data/resnet21.json"]


def test_check_catches_a_model_page_missing_from_the_nav(repo):
    edit(repo / "mkdocs.yml", "          - ResNet-56: models/resnet56.md\n", "")
    assert check(repo, read_cache=True).nav == ["mkdocs.yml: models/resnet56.md"]


def test_check_catches_a_chinese_page_missing_from_the_chinese_nav(repo):
    edit(repo / "mkdocs.zh.yml", "      - 术语表: glossary.md\n", "")
    assert check(repo, read_cache=True).nav == ["mkdocs.zh.yml: glossary.md"]


def test_check_fails_on_a_malformed_claim_file(repo):
    (repo / "docs/claims/99-bad.yml").write_text(
        "claims:\n  - id: bad-figure\n    statement: s\n    topic: t\n    correction: c\n"
        "    statement_zh: 说法\n    correction_zh: 更正\n    checks:\n      - fact: resnet50.macs\n        stated: lots\n",
        encoding="utf-8",
    )
    with pytest.raises(ClaimError, match=r"docs/claims/99-bad.yml: claim 'bad-figure': checks\[0\].stated: cannot read the figure 'lots'"):
        check(repo, read_cache=True)


def test_check_writes_nothing_and_generate_repairs_every_drift(repo):
    edit(repo / "docs/data/resnet20.json", '"params": 269722', '"params": 1')
    edit(repo / "docs/models/resnet18.md", "# ResNet-18", "# ResNet-18!")
    (repo / "docs/data/resnet21.json").write_text((repo / "docs/data/resnet20.json").read_text(), encoding="utf-8")
    before = tree_digest(repo)
    assert check(repo, read_cache=True)
    assert tree_digest(repo) == before
    touched = write_all(repo, render_all(repo, read_cache=True))
    assert sorted(touched) == ["docs/data/resnet20.json", "docs/data/resnet21.json", "docs/models/resnet18.md"]
    assert not check(repo, read_cache=True)


def run_tools(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m tools`` in a fresh interpreter: what a model edit needs (the copy's models are imported anew)."""
    return subprocess.run([sys.executable, "-m", "tools", *args], cwd=repo, capture_output=True, text=True)


def run_here(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The same command line run in this process on ``repo`` (its models are the ones imported here): for edits
    to claims and pages, without a second start of torch."""
    capsys.readouterr()
    try:
        status = main(list(args), root=repo)
    except SystemExit as exit_:  # usage errors leave through argparse
        status = exit_.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["python", "-m", "tools", *args], status, out, err)


def test_check_catches_a_changed_model_and_says_how_to_fix_it(repo):
    """An edit to models/, caught by a check in a fresh interpreter (the copy's models are imported).

    The copy holds the cache of the committed sources: the edit changes the keys of the CIFAR ResNets' parts
    (they alone import models/cifar.py), so the check introspects them anew and takes the rest from the cache;
    no Keras model is compared with them, so Keras' comparison of outputs comes from the cache too. (A changed
    modification: tests/test_family_drift.py, in this process.)"""
    edit(repo / "models/cifar.py", '"resnet44": ResNetSpec(block="basic", layers=(7, 7, 7)',
         '"resnet44": ResNetSpec(block="basic", layers=(7, 7, 6)')
    before = tree_digest(repo)
    result = run_tools(repo, "check")
    assert result.returncode == 1, result.stderr
    assert "--- docs/data/resnet44.json (committed)" in result.stderr
    assert "--- docs/data/resnet20.json (committed)" not in result.stderr
    assert "Verdicts that would change" not in result.stderr  # no claim is about ResNet-44
    assert "Fix: run `python -m tools generate` and commit the result." in result.stderr
    assert tree_digest(repo) == before


def test_a_warm_check_catches_an_edited_claim_and_page(tmp_path, capsys):
    """The cache is keyed by content: a warm check reuses it for an untouched tree, and an edit to a
    claim or a hand-written page is caught all the same (a model edit: the test above)."""
    repo = copy_repo(tmp_path)
    assert not check(repo, read_cache=True)  # warm: the copy holds the cache of these sources
    edit(repo / "docs/claims/10-resnet20.yml", "        equals: 20\n", "        equals: 9\n")
    edit(repo / "docs/index.md", '"resnet50.params">25,557,032<', '"resnet50.params">25,600,000<')
    result = run_here(repo, capsys, "check")  # still warm: neither edit is a source of the cache
    assert result.returncode == 1
    assert "claim resnet20-twenty-residual-blocks: wrong -> correct" in result.stderr
    assert "docs/index.md (committed)" in result.stderr


def test_cache_key_changes_with_every_source_file_and_only_with_sources(tmp_path):
    repo = copy_repo(tmp_path)
    before = cache.key(repo)
    edit(repo / "docs/claims/10-resnet20.yml", "equals: 20", "equals: 9")
    (repo / "docs/index.md").write_text("changed", encoding="utf-8")
    assert cache.key(repo) == before  # claims and pages are re-checked every time, never cached
    for source in cache.source_files(repo):
        original = source.read_bytes()
        source.write_bytes(original + b"\n# planted\n")
        assert cache.key(repo) != before, source
        source.write_bytes(original)
    assert cache.key(repo) == before


def plant_yaml_error(repo: Path) -> None:
    (repo / "docs/claims/99-bad.yml").write_text("claims:\n  - id: [unclosed\n", encoding="utf-8")


def plant_infinity(repo: Path) -> None:
    edit(repo / "docs/claims/10-resnet20.yml", "        equals: 20\n", "        equals: .inf\n")


def plant_directory(repo: Path) -> None:
    (repo / "docs/claims/x.yml").mkdir()


@pytest.mark.parametrize(("command", "plant", "message"), [
    ("check", plant_yaml_error, "error: docs/claims/99-bad.yml: not valid YAML at line"),
    ("generate", plant_infinity,
     "error: docs/claims/10-resnet20.yml: claim 'resnet20-twenty-residual-blocks': checks[0].equals: numbers must be finite"),
    ("check", plant_directory, "error: docs/claims/x.yml: not a regular file"),
])
def test_malformed_claim_file_is_a_one_line_error_with_exit_status_2(repo, capsys, command, plant, message):
    plant(repo)
    before = tree_digest(repo)
    result = run_here(repo, capsys, command)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
    assert tree_digest(repo) == before


def test_a_malformed_claim_file_is_one_line_in_a_fresh_interpreter_too(repo):
    """The process boundary itself: exit status 2, one line on stderr, no traceback, nothing written."""
    plant_yaml_error(repo)
    before = tree_digest(repo)
    result = run_tools(repo, "check")
    assert (result.returncode, result.stderr.count("\n"), "Traceback" in result.stderr) == (2, 1, False)
    assert result.stderr.startswith("error: docs/claims/99-bad.yml: not valid YAML at line")
    assert tree_digest(repo) == before


def test_each_part_of_the_cache_is_keyed_by_exactly_what_it_depends_on(tmp_path):
    """A model file invalidates the configurations whose builders import it, a tools file every part
    of the introspection, and Keras' measurements only their own code and the tutorial model."""
    from tools.introspect import all_configs

    repo = copy_repo(tmp_path)
    configs = {cfg.key: cfg for cfg in all_configs()}
    keys = cache.config_keys(repo, list(configs.values()))
    before = {key: keys[cfg] for key, cfg in configs.items()}
    keras_before = cache.keras_key(repo)

    def changed(rel: str) -> tuple[set[str], bool]:
        path = repo / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n# planted\n")
        try:
            now = cache.config_keys(repo, list(configs.values()))
            moved = {key for key, cfg in configs.items() if now[cfg] != before[key]}
            return moved, cache.keras_key(repo) != keras_before
        finally:
            path.write_bytes(original)

    vgg = {key for key, cfg in configs.items() if cfg.entry.family.name == "vgg"}
    assert changed("models/vgg.py") == (vgg, False)
    imagenet = {key for key, cfg in configs.items() if cfg.entry.builder.__module__ == "models.imagenet"}
    assert changed("models/variants.py") == (imagenet, False)  # the ResNet-34 modifications: imagenet imports it
    assert changed("models/family.py") == (set(configs), False)  # every family module imports it
    assert changed("tools/render/pages.py") == (set(configs), False)
    assert changed("tools/peers/keras.py") == (set(configs), True)
    assert changed("models/keras_tutorial.py") == (set(), True)
