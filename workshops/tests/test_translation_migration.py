"""The migration that adds the language columns keeps the existing texts as the
English originals."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workshops", "0005_history_protects_its_meeting")]
AFTER = [("workshops", "0006_translated_content")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_become_the_english_originals():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    year = old.get_model("workshops", "DialogueYear").objects.create(
        year=2010, overarching_theme="Migration and social change", description=""
    )
    old.get_model("workshops", "Meeting").objects.create(
        dialogue_year=year,
        title="Migration and transnationalism",
        venue="Geneva",
        description="The first workshop.",
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 10),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    meeting = new.get_model("workshops", "Meeting").objects.get()
    year = new.get_model("workshops", "DialogueYear").objects.get()

    assert (meeting.title_en, meeting.venue_en, meeting.description_en) == (
        "Migration and transnationalism",
        "Geneva",
        "The first workshop.",
    )
    assert (meeting.title_fr, meeting.title_es, meeting.venue_fr) == (None, None, None)
    assert (year.overarching_theme_en, year.overarching_theme_fr) == (
        "Migration and social change",
        None,
    )
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
