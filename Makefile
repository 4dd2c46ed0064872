# Awaz: the two commands are `make run` and `make test` (see README.md).
# Awaz needs Python 3.12 (.python-version); the machine's own python3 may be another version.
# Any python3 installs uv into .tools/; uv then finds a Python 3.12 (on the PATH, pyenv's, or
# one it manages) or downloads one, and makes .venv with it.

BOOTSTRAP_PYTHON ?= $(shell for p in python3.12 python3; do $$p -c "" >/dev/null 2>&1 && { echo $$p; break; }; done)
# A working python3.12 on the PATH or in pyenv's versions; otherwise uv looks for one itself
# and downloads a managed build where the network allows.
PYTHON_312 ?= $(shell for p in python3.12 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3.12; do $$p -c "" >/dev/null 2>&1 && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
UV_VERSION := 0.13.9
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install lint typecheck pytest pytest-postgres static clean help

help:
	@echo "make run   - install, migrate, load the demo data if empty, serve on 127.0.0.1:$(PORT)"
	@echo "make test  - ruff, mypy and pytest on SQLite, then on PostgreSQL when it answers"
	@echo "make bench-NAME - run benchmarks/NAME.py (make bench: every benchmark)"

# --- installation (each step re-runs only when its inputs change) --------------------------

$(UV):
	@test -n "$(BOOTSTRAP_PYTHON)" || { echo "make: no python3 found to install uv with"; exit 1; }
	$(BOOTSTRAP_PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock .python-version | $(UV)
	$(UV) sync --frozen --quiet --python $(or $(PYTHON_312),3.12)
	@touch $@

# The packages' .pyc files, written once here (only for files changed since), so that no
# process compiles some 1,600 modules from source as it starts: where PYTHONDONTWRITEBYTECODE
# is set Python would do so in every process, about 8 s of the first Patterns page here.
$(VENV)/.bytecode: $(VENV)/.synced
	$(PY) -m compileall -q -j 0 $(VENV)/lib
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

build/static/.built: node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build
	@touch $@

install: $(VENV)/.bytecode build/static/.built

static: build/static/.built

# --- run --------------------------------------------------------------------------------------

run: install
	$(PY) -m compileall -q awaz config
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py seed_demo_cases --if-empty
	$(PY) manage.py seed_demo_strategy --if-empty
	$(PY) manage.py seed_demo_imports --if-empty
	$(PY) manage.py statistics_publish
	$(PY) manage.py facts_statistics_refresh
	$(PY) manage.py demo_logins
	PORT=$(PORT) bin/serve

# --- test -------------------------------------------------------------------------------------

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy awaz config

pytest: install
	$(VENV)/bin/pytest

# PostgreSQL when 127.0.0.1:5432 answers; the test database name is unique to this checkout.
pytest-postgres: install
	@if $(PY) bin/port_open 127.0.0.1 5432; then \
		echo "== PostgreSQL answers on 127.0.0.1:5432: running the suite on it =="; \
		DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
		AWAZ_TEST_DB_SUFFIX=$$(pwd | sha1sum | cut -c1-10) \
		$(VENV)/bin/pytest; \
	else \
		echo "== PostgreSQL does not answer on 127.0.0.1:5432: skipped the PostgreSQL run =="; \
	fi

test: lint typecheck pytest pytest-postgres

# --- benchmarks (not part of `make test`; figures in benchmarks/README.md) --------------------

BENCHMARKS := $(patsubst benchmarks/%.py,bench-%,$(wildcard benchmarks/*.py))
.PHONY: bench $(BENCHMARKS)

# `make bench-NAME` runs benchmarks/NAME.py (bench-dashboard: 1,000,000 incidents in SQLite,
# and in PostgreSQL when 127.0.0.1:5432 answers, about 5 min; bench-imports: a 100,000-row
# police extract in both, about 10 min); `make bench` runs them all.
$(BENCHMARKS): bench-%: install
	$(PY) benchmarks/$*.py

bench: $(BENCHMARKS)

clean:
	rm -rf $(VENV) .tools node_modules build var/staticfiles
