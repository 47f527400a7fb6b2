# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format check e2e clean worker beat backup restore

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

## Back up the database in DATABASE_URL (PostgreSQL) and MEDIA_ROOT to var/backups/
## (BACKUP_FILE=path to choose the dump's name; the media tar is written beside it).
backup: $(STAMP)
	$(BIN)/python manage.py backup_db $(if $(BACKUP_FILE),--output "$(BACKUP_FILE)")

## Restore FILE=var/backups/outreach-....dump into the (empty) database in DATABASE_URL;
## FORCE=1 replaces a database that already has tables.
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/outreach-YYYYmmddTHHMMSSZ.dump"; exit 2; }
	$(BIN)/python manage.py restore_db "$(FILE)" $(if $(filter 1 yes true,$(FORCE)),--force)

clean:
	rm -rf $(VENV) var/outreach.sqlite3*
