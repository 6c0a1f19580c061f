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
.PHONY: formateur diffuser ramasser diffuser-retours hub hub-env comptes
# The learner workspace of « make lab » (their own copies; git-ignored) and the hub's environment for all users.
ESPACE ?= $(CURDIR)/espace-apprenant
HUB_ENV ?= /opt/communication-digitale/env
ALLOW_ROOT = $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

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

# The learner: lessons, exercises, fetched assignments and their own files, no solution, hidden test nor formgrader.
lab: $(STAMP)
	mkdir -p exchange
	scripts/hub.sh espace "$(ESPACE)"
	cd "$(ESPACE)" && NBGRADER_EXCHANGE="$(CURDIR)/exchange" JUPYTER_CONFIG_PATH="$(ESPACE)/.jupyter-apprenant" \
	  $(CURDIR)/$(BIN)/jupyter lab --ServerApp.root_dir="$(ESPACE)" $(ALLOW_ROOT) course/00_introduction.ipynb

# The trainer: the whole course folder (source/, release/), the formgrader and the grading commands below.
formateur: $(STAMP)
	mkdir -p exchange
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(ALLOW_ROOT)

# The trainer's cycle (A=<évaluation>): make release → diffuser → ramasser → grade → feedback → diffuser-retours → report
diffuser: $(STAMP)
	@test -n "$(A)" || { echo "Précisez l'évaluation : make diffuser A=<évaluation>" >&2; exit 2; }
	mkdir -p exchange
	$(BIN)/nbgrader release_assignment $(A) --force

ramasser: $(STAMP)
	@test -n "$(A)" || { echo "Précisez l'évaluation : make ramasser A=<évaluation>" >&2; exit 2; }
	$(BIN)/nbgrader collect $(A)

diffuser-retours: $(STAMP)
	@test -n "$(A)" || { echo "Précisez l'évaluation : make diffuser-retours A=<évaluation>" >&2; exit 2; }
	$(BIN)/nbgrader release_feedback $(A)

# A cohort on a real JupyterHub on this machine (root): see « Former un groupe » in the README.
$(HUB_ENV)/.installed: pyproject.toml $(shell find autograder -type f ! -name '*.pyc' 2>/dev/null)
	scripts/hub.sh env

hub-env:
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory "$(HUB_ENV)/.installed" HUB_ENV="$(HUB_ENV)"; \
	else echo "Environnement du hub non installé (root nécessaire) : le test du hub sera ignoré."; fi

hub: system-deps node_modules/.package-lock.json hub-env
	HUB_ENV="$(HUB_ENV)" scripts/hub.sh run

# Unix accounts of a cohort from a CSV « identifiant;nom;e-mail »: make comptes CSV=cohorte.csv [ROLE=formateur];
# the passwords go to MDP (root only), outside the repository.
MDP ?= /srv/communication-digitale/etat/mots-de-passe.csv
comptes: hub-env
	@test -n "$(CSV)" || { echo "Précisez le fichier de la cohorte : make comptes CSV=cohorte.csv" >&2; exit 2; }
	mkdir -p -m 700 "$(dir $(MDP))"
	$(HUB_ENV)/bin/python hub/comptes.py creer "$(CSV)" --role $(or $(ROLE),apprenant) --mots-de-passe "$(MDP)"

lint: $(STAMP)
	$(BIN)/ruff check .

# axe-core for the browser tests' accessibility audit, reveal.js for the jury dossier's offline slides
# (npm registry, versions pinned by package-lock.json).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) system-deps node_modules/.package-lock.json hub-env
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
dossier: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m autograder dossier $(APPRENANT)

bench: $(STAMP)
	$(BIN)/python -m benchmarks
