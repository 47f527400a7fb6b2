"""Backups of the PostgreSQL database (pg_dump / pg_restore, custom format) and of
MEDIA_ROOT (a tar beside the dump). `manage.py backup_db` / `restore_db` and
`make backup` / `make restore` call these functions; the tests call them too.

SQLite (the development default) is refused on purpose: production runs on PostgreSQL,
and a second, differently behaving backup path would be one more thing to get wrong.
"""

import os
import re
import shutil
import subprocess
import tarfile
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg2

MEDIA_SUFFIX = ".media.tar.gz"


class BackupError(Exception):
    """A backup or restore that must not go ahead; the message says why and what to do."""


@dataclass
class BackupResult:
    dump: Path
    media: Path | None
    notes: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    database: str
    media_restored: bool
    notes: list[str] = field(default_factory=list)


def default_backup_path(directory: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return Path(directory) / f"outreach-{stamp}.dump"


def media_path_for(dump: Path) -> Path:
    dump = Path(dump)
    stem = dump.name[: -len(".dump")] if dump.name.endswith(".dump") else dump.name
    return dump.with_name(stem + MEDIA_SUFFIX)


def require_postgres(db: dict) -> None:
    engine = db.get("ENGINE", "")
    if "postgresql" in engine:
        return
    if "sqlite" in engine:
        raise BackupError(
            "The database is SQLite (DATABASE_URL is unset or points at a SQLite file). "
            "Backups are made with pg_dump and need PostgreSQL: set DATABASE_URL to the "
            "postgres:// address the application uses. (For a development copy of SQLite, "
            "stop the app and copy var/outreach.sqlite3.)"
        )
    raise BackupError(f"Backups need PostgreSQL; DATABASE_URL points at {engine or 'nothing'}.")


def _pg_env(db: dict) -> dict:
    """Connection details go to the tools through libpq's variables, so the password
    never appears in a process list."""
    env = {**os.environ}
    for var, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        value = db.get(key)
        if value:
            env[var] = str(value)
        else:
            env.pop(var, None)
    env["PGDATABASE"] = db["NAME"]
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def connect(db: dict, dbname: str | None = None):
    options = db.get("OPTIONS") or {}
    name = dbname or db["NAME"]
    try:
        return psycopg2.connect(
            dbname=name,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            sslmode=options.get("sslmode"),
        )
    except psycopg2.OperationalError as exc:
        raise BackupError(f"Could not connect to database {name!r}: {exc}".strip()) from exc


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools "
            f"(Debian: apt-get install postgresql-client) matching the server's version."
        )
    return found


def tool_major(name: str) -> int:
    out = subprocess.run([_tool(name), "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    if not match:
        raise BackupError(f"Could not read the version of {name}: {out.stdout.strip()!r}")
    return int(match.group(1))


def server_major(db: dict) -> int:
    with closing(connect(db)) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def version_notes(name: str, db: dict) -> list[str]:
    """pg_dump refuses a server newer than itself, and pg_restore may not read a dump
    made by a newer pg_dump: say so before starting rather than after a failure."""
    tool, server = tool_major(name), server_major(db)
    if tool == server:
        return []
    if name == "pg_dump" and tool < server:
        raise BackupError(
            f"pg_dump is version {tool} but the server is PostgreSQL {server}: pg_dump "
            f"cannot dump a newer server. Install the version {server} client tools."
        )
    return [
        f"{name} is version {tool} and the server is PostgreSQL {server}. This usually "
        f"works, but the same major version is the safe choice."
    ]


def backup_create(*, db: dict, media_root: Path, target: Path) -> BackupResult:
    """Write a custom-format dump of `db` to `target` and a tar of `media_root` beside
    it. Each file is written under a temporary name and renamed once complete, so a
    failed backup never leaves a file that looks whole."""
    require_postgres(db)
    notes = version_notes("pg_dump", db)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    result = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={partial}"],
        env=_pg_env(db),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    partial.chmod(0o600)  # backups hold personal data
    partial.replace(target)

    media = None
    media_root = Path(media_root)
    if media_root.is_dir():
        media = media_path_for(target)
        partial_media = media.with_name(media.name + ".partial")
        with tarfile.open(partial_media, "w:gz") as tar:
            tar.add(media_root, arcname=".")
        partial_media.chmod(0o600)
        partial_media.replace(media)
    else:
        notes.append(f"MEDIA_ROOT ({media_root}) does not exist: no media files to back up.")
    return BackupResult(dump=target, media=media, notes=notes)


def user_tables(db: dict) -> list[str]:
    with closing(connect(db)) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname || '.' || tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _media_is_empty(media_root: Path) -> bool:
    return not media_root.exists() or not any(media_root.iterdir())


def backup_restore(*, db: dict, dump: Path, media_root: Path, force: bool = False) -> RestoreResult:
    """Restore `dump` into `db` (and its media tar into `media_root`), all or nothing.

    A database that already has tables, or a MEDIA_ROOT that already has files, is
    refused unless `force`: then the dump's objects are dropped and recreated
    (`--clean`) and media files are overwritten."""
    require_postgres(db)
    dump, media_root = Path(dump), Path(media_root)
    if not dump.is_file():
        raise BackupError(f"No backup file at {dump}.")
    listing = subprocess.run(
        [_tool("pg_restore"), "--list", str(dump)], capture_output=True, text=True
    )
    if listing.returncode != 0:
        raise BackupError(f"{dump} is not a pg_dump custom-format file: {listing.stderr.strip()}")
    notes = version_notes("pg_restore", db)
    media = media_path_for(dump)

    if not force:
        tables = user_tables(db)
        if tables:
            raise BackupError(
                f"Database {db['NAME']!r} is not empty ({len(tables)} tables, e.g. "
                f"{tables[0]}). Restore into a new, empty database, or set FORCE=1 "
                f"(--force) to replace what is there."
            )
        if media.is_file() and not _media_is_empty(media_root):
            raise BackupError(
                f"MEDIA_ROOT ({media_root}) already holds files. Point DJANGO_MEDIA_ROOT at "
                f"an empty directory, or set FORCE=1 (--force) to overwrite them."
            )

    command = [
        _tool("pg_restore"),
        "--no-password",
        "--exit-on-error",
        "--single-transaction",
        # The restoring role owns what it creates: the dump's roles may not exist here.
        "--no-owner",
        "--no-privileges",
        f"--dbname={db['NAME']}",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    result = subprocess.run([*command, str(dump)], env=_pg_env(db), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")

    restored_media = False
    if media.is_file():
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as tar:
            # The "data" filter refuses absolute paths, links out of the tree and devices.
            tar.extractall(media_root, filter="data")
        restored_media = True
    else:
        notes.append(f"No media archive beside the dump ({media.name}): media not restored.")
    return RestoreResult(database=db["NAME"], media_restored=restored_media, notes=notes)
