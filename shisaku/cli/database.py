"""Database preparation shared by every command that needs it."""

from __future__ import annotations

import pkgutil
from importlib.util import find_spec

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def ensure_migrated() -> None:
    """Apply any unapplied migrations, so that a new database works at once.

    A database that records every migration file of every app as applied (every run but the
    first) is told so by one query, without loading the migrations (some fifty modules);
    any other is left to Django's plan."""
    if _every_file_applied():
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def _every_file_applied() -> bool:
    """Return whether the database records every app's migration files as applied."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    return migration_files() <= set(recorder.applied_migrations())


def migration_files() -> set[tuple[str, str]]:
    """Return every migration of every app as (app label, name), read off the names of the
    files in its migrations package as Django's loader finds them, none imported."""
    found: set[tuple[str, str]] = set()
    for app in apps.get_app_configs():
        module, _ = MigrationLoader.migrations_module(app.label)
        spec = find_spec(module) if module else None
        places = spec.submodule_search_locations if spec else None
        if places:
            found |= {
                (app.label, name)
                for _, name, is_package in pkgutil.iter_modules(places)
                if not is_package and name[0] not in "_~"
            }
    return found
