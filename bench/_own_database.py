"""What each benchmark with a database of its own does around its figures: create the
database on the local PostgreSQL, run the benchmark's `run()` in a fresh process against
it (no broker, no object store: tasks inline, files local), and drop it whatever happens.
"""

import os
import subprocess
import sys
from pathlib import Path

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def administer(*statements: str) -> None:
    import psycopg2

    # Not `with connection:`, which would wrap the statements in a transaction:
    # CREATE/DROP DATABASE cannot run in one.
    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def run_in_own_database(
    *, module: str, database: str, settings: dict[str, str], timeout: float | None = None
) -> None:
    """Runs `module.run()` in a child process whose settings are `settings`, on `database`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "AWS_STORAGE_BUCKET_NAME"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="idm_portal.settings",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"{SERVER}/{database}",
        **settings,
    )
    administer(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}")
    try:
        subprocess.run(
            [sys.executable, "-c", f"import {module} as b; b.run()"],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            timeout=timeout,
        )
    finally:
        administer(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
