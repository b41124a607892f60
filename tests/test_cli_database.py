"""ensure_migrated: a database with every migration applied is told so without loading them."""

from __future__ import annotations

from unittest import mock

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from shisaku.cli import database


def test_the_migration_files_are_those_djangos_loader_finds(db):
    assert database.migration_files() == set(MigrationLoader(connection).disk_migrations)


def test_a_migrated_database_is_left_as_it_is_without_djangos_plan(db):
    with mock.patch.object(database, "MigrationExecutor") as executor:
        database.ensure_migrated()
    executor.assert_not_called()


def test_a_migration_not_recorded_leaves_it_to_djangos_plan(db):
    recorder = MigrationRecorder(connection)
    app, name = sorted(database.migration_files())[-1]
    recorder.record_unapplied(app, name)  # undone with the test's transaction
    with (
        mock.patch.object(database, "MigrationExecutor") as executor,
        mock.patch.object(database, "call_command") as migrate,
    ):
        database.ensure_migrated()
    executor.assert_called_once()
    migrate.assert_called_once_with("migrate", verbosity=0, interactive=False)
