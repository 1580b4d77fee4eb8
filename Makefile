# factionmap — `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: demo test bench lint install clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/factionmap --db demo.db demo --corpus $(CORPUS)

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium; install it when it is missing (root on CI and here).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium for the browser tests"; \
	  (command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && SUDO=sudo || SUDO=; \
	   $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null); }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/run.py
	$(BIN)/python bench/scale.py --docs 1000,10000 $(BENCH_FLAGS)
	$(BIN)/python bench/web.py
# More: make bench BENCH_FLAGS="--huge-mb 100" adds one 100 MB document; --docs 1000,10000,100000 a larger corpus.

clean:
	rm -rf $(VENV) *.db *.db-wal *.db-shm .pytest_cache test-artifacts
