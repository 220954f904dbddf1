# The two commands of the README: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: run test bench lint format messages lock ci clean

# A stamp per lock file: the venv is (re)synced only when the lock changes.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is required (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: requirements.lock $(VENV)/.created
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@rm -f $(VENV)/.dev && touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.created
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=portal.settings.bench $(PY) -m bench $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat --quiet || true

# Extract our own strings into the catalogs, then compile them (GNU gettext needed).
messages: $(VENV)/.dev
	cd portal && ../$(PY) ../manage.py makemessages -l zh_Hans -l fr --no-obsolete
	cd home && ../$(PY) ../manage.py makemessages -l zh_Hans -l fr --no-obsolete
	$(PY) manage.py makemessages -l zh_Hans -l fr --no-obsolete --ignore '.venv/*' --ignore 'portal/*' --ignore 'home/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

lock: $(VENV)/.created
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --extra dev -o requirements-dev.lock pyproject.toml

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/test-* .pytest_cache
