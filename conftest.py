"""Test-session set-up shared by the unit tests (tandem/) and the browser tests (tests/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each run its own PostgreSQL test database, so two runs at once do not collide."""
    from django.conf import settings
    from pytest_django.fixtures import _set_suffix_to_test_databases

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        _set_suffix_to_test_databases(suffix=f"run{os.getpid()}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """After the run, end any session a server thread left open, so the test database can be
    dropped (PostgreSQL refuses to drop a database someone is connected to)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
