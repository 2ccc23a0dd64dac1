# Tandem: two commands do all the set-up on a fresh clone.
#   make run   install, migrate, load the demo setting, serve http://127.0.0.1:8000
#   make test  everything CI checks (lint, types, tests, browser tests)
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint typecheck pytest migrate demo serve clean

$(STAMP): requirements/dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT)/ (Ctrl+C stops both)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker --interval 1 --no-reload & \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
