# 营商环境改革推进平台 — the two commands: `make run` and `make test`.
# Both install what they need first (venv, Python and npm packages, the SPA).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/report.html frontend/vite.config.ts \
	frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test install test-python test-frontend test-browser openapi clean

run: install frontend/dist/index.html
	$(PY) -m reform_common.devstack

test: install frontend/dist/index.html chromium
	$(MAKE) --no-print-directory test-python test-frontend test-browser

install: $(STAMPS)/python $(STAMPS)/frontend $(STAMPS)/browser

$(STAMPS)/python: requirements-dev.txt constraints.txt services/*/pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	@touch $@

$(STAMPS)/frontend: frontend/package.json frontend/package-lock.json
	@mkdir -p $(STAMPS)
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(STAMPS)/browser: tests/browser/package.json tests/browser/package-lock.json
	@mkdir -p $(STAMPS)
	cd tests/browser && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: $(STAMPS)/frontend $(FRONTEND_SOURCES)
	cd frontend && npm run build

# Browser tests drive Debian's Chromium (no browser downloads here).
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "需要 Chromium：sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; \
	  fi; }

test-python:
	$(PY) -m pytest

test-frontend:
	cd frontend && npm run check:api && npm run check:bundle && npm test

test-browser:
	cd tests/browser && npm test

# Benchmarks at city scale (bench/README.md): builds the data sets once (var/bench), runs every suite and
# rewrites the table in docs/performance.md. BENCH_ARGS="--scale small" for a quick check of the harness.
.PHONY: bench wrk
bench: install frontend/dist/index.html chromium wrk
	$(PY) -m bench.run $(BENCH_ARGS)

# Load generator of the HTTP benchmarks (Debian's wrk).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "需要 wrk：sudo apt-get install wrk" >&2; exit 1; \
	  fi; }

# Backup and restore (docs/backup.md): every service database (pg_dump) and attachment store, with a manifest,
# into var/backups/<UTC time>/ (or under BACKUP_DIR); restore refuses non-empty targets unless FORCE=1.
.PHONY: backup restore
backup: $(STAMPS)/python
	$(PY) -m reform_common.backup backup $(if $(BACKUP_DIR),--root "$(BACKUP_DIR)")

restore: $(STAMPS)/python
	@test -n "$(BACKUP)" || { echo "用法 / usage: make restore BACKUP=var/backups/<UTC 时间> [FORCE=1]" >&2; exit 2; }
	$(PY) -m reform_common.backup restore "$(BACKUP)" $(if $(filter 1,$(FORCE)),--force)

# Regenerate the OpenAPI documents and the SPA's typed client after an API change.
openapi: install
	$(PY) scripts/export_openapi.py
	cd frontend && npm run gen:api

clean:
	rm -rf $(STAMPS) $(VENV) frontend/node_modules frontend/dist tests/browser/node_modules
