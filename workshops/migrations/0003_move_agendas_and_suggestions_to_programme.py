# Agendas, sessions, their people and speaker suggestions move to the programme app.
# Only Django's state changes: the tables stay as they are (programme's models keep
# their db_table), so every row of an existing database is kept.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0002_agendas_documents_suggestions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='session',
                    name='agenda',
                ),
                migrations.RemoveField(
                    model_name='session',
                    name='people',
                ),
                migrations.RemoveField(
                    model_name='sessionperson',
                    name='session',
                ),
                migrations.RemoveField(
                    model_name='sessionperson',
                    name='registration',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='member_state',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='suggestion',
                    name='submitted_by',
                ),
                migrations.DeleteModel(
                    name='Agenda',
                ),
                migrations.DeleteModel(
                    name='Session',
                ),
                migrations.DeleteModel(
                    name='SessionPerson',
                ),
                migrations.DeleteModel(
                    name='Suggestion',
                ),
            ],
            database_operations=[],
        ),
    ]
