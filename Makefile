# Kept — the two commands of the setup contract are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint types unit install chromium bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[postgres,mysql,dev]'
	touch $(STAMP)

# The cookie banner's browser tests drive Debian's Chromium (Playwright cannot download
# browsers here). Installed when missing and we may (root); otherwise those tests skip with
# the reason, except with CI=true, where they fail.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "could not install chromium: the browser tests will skip (fail with CI=true)"

install: $(STAMP) chromium

## demo: the five seed companies' examples checked, then kept serve on vCloudPoint with one
##       access request through the API, end to end; the server keeps running (Ctrl-C)
demo: $(STAMP)
	$(BIN)/python -m kept.demo

## test: every check — lint, format, types, tests
test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) chromium
	$(BIN)/pytest -q -n 2 --dist worksteal --durations=20

## bench: the benchmarks, each beside its plain-SQL baseline
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
