# No Contact Coach. Quick start: `make chat` and `make test` (Python 3.11+ only).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: chat test lint typecheck content content-check unit serve package bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[web,dev]'
	@touch $(STAMP)

chat: $(STAMP)
	$(BIN)/no-contact-coach chat $(ARGS)

serve: $(STAMP)
	$(BIN)/no-contact-coach serve $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Content is validated (pydantic) and compiled to lambda/no_contact_coach/content/compiled.json.
content: $(STAMP)
	$(BIN)/python tools/build_content.py

content-check: $(STAMP)
	$(BIN)/python tools/build_content.py --check

# The Lambda artifact: build/lambda (what infra/template.yaml deploys) and dist/lambda.zip.
package: content-check
	$(BIN)/python tools/package.py

# Side by side with a bare ask-sdk-core skill (bench/README.md); a few minutes.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck content-check unit

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
