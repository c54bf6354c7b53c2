import time

import factory
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from accounts.models import User
from accounts.services import secretariat_group_get_or_create

TEST_PASSWORD = "a-test-password-123"


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now for this secret (RFC 6238, 30 s)."""
    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


class EnrolledUserFactory(UserFactory):
    """A user of a role that must use a second factor, enrolled as in real life.

    Pass totp=False for one who has not enrolled yet."""

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class SecretariatUserFactory(EnrolledUserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(secretariat_group_get_or_create())
