# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format check e2e faults clean worker worker-interactive worker-heavy beat backup restore bench

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
## With DATABASE_URL set, the scoping and access tests run once more on the embedded
## SQLite that `make run` uses: a partner's events query that PostgreSQL accepted and
## SQLite refused once broke that list under `make run` with every CI run green.
SQLITE_PASS := tests/programmes/test_scoping.py tests/test_access_matrix.py \
	tests/programmes/test_pages_access.py tests/partners/test_access.py \
	tests/programmes/test_list_queries.py
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r outreach partners programmes surveys reporting -ll
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest
	$(if $(DATABASE_URL),env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -q $(SQLITE_PASS))

e2e: $(STAMP)
	$(BIN)/pytest tests/e2e

## Fault tests with real processes: a worker killed mid-report, a report that keeps crashing
## its worker, Redis restarted with reports queued, PostgreSQL restarted under HTTP load.
## Each prints what it did and what it checked. Needs DATABASE_URL (PostgreSQL) and
## REDIS_URL for the first two and the third; the last starts private servers of its own.
## `make test` runs them too, quietly.
faults: $(STAMP)
	$(BIN)/pytest tests/faults -m faults -v -s -p no:randomly

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Celery for development: one worker on both queues. In production each queue has its
## own workers (worker-interactive, worker-heavy; see docker-compose.yml).
worker: $(STAMP)
	$(BIN)/celery -A outreach worker -Q interactive,heavy --concurrency=2 --loglevel=INFO

worker-interactive: $(STAMP)
	$(BIN)/celery -A outreach worker -Q interactive -n interactive@%h --concurrency=4 --loglevel=INFO

worker-heavy: $(STAMP)
	$(BIN)/celery -A outreach worker -Q heavy -n heavy@%h --concurrency=1 --prefetch-multiplier=1 --loglevel=INFO

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

## National-scale benchmarks: one table of figures beside their floors and goals
## (benchmarks/bench.py). A scratch PostgreSQL database, made and migrated if missing;
## the national data set is built once (about 3 to 7 minutes) and reused.
## BENCH_ARGS="--fraction 0.01" for a quick look, "--write-results" for benchmarks/RESULTS.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/outreach_bench
bench: $(STAMP)
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python benchmarks/bench.py --create $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/outreach.sqlite3*
