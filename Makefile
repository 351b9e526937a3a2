# chipmap: two commands on a fresh machine — `make demo` and `make test`.
# Both bootstrap what they need: a .venv with pinned packages and, for the tests,
# PostgreSQL and Chromium from Debian when they are missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared
EVAL_OUT ?= .eval

.PHONY: help venv system-deps test lint typecheck pytest demo eval bench clean

help:
	@echo "make demo   build the bundled sample corpus and atlas, serve the dashboard"
	@echo "make test   ruff, mypy (strict) and the whole pytest suite"
	@echo "make eval   score extraction on $(SHARED)/eval/dev (full pipeline and raw spaCy) and entity resolution"
	@echo "make bench  benchmarks: extraction, build and API throughput"

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# PostgreSQL (storage tests), Chromium (dashboard tests), the CJK font and Pango (PDF briefs)
# and poppler-utils (reading the rendered PDFs) come from Debian.
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: venv
	$(BIN)/ruff check chipmap tests bench

typecheck: venv
	$(BIN)/mypy

pytest: venv system-deps
	$(BIN)/python -m pytest -n 2 -q

test: lint typecheck pytest

demo: venv
	$(BIN)/chipmap demo

eval: venv
	@mkdir -p $(EVAL_OUT)
	$(BIN)/chipmap extract --format jsonl $(SHARED)/eval/dev/*.json > $(EVAL_OUT)/predictions.jsonl
	$(BIN)/chipmap extract --format jsonl --pipeline raw $(SHARED)/eval/dev/*.json > $(EVAL_OUT)/raw.jsonl
	@echo "== chipmap (full pipeline)"
	@$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev $(EVAL_OUT)/predictions.jsonl
	@echo "== chipmap, per relation type and rule"
	@$(BIN)/python -m bench.rules --scorer $(SHARED)/eval/score.py $(SHARED)/eval/dev $(EVAL_OUT)/predictions.jsonl
	@echo "== raw spaCy NER mapped to the schema (baseline)"
	@$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev $(EVAL_OUT)/raw.jsonl
	@if [ -d $(SHARED)/eval/dev-zh ]; then \
	  $(BIN)/chipmap extract --format jsonl $(SHARED)/eval/dev-zh/*.json > $(EVAL_OUT)/zh.jsonl; \
	  echo "== Chinese articles ($(SHARED)/eval/dev-zh)"; \
	  $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev-zh $(EVAL_OUT)/zh.jsonl; \
	  echo "== Chinese articles, per relation type and rule"; \
	  $(BIN)/python -m bench.rules --scorer $(SHARED)/eval/score.py $(SHARED)/eval/dev-zh $(EVAL_OUT)/zh.jsonl; \
	fi
	@echo "== entity resolution on hand-labelled pairs of names (tests/resolve/fixtures/resolution_pairs.jsonl)"
	@$(BIN)/python bench/resolution.py

bench: venv
	@command -v ab >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq apache2-utils >/dev/null; }
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(EVAL_OUT) test-artifacts .bench
