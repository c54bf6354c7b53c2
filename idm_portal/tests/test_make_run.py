"""`make run` says what each step does before doing it, so a first install is never silent."""

import shutil
import subprocess

import pytest

from .test_deploy import BASE_DIR

# Bookkeeping and the sub-make that announces itself: no step of their own.
QUIET = ("echo ", "touch ", "make ")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_every_step_of_make_run_is_announced(tmp_path):
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()

    unannounced = [
        line
        for previous, line in zip(["echo"] + dry_run, dry_run, strict=False)
        if not line.startswith(QUIET) and not previous.startswith("echo ")
    ]
    steps = [line for line in dry_run if line.startswith('echo "==> ')]

    assert unannounced == []
    assert steps
    assert dry_run[-1].endswith("manage.py runserver 127.0.0.1:8000")
