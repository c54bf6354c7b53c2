"""Fixtures shared by every app's tests: users of each role and a headless browser."""

import os

import pytest

# The `smtp_server` fixture: a real SMTP server on 127.0.0.1 for the e-mail tests.
pytest_plugins = ["notifications.tests.smtp"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    # Pages and mail are checked in French and Spanish; `make` compiles the catalogues
    # too, but a bare `pytest` run must not depend on it.
    from django.core.management import call_command

    call_command(
        "compilemessages",
        locale=["fr", "es"],
        ignore_patterns=[".venv/*", "node_modules/*"],
        verbosity=0,
    )


@pytest.fixture(scope="session", autouse=True)
def flushing_a_test_database_empties_its_histories():
    """Lets Django empty the test database after a transactional test, histories included.

    The database refuses to delete history rows and votes (common.history,
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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production's PBKDF2 costs about a second a password on this hardware; tests
    check who may sign in, not the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Sign-in rate limits and used TOTP codes are counted in the cache: none carry over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    from accounts.tests.factories import TEST_PASSWORD

    return TEST_PASSWORD


@pytest.fixture
def secretariat_user(db):
    from accounts.tests.factories import SecretariatUserFactory

    return SecretariatUserFactory()


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser (behind admin_client), with the second factor the
    portal requires of every staff account."""
    from accounts.tests.factories import EnrolledUserFactory

    return EnrolledUserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def focal_point_factory(db):
    """FocalPointFactory for the tests of apps below participants (a focal point is a
    user tied to a member state, which they may not import)."""
    from participants.tests.factories import FocalPointFactory

    return FocalPointFactory


@pytest.fixture
def focal_point(db):
    from participants.tests.factories import FocalPointFactory

    return FocalPointFactory()


class Mailbox:
    """What the test SMTP server received, as email.message.EmailMessage objects."""

    def __init__(self, server):
        self._server = server

    def __iter__(self):
        return (received.message for received in self._server.messages)

    def __len__(self):
        return len(self._server.messages)

    def __getitem__(self, index):
        return self._server.messages[index].message

    def __eq__(self, other):
        return list(self) == other

    def to(self, address):
        return [m for m in self if address in m["To"]]


@pytest.fixture
def mailbox(smtp_server):
    """The messages of `smtp_server` (notifications/tests/smtp.py), parsed: tests read
    message["Subject"], message.get_body(("plain",)).get_content() and so on."""
    return Mailbox(smtp_server)


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
    """log_in(page, user) fills the login form as a person would, then, for a user with
    an authenticator app (as factories of the secretariat and focal points make them),
    types the app's current code."""

    def _log_in(page, user, password=password):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import decrypt
        from django.core.cache import cache

        from accounts.tests.factories import totp_code

        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if app is not None:
            page.wait_for_url(f"{live_server.url}/accounts/2fa/authenticate/")
            # A code is accepted once; a second log-in of the same user within its
            # 30 seconds may use it again (a test is no replay attack).
            cache.clear()
            page.get_by_label("Code").fill(totp_code(decrypt(app.data["secret"])))
            page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(f"{live_server.url}/")

    return _log_in


@pytest.fixture
def eager_tasks():
    """Tasks run in the test's process even when a broker is configured."""
    from idm_portal.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def interface_language_reset():
    """Each test starts in English. A request's language stays active after it
    (LocaleMiddleware activates it and nothing deactivates it), and translated fields
    read, filter and order in the active language (README, "Translated content")."""
    yield
    from django.utils import translation

    translation.deactivate()
