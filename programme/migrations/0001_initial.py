# The programme app takes over the agenda and speaker-suggestion tables of the
# workshops app as they are (db_table), so its initial migration only tells Django's
# state; the content types move too, so that permissions given to groups stay.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = {"agenda": "agenda", "session": "session", "sessionperson": "sessionperson",
         "suggestion": "speakersuggestion"}


def _move(apps, pairs):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for (old_app, old_model), (new_app, new_model) in pairs:
        if ContentType.objects.filter(app_label=new_app, model=new_model).exists():
            continue
        moved = ContentType.objects.filter(app_label=old_app, model=old_model).first()
        if moved is None:
            continue
        moved.app_label, moved.model = new_app, new_model
        moved.save(update_fields=["app_label", "model"])
        for permission in Permission.objects.filter(content_type=moved):
            permission.codename = permission.codename.replace(f"_{old_model}", f"_{new_model}")
            permission.save(update_fields=["codename"])


def content_types_move(apps, schema_editor):
    _move(apps, [(("workshops", old), ("programme", new)) for old, new in MOVED.items()])


def content_types_move_back(apps, schema_editor):
    _move(apps, [(("programme", new), ("workshops", old)) for old, new in MOVED.items()])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('participants', '0002_history_proposals_imports'),
        ('workshops', '0003_move_agendas_and_suggestions_to_programme'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Agenda',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=16, verbose_name='status')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='agenda', to='workshops.meeting', verbose_name='meeting')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by')),
                    ],
                    options={
                        'verbose_name': 'agenda',
                        'verbose_name_plural': 'agendas',
                        'db_table': 'workshops_agenda',
                    },
                ),
                migrations.CreateModel(
                    name='Session',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='starts at')),
                        ('ends_at', models.DateTimeField(verbose_name='ends at')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('note', models.TextField(blank=True, help_text='Shown under the session: questions, format, room.', verbose_name='note')),
                        ('agenda', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='programme.agenda', verbose_name='agenda')),
                    ],
                    options={
                        'verbose_name': 'session',
                        'verbose_name_plural': 'sessions',
                        'db_table': 'workshops_session',
                        'ordering': ['starts_at', 'ends_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SessionPerson',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('chair', 'Chair'), ('moderator', 'Moderator'), ('speaker', 'Speaker')], max_length=16, verbose_name='role')),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='participants.registration', verbose_name='participant')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='session_people', to='programme.session', verbose_name='session')),
                    ],
                    options={
                        'verbose_name': 'session chair, moderator or speaker',
                        'verbose_name_plural': 'session chairs, moderators and speakers',
                        'db_table': 'workshops_sessionperson',
                        'ordering': ['registration__participant__last_name', 'registration__participant__first_name'],
                    },
                ),
                migrations.AddField(
                    model_name='session',
                    name='people',
                    field=models.ManyToManyField(related_name='agenda_sessions', through='programme.SessionPerson', to='participants.registration', verbose_name='chairs, moderators and speakers'),
                ),
                migrations.CreateModel(
                    name='SpeakerSuggestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('speaker', 'Speaker'), ('case_study', 'Case study')], max_length=16, verbose_name='kind')),
                        ('speaker_name', models.CharField(blank=True, max_length=255, verbose_name='name')),
                        ('speaker_function', models.CharField(blank=True, max_length=255, verbose_name='function')),
                        ('speaker_organization', models.CharField(blank=True, max_length=255, verbose_name='organization')),
                        ('speaker_reason', models.TextField(blank=True, verbose_name='why this speaker')),
                        ('case_title', models.CharField(blank=True, max_length=255, verbose_name='title')),
                        ('case_place', models.CharField(blank=True, max_length=255, verbose_name='country or region')),
                        ('case_summary', models.TextField(blank=True, verbose_name='summary')),
                        ('status', models.CharField(choices=[('submitted', 'Submitted'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('used', 'Used')], default='submitted', max_length=16, verbose_name='status')),
                        ('review_note', models.TextField(blank=True, help_text='The suggesting state sees this note.', verbose_name='note to the member state')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted at')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='speaker_suggestions', to='workshops.meeting', verbose_name='meeting')),
                        ('member_state', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='speaker_suggestions', to='participants.memberstate', verbose_name='member state')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                    ],
                    options={
                        'verbose_name': 'speaker or case-study suggestion',
                        'verbose_name_plural': 'speaker and case-study suggestions',
                        'db_table': 'workshops_suggestion',
                        'ordering': ['-submitted_at', '-pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='agenda',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('published_at__isnull', False), _connector='OR'), name='published_agenda_has_a_publication_time'),
                ),
                migrations.AddConstraint(
                    model_name='sessionperson',
                    constraint=models.UniqueConstraint(fields=('session', 'registration'), name='one_role_per_person_per_session', violation_error_message='A person has one role in a session.'),
                ),
                migrations.AddConstraint(
                    model_name='session',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='session_ends_after_it_starts', violation_error_message='A session must end after it starts.'),
                ),
                migrations.AddIndex(
                    model_name='speakersuggestion',
                    index=models.Index(fields=['member_state', '-submitted_at'], name='workshops_s_member__9b620c_idx'),
                ),
                migrations.AddConstraint(
                    model_name='speakersuggestion',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'speaker'), models.Q(('speaker_name', ''), _negated=True), models.Q(('speaker_reason', ''), _negated=True), ('case_place', ''), ('case_summary', ''), ('case_title', '')), models.Q(('kind', 'case_study'), models.Q(('case_title', ''), _negated=True), models.Q(('case_summary', ''), _negated=True), ('speaker_function', ''), ('speaker_name', ''), ('speaker_organization', ''), ('speaker_reason', '')), _connector='OR'), name='suggestion_fields_match_its_kind', violation_error_message='A speaker has a name and a reason; a case study has a title and a summary.'),
                ),
                migrations.AddConstraint(
                    model_name='speakersuggestion',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'submitted'), ('reviewed_at__isnull', False), _connector='OR'), name='reviewed_suggestion_has_a_review_time'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_move, content_types_move_back),
    ]
