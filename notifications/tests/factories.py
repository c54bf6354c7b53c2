import factory

from notifications.models import Kind, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    kind = Kind.CONSULTATION_OPEN
    address = factory.Sequence(lambda n: f"recipient{n}@example.org")
    language = "en"
    subject = factory.Sequence(lambda n: f"Subject {n}")
    body_text = "Hello."
    body_html = "<p>Hello.</p>"
