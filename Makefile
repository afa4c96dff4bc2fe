# The clinic bot. Quick start: `make run`, `make test`. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.8-3.10. Take the first that exists: $PYTHON, a
# python3.10 on PATH, or pyenv's 3.10 (which .python-version names).
PYTHON_BOOT ?= $(firstword $(PYTHON) $(shell command -v python3.10 2>/dev/null) \
	$(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python) \
	$(wildcard /root/.pyenv/versions/3.10.*/bin/python))
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export BOT_DATA_DIR ?= $(CURDIR)/var
export PYTHONDONTWRITEBYTECODE := 1
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help setup wordnet build train run test unit lint eval bench validate lock admin purge browser services worker clean

help: ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON_BOOT)" || { echo "No Python 3.10 found: install it or set PYTHON=/path/to/python3.10"; exit 1; }
	@echo "==> creating $(VENV) with $(PYTHON_BOOT) and installing requirements.lock (first time: a few minutes)"
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	@$(PY) -m pip install --progress-bar on -q --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

setup: $(VENV)/.installed wordnet ## create the virtual environment from the lock file

# Debian's WordNet (data only): the red-flag rules read its noun classes to tell
# a thing ("the screen went blurry") from the body (bot/triage/wordnet.py).
# Without it they still run, reading more messages as reports, never fewer.
wordnet:
	@test -f /usr/share/wordnet/index.noun || { echo "==> installing Debian's wordnet-base (noun classes for the red-flag rules)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null) \
	  || echo "wordnet-base could not be installed: the red-flag rules will read more everyday messages as reports"; }

build: setup ## render knowledge/ into the responses Rasa trains with
	@$(PY) -m bot.knowledge build

train: build ## train a model unless one matches the current data
	@$(PY) -m scripts.train

run: train ## set up, train if needed, start everything (Ctrl-C stops it)
	@if [ -n "$$RASA_REPLICAS" ] && [ "$$RASA_REPLICAS" != 1 ]; then \
	  $(MAKE) --no-print-directory services SERVICE_PACKAGES=haproxy:haproxy; fi
	@exec bash scripts/run.sh

browser:
	@command -v chromium >/dev/null || { echo "==> installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: browser tests will be skipped"; }

# Debian's PostgreSQL, Redis and HAProxy: the scale-out tests start their own on
# loopback ports (tests/fakes/services.py); without them those tests are skipped
# with the reason (REQUIRE_SERVICES=1 makes them fail instead).
SERVICE_PACKAGES := redis-server:redis-server haproxy:haproxy postgresql:initdb
services: ## install Debian's PostgreSQL, Redis and HAProxy when missing (scale-out tests)
	@missing=""; for pair in $(SERVICE_PACKAGES); do pkg=$${pair%%:*}; prog=$${pair#*:}; \
	  command -v $$prog >/dev/null || [ -x /usr/sbin/$$prog ] || \
	  ls /usr/lib/postgresql/*/bin/$$prog >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then echo "==> installing Debian's$$missing (scale-out)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	  || echo "could not install$$missing: the scale-out tests are skipped and RASA_REPLICAS > 1 cannot start"; fi

worker: setup ## the background worker alone (alert retries, reconciler, housekeeping)
	@$(PY) -m bot.worker

unit: build ## fast tests: no model, no servers
	@$(PY) -m pytest -q -m "not slow" tests

test: train browser services ## set up and run the whole test suite
	@$(PY) -m pytest -q tests
	@$(MAKE) --no-print-directory validate

validate: build ## rasa data validate and the story tests
	@$(PY) -m scripts.validate
	@$(PY) -m scripts.story_tests

# Lint and format cover the whole tree (pyproject.toml excludes build/, models/, results/).
LINT_PATHS ?= .

lint: setup ## ruff (lint + format check), mypy (strict modules in pyproject.toml), import contracts
	@$(VENV)/bin/ruff check $(LINT_PATHS)
	@$(VENV)/bin/ruff format --check $(LINT_PATHS)
	@$(VENV)/bin/mypy
	@$(VENV)/bin/lint-imports --no-cache

eval: train ## held-out NLU per key, the dev sets and what each NLU signal contributes; triage per level and layer, and typed differently
	@$(PY) -m scripts.evaluate --dev
	@$(PY) -m scripts.eval_triage --model
	@$(PY) -m scripts.perturb_triage

bench: train ## ours and a stock `rasa init` bot side by side: latency, msg/s, memory, start-up, training
	@$(PY) -m scripts.bench $(BENCH_ARGS)

# pip itself is left out of the lock: sqlite-utils names it, and the venv's own pip satisfies it.
lock: ## re-resolve requirements.in as a whole into requirements.lock, pinned by hash
	@rm -rf /tmp/lockenv && $(PYTHON_BOOT) -m venv /tmp/lockenv && /tmp/lockenv/bin/pip install -q pip-tools
	@# The current pins seed the resolution: a package added to requirements.in
	@# does not upgrade the others (`make lock LOCK_UPGRADE=--upgrade` does).
	@grep -v '^#' requirements.lock | sed '/./,$$!d' > /tmp/lockenv/out.txt
	@cd /tmp && /tmp/lockenv/bin/pip-compile -q --generate-hashes --allow-unsafe --no-header --strip-extras \
	  $(LOCK_UPGRADE) -o /tmp/lockenv/out.txt $(CURDIR)/requirements.in
	@{ echo "# Resolved as a whole from requirements.in with Python 3.10 and pinned by hash"; \
	   echo "# (pip-compile --generate-hashes; pip installs it in hash-checking mode). Regenerate with: make lock"; echo; \
	   grep -v -e '^--extra-index-url' -e '^--index-url' -e '^--find-links' /tmp/lockenv/out.txt \
	   | sed 's#-r $(CURDIR)/requirements.in#-r requirements.in#' \
	   | awk '/^pip==/{skip=1; next} skip && /^[^ ]/{skip=0} !skip'; } > requirements.lock

admin: setup ## create a staff account: make admin name=NAME (asks for the password)
	@test -n "$(or $(name),$(USER_NAME))" || { echo "usage: make admin name=NAME"; exit 2; }
	@$(PY) -m bot.inbox.admin create "$(or $(name),$(USER_NAME))"

purge: setup ## delete records older than the configured retention period
	@$(PY) -m bot.retention

clean: ## remove the environment, models and generated files (keeps var/)
	rm -rf $(VENV) build models .pytest_cache
