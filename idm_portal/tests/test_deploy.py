import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7#kq2!vLr9@pZ4m$Tn8wQe1&Hs6^Yb3*Uc5%Jd0(Gf7)Ai2-Ro9+Xl4=Ek8~Wz",
    "DJANGO_ALLOWED_HOSTS": "idm.example.org",
}


def _environment_without_test_switches():
    # The browser tests allow sync ORM calls next to Playwright's event loop.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**_environment_without_test_switches(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""})

    assert result.returncode == 1
    assert "Set DJANGO_SECRET_KEY" in result.stderr
