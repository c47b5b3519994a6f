# ResNet Atlas. `make serve` runs the site locally; `make test` is the whole verification.
# Both create .venv when it is missing and install the pinned requirements.txt (once per change).

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements

.PHONY: serve test check generate bench browser build build-zensical

$(INSTALLED): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@cp requirements.txt $(INSTALLED)

# Serves the site and regenerates it when a model, tool, claim or hand-written page changes.
serve: $(INSTALLED)
	$(PY) -m tools serve --dev-addr 127.0.0.1:8000

# The browser test needs Debian's Chromium; install it when missing (root only), else the test skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		[ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	} || echo "Chromium could not be installed; the browser test will be skipped."

# The layers first (imports point down, no cycles: pyproject.toml's contracts), then the check, which does
# the full work (CI runs this on a fresh clone) and stores it; the tests start from it.
test: $(INSTALLED) browser
	$(VENV)/bin/lint-imports
	$(PY) -m tools check --no-cache
	$(PY) -m pytest -q -n 2 --dist loadfile

check: $(INSTALLED)
	$(PY) -m tools check

generate: $(INSTALLED)
	$(PY) -m tools generate

# Both editions: English into site/, then Chinese (mkdocs.zh.yml) into site/zh/.
build: $(INSTALLED)
	$(PY) -m mkdocs build --strict
	$(PY) -m mkdocs build --strict -f mkdocs.zh.yml

# The same mkdocs.yml built by Zensical, Material for MkDocs' successor (into site/ as well).
build-zensical: $(INSTALLED)
	$(VENV)/bin/zensical build --strict -f mkdocs.yml
	$(VENV)/bin/zensical build --strict -f mkdocs.zh.yml

bench: $(INSTALLED)
	$(PY) -m tools bench
