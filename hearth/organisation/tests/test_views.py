import pytest
from django.test import Client

from hearth.organisation.models import Role
from hearth.organisation.tests.factories import TeamMembershipFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def test_administrator_sees_teams_and_workers():
    membership = TeamMembershipFactory.create(is_manager=True, worker__last_name="Manager")
    client = Client()
    client.force_login(WorkerFactory.create(role=Role.ADMINISTRATOR))
    page = client.get("/organisation/").content.decode()
    assert membership.team.name in page
    assert "(manager)" in page


def test_other_workers_are_refused():
    client = Client()
    client.force_login(WorkerFactory.create(is_superuser=True))
    assert client.get("/organisation/").status_code == 403
