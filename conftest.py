"""Fixtures shared by every app's tests: users of each role and a headless browser."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session", autouse=True)
def flushing_a_test_database_empties_its_histories():
    """Lets Django empty the test database after a transactional test, histories included.

    The database refuses to delete history rows and votes (idm_portal.history,
    themes migration 0004): only this flush, the test runner's own, sets every
    trigger aside for the length of its transaction.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT DISTINCT event_object_table FROM information_schema.triggers"
                    " WHERE trigger_schema = current_schema()"
                )
                tables = [row[0] for row in cursor.fetchall()]
                before = [f"ALTER TABLE {table} DISABLE TRIGGER USER" for table in tables]
                after = [f"ALTER TABLE {table} ENABLE TRIGGER USER" for table in tables]
            else:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                triggers = cursor.fetchall()
                before = [f"DROP TRIGGER {name}" for name, _sql in triggers]
                after = [sql for _name, sql in triggers]
        original(self, [*before, *sql_list, *after])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores its files in a folder of its own, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def password():
    from accounts.tests.factories import TEST_PASSWORD

    return TEST_PASSWORD


@pytest.fixture
def secretariat_user(db):
    from accounts.tests.factories import SecretariatUserFactory

    return SecretariatUserFactory()


@pytest.fixture
def focal_point(db):
    from accounts.tests.factories import FocalPointFactory

    return FocalPointFactory()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the live server's
    # ORM calls happen in another thread, the test's own in this one.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def log_in(live_server, password):
    """log_in(page, user) fills the login form as a person would."""

    def _log_in(page, user, password=password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")

    return _log_in
