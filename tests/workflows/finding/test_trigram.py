"""On PostgreSQL a Chinese fragment of a name is found through the names with each character
doubled (finding.filters.named, the migration's finding_doubled and its trigram index): it
finds exactly the people a plain substring match finds, through the index."""

import pytest
from django.db import connection

from tests.factories import InsuredPersonFactory
from workflows.finding.filters import named
from workflows.registry.models import InsuredPerson

NAMES = ["张明芳", "明明芳", "欧阳明芳", "芳明", "王%芳", "李_明", "明"]


@pytest.fixture
def people(world):
    for name in NAMES:
        InsuredPersonFactory(name=name)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "fragment", ["明芳", "明明", "明明芳", "芳明", "%芳", "_明", "欧阳明芳", "芳"]
)
def test_a_doubled_fragment_finds_exactly_the_names_that_hold_it(people, fragment):
    plain = set(InsuredPerson.objects.filter(name__contains=fragment).values_list("pk", flat=True))
    assert set(named(fragment).values_list("pk", flat=True)) == plain


@pytest.mark.postgres
def test_a_two_character_fragment_is_looked_up_in_the_index(people):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "finding_person_name_doubled_trgm" in named("明芳").explain()
