# One name for one thing: themes' alternative suggestions are ThemeSuggestion,
# the programme's speaker and case-study suggestions SpeakerSuggestion.

from django.conf import settings
from django.db import migrations


def permissions_rename(apps, schema_editor):
    # The content type is renamed by Django; its permissions keep their codenames.
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="themes", content_type__model="themesuggestion"
    ):
        if permission.codename.endswith("_suggestion"):
            permission.codename = permission.codename.replace("_suggestion", "_themesuggestion")
            permission.save(update_fields=["codename"])


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0002_history_proposals_imports"),
        ("themes", "0003_vote_history_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameModel(old_name="Suggestion", new_name="ThemeSuggestion"),
        migrations.RunPython(permissions_rename, migrations.RunPython.noop),
    ]
