"""Backups: what `make backup` writes, `make restore` puts back exactly, table by table."""

import uuid
from contextlib import closing
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from outreach.backups import (
    BackupError,
    backup_create,
    backup_restore,
    connect,
    default_backup_path,
    media_path_for,
    require_postgres,
)


def test_a_backup_is_named_by_its_utc_time_in_var_backups():
    path = default_backup_path(Path("var/backups"), datetime(2026, 3, 9, 7, 5, 1, tzinfo=UTC))
    assert path == Path("var/backups/outreach-20260309T070501Z.dump")
    assert media_path_for(path) == Path("var/backups/outreach-20260309T070501Z.media.tar.gz")


def test_it_refuses_sqlite_and_says_to_set_database_url():
    with pytest.raises(BackupError, match="DATABASE_URL"):
        require_postgres({"ENGINE": "django.db.backends.sqlite3", "NAME": "var/x.sqlite3"})


@pytest.mark.parametrize(
    ("tool", "server", "outcome"),
    [(15, 15, "silent"), (17, 15, "note"), (14, 15, "refused")],
)
def test_pg_dump_is_checked_against_the_servers_major_version(monkeypatch, tool, server, outcome):
    from outreach import backups

    monkeypatch.setattr(backups, "tool_major", lambda name: tool)
    monkeypatch.setattr(backups, "server_major", lambda db: server)
    if outcome == "refused":
        with pytest.raises(BackupError, match=f"Install the version {server} client"):
            backups.version_notes("pg_dump", {})
        return
    notes = backups.version_notes("pg_dump", {})
    assert (notes == []) == (outcome == "silent")
    if notes:
        assert f"pg_dump is version {tool} and the server is PostgreSQL {server}" in notes[0]


def test_pg_restore_older_than_the_server_is_a_note_not_a_refusal(monkeypatch):
    from outreach import backups

    monkeypatch.setattr(backups, "tool_major", lambda name: 14)
    monkeypatch.setattr(backups, "server_major", lambda db: 15)
    assert "pg_restore is version 14" in backups.version_notes("pg_restore", {})[0]


# --- PostgreSQL ------------------------------------------------------------------------


def table_fingerprints(db: dict) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every row, per table."""
    fingerprints = {}
    with closing(connect(db)) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f"FROM {table} t"
            )
            fingerprints[table] = cursor.fetchone()
    return fingerprints


def sequence_positions(db: dict) -> dict[str, int | None]:
    with closing(connect(db)) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences")
        return dict(cursor.fetchall())


@pytest.fixture
def fresh_database():
    """An empty database with a unique name beside the test database, dropped after."""
    source = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = connect(source, dbname="postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield {**source, "NAME": name}
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    report_file = tmp_path / "media" / "reports" / "2026" / "impact.pdf"
    report_file.parent.mkdir(parents=True)
    report_file.write_bytes(b"%PDF-1.7 report bytes")
    return Path(settings.MEDIA_ROOT)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_matches_the_source_table_by_table(fresh_database, media_root, tmp_path):
    from programmes.models import Participant, ParticipantIdentity
    from surveys.models import Answer, Response

    call_command("seed_demo", stdout=StringIO())
    # A representative set: the personal and pseudonymous records a backup must keep.
    for model in (Participant, ParticipantIdentity, Response, Answer):
        assert model.objects.exists(), f"seed_demo made no {model.__name__}"
    dump = tmp_path / "backups" / "outreach.dump"

    call_command("backup_db", output=str(dump), stdout=StringIO())
    assert dump.stat().st_mode & 0o077 == 0, "a backup must be readable by its owner only"

    restored_media = tmp_path / "restored-media"
    result = backup_restore(db=fresh_database, dump=dump, media_root=restored_media)

    source, restored = (
        table_fingerprints(connection.settings_dict),
        table_fingerprints(fresh_database),
    )
    assert len(source) > 50
    assert sum(count for count, _ in source.values()) > 500
    assert restored == source
    assert sequence_positions(fresh_database) == sequence_positions(connection.settings_dict)
    assert result.media_restored
    restored_file = restored_media / "reports" / "2026" / "impact.pdf"
    assert restored_file.read_bytes() == (media_root / "reports/2026/impact.pdf").read_bytes()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_tables_unless_forced(
    fresh_database, media_root, tmp_path, lead
):
    dump = tmp_path / "outreach.dump"
    backup_create(db=connection.settings_dict, media_root=media_root, target=dump)
    with closing(connect(fresh_database)) as conn, conn.cursor() as cursor:
        cursor.execute("CREATE TABLE keep_me (id int)")
        cursor.execute("INSERT INTO keep_me VALUES (1)")
        conn.commit()

    with pytest.raises(BackupError, match="not empty"):
        backup_restore(db=fresh_database, dump=dump, media_root=tmp_path / "m")
    assert list(table_fingerprints(fresh_database)) == ["public.keep_me"]

    backup_restore(db=fresh_database, dump=dump, media_root=tmp_path / "m", force=True)
    restored = table_fingerprints(fresh_database)
    assert (
        restored["public.accounts_user"]
        == table_fingerprints(connection.settings_dict)["public.accounts_user"]
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_media_root_that_has_files_unless_forced(
    fresh_database, media_root, tmp_path
):
    dump = tmp_path / "outreach.dump"
    backup_create(db=connection.settings_dict, media_root=media_root, target=dump)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "other.txt").write_text("someone else's file")

    with pytest.raises(BackupError, match="MEDIA_ROOT"):
        backup_restore(db=fresh_database, dump=dump, media_root=occupied)
    assert table_fingerprints(fresh_database) == {}, "nothing restored when refused"


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_restore_command_refuses_the_live_database_without_force(tmp_path):
    dump = tmp_path / "outreach.dump"
    backup_create(db=connection.settings_dict, media_root=tmp_path / "none", target=dump)
    with pytest.raises(CommandError, match="FORCE=1"):
        call_command("restore_db", str(dump))


@pytest.mark.postgres
def test_a_file_that_is_not_a_dump_is_refused(fresh_database, tmp_path):
    bogus = tmp_path / "outreach.dump"
    bogus.write_text("SELECT 1;")
    with pytest.raises(BackupError, match="not a pg_dump custom-format file"):
        backup_restore(db=fresh_database, dump=bogus, media_root=tmp_path / "m")


@pytest.mark.postgres
@pytest.mark.django_db
def test_backup_into_a_folder_writes_a_timestamped_dump_there(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "no-media")
    call_command("backup_db", output=str(tmp_path), stdout=StringIO(), stderr=StringIO())
    (dump,) = tmp_path.glob("outreach-*Z.dump")
    assert len(dump.name) == len("outreach-20260101T000000Z.dump")


@pytest.mark.postgres
def test_a_target_database_that_does_not_exist_is_a_clear_error(tmp_path):
    dump = tmp_path / "outreach.dump"
    dump.write_bytes(b"")
    missing = {**connection.settings_dict, "NAME": f"missing_{uuid.uuid4().hex[:8]}"}
    with pytest.raises(BackupError, match="Could not connect to database 'missing_"):
        backup_create(db=missing, media_root=tmp_path, target=dump)
