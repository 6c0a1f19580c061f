# Two commands do all the set-up on a fresh clone: `make lab` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
A ?=
# Debian packages the browser tests and the PostgreSQL tests need.
SYSTEM_PACKAGES := chromium postgresql nodejs npm

.PHONY: lab test test-fast lint release grade feedback export report bench system-deps setup clean-state

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/python -m autograder.setup_lab
	touch $(STAMP)

setup: $(STAMP)

# Installs Debian's Chromium, PostgreSQL and Node.js when they are missing (needs root, as in CI).
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || { [ $$p = npm ] && command -v npm >/dev/null; } || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installation des paquets Debian :$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Paquets Debian manquants :$$missing (lancez : sudo apt-get install$$missing)"; fi; \
	fi

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) course/00_introduction.ipynb

lint: $(STAMP)
	$(BIN)/ruff check .

# axe-core for the browser tests' accessibility audit (npm registry, versions pinned by package-lock.json).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) system-deps node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -m "not slow"

release: $(STAMP)
	$(BIN)/python -m autograder release

# Grades the submitted copies (A=<évaluation>, else all) and ends with the French table of the scores written;
# the sandbox's limits and their variables: python -m autograder limites.
grade: $(STAMP)
	$(BIN)/python -m autograder grade $(if $(A),$(A),--all)

feedback: $(STAMP)
	$(BIN)/python -m autograder feedback $(if $(A),$(A),--all)

export: $(STAMP)
	$(BIN)/nbgrader export

report: $(STAMP)
	$(BIN)/python -m autograder report
	$(BIN)/python -m autograder dashboard

# The jury dossier of one candidate: make dossier APPRENANT=<identifiant>
dossier: $(STAMP)
	$(BIN)/python -m autograder dossier $(APPRENANT)

bench: $(STAMP)
	$(BIN)/python -m benchmarks
