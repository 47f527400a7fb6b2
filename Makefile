# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format check e2e clean worker beat

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Run the app on http://127.0.0.1:8000 with demo data (SQLite and in-process tasks by default).
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Run the whole suite (unit, API, browser tests). Uses DATABASE_URL / REDIS_URL when set.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r outreach partners programmes surveys reporting -ll
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

e2e: $(STAMP)
	$(BIN)/pytest tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: $(STAMP)
	$(BIN)/celery -A outreach worker --loglevel=INFO

beat: $(STAMP)
	$(BIN)/celery -A outreach beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

clean:
	rm -rf $(VENV) var/outreach.sqlite3*
