# factionmap — `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Browser assets come from the npm registry (web/package-lock.json pins them) and are never committed:
# Cytoscape.js, and fCoSE (the grouped map's compound-aware layout) with the two libraries it is built on.
VENDOR := src/factionmap/web/static/vendor/cytoscape.min.js
CORPUS ?= ../shared/corpus

.PHONY: demo test bench lint install clean browser train

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(VENDOR): web/package.json web/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the map's Cytoscape.js (Debian: apt-get install npm)"; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(VENDOR))
	cp web/node_modules/cytoscape/dist/cytoscape.min.js web/node_modules/cytoscape/LICENSE $(dir $(VENDOR))
	for p in layout-base cose-base cytoscape-fcose; do \
	  cp web/node_modules/$$p/$$p.js $(dir $(VENDOR)) && cp web/node_modules/$$p/LICENSE $(dir $(VENDOR))LICENSE.$$p; done
	touch $(VENDOR)

install: $(STAMP) $(VENDOR)

demo: $(STAMP) $(VENDOR)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/factionmap --db demo.db demo --corpus $(CORPUS)

test: $(STAMP) $(VENDOR) browser
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium; install it when it is missing (root on CI and here).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium for the browser tests"; \
	  (command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && SUDO=sudo || SUDO=; \
	   $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null); }

# Learn the entity and relation models from annotations/ (the training split; the validation split decides
# model-or-rules per relation) and write the model the package ships. make demo and make test never train.
train: $(STAMP)
	$(BIN)/factionmap train

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP) $(VENDOR)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/run.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/resolution.py
	$(BIN)/python bench/scale.py --docs 1000,10000 $(BENCH_FLAGS)
	$(BIN)/python bench/web.py
	$(BIN)/python bench/contradictions.py
# More: make bench BENCH_FLAGS="--huge-mb 100" adds one 100 MB document; --docs 1000,10000,100000 a larger corpus.

clean:
	rm -rf $(VENV) web/node_modules src/factionmap/web/static/vendor *.db *.db-wal *.db-shm .pytest_cache test-artifacts
