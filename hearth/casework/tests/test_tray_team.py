"""The work tray and the team view: looked-after duties, and statutory visits as the child seen."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.casework import services as casework
from hearth.casework.selectors import Principle, five_principles
from hearth.casework.tests.factories import front_door_worker
from hearth.lookedafter import services
from hearth.lookedafter.tests.factories import (
    TeamFactory,
    allocated_child,
    bring_into_care,
    team_worker,
)
from hearth.organisation.models import Team, Worker
from hearth.people.models import Person

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday


@pytest.fixture
def on_22_november(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages work out today's date themselves: make it Sunday 22 November 2026."""
    real = timezone.localdate

    def localdate(value: dt.datetime | None = None, tz: dt.tzinfo | None = None) -> dt.date:
        return TODAY if value is None else real(value, tz)

    monkeypatch.setattr(timezone, "localdate", localdate)


def _manager(team: Team) -> Worker:
    manager = team_worker(team)
    manager.memberships.update(is_manager=True)
    return manager


@pytest.fixture
def tray_world() -> tuple[Worker, Worker, Person, Person]:
    """A worker with one child long in care (duties overdue) and one just in care (due soon)."""
    team = TeamFactory.create()
    worker = team_worker(team)
    manager = _manager(team)
    overdue = allocated_child(worker, given_name="Zainab", family_name="Yusuf")
    due = allocated_child(worker, given_name="Ade", family_name="Adams")
    # Tuesday 1 September 2026: the care plan is due 10 working days later, 15 September.
    bring_into_care(worker, overdue, D(2026, 9, 1))
    # Friday 20 November 2026: the placement plan is due 5 working days later, 27 November,
    # within 5 working days of Sunday 22 November, so due soon.
    bring_into_care(worker, due, D(2026, 11, 20))
    return worker, manager, overdue, due


def _duty_rows(page: str) -> list[tuple[str, str]]:
    """(duty key, row HTML) for each row of the duties table, in page order."""
    table = page.split('<table class="govuk-table" data-duties>', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr class="govuk-table__row" data-duty="([^"]+)">(.*?)</tr>', table, re.S)


def _check_duties(page: str, overdue: Person, due: Person) -> None:
    rows = _duty_rows(page)
    care_plan = next(html for key, html in rows if key == "care_plan" and overdue.full_name in html)
    assert f'href="{reverse("lookedafter:child", args=[overdue.pk])}"' in care_plan
    assert "15 September 2026" in care_plan and "Overdue" in care_plan
    placement_plan = next(
        html for key, html in rows if key == "placement_plan" and due.full_name in html
    )
    assert "27 November 2026" in placement_plan and "Due" in placement_plan
    # Overdue first, though the child with duties due soon comes first by name.
    statuses = ["Overdue" in html for _, html in rows]
    assert statuses == sorted(statuses, reverse=True)
    assert statuses[0] and not statuses[-1]


def test_the_work_tray_shows_looked_after_duties_overdue_first(
    client: Client, on_22_november: None, tray_world: tuple[Worker, Worker, Person, Person]
) -> None:
    worker, _, overdue, due = tray_world
    client.force_login(worker)
    page = client.get("/casework/tray/").content.decode()
    assert "Looked-after and care-leaver duties" in page
    _check_duties(page, overdue, due)


def test_the_team_view_shows_the_teams_looked_after_duties(
    client: Client, on_22_november: None, tray_world: tuple[Worker, Worker, Person, Person]
) -> None:
    _, manager, overdue, due = tray_world
    client.force_login(manager)
    page = client.get("/casework/team/").content.decode()
    _check_duties(page, overdue, due)


def test_a_worker_with_no_looked_after_children_is_told_so(
    client: Client, on_22_november: None
) -> None:
    worker = team_worker()
    client.force_login(worker)
    page = client.get("/casework/tray/").content.decode()
    assert "No looked-after or care-leaver duties overdue" in page
    assert "data-duty=" not in page


@pytest.fixture
def seen_world() -> tuple[Worker, Worker, Person, Person]:
    """Two looked-after children with open cases referred on Friday 28 August 2026, each
    visited on Monday 16 November 2026: one seen, one not."""
    team = TeamFactory.create()
    worker = team_worker(team)
    manager = _manager(team)
    front_door = front_door_worker()
    seen = allocated_child(worker, given_name="Seen", family_name="Child")
    unseen = allocated_child(worker, given_name="Unseen", family_name="Child")
    for child, was_seen in ((seen, True), (unseen, False)):
        casework.cin_episode_open(
            actor=front_door,
            child=child,
            referral_date=D(2026, 8, 28),
            referral_source="2A",
            primary_need_code="N1",
            reason="Referral",
        )
        period = bring_into_care(worker, child, D(2026, 9, 1))
        services.visit_record(
            actor=worker,
            period=period,
            visited_on=D(2026, 11, 16),
            seen=was_seen,
            seen_alone=False,
            reason="Statutory visit",
        )
    return worker, manager, seen, unseen


def test_a_statutory_visit_with_the_child_seen_counts_as_the_child_seen(
    seen_world: tuple[Worker, Worker, Person, Person],
) -> None:
    worker, _, seen, unseen = seen_world
    by_child = {
        child: {p.principle: p for p in five_principles(worker, child.pk, today=TODAY)}
        for child in (seen, unseen)
    }
    # Seen on 16 November 2026: next due 20 working days later, Monday 14 December 2026.
    got = by_child[seen][Principle.CHILD_SEEN]
    assert (got.state, got.due_on) == ("in_time", D(2026, 12, 14))
    assert got.detail.startswith("Last seen 16 November 2026")
    # Not seen since the referral on 28 August: due 28 September 2026, long overdue.
    got = by_child[unseen][Principle.CHILD_SEEN]
    assert (got.state, got.due_on) == ("overdue", D(2026, 9, 28))


def test_the_team_view_does_not_list_a_child_seen_on_a_statutory_visit_as_not_seen(
    client: Client, on_22_november: None, seen_world: tuple[Worker, Worker, Person, Person]
) -> None:
    _, manager, seen, unseen = seen_world
    client.force_login(manager)
    page = client.get("/casework/team/").content.decode()
    not_seen = page.split("Children not seen within the standard", 1)[1].split("<h2", 1)[0]
    assert unseen.full_name in not_seen
    assert seen.full_name not in not_seen


def _requests_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_tray_and_team_view_cost_the_same_queries_for_2_and_for_20_children(
    client: Client, on_22_november: None
) -> None:
    team = TeamFactory.create()
    worker = team_worker(team)
    manager = _manager(team)

    def more_children(count: int) -> None:
        for n in range(count):
            child = allocated_child(worker)
            bring_into_care(worker, child, D(2026, 9, 1) + dt.timedelta(days=3 * n))

    more_children(2)
    counts = {}
    for who, url in ((worker, "/casework/tray/"), (manager, "/casework/team/")):
        client.force_login(who)
        client.get(url)  # the first request loads the working-day calendar and the session
        counts[url] = _requests_queries(client, url)
    more_children(18)
    for who, url in ((worker, "/casework/tray/"), (manager, "/casework/team/")):
        client.force_login(who)
        client.get(url)
        page = client.get(url).content.decode()
        assert page.count("data-duty=") > 20
        assert _requests_queries(client, url) == counts[url], url
