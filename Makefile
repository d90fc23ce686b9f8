# KOSTRA mottak: one small set of commands (run, test, lint, check).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python >= 3.12: take the first such interpreter on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13*/bin/python3 \
	$${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Local runs: debug on, embedded defaults unless DATABASE_URL / REDIS_URL are set.
RUN_ENV := DEBUG=$${DEBUG:-true}
# `make run PORT=8104` serves on another port.
PORT ?= 8000
# The checkout's local settings (git-ignored, read by settings.py when present, never in the
# image): lets `.venv/bin/python manage.py <command>` work here without DEBUG=true.
LOCAL_ENV := var/local.env

.PHONY: help venv pyodide run setup test lint format typecheck check-migrations messages checker ci clean

help:
	@echo "make run    - set up everything and run web + worker + scheduler on http://127.0.0.1:8000"
	@echo "make test   - set up the same environment and run the whole test suite"
	@echo "make lint   - ruff check + ruff format --check"
	@echo "make check-migrations - fail if models and migrations differ"
	@echo "make messages - update locale/en/LC_MESSAGES/django.po and compile it (needs gettext)"
	@echo "make checker - build the standalone control program build/kostra_kontroll.pyz"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 not found (Django 6 needs it)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

$(LOCAL_ENV):
	@mkdir -p var
	@printf '%s\n' '# Local development settings for this checkout, written by `make setup`.' \
		'# Read by kostra_portal/settings.py when present (not under pytest, never in the' \
		'# container image); a variable set in the environment wins. NAME=value lines.' \
		'DEBUG=true' > $@
	@echo "Wrote $@: manage.py commands in this checkout run with DEBUG=true."

setup: venv $(LOCAL_ENV)
	mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) load_reference_data
	$(RUN_ENV) $(MANAGE) dev_keys
	$(RUN_ENV) $(MANAGE) dev_export_key
	$(RUN_ENV) $(MANAGE) demo_data

# The banner is printed now and again by the `banner` process once the demo jobs have drained.
RUN_SITE := SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} KOSTRA_PORT=$(PORT)

# pyodide and checker before setup: they fill two STATICFILES_DIRS, which setup's commands
# would otherwise warn about (staticfiles.W004) on a fresh clone.
run: venv pyodide checker setup
	@$(RUN_ENV) $(RUN_SITE) $(MANAGE) dev_banner
	@# Ctrl-C: honcho stops every process and exits 130; that is a normal end, not an error.
	@$(RUN_ENV) $(RUN_SITE) $(BIN)/honcho -f Procfile.dev start \
		$(if $(REDIS_URL),web worker scheduler banner,redis web worker scheduler banner) \
		|| { status=$$?; [ $$status -eq 130 ] || [ $$status -eq 143 ] || exit $$status; }

# axe-core (npm, pinned) for the accessibility checks; without npm those checks are skipped.
AXE_VERSION := 4.14.1
AXE_JS := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE_JS):
	-command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION) >/dev/null

# Pyodide (npm, pinned in settings.PYODIDE_VERSION) for the in-browser check on /kontroller/:
# only the core files (runtime, standard library, lock file), served by the portal itself.
# Without npm the in-browser check has no runtime and its browser tests are skipped.
PYODIDE_VERSION := $(shell sed -n 's/^PYODIDE_VERSION = "\(.*\)"/\1/p' kostra_portal/settings.py)
PYODIDE_DIR := .cache/pyodide/$(PYODIDE_VERSION)
PYODIDE_FILES := pyodide.mjs pyodide.mjs.map pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json
$(PYODIDE_DIR)/pyodide.mjs:
	-command -v npm >/dev/null \
	&& npm install --silent --no-audit --no-fund --prefix .cache/pyodide/npm pyodide@$(PYODIDE_VERSION) >/dev/null \
	&& mkdir -p $(PYODIDE_DIR) \
	&& cd .cache/pyodide/npm/node_modules/pyodide && cp $(PYODIDE_FILES) $(CURDIR)/$(PYODIDE_DIR)/

pyodide: $(PYODIDE_DIR)/pyodide.mjs

test: venv $(AXE_JS) pyodide checker
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: venv
	$(RUN_ENV) $(BIN)/mypy kontroll mottak kostra_portal

check-migrations: venv
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run

# Translations: refresh the English catalogue from the bokmål sources, then compile the .mo
# (committed, so running the portal needs no gettext tools).
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=kontroll

messages: venv
	$(RUN_ENV) $(MANAGE) makemessages -l en $(MESSAGES_IGNORE)
	$(RUN_ENV) $(MANAGE) compilemessages --ignore=.venv

# The standalone checker (python3 build/kostra_kontroll.pyz FILE --skjema 11F ...), see kontroll/build.py.
checker: venv
	$(BIN)/python -m kontroll.build --out build/kostra_kontroll.pyz

ci: lint check-migrations test

clean:
	rm -rf $(VENV) var build staticfiles .pytest_cache .ruff_cache .mypy_cache
