# Two commands for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db
SHARED ?= ../shared

.PHONY: demo test test-postgres install lint clean web

$(STAMP): pyproject.toml $(wildcard src/eventwatch/gazetteer/*.py) web/package-lock.json tools/vendor_web.py \
		$(wildcard src/eventwatch/classify/*.py src/eventwatch/classify/examples/*.txt src/eventwatch/classify/examples/*/*.txt)
	$(PY) tools/vendor_web.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0  # first, alone: the local CPU build (see ../shared/STACK.md)
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/eventwatch gazetteer build
	$(BIN)/eventwatch classifier build
	touch $(STAMP)

install: $(STAMP)

# The dashboard's front-end libraries: npm ci in web/, then copy into src/eventwatch/web/static/vendor/.
web:
	$(PY) tools/vendor_web.py

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/eventwatch --db sqlite:///$(DEMO_DB) ingest examples/
	$(BIN)/eventwatch --db sqlite:///$(DEMO_DB) events
	@echo
	@echo "Browse the demo database:"
	@echo "  $(BIN)/eventwatch --db sqlite:///$(DEMO_DB) events --format json"
	@echo "  $(BIN)/eventwatch --db sqlite:///$(DEMO_DB) show EVENT_ID"
	@echo "  $(BIN)/eventwatch --db sqlite:///$(DEMO_DB) sites"
	@echo "  $(BIN)/eventwatch --db sqlite:///$(DEMO_DB) serve     # map dashboard on http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	EVENTWATCH_SHARED=$(SHARED) $(BIN)/pytest -q

# The same suite against a throwaway PostgreSQL server (unix socket only; see .ci/postgres.sh).
test-postgres: $(STAMP)
	url=$$(bash .ci/postgres.sh start) && trap 'bash .ci/postgres.sh stop' EXIT && \
	EVENTWATCH_SHARED=$(SHARED) EVENTWATCH_TEST_POSTGRES="$$url" $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
