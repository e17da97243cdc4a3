"""Writing the demo council to PostgreSQL, refusing to overwrite, and replacing it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from hearth.access.selectors import visible_people
from hearth.casework.models import Allocation
from hearth.demo.models import DemoCouncil
from hearth.demo.selectors import DEMO_PASSWORD, demo_sign_ins
from hearth.demo.services import DemoCouncilError, demo_council_clear, demo_council_create
from hearth.geography.areas import KIRKLEES
from hearth.geography.postcodes import postcode_lookup
from hearth.organisation.models import Role, Team, Worker
from hearth.people.identifiers import validate_identifier
from hearth.people.models import Address, Identifier, Person
from hearth.people.search import search_keys
from hearth.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=False)

TODAY = dt.date(2026, 11, 22)


def _council():
    """What a council holds, without database ids, to compare two runs."""
    people = sorted(
        (p.given_name, p.middle_names, p.family_name, p.date_of_birth, p.ethnicity, p.is_sealed)
        for p in Person.objects.all()
    )
    identifiers = sorted(Identifier.objects.values_list("kind", "value"))
    addresses = sorted(Address.objects.values_list("line_1", "postcode", "started_on"))
    workers = sorted(Worker.objects.values_list("username", "role", "employment_type"))
    return people, identifiers, addresses, workers


@pytest.fixture
def council():
    return demo_council_create(children=50, seed=3, today=TODAY)


def test_a_small_council_is_made(council):
    assert council.children >= 50
    assert Person.objects.count() == council.people
    assert Worker.objects.count() == council.workers
    assert DemoCouncil.objects.get().seed == 3


def test_every_role_has_a_demo_sign_in_that_works(council):
    rows = demo_sign_ins()
    assert [role for role, _, _ in rows] == [role.label for role in Role]
    for _, username, password in rows:
        assert password == DEMO_PASSWORD
        assert Worker.objects.get(username=username).check_password(DEMO_PASSWORD)


def test_the_front_door_team_sees_the_council_and_others_see_allocated_children(council):
    assert Team.objects.get(name="Front Door and MASH").scope == "council"
    social_worker = Worker.objects.get(username="demo.social_worker")
    allocated = Allocation.objects.filter(worker=social_worker, ended_on__isnull=True)
    assert allocated.exists()
    visible = visible_people(social_worker)
    assert set(allocated.values_list("child_id", flat=True)) <= set(
        visible.values_list("id", flat=True)
    )
    assert visible.count() < Person.objects.count()


def test_identifiers_stored_are_valid(council):
    for kind, value in Identifier.objects.values_list("kind", "value"):
        assert validate_identifier(kind, value) == value


def test_children_live_on_real_kirklees_postcodes(council):
    child_ids = Allocation.objects.values_list("child_id", flat=True)
    for postcode in Address.objects.filter(person_id__in=child_ids).values_list(
        "postcode", flat=True
    ):
        info = postcode_lookup(postcode)
        assert info is not None and info.la_code == KIRKLEES


def test_search_keys_and_references_are_stored(council):
    for person in Person.objects.prefetch_related("other_names")[:50]:
        names = [person.full_name] + [
            f"{n.given_name} {n.family_name}".strip() for n in person.other_names.all()
        ]
        assert (person.search_grams, person.search_phonetic) == search_keys(names)
        assert person.reference.startswith("HRT")


def test_demo_rows_carry_history_with_a_reason(council):
    person = Person.objects.order_by("pk").first()
    assert person is not None
    event = person.events.get()  # type: ignore[attr-defined]
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata["reason"] == "Demo council generated (seed 3)"


def test_a_council_is_not_made_over_existing_people(council):
    with pytest.raises(DemoCouncilError, match="--replace"):
        demo_council_create(children=50, seed=3, today=TODAY)


def test_replace_makes_the_same_council_again_from_the_same_seed(council):
    before = _council()
    demo_council_create(children=50, seed=3, today=TODAY, replace=True)
    assert _council() == before
    assert DemoCouncil.objects.count() == 1


def test_replace_refuses_a_database_with_people_the_demo_did_not_make(council):
    PersonFactory()
    with pytest.raises(DemoCouncilError, match="did not make"):
        demo_council_create(children=50, seed=3, today=TODAY, replace=True)
    assert Person.objects.count() == council.people + 1


def test_clear_removes_everything_the_demo_made(council):
    demo_council_clear()
    assert not Person.objects.exists()
    assert not Team.objects.exists()
    assert not Worker.objects.exists()
    assert not Allocation.objects.exists()


def test_the_command_says_what_it_did_and_refuses_a_second_run(capsys):
    call_command("demo_council", children=20, seed=5)
    out = capsys.readouterr().out
    assert "Everyone in it is made up" in out
    assert "demo.social_worker / hearth-demo-password" in out
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_council", children=20, seed=5)
