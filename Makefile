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

run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py serve $(HOST):$(PORT)

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

# Extract our own strings (the project's Python and templates; not .venv, the tests or generated
# files) into the one project catalog, locale/<lang>/LC_MESSAGES/django.po, then compile it (GNU
# gettext needed). makemessages writes to LOCALE_PATHS[0] only when it exists; compilemessages
# runs inside locale/ so that it compiles our catalog only. tests/test_translations.py checks that
# every string is translated and every .mo is current.
messages: $(VENV)/.dev
	mkdir -p locale
	$(PY) manage.py makemessages -l zh_Hans -l fr --no-obsolete --ignore='.venv/*' \
		--ignore='tests/*' --ignore='bench/*' --ignore='staticfiles/*' --ignore='var/*' \
		--ignore='media/*' --ignore='private/*'
	cd locale && ../$(PY) ../manage.py compilemessages

lock: $(VENV)/.created
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --extra dev -o requirements-dev.lock pyproject.toml

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/test-* .pytest_cache
