# Hearth's commands. `make run` serves Hearth; `make test` runs the whole test suite.
# Both work from a fresh clone on Debian with Python 3.11 and nothing else set up.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test check lint typecheck browser assets benchmark clean

run: $(STAMP)
	$(BIN)/hearth serve

test: $(STAMP) browser
	$(BIN)/pytest

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check hearth e2e benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy hearth

$(STAMP):
	@$(PYTHON) -m venv $(VENV) || { echo "Python's venv module is missing: apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*; touch $@

# The browser journeys drive Debian's chromium. Install it when missing and we may (root or sudo);
# otherwise the journeys are skipped with a message saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "Could not install chromium: browser tests will be skipped"; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "Could not install chromium: browser tests will be skipped"; \
	  else echo "chromium is not installed and cannot be installed here: browser tests will be skipped"; fi; }

# Rebuild the committed CSS and JavaScript from npm packages (needs Node; councils never do).
assets:
	npm ci --no-audit --no-fund
	npm run build
	@! grep -q "GDS Transport" hearth/ui/static/hearth/dist/hearth.css || { echo "GDS Transport found in the built CSS"; exit 1; }

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var/static
