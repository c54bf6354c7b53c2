import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    # Mail and pages are checked in French and Spanish; `make` compiles the catalogues
    # too, but a bare `pytest accounts` must not depend on it.
    call_command(
        "compilemessages",
        locale=["fr", "es"],
        ignore_patterns=[".venv/*", "node_modules/*"],
        verbosity=0,
    )
