# Two commands for everyone: `make serve` (read the course) and `make test`
# (run every check). Both create .venv the first time: the site needs only
# requirements-site.lock (MkDocs and its theme); the tests install
# requirements-dev.lock (the learner's requirements.lock plus the site, browser
# and lint tools) into the same .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
SITE_STAMP := $(VENV)/.site-installed-from-lock
# Material 9.7+ prints a banner about MkDocs 2.0 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1

# One worker per core, each test file on one worker: a file's expensive fixture
# (a site build, the debug sessions, a graded lab) is built once (tests/parallel.py).
PARALLEL := -n auto --dist loadfile
# What depends on the Python version: CI runs these on every Python the course
# accepts (`make test-python`), and the whole suite on the oldest.
PYTHON_TESTS := tests/test_grader.py tests/test_integrity.py tests/test_course_command.py \
	tests/test_watch.py tests/test_debugger.py tests/test_debugger_postmortem.py \
	tests/test_debugger_threads.py tests/test_tool_facts.py tests/test_ex13_notebook.py \
	tests/test_version_facts.py tests/test_tamper.py tests/test_regression_mark.py

.PHONY: serve test check test-python build bench launch manifest lock lint screenshots clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.12 or similar.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(SITE_STAMP): requirements-site.lock | $(PY)
	$(PY) -m pip install --quiet -r requirements-site.lock
	@touch $@

$(STAMP): requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.lock
	@touch $@ $(SITE_STAMP)

serve: $(SITE_STAMP)  ## serve the site on http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)  ## lint, then the project's whole test suite on every core
	$(PY) -m ruff check .
	$(PY) -m pytest $(PARALLEL)

check: $(STAMP)  ## the inner loop, under a minute: lint and every test not marked slow
	$(PY) -m ruff check .
	$(PY) -m pytest $(PARALLEL) -m "not slow"

test-python: $(STAMP)  ## the tests whose outcome depends on the Python version
	$(PY) -m pytest $(PARALLEL) $(PYTHON_TESTS)

build: $(SITE_STAMP)  ## build the site into site/
	$(PY) -m mkdocs build --strict

bench: $(STAMP)  ## print the table of speed and size figures
	$(PY) -m benchmarks

launch: $(STAMP)  ## regenerate .vscode/launch.json from the exercise.toml files
	$(PY) -m tools.launch_json --write

manifest: $(STAMP)  ## rewrite course/manifest.json after changing any shipped exercise, data or solution file
	$(PY) -m course.manifest --write

screenshots: $(STAMP)  ## write PNGs of the site to docs/assets/screenshots/
	$(PY) -m tools.screenshots

# The locks come from pyproject.toml: the learner's from its dependencies, the
# authors' from every extra too, the site's from the docs extra alone at the
# authors' versions. uv keeps a pin that still fits (upgrade: delete the lock).
lock:  ## re-pin every dependency into the three lock files (needs uv)
	uv pip compile pyproject.toml --universal --python-version 3.11 --no-header -o requirements.lock
	uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 --no-header -o requirements-dev.lock
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["docs"], sep="\n")' \
	| uv pip compile - -c requirements-dev.lock --universal --python-version 3.11 --no-header -o requirements-site.lock

lint: $(STAMP)
	$(PY) -m ruff check .

clean:
	rm -rf site .pytest_cache
