# The account history is append-only in the database too, as every history is.

from django.db import migrations

from common.history import MakeAppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_invitations_history_language"),
    ]

    operations = [
        MakeAppendOnly("accountevent"),
    ]
